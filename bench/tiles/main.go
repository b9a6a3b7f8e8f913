// Command tiles is the tile load generator: it serves the API on loopback
// with the PostGIS tile source over the sample data and requests a fixed
// tile list (z6–8 heavy tiles, z10–14 typical ones) at a fixed concurrency
// for a bounded time, uncached, cached and as 304 revalidations, then runs
// the same tiles' SQL straight through pgx at the same concurrency (the
// floor) and prints tiles/s, p50/p95/p99, bytes per tile and the ratios.
//
//	go run ./bench/tiles -db postgres://…/toponym_bench -c 8 -d 5s
//
// The database must have PostGIS; the program migrates it and loads the
// sample if it is not there. It sends traffic to 127.0.0.1 only.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/api"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/sample"
	"github.com/toponym/toponym/tiles"
	"github.com/toponym/toponym/tiles/pgsource"
)

func main() {
	db := flag.String("db", os.Getenv("TOPONYM_DATABASE_URL"), "PostGIS database URL")
	conc := flag.Int("c", 8, "concurrent clients")
	dur := flag.Duration("d", 5*time.Second, "duration of each phase")
	flag.Parse()
	if err := run(*db, *conc, *dur); err != nil {
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

func run(dbURL string, conc int, dur time.Duration) error {
	if dbURL == "" {
		return fmt.Errorf("set -db or TOPONYM_DATABASE_URL to a PostGIS database")
	}
	ctx := context.Background()
	st, err := postgis.Open(ctx, postgis.Config{URL: dbURL, MaxConns: int32(conc + 2), StatementTimeout: time.Minute})
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
	fmt.Printf("tiles: %d (z6–8 heavy, z10–14 typical), concurrency %d, %s per phase, tileset public\n\n", len(list), conc, dur)

	floor := measure(conc, dur, list, func(id tiles.TileID) (int, error) {
		parts := make([][]byte, len(tiles.Catalogue()))
		dest := make([]any, len(parts))
		for i := range parts {
			dest[i] = &parts[i]
		}
		err := st.Pool().QueryRow(ctx, src.SQL(), src.Args(tiles.Public, id)...).Scan(dest...)
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		return n, err
	})
	report("floor: SQL through pgx", floor)

	uncached, err := httpPhase(st, src, tiles.NewCache(0), conc, dur, list, false)
	if err != nil {
		return err
	}
	report("uncached: HTTP, gzip", uncached)

	cache := tiles.NewCache(1 << 30)
	cached, err := httpPhase(st, src, cache, conc, dur, list, false)
	if err != nil {
		return err
	}
	report("cached: HTTP, gzip", cached)

	revalidated, err := httpPhase(st, src, cache, conc, dur, list, true)
	if err != nil {
		return err
	}
	report("304: If-None-Match", revalidated)

	fmt.Printf("\nratios: uncached/floor %.2f (target ≥ 0.85); cached %.0f tiles/s (target ≥ 30000); 304 p99 %s (target < 1 ms)\n",
		uncached.rate()/floor.rate(), cached.rate(), revalidated.pct(0.99))
	return nil
}

// result is one phase's outcome.
type result struct {
	n       int
	bytes   int64
	elapsed time.Duration
	lat     []time.Duration
	errs    int64
}

func (r result) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
}

func report(name string, r result) {
	per := int64(0)
	if r.n > 0 {
		per = r.bytes / int64(r.n)
	}
	fmt.Printf("%-24s %8.0f tiles/s  p50 %-10s p95 %-10s p99 %-10s %7d bytes/tile  (%d requests, %d errors)\n",
		name, r.rate(), r.pct(0.5).Round(time.Microsecond), r.pct(0.95).Round(time.Microsecond),
		r.pct(0.99).Round(time.Microsecond), per, r.n, r.errs)
}

// measure runs fn over the list round-robin from conc workers for dur.
func measure(conc int, dur time.Duration, list []tiles.TileID, fn func(tiles.TileID) (int, error)) result {
	var (
		mu    sync.Mutex
		all   []time.Duration
		bytes atomic.Int64
		errs  atomic.Int64
		next  atomic.Int64
		wg    sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			for time.Now().Before(deadline) {
				id := list[int(next.Add(1)-1)%len(list)]
				t0 := time.Now()
				n, err := fn(id)
				lat = append(lat, time.Since(t0))
				if err != nil {
					errs.Add(1)
				}
				bytes.Add(int64(n))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(all)
	return result{n: len(all), bytes: bytes.Load(), elapsed: time.Since(start), lat: all, errs: errs.Load()}
}

// httpPhase serves the API on 127.0.0.1 and requests the list; with
// revalidate it sends each tile's ETag and expects 304s.
func httpPhase(st *postgis.Store, src tiles.Source, cache *tiles.Cache, conc int, dur time.Duration,
	list []tiles.TileID, revalidate bool) (result, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	h := api.New(api.Config{Tiles: api.TilesConfig{Source: src, Cache: cache}}, st, slog.New(slog.DiscardHandler))
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/tiles/public/"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, DisableCompression: true}}
	etags := map[tiles.TileID]string{}
	if revalidate {
		for _, id := range list {
			req, _ := http.NewRequest("GET", base+id.String()+".mvt", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			resp, err := client.Do(req)
			if err != nil {
				return result{}, err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			etags[id] = resp.Header.Get("ETag")
		}
	}
	return measure(conc, dur, list, func(id tiles.TileID) (int, error) {
		req, _ := http.NewRequest("GET", base+id.String()+".mvt", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		if revalidate {
			req.Header.Set("If-None-Match", etags[id])
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		n, err := io.Copy(io.Discard, resp.Body)
		want := http.StatusOK
		if revalidate {
			want = http.StatusNotModified
		}
		if err == nil && resp.StatusCode != want {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		return int(n), err
	}), nil
}
