package tiles

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// labelPoints returns where a place's label goes, in lon/lat: the points of
// a point geometry, the middle of a line (its longest part), a point inside
// a polygon (its largest part). Label positions are for display only.
func labelPoints(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.MultiPoint:
		return g
	case orb.LineString:
		return pointOr(lineMiddle(g))
	case orb.MultiLineString:
		return pointOr(lineMiddle(longest(g)))
	case orb.Ring:
		return pointOr(interiorPoint(orb.Polygon{g}))
	case orb.Polygon:
		return pointOr(interiorPoint(g))
	case orb.MultiPolygon:
		return pointOr(interiorPoint(largest(g)))
	case orb.Collection:
		for _, m := range g {
			if pts := labelPoints(m); len(pts) > 0 {
				return pts
			}
		}
	}
	return nil
}

func pointOr(p orb.Point, ok bool) []orb.Point {
	if !ok {
		return nil
	}
	return []orb.Point{p}
}

func longest(mls orb.MultiLineString) orb.LineString {
	var best orb.LineString
	bestLen := -1.0
	for _, ls := range mls {
		if l := planar.Length(ls); l > bestLen {
			best, bestLen = ls, l
		}
	}
	return best
}

func largest(mp orb.MultiPolygon) orb.Polygon {
	var best orb.Polygon
	bestArea := -1.0
	for _, p := range mp {
		if a := planar.Area(p); a > bestArea {
			best, bestArea = p, a
		}
	}
	return best
}

// lineMiddle returns the point halfway along ls.
func lineMiddle(ls orb.LineString) (orb.Point, bool) {
	if len(ls) == 0 {
		return orb.Point{}, false
	}
	half := planar.Length(ls) / 2
	for i := 1; i < len(ls); i++ {
		d := planar.Distance(ls[i-1], ls[i])
		if d >= half && d > 0 {
			t := half / d
			return orb.Point{ls[i-1][0] + t*(ls[i][0]-ls[i-1][0]), ls[i-1][1] + t*(ls[i][1]-ls[i-1][1])}, true
		}
		half -= d
	}
	return ls[0], true
}

// interiorPoint returns the centroid when it lies inside p, else the middle
// of the widest span of p along the horizontal through p's bound centre.
func interiorPoint(p orb.Polygon) (orb.Point, bool) {
	if len(p) == 0 || len(p[0]) == 0 {
		return orb.Point{}, false
	}
	if c, area := planar.CentroidArea(p); area > 0 && planar.PolygonContains(p, c) {
		return c, true
	}
	y := p.Bound().Center()[1]
	var xs []float64
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] > y) != (b[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	best, width := orb.Point{}, -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > width {
			best, width = orb.Point{(xs[i] + xs[i+1]) / 2, y}, w
		}
	}
	if width < 0 || math.IsNaN(best[0]) {
		return p[0][0], true
	}
	return best, true
}
