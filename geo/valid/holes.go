package valid

import "github.com/paulmach/orb"

// HoleFault is a hole of a polygon that lies outside its shell (Nested
// false) or inside another hole (Nested true), with a vertex At of it.
// Hole and Other are ring indexes: the hole, and the hole it lies in (0
// for the shell).
type HoleFault struct {
	At          orb.Point
	Hole, Other int
	Nested      bool
}

// MisplacedHole returns the first hole of poly (poly[0] the shell, the
// rest holes, each closed) that is not inside the shell or lies inside
// another hole. It assumes the rings do not cross (SelfIntersections found
// nothing): then one vertex strictly inside or outside a ring decides
// where the whole hole lies. A ring nil or of fewer than 4 points is
// skipped.
func MisplacedHole(poly [][]orb.Point) (HoleFault, bool) {
	if len(poly) < 2 || len(poly[0]) < 4 {
		return HoleFault{}, false
	}
	boxes := make([]orb.Bound, len(poly))
	for i, r := range poly {
		if len(r) >= 4 {
			lo, hi := Envelope(r)
			boxes[i] = orb.Bound{Min: lo, Max: hi}
		}
	}
	for h := 1; h < len(poly); h++ {
		if len(poly[h]) < 4 {
			continue
		}
		if q, side := sideOf(poly[0], boxes[0], poly[h]); side < 0 {
			return HoleFault{At: q, Hole: h}, true
		}
		for o := 1; o < len(poly); o++ {
			if o == h || len(poly[o]) < 4 || !boxes[o].Intersects(boxes[h]) {
				continue
			}
			if q, side := sideOf(poly[o], boxes[o], poly[h]); side > 0 {
				return HoleFault{At: q, Hole: h, Other: o, Nested: true}, true
			}
		}
	}
	return HoleFault{}, false
}

// sideOf returns a vertex of ring h off ring r and whether it lies inside
// r (+1) or outside (-1); 0 if every vertex of h lies on r.
func sideOf(r []orb.Point, box orb.Bound, h []orb.Point) (orb.Point, int) {
	for _, q := range h {
		if !box.Contains(q) {
			return q, -1
		}
		if s := ringSide(r, q); s != 0 {
			return q, s
		}
	}
	return orb.Point{}, 0
}

// ringSide returns +1 if p lies inside closed ring r, -1 outside, 0 on it
// (by crossing number).
func ringSide(r []orb.Point, p orb.Point) int {
	in := false
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		if Orient(a, b, p) == 0 && Within(a, b, p) {
			return 0
		}
		if (a[1] > p[1]) != (b[1] > p[1]) {
			if x := a[0] + (p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]); p[0] < x {
				in = !in
			}
		}
	}
	if in {
		return 1
	}
	return -1
}
