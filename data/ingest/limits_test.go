package ingest

import (
	"io"
	"runtime"
	"strings"
	"testing"
)

// lazyReader yields prefix, then n filler bytes generated on demand, then
// suffix: a 1 GB input that never exists in memory.
type lazyReader struct {
	prefix, filler, suffix string
	n                      int64 // filler bytes left
	pos                    int   // filler bytes written
	delivered              int64
}

func (l *lazyReader) Read(p []byte) (int, error) {
	var n int
	switch {
	case l.prefix != "":
		n = copy(p, l.prefix)
		l.prefix = l.prefix[n:]
	case l.n > 0:
		n = int(min(int64(len(p)), l.n))
		for i := range n {
			p[i] = l.filler[l.pos%len(l.filler)]
			l.pos++
		}
		l.n -= int64(n)
	case l.suffix != "":
		n = copy(p, l.suffix)
		l.suffix = l.suffix[n:]
	default:
		return 0, io.EOF
	}
	l.delivered += int64(n)
	return n, nil
}

const gigabyte = 1 << 30

func TestHugeLineFailsFast(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		prefix string
		filler string
		frag   string
		row    int
	}{
		{"csv line", FormatCSV, "name,lon,lat\n", "a", "longer than the limit", 2},
		{"csv quoted field over many lines", FormatCSV, "name,lon,lat\n\"", "a\n", "longer than the limit", 2},
		{"geojsonseq line", FormatGeoJSONSeq, `{"type":"Feature","properties":{"name":"`, "a", "longer than the limit", 1},
		{"geojson feature", FormatGeoJSON, `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"`,
			"a", "longer than the limit", 1},
		{"geojson header member", FormatGeoJSON, `{"type":"FeatureCollection","name":"`, "a", "longer than the limit", 1},
		{"geojson whitespace", FormatGeoJSON, `{"type":"FeatureCollection","features":[`, " ", "longer than the limit", 1},
		{"gpx text", FormatGPX, `<gpx><wpt lat="28" lon="109"><name>`, "a", "longer than the limit", 1},
		{"gpx attribute", FormatGPX, `<gpx><wpt lat="28" lon="`, "1", "longer than the limit", 1},
		{"gpx elements", FormatGPX, `<gpx>`, "<a>", "nested", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &lazyReader{prefix: tt.prefix, filler: tt.filler, n: gigabyte}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			s, err := NewReader(tt.format, src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = readAll(t, s)
			runtime.ReadMemStats(&after)
			wantInvalid(t, err, tt.row, tt.frag)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%v; read %d bytes, allocated %d bytes", err, src.delivered, alloc)
			if src.delivered > 8*DefaultMaxLineBytes {
				t.Errorf("read %d bytes of the 1 GiB input before failing; want at most %d", src.delivered, 8*DefaultMaxLineBytes)
			}
			if alloc > 32<<20 {
				t.Errorf("allocated %d bytes; want under 32 MiB", alloc)
			}
		})
	}
}

func TestManyRowsFlatMemory(t *testing.T) {
	// 200,000 rows of each format stream through without the heap growing
	// with them; the input is generated lazily.
	const rows = 200_000
	feature := featureJSON(109.2, 28.5, "洪安镇")
	tests := []struct {
		f                      Format
		prefix, filler, suffix string
	}{
		{FormatCSV, "name,lon,lat\n", "洪安镇,109.2,28.5\n", ""},
		{FormatGeoJSONSeq, "", feature + "\n", ""},
		{FormatGeoJSON, fcHeader + feature, ",\n" + feature, "]}"},
		{FormatGPX, "<gpx>", `<wpt lat="28.5" lon="109.2"><name>洪安镇</name></wpt>` + "\n", "</gpx>"},
	}
	for _, tt := range tests {
		t.Run(tt.f.String(), func(t *testing.T) {
			n := int64(rows * len(tt.filler))
			if tt.f == FormatGeoJSON {
				n -= int64(len(tt.filler)) // the prefix holds the first feature
			}
			src := &lazyReader{prefix: tt.prefix, filler: tt.filler, n: n, suffix: tt.suffix}
			s, _ := NewReader(tt.f, src, Options{})
			peak := streamPeakHeap(t, s, rows)
			t.Logf("%d rows, peak heap %d bytes", rows, peak)
			if peak > 32<<20 {
				t.Errorf("heap reached %d bytes while streaming", peak)
			}
		})
	}
}

// streamPeakHeap reads want records from s and returns the largest live
// heap seen, sampled after a GC every 50,000 records.
func streamPeakHeap(t *testing.T, s *Stream, want int) uint64 {
	t.Helper()
	var peak uint64
	var ms runtime.MemStats
	for n := 0; ; n++ {
		_, err := s.Next()
		if err == io.EOF {
			if n != want {
				t.Fatalf("read %d rows, want %d", n, want)
			}
			return peak
		}
		if err != nil {
			t.Fatal(err)
		}
		if n%50_000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
}

func TestRowLimit(t *testing.T) {
	csv := "name,lon,lat\n" + strings.Repeat("a,109,28\n", 5)
	seq := strings.Repeat(featureJSON(109, 28, "a")+"\n", 5)
	fc := fcHeader + strings.Repeat(featureJSON(109, 28, "a")+",", 4) + featureJSON(109, 28, "a") + "]}"
	gpx := "<gpx>" + strings.Repeat(`<wpt lat="28" lon="109"/>`, 5) + "</gpx>"
	for _, tt := range []struct {
		f  Format
		in string
	}{{FormatCSV, csv}, {FormatGeoJSONSeq, seq}, {FormatGeoJSON, fc}, {FormatGPX, gpx}} {
		t.Run(tt.f.String(), func(t *testing.T) {
			s, _ := NewReader(tt.f, strings.NewReader(tt.in), Options{MaxRows: 3, ValidRowsOnly: true})
			recs, err := readAll(t, s)
			if len(recs) != 3 {
				t.Errorf("read %d records before the limit, want 3", len(recs))
			}
			wantInvalid(t, err, 0, "more than 3 rows")
			s, _ = NewReader(tt.f, strings.NewReader(tt.in), Options{MaxRows: 5})
			if recs := mustRead(t, s); len(recs) != 5 {
				t.Errorf("read %d records at the limit, want 5", len(recs))
			}
		})
	}
}
