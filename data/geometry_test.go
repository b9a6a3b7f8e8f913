package data

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// square returns a closed ring around (lon, lat) with half-side d degrees.
func square(lon, lat, d float64) orb.Ring {
	return orb.Ring{{lon - d, lat - d}, {lon + d, lat - d}, {lon + d, lat + d}, {lon - d, lat + d}, {lon - d, lat - d}}
}

// oddGeometry satisfies orb.Geometry through an embedded point but is none
// of orb's own types.
type oddGeometry struct{ orb.Point }

func TestCheckGeometry(t *testing.T) {
	in := orb.Point{109.27, 28.50} // the 湘渝黔 corner
	out := orb.Point{2.35, 48.85}  // Paris
	swapped := orb.Point{28.50, 109.27}
	ring := square(109.2, 28.5, 0.1)
	hole := square(109.2, 28.5, 0.01)
	tests := []struct {
		name    string
		g       orb.Geometry
		wantErr string // "" for valid
	}{
		{"nil", nil, ""},
		{"point", in, ""},
		{"point on China's edge", orb.Point{73, 3}, ""},
		{"point outside China", out, "lies outside China"},
		{"swapped axes", swapped, "lies outside China"},
		{"NaN longitude", orb.Point{math.NaN(), 28.5}, "NaN or infinite"},
		{"infinite latitude", orb.Point{109, math.Inf(1)}, "NaN or infinite"},
		{"multipoint", orb.MultiPoint{in, in}, ""},
		{"multipoint with one outside", orb.MultiPoint{in, out}, "outside China"},
		{"empty multipoint", orb.MultiPoint{}, ""},
		{"line", orb.LineString{in, {109.3, 28.6}}, ""},
		{"one-point line", orb.LineString{in}, "at least 2 points, not 1"},
		{"empty line", orb.LineString{}, "at least 2 points, not 0"},
		{"line through NaN", orb.LineString{in, {math.NaN(), math.NaN()}}, "NaN"},
		{"ring", ring, ""},
		{"three-point ring", orb.Ring{in, {109.3, 28.6}, in}, "at least 4 points, not 3"},
		{"open ring", ring[:4], "end where it begins"},
		{"polygon with hole", orb.Polygon{ring, hole}, ""},
		{"polygon without rings", orb.Polygon{}, "outer ring"},
		{"polygon with an open hole", orb.Polygon{ring, hole[:4]}, "end where it begins"},
		{"polygon outside China", orb.Polygon{square(2.35, 48.85, 0.1)}, "outside China"},
		{"multiline", orb.MultiLineString{{in, {109.3, 28.6}}, {in, {109.1, 28.4}}}, ""},
		{"multiline with a one-point line", orb.MultiLineString{{in, {109.3, 28.6}}, {in}}, "at least 2 points"},
		{"multipolygon", orb.MultiPolygon{{ring}, {square(108.9, 28.3, 0.1)}}, ""},
		{"multipolygon with an empty polygon", orb.MultiPolygon{{ring}, {}}, "outer ring"},
		{"empty multipolygon", orb.MultiPolygon{}, ""},
		{"collection", orb.Collection{in, orb.LineString{in, {109.3, 28.6}}, orb.Polygon{ring}}, ""},
		{"nested collection with a bad part", orb.Collection{in, orb.Collection{orb.LineString{in}}}, "at least 2 points"},
		{"bound", orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{110, 29}}, ""},
		{"bound reaching outside", orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{140, 29}}, "outside China"},
		{"unsupported type", oddGeometry{in}, "unsupported geometry type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckGeometry("geometry", tt.g)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckGeometry = %v, want nil", err)
				}
				return
			}
			e := AsError(err)
			if e == nil || e.Kind != KindInvalid || e.Field != "geometry" || !strings.Contains(e.Message, tt.wantErr) {
				t.Fatalf("CheckGeometry = %#v, want a KindInvalid error on field geometry mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestCheckGeometryNamesTheCoordinate(t *testing.T) {
	e := AsError(CheckGeometry("seat", orb.Point{2.35, 48.85}))
	if e == nil || e.Field != "seat" || e.Value != "(2.35, 48.85)" {
		t.Fatalf("error = %#v, want field seat and value (2.35, 48.85)", e)
	}
}
