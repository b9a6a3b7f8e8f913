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
// (a spike); rings of one polygon that cross or overlap (touching at a
// point is allowed); a hole outside its shell or inside another hole.
// Repeated consecutive points are allowed. Not checked: rings of one
// polygon touching at two or more points (a disconnected interior) and
// the parts of a multipolygon overlapping each other (C13 compares units).
// Lines may cross themselves (they are valid, not simple): CheckSimple
// refuses that. Coordinates are assumed finite and rings closed
// (data.CheckGeometry).
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
		return polygonFault(field, "", g)
	case orb.MultiPolygon:
		for i, p := range g {
			if err := polygonFault(field, fmt.Sprintf("polygon %d: ", i+1), p); err != nil {
				return err
			}
		}
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

// polygonFault checks a polygon; an empty one is valid.
func polygonFault(field, where string, p orb.Polygon) error {
	rings := make([][]orb.Point, len(p))
	for i, r := range p {
		rings[i] = Dedup(r)
		if len(rings[i]) < 4 {
			return fault(field, first(orb.LineString(r)), "%sring %d has fewer than 3 distinct points (at %s)", where, i+1, FormatPoint(first(orb.LineString(r))))
		}
	}
	var err error
	SelfIntersections(rings, true, make([]int, len(rings)), func(f Fault) bool {
		at := FormatPoint(f.At)
		if f.A.Part == f.B.Part {
			err = fault(field, f.At, "%sring %d touches or crosses itself at %s (a self-intersection or spike)", where, f.A.Part+1, at)
		} else {
			err = fault(field, f.At, "%srings %d and %d cross or overlap at %s", where, f.A.Part+1, f.B.Part+1, at)
		}
		return false
	})
	if err != nil {
		return err
	}
	if h, bad := MisplacedHole(rings); bad {
		if h.Nested {
			return fault(field, h.At, "%shole %d lies inside hole %d (ring %d at %s)", where, h.Hole, h.Other, h.Hole+1, FormatPoint(h.At))
		}
		return fault(field, h.At, "%shole %d lies outside its shell (ring %d at %s)", where, h.Hole, h.Hole+1, FormatPoint(h.At))
	}
	return nil
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
