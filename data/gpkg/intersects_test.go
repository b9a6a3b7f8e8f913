package gpkg

import (
	"testing"

	"github.com/paulmach/orb"
)

func box(x0, y0, x1, y1 float64) orb.Bound {
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

func TestIntersectsBound(t *testing.T) {
	square := orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}}}
	diag := orb.LineString{{0, 0}, {10, 10}}
	tests := []struct {
		name string
		g    orb.Geometry
		b    orb.Bound
		want bool
	}{
		{"point inside", orb.Point{1, 1}, box(0, 0, 2, 2), true},
		{"point on edge", orb.Point{2, 1}, box(0, 0, 2, 2), true},
		{"point outside", orb.Point{3, 1}, box(0, 0, 2, 2), false},
		{"line crosses box, no vertex inside", diag, box(4, 4, 6, 6), true},
		{"line misses box in its envelope", diag, box(6, 1, 9, 3), false},
		{"line touches corner", diag, box(-2, -2, 0, 0), true},
		{"vertical line", orb.LineString{{5, -5}, {5, 5}}, box(4, 0, 6, 1), true},
		{"box inside polygon", square, box(1, 1, 2, 2), true},
		{"box inside hole", square, box(4.5, 4.5, 5.5, 5.5), false},
		{"box contains polygon", square, box(-1, -1, 11, 11), true},
		{"box outside polygon", square, box(11, 11, 12, 12), false},
		{"box overlaps edge", square, box(9, 9, 12, 12), true},
		{"point box inside polygon", square, box(1, 1, 1, 1), true},
		{"multipolygon second part", orb.MultiPolygon{{{{20, 20}, {21, 20}, {21, 21}, {20, 20}}}, square}, box(1, 1, 2, 2), true},
		{"triangle, box in envelope not in shape", orb.Polygon{{{0, 0}, {10, 0}, {0, 10}, {0, 0}}}, box(8, 8, 9, 9), false},
		{"collection", orb.Collection{orb.Point{50, 50}, diag}, box(4, 4, 6, 6), true},
	}
	for _, tc := range tests {
		if got := intersectsBound(tc.g, tc.b); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
