package inspect

import (
	"math"

	"github.com/paulmach/orb"
)

// contact says how two segments meet.
type contact int

const (
	contactNone    contact = iota
	contactPoint           // in exactly one point
	contactOverlap         // collinear, sharing a piece of positive length
)

// collinearSin is the sine of the angle below which three points count as
// collinear: projected coordinates carry rounding of about 1e-9 m (sines of 1e-11 over 100 m), which
// would otherwise turn a spike folding back on itself into a sharp turn.
const collinearSin = 1e-9

// orient returns the sign of the turn a→b→c: +1 left, -1 right, 0
// collinear (within collinearSin).
func orient(a, b, c orb.Point) int {
	ux, uy, vx, vy := b[0]-a[0], b[1]-a[1], c[0]-a[0], c[1]-a[1]
	v := ux*vy - uy*vx
	if v*v <= collinearSin*collinearSin*(ux*ux+uy*uy)*(vx*vx+vy*vy) {
		return 0
	}
	if v > 0 {
		return 1
	}
	return -1
}

// within reports whether c, collinear with a–b, lies on the segment a–b.
func within(a, b, c orb.Point) bool {
	return min(a[0], b[0]) <= c[0] && c[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= c[1] && c[1] <= max(a[1], b[1])
}

// segContact returns how segments a–b and c–d meet and, for a single
// point, where.
func segContact(a, b, c, d orb.Point) (contact, orb.Point) {
	o1, o2, o3, o4 := orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return contactPoint, crossing(a, b, c, d)
	}
	if o1 == 0 && o2 == 0 {
		return collinearContact(a, b, c, d)
	}
	switch {
	case o1 == 0 && within(a, b, c):
		return contactPoint, c
	case o2 == 0 && within(a, b, d):
		return contactPoint, d
	case o3 == 0 && within(c, d, a):
		return contactPoint, a
	case o4 == 0 && within(c, d, b):
		return contactPoint, b
	}
	return contactNone, orb.Point{}
}

// crossing returns the intersection point of the lines through a–b and c–d.
func crossing(a, b, c, d orb.Point) orb.Point {
	den := (b[0]-a[0])*(d[1]-c[1]) - (b[1]-a[1])*(d[0]-c[0])
	t := ((c[0]-a[0])*(d[1]-c[1]) - (c[1]-a[1])*(d[0]-c[0])) / den
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// collinearContact compares two collinear segments along their dominant
// axis.
func collinearContact(a, b, c, d orb.Point) (contact, orb.Point) {
	ax := 0
	if math.Abs(b[1]-a[1])+math.Abs(d[1]-c[1]) > math.Abs(b[0]-a[0])+math.Abs(d[0]-c[0]) {
		ax = 1
	}
	lo1, hi1 := min(a[ax], b[ax]), max(a[ax], b[ax])
	lo2, hi2 := min(c[ax], d[ax]), max(c[ax], d[ax])
	lo, hi := max(lo1, lo2), min(hi1, hi2)
	switch {
	case lo < hi:
		return contactOverlap, orb.Point{}
	case lo > hi:
		return contactNone, orb.Point{}
	}
	for _, q := range [4]orb.Point{a, b, c, d} {
		if q[ax] == lo {
			return contactPoint, q
		}
	}
	return contactPoint, a
}

// backtracks reports whether consecutive segments u–v and v–w fold back
// on each other (a spike: they overlap beyond their shared vertex).
func backtracks(u, v, w orb.Point) bool {
	return orient(u, v, w) == 0 && (u[0]-v[0])*(w[0]-v[0])+(u[1]-v[1])*(w[1]-v[1]) > 0
}

// boxesMeet reports whether the envelopes of segments a–b and c–d meet.
func boxesMeet(a, b, c, d orb.Point) bool {
	return min(a[0], b[0]) <= max(c[0], d[0]) && min(c[0], d[0]) <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= max(c[1], d[1]) && min(c[1], d[1]) <= max(a[1], b[1])
}
