package inspect

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo"
)

// polyIndex is a projected (multi)polygon with an R-tree over the segments
// of all its rings, for point-in-polygon and distance-to-boundary queries
// in O(log n) rather than O(n).
type polyIndex struct {
	rings []orb.Ring // projected; unusable rings left out
	st    segTree    // st.pts[i] is rings[i]
	bound orb.Bound
}

// newPolyIndex projects mp with f and indexes the segments of every ring.
// Rings that are not closed, or have fewer than 4 points or a non-finite
// coordinate, are closed or left out here; C1 reports them.
func newPolyIndex(mp orb.MultiPolygon, f func(orb.Point) orb.Point) *polyIndex {
	rings := make([][][]orb.Point, len(mp))
	for i, pg := range mp {
		rings[i] = make([][]orb.Point, len(pg))
		for j, r := range pg {
			rings[i][j] = projectSeq(r, f)
		}
	}
	return indexPoly(rings)
}

// indexPoly indexes a multipolygon whose rings are projected already (as
// a projection batch leaves them, polygon by polygon); it takes over their
// memory.
func indexPoly(projected [][][]orb.Point) *polyIndex {
	x := &polyIndex{}
	for _, pg := range projected {
		for _, seq := range pg {
			ring := usable(seq)
			if len(ring) < 3 {
				continue
			}
			if ring[0] != ring[len(ring)-1] {
				ring = append(ring, ring[0])
			}
			if len(x.rings) == 0 {
				x.bound = orb.LineString(ring).Bound()
			}
			x.bound = x.bound.Union(orb.LineString(ring).Bound())
			x.rings = append(x.rings, orb.Ring(ring))
			x.st.add(ring)
		}
	}
	x.st.build()
	return x
}

func (x *polyIndex) empty() bool { return x == nil || len(x.rings) == 0 }

func (x *polyIndex) seg(s segRef) (orb.Point, orb.Point) { return x.st.seg(s) }

// contains reports whether p lies inside the polygon (even-odd rule over
// all rings, so holes are outside). Points on the boundary may go either
// way; callers decide with boundaryDist. The ray is cast towards the
// nearest side of the polygon's envelope, so it meets few segments.
func (x *polyIndex) contains(p orb.Point) bool {
	b := x.bound
	if !b.Contains(p) {
		return false
	}
	axis, dir, end := shortestRay(b, p)
	lo, hi := p, p
	if dir > 0 {
		hi[axis] = end
	} else {
		lo[axis] = end
	}
	o := 1 - axis
	in := false
	x.st.search(lo, hi, func(s segRef) bool {
		a, c := x.seg(s)
		if (a[o] > p[o]) != (c[o] > p[o]) {
			at := a[axis] + (p[o]-a[o])*(c[axis]-a[axis])/(c[o]-a[o])
			if dir*(at-p[axis]) > 0 {
				in = !in
			}
		}
		return true
	})
	return in
}

// shortestRay returns the axis (0 x, 1 y), direction (±1) and end
// coordinate of the shortest axis-parallel ray from p out of bound b.
func shortestRay(b orb.Bound, p orb.Point) (axis int, dir float64, end float64) {
	axis, dir, end = 0, 1, b.Max[0]
	best := b.Max[0] - p[0]
	for _, c := range [3]struct {
		axis int
		dir  float64
		end  float64
	}{{0, -1, b.Min[0]}, {1, 1, b.Max[1]}, {1, -1, b.Min[1]}} {
		if d := math.Abs(c.end - p[c.axis]); d < best {
			axis, dir, end, best = c.axis, c.dir, c.end, d
		}
	}
	return axis, dir, end
}

// nearest returns the point of the boundary nearest to p and its distance.
func (x *polyIndex) nearest(p orb.Point) (orb.Point, float64) {
	s, d, ok := x.st.nearest(p)
	if !ok {
		return orb.Point{}, math.Inf(1)
	}
	a, b := x.seg(s)
	q, _ := geo.PlanarClosestOnSegment(p, a, b)
	return q, d
}

// nearestWithin is nearest for boundaries within r of p: a box search,
// much cheaper than a nearest-neighbour walk; among equally near segments
// the first in order wins. ok is false if the boundary is farther than r.
func (x *polyIndex) nearestWithin(p orb.Point, r float64) (orb.Point, float64, bool) {
	best, bestD2, bestS := orb.Point{}, r*r, segRef{}
	ok := false
	x.st.search(orb.Point{p[0] - r, p[1] - r}, orb.Point{p[0] + r, p[1] + r}, func(s segRef) bool {
		a, b := x.seg(s)
		q, _ := geo.PlanarClosestOnSegment(p, a, b)
		dx, dy := p[0]-q[0], p[1]-q[1]
		if d2 := dx*dx + dy*dy; d2 < bestD2 || d2 == bestD2 && (!ok || s.Less(bestS)) {
			best, bestD2, bestS, ok = q, d2, s, true
		}
		return true
	})
	return best, math.Sqrt(bestD2), ok
}

// boundaryDist returns the distance from p to the boundary.
func (x *polyIndex) boundaryDist(p orb.Point) float64 {
	_, d := x.nearest(p)
	return d
}

// samples calls fn for every vertex of every ring and for points splitting
// each edge evenly into pieces no longer than step metres, with the unit
// direction of the edge. A ring's closing vertex is not repeated.
func (x *polyIndex) samples(step float64, fn func(q, dir orb.Point)) {
	for _, r := range x.rings {
		for i := 1; i < len(r); i++ {
			a, b := r[i-1], r[i]
			l := geo.PlanarDistance(a, b)
			if l == 0 {
				continue
			}
			dir := orb.Point{(b[0] - a[0]) / l, (b[1] - a[1]) / l}
			fn(a, dir)
			n := math.Ceil(l / step)
			for k := 1.0; k < n; k++ {
				t := k / n
				fn(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, dir)
			}
		}
	}
}
