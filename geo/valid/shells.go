package valid

import "github.com/paulmach/orb"

// NestedShell is a polygon of a multipolygon whose shell lies inside
// another polygon of it (what ST_IsValid calls nested shells), with a
// point At of the shell inside. Inner and Outer are polygon indexes.
type NestedShell struct {
	At           orb.Point
	Inner, Outer int
}

// NestedShells calls fn for every polygon of polys (each its shell, then
// its holes, closed, without repeated consecutive points) whose shell lies
// inside another polygon (in its interior, not in one of its holes), until
// fn returns false. It assumes that no rings cross or overlap (a Sweep
// found nothing): then the first point of the shell off the other
// polygon's rings, a vertex or else the middle of a segment, decides. An
// empty polygon or one whose shell has fewer than 4 points is skipped.
func NestedShells(polys [][][]orb.Point, fn func(NestedShell) bool) {
	if len(polys) < 2 {
		return
	}
	boxes := make([]orb.Bound, len(polys))
	for i, p := range polys {
		if len(p) > 0 && len(p[0]) >= 4 {
			lo, hi := Envelope(p[0])
			boxes[i] = orb.Bound{Min: lo, Max: hi}
		}
	}
	for i, inner := range polys {
		if len(inner) == 0 || len(inner[0]) < 4 {
			continue
		}
		for j, outer := range polys {
			if j == i || len(outer) == 0 || len(outer[0]) < 4 || !contains(boxes[j], boxes[i]) {
				continue
			}
			if q, side := shellSide(outer, inner[0]); side > 0 && !fn(NestedShell{At: q, Inner: i, Outer: j}) {
				return
			}
		}
	}
}

// contains reports whether box b lies within box a.
func contains(a, b orb.Bound) bool {
	return a.Min[0] <= b.Min[0] && a.Min[1] <= b.Min[1] && b.Max[0] <= a.Max[0] && b.Max[1] <= a.Max[1]
}

// shellSide returns a point of ring r off the rings of poly and whether it
// lies in poly's interior (+1) or outside it or in a hole (-1); 0 if no
// vertex nor segment middle of r is off poly's rings.
func shellSide(poly [][]orb.Point, r []orb.Point) (orb.Point, int) {
	for _, q := range r {
		if s := polygonSide(poly, q); s != 0 {
			return q, s
		}
	}
	for i := 0; i+1 < len(r); i++ {
		q := orb.Point{(r[i][0] + r[i+1][0]) / 2, (r[i][1] + r[i+1][1]) / 2}
		if s := polygonSide(poly, q); s != 0 {
			return q, s
		}
	}
	return orb.Point{}, 0
}

// polygonSide returns +1 if q lies in the interior of poly (shell first,
// then holes), -1 outside it or in a hole, 0 on one of its rings.
func polygonSide(poly [][]orb.Point, q orb.Point) int {
	s := ringSide(poly[0], q)
	if s <= 0 {
		return s
	}
	for _, h := range poly[1:] {
		if len(h) < 4 {
			continue
		}
		switch ringSide(h, q) {
		case 0:
			return 0
		case 1:
			return -1
		}
	}
	return 1
}
