package gpkg

import "github.com/paulmach/orb"

// intersectsBound reports whether geometry g (planar, EPSG:4490 degrees)
// shares at least one point with the closed rectangle b. Boundaries count:
// a line touching the rectangle's edge intersects it.
func intersectsBound(g orb.Geometry, b orb.Bound) bool {
	switch g := g.(type) {
	case orb.Point:
		return b.Contains(g)
	case orb.MultiPoint:
		for _, p := range g {
			if b.Contains(p) {
				return true
			}
		}
	case orb.LineString:
		return pathIntersects([]orb.Point(g), b)
	case orb.Ring:
		return intersectsBound(orb.Polygon{g}, b)
	case orb.MultiLineString:
		for _, l := range g {
			if pathIntersects(l, b) {
				return true
			}
		}
	case orb.Polygon:
		return polygonIntersects(g, b)
	case orb.MultiPolygon:
		for _, p := range g {
			if polygonIntersects(p, b) {
				return true
			}
		}
	case orb.Collection:
		for _, c := range g {
			if intersectsBound(c, b) {
				return true
			}
		}
	case orb.Bound:
		return g.Intersects(b)
	}
	return false
}

func pathIntersects(path []orb.Point, b orb.Bound) bool {
	if len(path) == 1 {
		return b.Contains(path[0])
	}
	for i := 1; i < len(path); i++ {
		if segmentIntersects(path[i-1], path[i], b) {
			return true
		}
	}
	return false
}

// polygonIntersects: the polygon's boundary crosses or lies in the
// rectangle, or the rectangle lies wholly inside the polygon (then its
// corner is inside).
func polygonIntersects(p orb.Polygon, b orb.Bound) bool {
	for _, r := range p {
		if pathIntersects(r, b) {
			return true
		}
	}
	return len(p) > 0 && insidePolygon(p, b.Min)
}

// segmentIntersects clips segment a–c to b (Liang–Barsky) and reports
// whether anything is left.
func segmentIntersects(a, c orb.Point, b orb.Bound) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := c[0]-a[0], c[1]-a[1]
	clip := func(p, q float64) bool {
		if p == 0 {
			return q >= 0
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return false
			}
			t0 = max(t0, r)
		} else {
			if r < t0 {
				return false
			}
			t1 = min(t1, r)
		}
		return true
	}
	return clip(-dx, a[0]-b.Min[0]) && clip(dx, b.Max[0]-a[0]) &&
		clip(-dy, a[1]-b.Min[1]) && clip(dy, b.Max[1]-a[1]) && t0 <= t1
}

// insidePolygon is the even–odd rule over every ring of p.
func insidePolygon(p orb.Polygon, pt orb.Point) bool {
	in := false
	for _, r := range p {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, c := r[i], r[j]
			if (a[1] > pt[1]) != (c[1] > pt[1]) &&
				pt[0] < (c[0]-a[0])*(pt[1]-a[1])/(c[1]-a[1])+a[0] {
				in = !in
			}
		}
	}
	return in
}
