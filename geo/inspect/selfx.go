package inspect

import (
	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo/valid"
)

// maxReported bounds the points listed in one finding's location.
const maxReported = 100

// report gathers the points of one finding: the first maxReported, and
// how many there are.
type report struct {
	pts []orb.Point
	n   int
}

func (r *report) add(q orb.Point) {
	r.n++
	if len(r.pts) < maxReported {
		r.pts = append(r.pts, q)
	}
}

// selfIntersections returns where the parts of x touch or cross in a way
// OGC simple features forbid, at most maxReported points, and how many
// there are: a valid.Sweep over the projected parts, reusing the chunk
// envelopes of x's index. For lines (rings false), parts may meet only at
// their end points. For rings, group[i] is the polygon of part i: rings
// may touch at points but not cross or overlap, whether of one polygon
// or of two; touches, if not nil, receives where rings of one polygon
// touch.
func selfIntersections(x *lineIndex, rings bool, group []int, touches *valid.Touches) ([]orb.Point, int) {
	var r report
	sw := valid.Sweep{Parts: x.st.pts, Rings: rings, Group: group, Chunks: x.st.chunks(), Touches: touches}
	sw.Run(func(f valid.Fault) bool {
		r.add(f.At)
		return true
	})
	return r.pts, r.n
}

// polygons returns the rings of x by polygon (grouped as for
// selfIntersections, shell[i] telling whether part i is its polygon's
// shell), leaving out the polygons whose shell is missing.
func polygons(x *lineIndex, group []int, shell []bool) [][][]orb.Point {
	var out [][][]orb.Point
	for i := 0; i < len(group); {
		j := i + 1
		for j < len(group) && group[j] == group[i] {
			j++
		}
		if shell[i] {
			out = append(out, x.st.pts[i:j:j])
		}
		i = j
	}
	return out
}

// misplacedHoles returns the holes of polys that lie outside their shell
// or inside another hole: a vertex of each, at most maxReported, and how
// many there are.
func misplacedHoles(polys [][][]orb.Point) ([]orb.Point, int) {
	var r report
	for _, poly := range polys {
		for {
			h, bad := valid.MisplacedHole(poly)
			if !bad {
				break
			}
			r.add(h.At)
			poly = append(poly[:h.Hole:h.Hole], poly[h.Hole+1:]...)
		}
	}
	return r.pts, r.n
}

// nestedShells returns the polygons of polys whose shell lies inside
// another polygon: a point of each, at most maxReported, and how many
// there are.
func nestedShells(polys [][][]orb.Point) ([]orb.Point, int) {
	var r report
	last := -1
	valid.NestedShells(polys, func(n valid.NestedShell) bool {
		if n.Inner != last { // once per inner polygon, whatever holds it
			r.add(n.At)
			last = n.Inner
		}
		return true
	})
	return r.pts, r.n
}
