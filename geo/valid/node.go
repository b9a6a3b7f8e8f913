package valid

import "github.com/paulmach/orb"

// NodeCrosses reports whether two rings that meet at vertex q cross there:
// ring A passes q along a0→q→a1, ring B along b0→q→b1 (q may also lie
// inside a segment, a0–a1 or b0–b1), and b0 and b1 lie strictly on
// different sides of the corner A makes at q. An edge of B along an edge
// of A is no crossing (SegContact sees the overlap). The angles are
// compared exactly, by quadrant and then Orient, as GEOS's node topology
// does for ST_IsValid.
func NodeCrosses(q, a0, a1, b0, b1 orb.Point) bool {
	lo, hi := a0, a1
	if compareAngle(q, lo, hi) > 0 {
		lo, hi = hi, lo
	}
	s0 := between(q, b0, lo, hi)
	if s0 == 0 {
		return false
	}
	s1 := between(q, b1, lo, hi)
	return s1 != 0 && s0 != s1
}

// between returns +1 if the direction q→p lies strictly between q→lo and
// q→hi (counter-clockwise from the +x axis, lo's angle below hi's), -1 if
// it lies outside, 0 if along either.
func between(q, p, lo, hi orb.Point) int {
	c0 := compareAngle(q, p, lo)
	if c0 == 0 {
		return 0
	}
	c1 := compareAngle(q, p, hi)
	if c1 == 0 {
		return 0
	}
	if c0 > 0 && c1 < 0 {
		return 1
	}
	return -1
}

// compareAngle compares the angles of directions q→p and q→r, counted
// counter-clockwise from the +x axis in [0, 2π): +1 if p's is greater, -1
// if smaller, 0 if the directions are the same.
func compareAngle(q, p, r orb.Point) int {
	qp, qr := quadrant(p[0]-q[0], p[1]-q[1]), quadrant(r[0]-q[0], r[1]-q[1])
	switch {
	case qp > qr:
		return 1
	case qp < qr:
		return -1
	}
	return Orient(q, r, p)
}

// quadrant numbers the quadrant of direction (dx, dy) counter-clockwise
// from 0 (dx ≥ 0, dy ≥ 0) to 3 (dx ≥ 0, dy < 0).
func quadrant(dx, dy float64) int {
	switch {
	case dx >= 0 && dy >= 0:
		return 0
	case dy >= 0:
		return 1
	case dx < 0:
		return 2
	}
	return 3
}
