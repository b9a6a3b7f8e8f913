package ingest

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

const fcHeader = `{"type":"FeatureCollection","name":"places",` + "\n" + `"features":[` + "\n"

func featureJSON(lon, lat float64, name string) string {
	return `{"type":"Feature","geometry":{"type":"Point","coordinates":[` + ftoa(lon) + "," + ftoa(lat) +
		`]},"properties":{"名称":"` + name + `","pinyin":"Hong'an Zhen","category":"110","marker_number":"4350001A","高程":312.5,"time":"2024-05-01T09:30:00+08:00","sigma_m":0.02,"note":{"a":1}}}`
}

func TestGeoJSONFeatureCollection(t *testing.T) {
	in := fcHeader + featureJSON(109.2, 28.5, "洪安镇") + ",\n" + featureJSON(109.3, 28.6, "边城镇") + "\n]}\n"
	recs := mustRead(t, NewGeoJSON(strings.NewReader(in), Options{}))
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	r := recs[1]
	if r.Row != 4 || r.Index != 2 {
		t.Errorf("row %d index %d, want 4 and 2", r.Row, r.Index)
	}
	if r.Geometry != (orb.Point{109.3, 28.6}) || r.SourceCRS != 4326 || r.Datum != DatumWGS84 {
		t.Errorf("geometry %v CRS %d datum %s", r.Geometry, r.SourceCRS, r.Datum)
	}
	a := r.Attrs
	if a.Name != "边城镇" || a.Pinyin != "Hong'an Zhen" || a.Category != "110" || a.MarkerNumber != "4350001A" ||
		a.SigmaM != 0.02 || a.Time.Hour() != 9 || a.Extra["note"] != `{"a":1}` {
		t.Errorf("attrs %+v", a)
	}
	if h, ok := r.Height(); !ok || h != 312.5 {
		t.Errorf("height %v %v, want 312.5", h, ok)
	}
}

