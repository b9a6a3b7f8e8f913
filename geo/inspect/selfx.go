package inspect

import (
	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo/valid"
)

// maxReported bounds the points listed in one finding's location.
const maxReported = 100

// selfIntersections returns where the parts of x touch or cross in a way
// OGC simple features forbid, at most maxReported points, and how many
// there are: valid.SelfIntersections over the projected parts. For lines
// (rings false), parts may meet only at their end points. For rings,
// group[i] is the polygon of part i: rings of one polygon may touch at a
// point but not cross or overlap; rings of different polygons are not
// compared (C13 handles overlapping units).
func selfIntersections(x *lineIndex, rings bool, group []int) ([]orb.Point, int) {
	var pts []orb.Point
	n := 0
	valid.SelfIntersections(x.st.pts, rings, group, func(f valid.Fault) bool {
		n++
		if len(pts) < maxReported {
			pts = append(pts, f.At)
		}
		return true
	})
	return pts, n
}

// misplacedHoles returns the holes of x's rings (grouped by polygon as
// for selfIntersections, first[i] telling whether part i is its polygon's
// shell) that lie outside their shell or inside another hole: a vertex of
// each, at most maxReported, and how many there are.
func misplacedHoles(x *lineIndex, group []int, shell []bool) ([]orb.Point, int) {
	var pts []orb.Point
	n := 0
	for i := 0; i < len(group); {
		j := i + 1
		for j < len(group) && group[j] == group[i] {
			j++
		}
		if shell[i] {
			poly := x.st.pts[i:j]
			for {
				h, bad := valid.MisplacedHole(poly)
				if !bad {
					break
				}
				n++
				if len(pts) < maxReported {
					pts = append(pts, h.At)
				}
				poly = append(poly[:h.Hole:h.Hole], poly[h.Hole+1:]...)
			}
		}
		i = j
	}
	return pts, n
}
