// Command tiles is the tile benchmark: it serves the API on loopback with
// the PostGIS tile source over the sample data and loads it with a fixed
// tile list (z6–8 heavy tiles: polygons, lines and points of whole
// counties; z10–14 typical ones around the sample's tri-junction), in
// phases of a fixed duration at a fixed concurrency:
//
//   - floor: the same tiles' SQL straight through pgx, no HTTP;
//   - uncached: HTTP with the cache off (every request runs the SQL);
//   - cached: HTTP with every tile in the cache;
//   - 304: HTTP revalidation with each tile's ETag, under load, and
//     one request at a time (the latency of a single 304).
//
// HTTP load comes from wrk (Debian's wrk) when it is installed, a separate
// process so that the load generator is not scheduled as the server's
// goroutines are; -client go uses a Go client in this process instead. It
// prints tiles/s, p50/p95/p99 and bytes per response per phase, the CPU
// time per request of the server and of wrk (and the rate that allows on
// idle cores, a figure other load on the machine does not hide), this
// process's garbage collections and bytes allocated per request (the
// server's alone with wrk; with -client go the client's too), then the
// ratios against the targets: uncached ≥ 0.85 × floor (measured in
// alternating rounds), cached ≥ 30 000 tiles/s, a 304 under 1 ms.
//
//	go run ./bench/tiles -db postgres://…/toponym_bench -c 8 -d 10s
//	bench/tiles/run.sh            # with a throwaway PostgreSQL cluster
//
// The database must have PostGIS; the program migrates it and loads the
// sample if it is not there. It sends traffic to 127.0.0.1 only, and each
// phase stops by itself after its duration.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/api"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/sample"
	"github.com/toponym/toponym/tiles"
	"github.com/toponym/toponym/tiles/pgsource"
)

// options are the command's flags.
type options struct {
	db         string
	conc       int
	cachedConc int
	dur        time.Duration
	client     string // wrk, go or auto
	threads    int    // wrk threads
	cpuProf    string // CPU profile of the cached and 304 phases
	tileset    string
	rounds     int
}

func main() {
	var o options
	flag.StringVar(&o.db, "db", os.Getenv("TOPONYM_DATABASE_URL"), "PostGIS database URL")
	flag.IntVar(&o.conc, "c", 8, "concurrent clients (connections) of the floor and the uncached phase")
	flag.IntVar(&o.cachedConc, "cc", 0, "connections of the cached and 304 phases (default -c)")
	flag.DurationVar(&o.dur, "d", 5*time.Second, "duration of each phase")
	flag.StringVar(&o.client, "client", "auto", "HTTP load generator: wrk, go, or auto (wrk if installed)")
	flag.IntVar(&o.threads, "t", 1, "wrk threads")
	flag.StringVar(&o.cpuProf, "cpuprofile", "", "write a CPU profile of the cached and 304 phases to this file")
	flag.StringVar(&o.tileset, "tileset", tiles.Public, "tileset to request")
	flag.IntVar(&o.rounds, "rounds", 3, "alternating rounds of the floor and the uncached phase")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench/tiles:", err)
		os.Exit(1)
	}
}

// tileList is the fixed list: every tile of the sample's extent at z6–8
// (heavy: whole counties and provinces) and 3×3 tiles around the
// tri-junction at z10–14 (typical).
func tileList() []tiles.TileID {
	var out []tiles.TileID
	extent := orb.Bound{Min: orb.Point{108.6, 28.0}, Max: orb.Point{109.9, 29.0}}
	for z := uint32(6); z <= 8; z++ {
		r, _ := tiles.Covering(extent, z, 0)
		for id := range r.All() {
			out = append(out, id)
		}
	}
	tj := orb.Point{109.2702, 28.5035}
	for z := uint32(10); z <= 14; z++ {
		c := tiles.TileAt(tj, z)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				out = append(out, tiles.TileID{Z: z, X: uint32(int(c.X) + dx), Y: uint32(int(c.Y) + dy)})
			}
		}
	}
	return out
}

