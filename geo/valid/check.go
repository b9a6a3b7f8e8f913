// Package valid checks geometry against OGC simple features (domain rule
// C1, zero tolerance): Check before a geometry is stored, CheckSimple for
// boundary lines, and the self-intersection and hole tests that the
// inspection rule C1 (geo/inspect) runs in a line's Gauss-Krüger plane.
//
// Check and CheckSimple take EPSG:4490 geometry, orb.Point{lon, lat} in
// degrees, and test topology in that plane, as PostGIS's ST_IsValid and
// ST_IsSimple do on the stored column; the other functions work in any
// plane. Points need no work beyond data.CheckGeometry.
package valid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// Check is data.CheckGeometry followed by Topology.
func Check(field string, g orb.Geometry) error {
	if err := data.CheckGeometry(field, g); err != nil {
		return err
	}
	return Topology(field, g)
}

// Topology returns a KindInvalid *data.Error naming field and, as Value,
// the coordinate of the first fault of g that makes it invalid under OGC
// simple features (what ST_IsValid refuses), or nil: a line of fewer than
// 2 distinct points (an empty one is valid); a ring of fewer than 3
// distinct points, touching or crossing itself or folding back on itself
// (a spike); rings that cross (at a vertex or between vertices) or
// overlap, whether of one polygon or of two parts of a multipolygon
// (touching at points is allowed); rings of one polygon that touch so as
// to disconnect its interior (two rings touching at two points, or a
// cycle of touching rings); a hole outside its shell or inside another
// hole; a part of a multipolygon inside another part. Repeated
// consecutive points are allowed. Lines may cross themselves (they are
// valid, not simple): CheckSimple refuses that. Coordinates are assumed
// finite and rings closed (data.CheckGeometry).
func Topology(field string, g orb.Geometry) error {
	switch g := g.(type) {
	case orb.LineString:
		return lineFault(field, "", g)
	case orb.Ring:
		return lineFault(field, "", orb.LineString(g))
	case orb.MultiLineString:
		for i, l := range g {
			if err := lineFault(field, fmt.Sprintf("part %d: ", i+1), l); err != nil {
				return err
			}
		}
	case orb.Polygon:
		return polygonsFault(field, []orb.Polygon{g}, false)
	case orb.MultiPolygon:
		return polygonsFault(field, g, true)
	case orb.Collection:
		for _, c := range g {
			if err := Topology(field, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckSimple is Check for a boundary line, which must also be simple (what
// ST_IsSimple requires): its parts may meet, themselves or each other,
// only at their end points. Other geometry is checked as by Check.
func CheckSimple(field string, g orb.Geometry) error {
	if err := Check(field, g); err != nil {
		return err
	}
	var parts [][]orb.Point
	switch g := g.(type) {
	case orb.LineString:
		parts = [][]orb.Point{Dedup(g)}
	case orb.MultiLineString:
		for _, l := range g {
			parts = append(parts, Dedup(l))
		}
	default:
		return nil
	}
	var err error
	SelfIntersections(parts, false, nil, func(f Fault) bool {
		err = fault(field, f.At, "the line crosses or touches itself at %s: a boundary line may meet itself only at its ends", FormatPoint(f.At))
		return false
	})
	return err
}

// lineFault checks a line; an empty one is valid (it is stored as NULL
// or EMPTY).
func lineFault(field, where string, l orb.LineString) error {
	if n := len(Dedup(l)); n == 1 {
		return fault(field, first(l), "%sa line needs at least 2 distinct points, not %d (at %s)", where, n, FormatPoint(first(l)))
	}
	return nil
}

// polygonsFault checks the polygons of a polygon (multi false) or
// multipolygon; an empty one is valid.
func polygonsFault(field string, polys []orb.Polygon, multi bool) error {
	where := func(int) string { return "" }
	if multi {
		where = func(i int) string { return fmt.Sprintf("polygon %d: ", i+1) }
	}
	var rings [][]orb.Point
	var group, index []int // polygon and ring number of each ring
	for pi, p := range polys {
		for ri, r := range p {
			d := Dedup(r)
			if len(d) < 4 {
				q := first(orb.LineString(r))
				return fault(field, q, "%sring %d has fewer than 3 distinct points (at %s)", where(pi), ri+1, FormatPoint(q))
			}
			rings, group, index = append(rings, d), append(group, pi), append(index, ri)
		}
	}
	var touches Touches
	var err error
	Sweep{Parts: rings, Rings: true, Group: group, Touches: &touches}.Run(func(f Fault) bool {
		at, a, b := FormatPoint(f.At), f.A.Part, f.B.Part
		switch {
		case a == b:
			err = fault(field, f.At, "%sring %d touches or crosses itself at %s (a self-intersection or spike)", where(group[a]), index[a]+1, at)
		case group[a] == group[b]:
			err = fault(field, f.At, "%srings %d and %d cross or overlap at %s", where(group[a]), index[a]+1, index[b]+1, at)
		default:
			err = fault(field, f.At, "polygons %d and %d cross or overlap at %s (parts may touch only at points)", group[a]+1, group[b]+1, at)
		}
		return false
	})
	if err != nil {
		return err
	}
	if cuts := touches.Cuts(); len(cuts) > 0 {
		c := cuts[0]
		return fault(field, c.At, "%sthe interior is disconnected at %s: rings touch at two points, or touching rings form a cycle", where(c.Polygon), FormatPoint(c.At))
	}
	return shellFault(field, byPolygon(rings, group, len(polys)), where)
}

// byPolygon returns the rings of each of n polygons: rings[i] is a ring of
// polygon group[i], each polygon's rings one after the other, its shell
// first. A polygon without rings has none.
func byPolygon(rings [][]orb.Point, group []int, n int) [][][]orb.Point {
	polys := make([][][]orb.Point, n)
	for i := 0; i < len(rings); {
		j := i + 1
		for j < len(rings) && group[j] == group[i] {
			j++
		}
		polys[group[i]] = rings[i:j:j]
		i = j
	}
	return polys
}

// shellFault checks where the holes and shells of polys lie.
func shellFault(field string, polys [][][]orb.Point, where func(int) string) error {
	for pi, rings := range polys {
		h, bad := MisplacedHole(rings)
		switch {
		case !bad:
		case h.Nested:
			return fault(field, h.At, "%shole %d lies inside hole %d (ring %d at %s)", where(pi), h.Hole, h.Other, h.Hole+1, FormatPoint(h.At))
		default:
			return fault(field, h.At, "%shole %d lies outside its shell (ring %d at %s)", where(pi), h.Hole, h.Hole+1, FormatPoint(h.At))
		}
	}
	var err error
	NestedShells(polys, func(n NestedShell) bool {
		err = fault(field, n.At, "polygon %d lies inside polygon %d (nested shells, at %s)", n.Inner+1, n.Outer+1, FormatPoint(n.At))
		return false
	})
	return err
}

// fault builds the error about coordinate q.
func fault(field string, q orb.Point, format string, args ...any) error {
	return &data.Error{Kind: data.KindInvalid, Field: field, Value: FormatPoint(q),
		Message: "invalid geometry: " + fmt.Sprintf(format, args...)}
}

func first(l orb.LineString) orb.Point {
	if len(l) == 0 {
		return orb.Point{}
	}
	return l[0]
}

// Dedup returns pts without repeated consecutive points; pts itself if it
// has none.
func Dedup[S ~[]orb.Point](pts S) []orb.Point {
	for i := 1; i < len(pts); i++ {
		if pts[i] == pts[i-1] {
			out := make([]orb.Point, i, len(pts))
			copy(out, pts[:i])
			for _, q := range pts[i:] {
				if q != out[len(out)-1] {
					out = append(out, q)
				}
			}
			return out
		}
	}
	return pts
}

// FormatPoint writes q as "(lon, lat)" with at most 9 decimals (0.1 mm in
// degrees), the form data.CheckGeometry uses.
func FormatPoint(q orb.Point) string {
	return "(" + trim(q[0]) + ", " + trim(q[1]) + ")"
}

func trim(v float64) string {
	s := strconv.FormatFloat(v, 'f', 9, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
