package ingest

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// readAll reads s to the end and returns its records and the error that
// ended it (nil at io.EOF).
func readAll(tb testing.TB, s *Stream) ([]Record, error) {
	tb.Helper()
	var recs []Record
	for {
		rec, err := s.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			if _, again := s.Next(); !errors.Is(again, err) && again != err {
				tb.Errorf("error is not sticky: first %v, then %v", err, again)
			}
			return recs, err
		}
		recs = append(recs, rec)
		if len(recs) > 1e7 {
			tb.Fatal("runaway stream")
		}
	}
}

// mustRead reads s and fails on any error.
func mustRead(tb testing.TB, s *Stream) []Record {
	tb.Helper()
	recs, err := readAll(tb, s)
	if err != nil {
		tb.Fatalf("read: %v", err)
	}
	return recs
}

// wantInvalid checks that err is a KindInvalid *data.Error whose message
// holds every fragment, at row (if row > 0).
func wantInvalid(tb testing.TB, err error, row int, fragments ...string) *data.Error {
	tb.Helper()
	e := data.AsError(err)
	if e == nil || e.Kind != data.KindInvalid {
		tb.Fatalf("error %v (%T): want a KindInvalid *data.Error", err, err)
	}
	if row > 0 && e.Row != row {
		tb.Errorf("error %q: row %d, want %d", e, e.Row, row)
	}
	for _, f := range fragments {
		if !strings.Contains(e.Error(), f) && !strings.Contains(e.Value, f) && e.Field != f {
			tb.Errorf("error %q (field %q, value %q): want it to mention %q", e, e.Field, e.Value, f)
		}
	}
	return e
}

// planarDegreesToMetres approximates the ground distance between two
// nearby lon/lat points in metres (an equirectangular approximation, good
// to far better than a millimetre at millimetre distances).
func planarDegreesToMetres(a, b orb.Point) float64 {
	const mPerDeg = 6378137 * math.Pi / 180
	dx := (a[0] - b[0]) * mPerDeg * math.Cos(a[1]*math.Pi/180)
	dy := (a[1] - b[1]) * mPerDeg
	return math.Hypot(dx, dy)
}

func nan() float64 { return math.NaN() }

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
