package ingest

import (
	"errors"
	"io"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// Fuzz targets: no input may panic, hang or exceed the limits; every
// failure is a KindInvalid *data.Error; every record lies in China.
// Seed corpora are in testdata/fuzz/<target>.

// fuzzOptions keeps limits small so the fuzzer reaches them.
var fuzzOptions = []Options{
	{MaxLineBytes: 512, MaxRows: 20, MaxVertices: 50},
	{MaxLineBytes: 4096, MaxRows: 100, ValidRowsOnly: true, MaxErrors: 5},
	{CRS: 4545, ValidRowsOnly: true, MaxLineBytes: 4096},
	{CRS: 4524, Encoding: "gbk", MaxLineBytes: 4096},
}

func fuzzRead(t *testing.T, f Format, in []byte) {
	for _, opts := range fuzzOptions {
		s, err := NewReader(f, bytesReader(in), opts)
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; ; n++ {
			rec, err := s.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				checkFuzzError(t, err)
				break
			}
			checkFuzzRecord(t, rec)
			if n > opts.withDefaults().MaxRows {
				t.Fatalf("read %d records past MaxRows %d", n, opts.MaxRows)
			}
		}
		for _, e := range s.Errors() {
			checkFuzzError(t, e)
		}
	}
}

func checkFuzzError(t *testing.T, err error) {
	t.Helper()
	e := data.AsError(err)
	if e == nil || e.Kind != data.KindInvalid {
		t.Fatalf("error %v (%T) is not a KindInvalid *data.Error", err, err)
	}
	var f fatalError
	if errors.As(err, &f) {
		t.Fatalf("internal fatal marker leaked: %v", err)
	}
}

func checkFuzzRecord(t *testing.T, rec Record) {
	t.Helper()
	if rec.Geometry == nil || rec.Source == nil || rec.Row < 0 || rec.Index < 1 {
		t.Fatalf("incomplete record %+v", rec)
	}
	data.EachPoint(rec.Geometry, func(p orb.Point) {
		if !data.ChinaBound.Contains(p) || math.IsNaN(p[0]) || math.IsNaN(p[1]) {
			t.Fatalf("record at row %d has point %v outside China", rec.Row, p)
		}
	})
}

func FuzzGeoJSON(f *testing.F) {
	f.Add([]byte(fcHeader + featureJSON(109.2, 28.5, "洪安镇") + "]}"))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzRead(t, FormatGeoJSON, in) })
}

func FuzzGeoJSONSeq(f *testing.F) {
	f.Add([]byte("\x1e" + featureJSON(109.2, 28.5, "洪安镇") + "\n"))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzRead(t, FormatGeoJSONSeq, in) })
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte(placesCSV))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzRead(t, FormatCSV, in) })
}

func FuzzGPX(f *testing.F) {
	f.Add([]byte(gpxHead + gpxBody))
	f.Fuzz(func(t *testing.T, in []byte) { fuzzRead(t, FormatGPX, in) })
}

// FuzzSniff checks that Open never panics and picks a format it can read.
func FuzzSniff(f *testing.F) {
	f.Add([]byte(placesCSV), "a.csv")
	f.Fuzz(func(t *testing.T, in []byte, name string) {
		s, err := Open(bytesReader(in), name, Options{MaxLineBytes: 4096, MaxRows: 20})
		if err != nil {
			checkFuzzError(t, err)
			return
		}
		for {
			if _, err := s.Next(); err != nil {
				if err != io.EOF {
					checkFuzzError(t, err)
				}
				return
			}
		}
	})
}
