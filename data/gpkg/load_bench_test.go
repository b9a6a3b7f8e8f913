package gpkg

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/ingest"
)

// writePlaceSeq writes n place-name points over 渝湘黔 as a GeoJSON text
// sequence, one register row per line, as field teams send them.
func writePlaceSeq(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "places.geojsons")
	f, err := os.Create(path)
	must(tb, err)
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%.7f,%.7f]},`+
			`"properties":{"名称":"地名%d","拼音":"Diming %d","类别":"1%02d","legal_class":8,"行政区划代码":"500241"}}`+"\n",
			108.5+float64(i%1000)/1000, 28+float64(i/1000)/100, i, i, i%100)
	}
	must(tb, w.Flush())
	must(tb, f.Close())
	return path
}

// BenchmarkLoadGeoJSONSeq runs the whole bulk import of the API and
// `toponymd import`: ingest.Load reads, checks and converts a GeoJSON
// sequence of 100k place names and the store keeps them in one
// transaction.
func BenchmarkLoadGeoJSONSeq(b *testing.B) {
	n := benchSize()
	path := writePlaceSeq(b, n)
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s := openTemp(b)
		file, err := ingest.OpenFile(path, "places.geojsons")
		must(b, err)
		req := &ingest.LoadRequest{File: file, Target: data.TargetPlaces, MediaType: "application/geo+json-seq"}
		cpu0 := cpuTime()
		b.StartTimer()
		rep, _, err := ingest.Load(context.Background(), s, req)
		b.StopTimer()
		cpu += cpuTime() - cpu0
		if err != nil || rep.Stored != n {
			b.Fatalf("stored %v: %v", rep, err)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "places/s")
	b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "places/cpu-s")
}
