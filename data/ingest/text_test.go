package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/toponym/toponym/data"
)

// fileOf writes body to a file named name and returns it as a File to load.
func fileOf(t *testing.T, name, body string) *File {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := OpenFile(path, name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestLoadRefusesWhatNoStoreKeeps: a place name or a survey attribute with
// a NUL (a JSON \u0000) is rejected by row and field before any store sees
// it; with "valid rows only" the other records load.
func TestLoadRefusesWhatNoStoreKeeps(t *testing.T) {
	places := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.46]},"properties":{"名称":"洪安"}}
{"type":"Feature","geometry":{"type":"Point","coordinates":[109.25,28.5]},"properties":{"名称":"边\u0000城"}}
`
	survey := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.46]},"properties":{"备注":"P1"}}
{"type":"Feature","geometry":{"type":"Point","coordinates":[109.25,28.5]},"properties":{"备注":"P\u00002"}}
`
	for _, c := range []struct {
		name, file, body, target, field string
		row                             int
	}{
		{"NUL in a place name", "places.geojsonl", places, data.TargetPlaces, "names[0].text", 2},
		{"NUL in a survey record's attribute", "survey.geojsonl", survey, data.TargetSurvey, "attrs.备注", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := func(validOnly bool) *LoadRequest {
				r := &LoadRequest{File: fileOf(t, c.file, c.body), Target: c.target,
					Places: PlaceDefaults{Kind: data.KindPOI}, Options: Options{ValidRowsOnly: validOnly}}
				if c.target == data.TargetSurvey {
					r.Survey = &data.Survey{ID: data.NewID(), Team: "勘界一队", CRS: 4490}
				}
				return r
			}
			st := &countingImporter{}
			_, _, err := Load(context.Background(), st, req(false))
			var rej *RejectedError
			if !errors.As(err, &rej) || len(rej.Rows) != 1 || rej.Rows[0].Row != c.row || rej.Rows[0].Field != c.field {
				t.Fatalf("Load = %v (%+v), want row %d rejected on %s", err, rej.Rows, c.row, c.field)
			}
			if st.stored != 0 {
				t.Errorf("%d stored, want none", st.stored)
			}
			st = &countingImporter{}
			if _, _, err := Load(context.Background(), st, req(true)); err != nil || st.stored != 1 {
				t.Errorf("valid rows only: %v, %d stored; want the other row", err, st.stored)
			}
		})
	}
}
