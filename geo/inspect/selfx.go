package inspect

import (
	"github.com/paulmach/orb"
)

// maxReported bounds the points listed in one finding's location.
const maxReported = 100

// selfIntersections returns where the parts of x touch or cross in a way
// OGC simple features forbid, at most maxReported points, and how many
// there are. For lines (rings false), parts may meet only at their end
// points. For rings, group[i] is the polygon of part i: rings of one
// polygon may touch at a point but not cross or overlap; rings of
// different polygons are not compared (C13 handles overlapping units).
func selfIntersections(x *lineIndex, rings bool, group []int) ([]orb.Point, int) {
	var pts []orb.Point
	n := 0
	report := func(q orb.Point) {
		n++
		if len(pts) < maxReported {
			pts = append(pts, q)
		}
	}
	x.st.chunkPairs(func(c, d segRef, dMin, dMax orb.Point) {
		// c ≤ d: every segment of d follows every segment of c, except
		// within one entry, where t must follow s.
		pc, pd := x.st.pts[c.Part], x.st.pts[d.Part]
		ce, de := x.st.chunkEnd(c), x.st.chunkEnd(d)
		for i := c.I; i < ce; i++ {
			a, b := pc[i], pc[i+1]
			if !boxesMeet(a, b, dMin, dMax) {
				continue
			}
			j := d.I
			if c == d {
				j = i + 1
			}
			for ; j < de; j++ {
				if !boxesMeet(a, b, pd[j], pd[j+1]) {
					continue
				}
				if q, bad := x.badContact(segRef{c.Part, i}, segRef{d.Part, j}, rings, group); bad {
					report(q)
				}
			}
		}
	})
	return pts, n
}

// badContact decides whether segments s < t meet in a forbidden way.
func (x *lineIndex) badContact(s, t segRef, rings bool, group []int) (orb.Point, bool) {
	a, b := x.seg(s)
	c, d := x.seg(t)
	if s.Part == t.Part {
		return x.selfContact(s, t)
	}
	if rings && group[s.Part] != group[t.Part] {
		return orb.Point{}, false
	}
	k, q := segContact(a, b, c, d)
	switch {
	case k == contactNone:
		return q, false
	case k == contactOverlap:
		return a, true
	case rings:
		return q, orient(a, b, c)*orient(a, b, d) < 0 && orient(c, d, a)*orient(c, d, b) < 0
	}
	return q, !(x.isEnd(int(s.Part), q) && x.isEnd(int(t.Part), q))
}

// selfContact decides for two segments of one part.
func (x *lineIndex) selfContact(s, t segRef) (orb.Point, bool) {
	part := x.parts[s.Part]
	last := len(part) - 2 // index of the last segment
	closed := part[0] == part[len(part)-1]
	switch {
	case t.I == s.I+1:
		return part[t.I], backtracks(part[s.I], part[t.I], part[t.I+1])
	case closed && s.I == 0 && int(t.I) == last && last > 1:
		return part[0], backtracks(part[last], part[0], part[1])
	}
	a, b := x.seg(s)
	c, d := x.seg(t)
	k, q := segContact(a, b, c, d)
	if k == contactOverlap {
		q = a
	}
	return q, k != contactNone
}

// isEnd reports whether q is the first or last point of part pi.
func (x *lineIndex) isEnd(pi int, q orb.Point) bool {
	part := x.parts[pi]
	return q == part[0] || q == part[len(part)-1]
}
