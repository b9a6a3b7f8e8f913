package ingest

import (
	"context"
	"errors"
	"testing"

	"github.com/toponym/toponym/data"
)

// TestLoadRefusesBowTie: a self-crossing (bow-tie) polygon is rejected by
// its row, naming the geometry and the crossing, for places and survey
// records alike; with "valid rows only" the other records load.
func TestLoadRefusesBowTie(t *testing.T) {
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.46]},"properties":{"名称":"洪安","备注":"P1"}}
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[109.27,28.50],[109.28,28.50],[109.27,28.51],[109.28,28.51],[109.27,28.50]]]},"properties":{"名称":"边城","备注":"P2"}}
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[109.27,28.50],[109.28,28.50],[109.28,28.51],[109.27,28.51],[109.27,28.50]]]},"properties":{"名称":"迓驾","备注":"P3"}}
`
	for _, target := range []string{data.TargetPlaces, data.TargetSurvey} {
		t.Run(target, func(t *testing.T) {
			req := func(validOnly bool) *LoadRequest {
				r := &LoadRequest{File: fileOf(t, "f.geojsonl", body), Target: target,
					Places: PlaceDefaults{Kind: data.KindPOI}, Options: Options{ValidRowsOnly: validOnly}}
				if target == data.TargetSurvey {
					r.Survey = &data.Survey{ID: data.NewID(), Team: "勘界一队", CRS: 4490}
				}
				return r
			}
			st := &countingImporter{}
			_, _, err := Load(context.Background(), st, req(false))
			var rej *RejectedError
			if !errors.As(err, &rej) || len(rej.Rows) != 1 {
				t.Fatalf("Load = %v, want one row rejected", err)
			}
			if r := rej.Rows[0]; r.Row != 2 || r.Field != "geometry" || r.Value != "(109.275, 28.505)" {
				t.Errorf("rejected %+v, want row 2, geometry, (109.275, 28.505)", r)
			}
			if st.stored != 0 {
				t.Errorf("%d stored, want none", st.stored)
			}
			st = &countingImporter{}
			if _, _, err := Load(context.Background(), st, req(true)); err != nil || st.stored != 2 {
				t.Errorf("valid rows only: %v, %d stored; want the 2 other rows", err, st.stored)
			}
		})
	}
}
