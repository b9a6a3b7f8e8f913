package geo

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

func TestProjectGeometry(t *testing.T) {
	shift := func(p orb.Point) orb.Point { return orb.Point{p[0] + 1, p[1] * 2} }
	ring := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}
	tests := []struct {
		in, want orb.Geometry
	}{
		{nil, nil},
		{orb.Point{1, 2}, orb.Point{2, 4}},
		{orb.MultiPoint{{1, 2}}, orb.MultiPoint{{2, 4}}},
		{orb.LineString{{1, 2}, {3, 4}}, orb.LineString{{2, 4}, {4, 8}}},
		{orb.LineString(nil), orb.LineString(nil)},
		{ring, orb.Ring{{1, 0}, {2, 0}, {2, 2}, {1, 0}}},
		{orb.MultiLineString{{{1, 2}, {3, 4}}}, orb.MultiLineString{{{2, 4}, {4, 8}}}},
		{orb.Polygon{ring}, orb.Polygon{{{1, 0}, {2, 0}, {2, 2}, {1, 0}}}},
		{orb.MultiPolygon{{ring}}, orb.MultiPolygon{{{{1, 0}, {2, 0}, {2, 2}, {1, 0}}}}},
		{orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}},
			orb.Collection{orb.Point{2, 4}, orb.LineString{{1, 0}, {2, 2}}}},
		{orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}},
			orb.Polygon{{{1, 0}, {2, 0}, {2, 2}, {1, 2}, {1, 0}}}},
	}
	for _, tt := range tests {
		before := clone(tt.in)
		got := ProjectGeometry(tt.in, shift)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ProjectGeometry(%#v) = %#v; want %#v", tt.in, got, tt.want)
		}
		if !reflect.DeepEqual(tt.in, before) {
			t.Errorf("ProjectGeometry modified its input: %#v, was %#v", tt.in, before)
		}
	}
}

func clone(g orb.Geometry) orb.Geometry {
	if c := orb.Clone(g); c != nil {
		return c
	}
	return g // nil, or a typed nil orb.Clone gives back as nil

}

func TestProjectGeometryThroughZone(t *testing.T) {
	z := mustZone(t, 4545)
	line := orb.LineString{{109.2, 28.5}, {109.8, 29.0}}
	got := ProjectLineString(line, z.Forward)
	for i, v := range domainVectors[:2] {
		if d := PlanarDistance(got[i], orb.Point{v.e, v.n}); d > 0.001 {
			t.Errorf("point %d: %v, want %v, %v", i, got[i], v.e, v.n)
		}
	}
	back := ProjectGeometry(got, z.Inverse).(orb.LineString)
	for i := range line {
		if degreesToMetres(back[i], line[i]) > 1e-6 {
			t.Errorf("round trip of point %d: %v, want %v", i, back[i], line[i])
		}
	}
}
