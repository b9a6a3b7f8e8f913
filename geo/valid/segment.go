package valid

import (
	"math"

	"github.com/paulmach/orb"
)

// Contact says how two segments meet.
type Contact int

const (
	ContactNone    Contact = iota
	ContactPoint           // in exactly one point
	ContactOverlap         // collinear, sharing a piece of positive length
)

// collinearSin is the sine of the angle below which three points count as
// collinear: projected coordinates carry rounding of about 1e-9 m (sines of
// 1e-11 over 100 m), which would otherwise turn a spike folding back on
// itself into a sharp turn. Being a sine, it means the same in lon/lat.
const collinearSin = 1e-9

// Orient returns the sign of the turn a→b→c: +1 left, -1 right, 0
// collinear (within an angle whose sine is 1e-9).
func Orient(a, b, c orb.Point) int {
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

// Within reports whether c, collinear with a–b, lies on the segment a–b.
func Within(a, b, c orb.Point) bool {
	return min(a[0], b[0]) <= c[0] && c[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= c[1] && c[1] <= max(a[1], b[1])
}

// SegContact returns how segments a–b and c–d meet and, for a single
// point, where.
func SegContact(a, b, c, d orb.Point) (Contact, orb.Point) {
	o1, o2, o3, o4 := Orient(a, b, c), Orient(a, b, d), Orient(c, d, a), Orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return ContactPoint, Crossing(a, b, c, d)
	}
	if o1 == 0 && o2 == 0 {
		return collinearContact(a, b, c, d)
	}
	switch {
	case o1 == 0 && Within(a, b, c):
		return ContactPoint, c
	case o2 == 0 && Within(a, b, d):
		return ContactPoint, d
	case o3 == 0 && Within(c, d, a):
		return ContactPoint, a
	case o4 == 0 && Within(c, d, b):
		return ContactPoint, b
	}
	return ContactNone, orb.Point{}
}

// Crossing returns the intersection point of the lines through a–b and c–d.
func Crossing(a, b, c, d orb.Point) orb.Point {
	den := (b[0]-a[0])*(d[1]-c[1]) - (b[1]-a[1])*(d[0]-c[0])
	t := ((c[0]-a[0])*(d[1]-c[1]) - (c[1]-a[1])*(d[0]-c[0])) / den
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// collinearContact compares two collinear segments along their dominant
// axis.
func collinearContact(a, b, c, d orb.Point) (Contact, orb.Point) {
	ax := 0
	if math.Abs(b[1]-a[1])+math.Abs(d[1]-c[1]) > math.Abs(b[0]-a[0])+math.Abs(d[0]-c[0]) {
		ax = 1
	}
	lo1, hi1 := min(a[ax], b[ax]), max(a[ax], b[ax])
	lo2, hi2 := min(c[ax], d[ax]), max(c[ax], d[ax])
	lo, hi := max(lo1, lo2), min(hi1, hi2)
	switch {
	case lo < hi:
		return ContactOverlap, orb.Point{}
	case lo > hi:
		return ContactNone, orb.Point{}
	}
	for _, q := range [4]orb.Point{a, b, c, d} {
		if q[ax] == lo {
			return ContactPoint, q
		}
	}
	return ContactPoint, a
}

// Backtracks reports whether consecutive segments u–v and v–w fold back
// on each other (a spike: they overlap beyond their shared vertex).
func Backtracks(u, v, w orb.Point) bool {
	return Orient(u, v, w) == 0 && (u[0]-v[0])*(w[0]-v[0])+(u[1]-v[1])*(w[1]-v[1]) > 0
}

// BoxesMeet reports whether the envelopes of segments a–b and c–d meet.
func BoxesMeet(a, b, c, d orb.Point) bool {
	return min(a[0], b[0]) <= max(c[0], d[0]) && min(c[0], d[0]) <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= max(c[1], d[1]) && min(c[1], d[1]) <= max(a[1], b[1])
}
