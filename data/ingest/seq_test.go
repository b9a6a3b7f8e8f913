package ingest

import (
	"strings"
	"testing"
)

func TestGeoJSONSeq(t *testing.T) {
	f1, f2 := featureJSON(109.2, 28.5, "a"), featureJSON(109.3, 28.6, "b")
	for _, tt := range []struct{ name, in string }{
		{"newline-delimited", f1 + "\n\n" + f2 + "\n"},
		{"no final newline, CRLF", f1 + "\r\n" + f2},
		{"RFC 8142", "\x1e" + f1 + "\n\x1e" + f2 + "\n"},
		{"RFC 8142 pretty", "\x1e" + strings.Replace(f1, ",", ",\n", 1) + "\n\x1e" + f2 + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs := mustRead(t, NewGeoJSONSeq(strings.NewReader(tt.in), Options{}))
			if len(recs) != 2 || recs[0].Attrs.Name != "a" || recs[1].Attrs.Name != "b" {
				t.Fatalf("records %+v", recs)
			}
			wantRow := 3
			if strings.Contains(tt.name, "pretty") {
				wantRow = 3
			} else if !strings.Contains(tt.name, "newline-delimited") {
				wantRow = 2
			}
			if recs[1].Row != wantRow {
				t.Errorf("second record on row %d, want %d", recs[1].Row, wantRow)
			}
		})
	}
}

func TestGeoJSONSeqRowErrors(t *testing.T) {
	lines := []string{
		featureJSON(109.2, 28.5, "ok"),
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,28]}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[-Infinity,28]}}`,
		featureJSON(28.5, 109.2, "swapped"),
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]`,
		`[1]`,
		`{"type":"FeatureCollection","features":[]}`,
		featureJSON(109.3, 28.6, "ok too"),
	}
	s := NewGeoJSONSeq(strings.NewReader(strings.Join(lines, "\n")), Options{ValidRowsOnly: true})
	recs := mustRead(t, s)
	if len(recs) != 2 || recs[1].Row != 8 || recs[1].Index != 8 {
		t.Fatalf("records %+v", recs)
	}
	want := []struct {
		row  int
		frag string
	}{{2, "NaN and Infinity"}, {3, "NaN and Infinity"}, {4, "swapped"}, {5, "truncated"}, {6, "GeoJSON object"},
		{7, "FeatureCollection"}}
	errs := s.Errors()
	if len(errs) != len(want) {
		t.Fatalf("errors %v", errs)
	}
	for i, w := range want {
		wantInvalid(t, errs[i], w.row, w.frag)
	}
}
