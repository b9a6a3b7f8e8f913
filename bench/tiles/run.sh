#!/usr/bin/env bash
# Runs the tile benchmark against a throwaway PostgreSQL 15 + PostGIS
# cluster of its own (a temporary directory, a free loopback port; never
# another cluster), or against $TOPONYM_DATABASE_URL when set. Arguments
# go to the benchmark, e.g. bench/tiles/run.sh -c 8 -d 10s.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || echo "run.sh: no wrk (apt-get install wrk): the Go client in-process is used" >&2
if [ -z "${TOPONYM_DATABASE_URL:-}" ]; then
	pgbin=/usr/lib/postgresql/15/bin
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/toponym-bench-pg.XXXXXX")
	as=()
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$pgdir"
		as=(runuser -u postgres --)
	fi
	stop() {
		"${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true
		rm -rf "$pgdir"
	}
	trap stop EXIT
	"${as[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 ||
		{ cat "$pgdir/initdb.log" >&2; exit 1; }
	for try in 1 2 3 4 5 6 7 8; do
		port=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
		if "${as[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
			-o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=100" \
			start >/dev/null; then
			export TOPONYM_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
			break
		fi
	done
	[ -n "${TOPONYM_DATABASE_URL:-}" ] || { cat "$pgdir/server.log" >&2; exit 1; }
fi
go build -o "${TMPDIR:-/tmp}/toponym-bench-tiles" ./bench/tiles
"${TMPDIR:-/tmp}/toponym-bench-tiles" "$@"