func run(o options) error {
	if o.db == "" {
		return fmt.Errorf("set -db or TOPONYM_DATABASE_URL to a PostGIS database")
	}
	o.rounds = max(1, o.rounds)
	if o.cachedConc <= 0 {
		o.cachedConc = o.conc
	}
	if o.client == "auto" {
		o.client = "go"
		if _, err := exec.LookPath("wrk"); err == nil {
			o.client = "wrk"
		}
	}
	ctx := context.Background()
	st, err := postgis.Open(ctx, postgis.Config{URL: o.db, MaxConns: int32(o.conc + 2), StatementTimeout: time.Minute})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	if err := sample.Load(ctx, st); err != nil {
		return err
	}
	src, err := pgsource.New(st.Pool(), pgsource.Options{})
	if err != nil {
		return err
	}
	list := tileList()
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("tiles: %d (z6–8 heavy, z10–14 typical), tileset %s, concurrency %d (cached and 304: %d), "+
		"%s per phase, load generator %s\n", len(list), o.tileset, o.conc, o.cachedConc, o.dur, o.client)
	fmt.Printf("load average before: %s\n", load)

	// The floor and the uncached phase alternate in rounds, so that a
	// change in the machine's other load during the run hits both alike.
	b := &bench{o: o, st: st, src: src, list: list}
	// Warm up: every connection prepares the statement, the database reads
	// its pages; not measured.
	measure(o.conc, round(o), list, floorQuery(ctx, st, src, o.tileset))
	var floors, uncacheds []result
	for range o.rounds {
		f := measure(o.conc, round(o), list, floorQuery(ctx, st, src, o.tileset))
		u, err := b.phaseFor(tiles.NewCache(0), false, o.conc, round(o))
		if err != nil {
			return err
		}
		floors, uncacheds = append(floors, f), append(uncacheds, u)
		fmt.Printf("  round %d: floor %.0f tiles/s, uncached %.0f tiles/s, ratio %.2f\n",
			len(floors), f.rate(), u.rate(), u.rate()/f.rate())
	}
	floor, uncached := combine(floors), combine(uncacheds)
	uncached.cpuSelf, uncached.cpuWrk = 0, 0 // PostgreSQL's CPU is not counted: no capacity to show
	report("floor: SQL through pgx", floor)
	report("uncached: HTTP", uncached)

	cache := tiles.NewCache(1 << 30)
	if err := b.warm(cache); err != nil {
		return err
	}
	stop := startProfile(o.cpuProf)
	cached, err := b.phase(cache, false, o.cachedConc)
	if err != nil {
		return err
	}
	report("cached: HTTP", cached)
	loaded, err := b.phase(cache, true, o.cachedConc)
	if err != nil {
		return err
	}
	report("304 under load", loaded)
	stop()
	single, err := b.phase(cache, true, 1)
	if err != nil {
		return err
	}
	report("304 one at a time", single)

	load, _ = os.ReadFile("/proc/loadavg")
	fmt.Printf("load average after: %s\n", load)
	fmt.Printf("ratios: uncached/floor %.2f (target ≥ 0.85); cached %.0f tiles/s, %.0f on idle cores (target ≥ 30000); "+
		"304 p99 %s one at a time, %s under load (target < 1 ms)\n",
		uncached.rate()/floor.rate(), cached.rate(), cached.capacity(runtime.NumCPU()), single.pct(0.99), loaded.pct(0.99))
	return nil
}

// round is the duration of one round of the floor or the uncached phase.
func round(o options) time.Duration { return max(time.Second, o.dur/time.Duration(o.rounds)) }

// floorQuery runs a tile's statement straight through pgx.
func floorQuery(ctx context.Context, st *postgis.Store, src *pgsource.Source, tileset string) func(tiles.TileID) (int, error) {
	n := len(tiles.Catalogue())
	return func(id tiles.TileID) (int, error) {
		parts := make([][]byte, n)
		dest := make([]any, n)
		for i := range parts {
			dest[i] = &parts[i]
		}
		err := st.Pool().QueryRow(ctx, src.SQL(), src.Args(tileset, id)...).Scan(dest...)
		size := 0
		for _, p := range parts {
			size += len(p)
		}
		return size, err
	}
}

// bench holds what the HTTP phases share.
type bench struct {
	o    options
	st   *postgis.Store
	src  tiles.Source
	list []tiles.TileID
}

// serve starts the API on 127.0.0.1 with the cache and returns its base
// URL and a stop function.
func (b *bench) serve(cache *tiles.Cache) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	api.TuneGC() // as toponymd serve does
	h := api.New(api.Config{Tiles: api.TilesConfig{Source: b.src, Cache: cache}}, b.st, slog.New(slog.DiscardHandler))
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// phase runs one HTTP phase of the set duration; with revalidate every
// request carries its tile's ETag and must get a 304.
func (b *bench) phase(cache *tiles.Cache, revalidate bool, conc int) (result, error) {
	return b.phaseFor(cache, revalidate, conc, b.o.dur)
}

// phaseFor runs one HTTP phase for dur.
func (b *bench) phaseFor(cache *tiles.Cache, revalidate bool, conc int, dur time.Duration) (result, error) {
	base, stop, err := b.serve(cache)
	if err != nil {
		return result{}, err
	}
	defer stop()
	reqs, err := b.requests(base, revalidate)
	if err != nil {
		return result{}, err
	}
	gc := readGC()
	var r result
	if b.o.client == "wrk" {
		r, err = runWrk(base, reqs, conc, b.o.threads, dur)
	} else {
		r, err = goClient(base, reqs, conc, dur)
	}
	gc.since(&r)
	return r, err
}
