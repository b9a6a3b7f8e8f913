// Command import benchmarks the bulk import of place names into PostGIS:
// N place-name points as a GeoJSON text sequence, loaded three ways into
// fresh databases of one server in the same run:
//
//   - ours: `toponymd import FILE` (parse, validate, reproject, COPY into
//     named_place and place_name, keep the raw file) in one transaction;
//   - ogr2ogr: `ogr2ogr -f PostgreSQL` with PG_USE_COPY=YES into a table
//     of its own;
//   - floor: a raw COPY of the same rows, pre-rendered in COPY text format,
//     into named_place, place_name, place_name_key and pinyin_key (the
//     distinct pinyin keys, all distinct here) in one transaction:
//     the server's own cost of the same rows, with no parsing at all;
//   - bare heaps: the same raw COPY into copies of those four tables that
//     have no index, key or constraint: what writing these rows costs the
//     server before any of the schema's work, a ceiling no loader of this
//     schema can pass on the machine, printed against ogr2ogr.
//
// It prints rows/s of each, the ratios ours/ogr2ogr and ours/floor, and the
// peak RSS of the toponymd process. Targets: ≥ 2× ogr2ogr, ≥ 0.8× floor,
// peak RSS under 200 MB. With -pgdata (the server's data directory, for a
// local server) it also prints the CPU seconds of each loader and of the
// server, and the ratios per CPU second, which a busy machine disturbs far
// less than wall time. Run it with bench/import/run.sh, which builds
// toponymd and starts a throwaway PostgreSQL cluster.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

func main() {
	admin := flag.String("db", os.Getenv("TOPONYM_BENCH_DATABASE_URL"), "admin URL of a PostGIS server (may CREATE DATABASE)")
	rows := flag.Int("rows", 1_000_000, "place-name points to load")
	bin := flag.String("toponymd", "toponymd", "path of the toponymd binary")
	dir := flag.String("dir", os.TempDir(), "directory for the generated files")
	pgdata := flag.String("pgdata", "", "data directory of the server, if local: adds its CPU time")
	flag.Parse()
	if err := run(context.Background(), *admin, *rows, *bin, *dir, postmasterPID(*pgdata)); err != nil {
		fmt.Fprintln(os.Stderr, "bench/import:", err)
		os.Exit(1)
	}
}

// result is one loader's figures.
type result struct {
	name      string
	seconds   float64
	maxRSS    int64   // KiB; 0 if not measured
	clientCPU float64 // CPU seconds of the loader process
	serverCPU float64 // CPU seconds of the PostgreSQL cluster; 0 if not measured
}

func (r result) rate(rows int) float64 { return float64(rows) / r.seconds }

// cpuRate is rows per CPU second, client and server together.
func (r result) cpuRate(rows int) float64 { return float64(rows) / (r.clientCPU + r.serverCPU) }

func run(ctx context.Context, admin string, rows int, bin, dir string, pgPID int) error {
	if admin == "" {
		return fmt.Errorf("give -db or TOPONYM_BENCH_DATABASE_URL")
	}
	files, err := generate(dir, rows)
	if err != nil {
		return err
	}
	fmt.Printf("%d place-name points, %s GeoJSON text sequence (%.0f MB)\n", rows, files.seq,
		float64(files.seqSize)/1e6)
	tpl := "bench_import_tpl"
	if err := prepareTemplate(ctx, admin, bin, tpl); err != nil {
		return err
	}
	var res []result
	for _, step := range []struct {
		name string
		load func(dbURL string) (result, error)
	}{
		{"floor: raw COPY", func(u string) (result, error) { return rawCopy(ctx, u, files, "") }},
		{"bare heaps: raw COPY, no index or constraint", func(u string) (result, error) {
			return rawCopy(ctx, u, files, sqlBareHeaps)
		}},
		{"ogr2ogr -f PostgreSQL (PG_USE_COPY=YES)", func(u string) (result, error) { return ogr2ogr(u, files.seq) }},
		{"toponymd import", func(u string) (result, error) { return ours(u, bin, files.seq) }},
	} {
		u, drop, err := freshDB(ctx, admin, tpl)
		if err != nil {
			return err
		}
		cpu0 := serverCPU(pgPID)
		r, err := step.load(u)
		r.serverCPU = serverCPU(pgPID) - cpu0
		drop()
		if err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
		r.name = step.name
		res = append(res, r)
		fmt.Printf("  %-42s %7.2f s  %9.0f rows/s   CPU %6.2f s client + %6.2f s server\n", r.name, r.seconds,
			r.rate(rows), r.clientCPU, r.serverCPU)
	}
	floor, bare, ogr, top := res[0], res[1], res[2], res[3]
	fmt.Printf("ours / ogr2ogr   = %.2f×  (target ≥ 2)\n", top.rate(rows)/ogr.rate(rows))
	fmt.Printf("ours / raw COPY  = %.2f×  (target ≥ 0.8)\n", top.rate(rows)/floor.rate(rows))
	if pgPID != 0 {
		fmt.Printf("per CPU second (client + server): ours / ogr2ogr = %.2f×, ours / raw COPY = %.2f×\n",
			top.cpuRate(rows)/ogr.cpuRate(rows), top.cpuRate(rows)/floor.cpuRate(rows))
	}
	fmt.Printf("bare heaps / ogr2ogr = %.2f×  (the most any loader of these rows could reach here)\n",
		bare.rate(rows)/ogr.rate(rows))
	fmt.Printf("toponymd peak RSS = %.1f MB  (target < 200 MB)\n", float64(top.maxRSS)/1024)
	return nil
}