func TestGeoJSONGeometries(t *testing.T) {
	tests := []struct {
		name, geom string
		want       orb.Geometry
		z          []float64
	}{
		{"point with height", `{"type":"Point","coordinates":[109.2,28.5,300]}`, orb.Point{109.2, 28.5}, []float64{300}},
		{"line", `{"type":"LineString","coordinates":[[109,28],[109.1,28.1]]}`,
			orb.LineString{{109, 28}, {109.1, 28.1}}, nil},
		{"polygon", `{"type":"Polygon","coordinates":[[[109,28],[109.1,28],[109.1,28.1],[109,28]]]}`,
			orb.Polygon{{{109, 28}, {109.1, 28}, {109.1, 28.1}, {109, 28}}}, nil},
		{"multipolygon partial z", `{"type":"MultiPolygon","coordinates":[[[[109,28,1],[109.1,28],[109.1,28.1],[109,28]]]]}`,
			orb.MultiPolygon{{{{109, 28}, {109.1, 28}, {109.1, 28.1}, {109, 28}}}}, []float64{1, math.NaN(), math.NaN(), math.NaN()}},
		{"collection", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[109,28]},{"type":"MultiPoint","coordinates":[[108,29]]}]}`,
			orb.Collection{orb.Point{109, 28}, orb.MultiPoint{{108, 29}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := fcHeader + `{"type":"Feature","properties":null,"geometry":` + tt.geom + "}]}"
			recs := mustRead(t, NewGeoJSON(strings.NewReader(in), Options{CRS: 4490}))
			if len(recs) != 1 || !orb.Equal(recs[0].Geometry, tt.want) {
				t.Fatalf("got %v, want %v", recs, tt.want)
			}
			if !sameFloats(recs[0].Z, tt.z) {
				t.Errorf("Z %v, want %v", recs[0].Z, tt.z)
			}
		})
	}
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestGeoJSONSingleAndCRS(t *testing.T) {
	single := `{"properties":{"name":"界桩"},"type":"Feature","geometry":{"type":"Point","coordinates":[617489.6489,3154440.6231]},` +
		`"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4545"}}}`
	recs := mustRead(t, NewGeoJSON(strings.NewReader(single), Options{}))
	if len(recs) != 1 || recs[0].SourceCRS != 4545 || recs[0].Attrs.Name != "界桩" {
		t.Fatalf("got %+v", recs)
	}
	p := recs[0].Geometry.(orb.Point)
	if math.Abs(p[0]-109.2) > 1e-8 || math.Abs(p[1]-28.5) > 1e-8 {
		t.Errorf("EPSG:4545 point read as %v, want about (109.2, 28.5)", p)
	}
	_, err := readAll(t, NewGeoJSON(strings.NewReader(single), Options{CRS: 4490}))
	wantInvalid(t, err, 0, "declares EPSG:4545")
}

func TestGeoJSONFailures(t *testing.T) {
	tests := []struct {
		name, in  string
		opts      Options
		row       int
		fragments []string
	}{
		{"truncated inside feature", fcHeader + featureJSON(109.2, 28.5, "a") + ",\n" + featureJSON(109.2, 28.5, "b")[:60],
			Options{}, 4, []string{"truncated", "feature 2", "line 4"}},
		{"truncated after features", fcHeader + featureJSON(109.2, 28.5, "a"), Options{}, 0, []string{"truncated"}},
		{"NaN token", fcHeader + `{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,28]}}]}`,
			Options{}, 3, []string{"NaN and Infinity", "feature 1"}},
		{"Infinity token", fcHeader + `{"type":"Feature","geometry":{"type":"Point","coordinates":[Infinity,28]}}]}`,
			Options{}, 3, []string{"NaN and Infinity"}},
		{"overflow number", fcHeader + `{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,28]}}]}`,
			Options{}, 3, []string{"out of range"}},
		{"outside China", fcHeader + featureJSON(2.35, 48.85, "Paris") + "]}", Options{}, 3, []string{"outside China"}},
		{"swapped", fcHeader + featureJSON(28.5, 109.2, "x") + "]}", Options{}, 3, []string{"swapped", "28.5 109.2"}},
		{"metres as degrees", fcHeader + featureJSON(617489.6, 3154440.6, "x") + "]}", Options{}, 3, []string{"projected metres"}},
		{"zone mismatch", fcHeader + featureJSON(36617489.6489, 3154440.6231, "x") + "]}", Options{CRS: 4545},
			3, []string{"zone prefix 36", "EPSG:4524"}},
		{"wrong zone", fcHeader + featureJSON(720000, 3154440.6231, "x") + "]}", Options{CRS: 4545},
			3, []string{"central meridian", "EPSG:4546"}},
		{"deep nesting", fcHeader + `{"type":"Feature","geometry":{"type":"Point","coordinates":` +
			strings.Repeat("[", 40) + strings.Repeat("]", 40) + "}}]}", Options{}, 3, []string{"nested"}},
		{"null geometry", fcHeader + `{"type":"Feature","geometry":null}]}`, Options{}, 3, []string{"no geometry"}},
		{"open ring", fcHeader + `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[109,28],[109.1,28],[109.1,28.1],[109,28.2]]]}}]}`,
			Options{}, 3, []string{"closed"}},
		{"not an object", `[1,2]`, Options{}, 1, []string{"not a GeoJSON object"}},
		{"trailing data", `{"type":"FeatureCollection","features":[]} {}`, Options{}, 0, []string{"after the GeoJSON"}},
		{"unsupported CRS", fcHeader + featureJSON(109, 28, "a") + "]}", Options{CRS: 2381}, 0, []string{"not supported"}},
		{"bad time", fcHeader + `{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{"时间":"昨天"}}]}`,
			Options{}, 3, []string{"properties.时间"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, NewGeoJSON(strings.NewReader(tt.in), tt.opts))
			wantInvalid(t, err, tt.row, tt.fragments...)
		})
	}
}

func TestGeoJSONValidRowsOnly(t *testing.T) {
	in := fcHeader + featureJSON(109.2, 28.5, "a") + ",\n" + featureJSON(2, 48, "b") + ",\n" +
		`{"type":"Feature","geometry":{"type":"Point","coordinates":["x",1]}}` + ",\n" + featureJSON(109.3, 28.6, "c") + "]}"
	s := NewGeoJSON(strings.NewReader(in), Options{ValidRowsOnly: true})
	recs := mustRead(t, s)
	if len(recs) != 2 || recs[1].Attrs.Name != "c" || recs[1].Index != 4 {
		t.Fatalf("got %d records: %+v", len(recs), recs)
	}
	errs := s.Errors()
	if len(errs) != 2 || s.Rejected() != 2 || errs[0].Row != 4 || errs[1].Row != 5 {
		t.Fatalf("errors %v (rejected %d)", errs, s.Rejected())
	}
	wantInvalid(t, errs[1], 5, "geometry.coordinates")
}
