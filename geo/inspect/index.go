package inspect

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo"
)

// segRef names segment parts[Part][I]–parts[Part][I+1] of a lineIndex.
type segRef struct{ Part, I int32 }

func (s segRef) less(t segRef) bool { return s.Part < t.Part || (s.Part == t.Part && s.I < t.I) }

// lineIndex is a projected (multi)line with an R-tree over its segment
// envelopes and cumulative measures: parts follow one another, so the
// measure of a point is the length of the parts before its own plus its
// measure within its part.
type lineIndex struct {
	parts  []orb.LineString // projected; repeated points removed; unusable parts empty
	cum    [][]float64      // measure of each vertex within its part
	offset []float64        // measure at the start of each part
	length float64
	st     segTree // parts indexed; st.pts[i] is parts[i]
}

// location is a point located on a lineIndex: geo.Location with Measure
// counted from the start of the first part, and the part.
type location struct {
	geo.Location
	Part int
}

// newLineIndex projects mls with f and indexes it. Parts with fewer than
// two distinct points or a non-finite coordinate are left out (C1 reports
// them).
func newLineIndex(mls orb.MultiLineString, f func(orb.Point) orb.Point) *lineIndex {
	x := &lineIndex{parts: make([]orb.LineString, len(mls)), cum: make([][]float64, len(mls)),
		offset: make([]float64, len(mls))}
	for pi, ls := range mls {
		x.offset[pi] = x.length
		part := usablePart(ls, f)
		x.st.add(part)
		if part == nil {
			continue
		}
		cum := make([]float64, len(part))
		for i := 1; i < len(part); i++ {
			cum[i] = cum[i-1] + geo.PlanarDistance(part[i-1], part[i])
		}
		x.parts[pi], x.cum[pi] = part, cum
		x.length += cum[len(cum)-1]
	}
	return x
}

// usablePart projects ls, drops repeated points and returns nil if fewer
// than two points remain or a coordinate is not finite.
func usablePart(ls orb.LineString, f func(orb.Point) orb.Point) orb.LineString {
	out := make(orb.LineString, 0, len(ls))
	for _, p := range ls {
		if !finite(p) {
			return nil
		}
		q := f(p)
		if !finite(q) {
			return nil
		}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// empty reports whether no segment is indexed.
func (x *lineIndex) empty() bool { return x == nil || x.st.size() == 0 }

func (x *lineIndex) seg(s segRef) (orb.Point, orb.Point) { return x.st.seg(s) }

// locate returns where p lies on the line: nearest point, distance,
// measure and side, as geo.PlanarLocate would on the whole line.
func (x *lineIndex) locate(p orb.Point) (location, bool) {
	s, _, ok := x.st.nearest(p)
	if !ok {
		return location{}, false
	}
	part := x.parts[s.Part]
	lo, hi := max(0, int(s.I)-1), min(len(part), int(s.I)+3)
	loc, err := geo.PlanarLocate(part[lo:hi], p)
	if err != nil {
		return location{}, false
	}
	loc.Segment += lo
	loc.Measure += x.offset[s.Part] + x.cum[s.Part][lo]
	return location{Location: loc, Part: int(s.Part)}, true
}

// partAt returns the part holding measure m and m within that part; a
// measure in no part (beyond the ends, or in an unusable part) is clamped
// to the nearest usable part.
func (x *lineIndex) partAt(m float64) (int, float64) {
	last := -1
	for pi := range x.parts {
		if x.parts[pi] == nil {
			continue
		}
		end := x.offset[pi] + x.cum[pi][len(x.cum[pi])-1]
		if m <= end {
			return pi, math.Max(0, m-x.offset[pi])
		}
		last = pi
	}
	return last, m - x.offset[max(last, 0)]
}

// pointAt returns the point at measure m, clamped to the line.
func (x *lineIndex) pointAt(m float64) orb.Point {
	pi, m := x.partAt(m)
	part, cum := x.parts[pi], x.cum[pi]
	i := vertexBefore(cum, m)
	return interpolate(part, cum, i, m)
}

// vertexBefore returns the index i of the segment i–i+1 holding measure m.
func vertexBefore(cum []float64, m float64) int {
	i := sort.SearchFloat64s(cum, m) - 1
	return max(0, min(i, len(cum)-2))
}

func interpolate(part orb.LineString, cum []float64, i int, m float64) orb.Point {
	seg := cum[i+1] - cum[i]
	if seg == 0 {
		return part[i]
	}
	t := math.Max(0, math.Min(1, (m-cum[i])/seg))
	a, b := part[i], part[i+1]
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// substring returns the pieces of the line between measures m0 ≤ m1, one
// per part crossed. A zero-length range gives one degenerate piece of two
// equal points.
func (x *lineIndex) substring(m0, m1 float64) []orb.LineString {
	var out []orb.LineString
	for pi, part := range x.parts {
		if part == nil {
			continue
		}
		cum := x.cum[pi]
		a, b := m0-x.offset[pi], m1-x.offset[pi]
		if b < 0 || a > cum[len(cum)-1] {
			continue
		}
		a, b = math.Max(a, 0), math.Min(b, cum[len(cum)-1])
		i, j := vertexBefore(cum, a), vertexBefore(cum, b)
		piece := orb.LineString{interpolate(part, cum, i, a)}
		for k := i + 1; k <= j; k++ {
			if part[k] != piece[len(piece)-1] {
				piece = append(piece, part[k])
			}
		}
		piece = append(piece, interpolate(part, cum, j, b))
		out = append(out, piece)
	}
	return out
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && !math.IsNaN(p[1]) && !math.IsInf(p[1], 0)
}