// timed runs cmd and returns its wall time and peak RSS.
func timed(cmd *exec.Cmd) (result, error) {
	var out strings.Builder
	cmd.Stderr, cmd.Stdout = &out, &out
	start := time.Now()
	err := cmd.Run()
	r := result{seconds: time.Since(start).Seconds()}
	if err != nil {
		return r, fmt.Errorf("%s: %w\n%s", cmd.Path, err, tail(out.String()))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
		r.clientCPU = seconds(ru.Utime) + seconds(ru.Stime)
	}
	return r, nil
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

func ours(dbURL, bin, seq string) (result, error) {
	return timed(exec.Command(bin, "import", "-db", dbURL, "-legal-class", "8", "-progress", "lines", seq))
}

func ogr2ogr(dbURL, seq string) (result, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return result{}, err
	}
	pg := fmt.Sprintf("PG:host=%s port=%s dbname=%s user=%s", u.Hostname(), u.Port(),
		strings.TrimPrefix(u.Path, "/"), u.User.Username())
	cmd := exec.Command("ogr2ogr", "-f", "PostgreSQL", pg, seq, "-nln", "ogr_place", "-a_srs", "EPSG:4490",
		"-lco", "GEOMETRY_NAME=geom", "-gt", "65536")
	cmd.Env = append(os.Environ(), "PG_USE_COPY=YES")
	return timed(cmd)
}

// sqlBareHeaps makes the tables of the raw COPY, for the rest of the
// transaction, copies of themselves with columns, defaults and NOT NULL
// only.
const sqlBareHeaps = `CREATE SCHEMA bare;
CREATE TABLE bare.named_place (LIKE public.named_place INCLUDING DEFAULTS);
CREATE TABLE bare.place_name (LIKE public.place_name INCLUDING DEFAULTS);
CREATE TABLE bare.place_name_key (LIKE public.place_name_key INCLUDING DEFAULTS);
CREATE TABLE bare.pinyin_key (LIKE public.pinyin_key INCLUDING DEFAULTS);
SET LOCAL search_path = bare, public`

// rawCopy copies the pre-rendered rows into named_place, place_name,
// place_name_key and pinyin_key in one transaction, after running setup
// (if not empty) in it.
func rawCopy(ctx context.Context, dbURL string, f *benchFiles, setup string) (result, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return result{}, err
	}
	defer conn.Close(ctx)
	start, cpu0 := time.Now(), selfCPU()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return result{}, err
	}
	defer tx.Rollback(ctx)
	if setup != "" {
		if _, err := tx.Exec(ctx, setup); err != nil {
			return result{}, err
		}
	}
	for _, c := range []struct{ path, sql string }{{f.places, sqlCopyPlaces}, {f.names, sqlCopyNames},
		{f.keys, sqlCopyNameKeys}, {f.pinyinKeys, sqlCopyPinyinKeys}} {
		fh, err := os.Open(c.path)
		if err != nil {
			return result{}, err
		}
		_, err = conn.PgConn().CopyFrom(ctx, fh, c.sql)
		fh.Close()
		if err != nil {
			return result{}, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return result{}, err
	}
	return result{seconds: time.Since(start).Seconds(), clientCPU: selfCPU() - cpu0}, nil
}

// prepareTemplate creates a migrated template database.
func prepareTemplate(ctx context.Context, admin, bin, tpl string) error {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+tpl)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+tpl); err != nil {
		return err
	}
	u := withDB(admin, tpl)
	c2, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	_, err = c2.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS btree_gist")
	c2.Close(ctx)
	if err != nil {
		return err
	}
	out, err := exec.Command(bin, "migrate", "-db", u).CombinedOutput()
	if err != nil {
		return fmt.Errorf("migrate: %w\n%s", err, out)
	}
	return nil
}

var dbSeq int

// freshDB clones the template into a new database and returns its URL and
// a function that drops it.
func freshDB(ctx context.Context, admin, tpl string) (string, func(), error) {
	dbSeq++
	name := fmt.Sprintf("bench_import_%d_%d", os.Getpid(), dbSeq)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", nil, err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tpl); err != nil {
		conn.Close(ctx)
		return "", nil, err
	}
	return withDB(admin, name), func() {
		_, _ = conn.Exec(ctx, "DROP DATABASE "+name)
		conn.Close(ctx)
	}, nil
}

func withDB(admin, db string) string {
	u, err := url.Parse(admin)
	if err != nil {
		return admin
	}
	u.Path = "/" + db
	return u.String()
}
