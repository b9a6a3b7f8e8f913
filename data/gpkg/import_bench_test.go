package gpkg

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// benchPlaces is the size of the bulk-import benchmarks.
const benchPlaces = 100_000

// genPlace returns the i-th generated place name over 渝湘黔, as the
// ingest reader makes one of a register row: a point, a standard name with
// its pinyin, a category and a containing unit.
func genPlace(i int) *data.NamedPlace {
	return &data.NamedPlace{Kind: data.KindPlaceName, LegalClass: 3, Category: fmt.Sprintf("1%02d", i%100),
		Geometry:   orb.Point{108.5 + float64(i%1000)/1000, 28 + float64(i/1000)/100},
		AdminCodes: []data.Code{"500241109"}, Review: data.ReviewDraft,
		Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: fmt.Sprintf("地名%d", i),
			Pinyin: fmt.Sprintf("Diming %d", i)}}}
}

// genImport returns an import of n generated places, made one at a time
// as they are read.
func genImport(n int) *data.Import {
	in := testImport("generated", data.TargetPlaces, "")
	i := 0
	in.Places = func() (*data.NamedPlace, error) {
		if i == n {
			return nil, io.EOF
		}
		i++
		return genPlace(i), nil
	}
	return in
}

// memPeak samples the live Go heap (runtime/metrics, which does not stop
// the world) and the resident set (SQLite's page cache and its other
// allocations live outside the Go heap) until stop is called, and returns
// the largest samples in MiB.
func memPeak() (stop func() (heap, rss float64)) {
	var heapMax, rssMax uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(sample)
			heapMax = max(heapMax, sample[0].Value.Uint64())
			rssMax = max(rssMax, residentBytes())
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	return func() (float64, float64) {
		close(done)
		wg.Wait()
		return float64(heapMax) / (1 << 20), float64(rssMax) / (1 << 20)
	}
}

// residentBytes returns the process's resident set from /proc, 0 where
// there is none.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}

// BenchmarkImportPlaces imports 100k generated places, with their names
// and search keys, in one transaction; it reports places per second and
// the peak live heap.
func BenchmarkImportPlaces(b *testing.B) {
	n := benchSize()
	b.ReportAllocs()
	var heap, rss float64
	var cpu time.Duration
	rows := 0
	for b.Loop() {
		b.StopTimer()
		s := openTemp(b)
		runtime.GC()
		stop := memPeak()
		cpu0 := cpuTime()
		b.StartTimer()
		res, err := s.Import(context.Background(), genImport(n))
		b.StopTimer()
		cpu += cpuTime() - cpu0
		h, r := stop()
		heap, rss = max(heap, h), max(rss, r)
		if err != nil || res.Stored != n {
			b.Fatalf("stored %d: %v", res.Stored, err)
		}
		rows += tableRows(b, s)
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "places/s")
	b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "places/cpu-s")
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(heap, "peak-heap-MiB")
	b.ReportMetric(rss, "peak-rss-MiB")
}

// tableRows returns the rows an import of places wrote: places, names,
// search keys, variants, trigrams and R-tree entries.
func tableRows(tb testing.TB, s *Store) int {
	tb.Helper()
	total := 0
	for _, t := range []string{"places", "place_names", "gaz_name_keys", "gaz_name_variants", "gaz_name_trigrams",
		"rtree_places_geom"} {
		var n int
		must(tb, s.queryRow(context.Background(), "SELECT count(*) FROM "+t).Scan(&n))
		total += n
	}
	return total
}

// cpuTime returns the user and system CPU time the process has used: on a
// shared machine a steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCreatePlaces is the baseline: the same places stored one
// CreatePlace at a time inside one Atomic.
func BenchmarkCreatePlaces(b *testing.B) {
	n := benchSize()
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s := openTemp(b)
		cpu0 := cpuTime()
		b.StartTimer()
		err := s.Atomic(context.Background(), func(tx data.Store) error {
			for i := 1; i <= n; i++ {
				if err := tx.CreatePlace(context.Background(), genPlace(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "places/s")
	b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "places/cpu-s")
}

// benchSize is the number of places of the import benchmarks:
// $TOPONYM_BENCH_PLACES, or benchPlaces.
func benchSize() int {
	if v, err := strconv.Atoi(os.Getenv("TOPONYM_BENCH_PLACES")); err == nil && v > 0 {
		return v
	}
	return benchPlaces
}
