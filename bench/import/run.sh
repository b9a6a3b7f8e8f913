#!/bin/sh
# Runs the bulk-import benchmark: builds toponymd, starts a throwaway
# PostgreSQL 15 cluster with PostGIS on 127.0.0.1 (removed at exit), and
# runs bench/import against it. Usage: bench/import/run.sh [-rows N]
# (TOPONYMD=/path/to/toponymd skips the build.)
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/toponym-bench.XXXXXX)
chmod 755 "$work"
bin=/usr/lib/postgresql/15/bin
port=${BENCH_PORT:-55432}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
mkdir "$work/data" && chown postgres "$work/data" 2>/dev/null || true
as_pg "$bin/initdb" -D "$work/data" -U postgres --auth=trust >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/data/server.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$work/data -c max_wal_size=4GB -c shared_buffers=256MB -c maintenance_work_mem=256MB" >/dev/null
[ -n "${TOPONYMD:-}" ] && cp "$TOPONYMD" "$work/toponymd" || go build -o "$work/toponymd" ./cmd/toponymd
go run ./bench/import -db "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable" \
  -toponymd "$work/toponymd" -pgdata "$work/data" -dir "${BENCH_DIR:-/tmp}" "$@"
