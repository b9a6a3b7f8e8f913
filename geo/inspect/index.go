package inspect

import (
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/valid"
)

// segRef names segment parts[Part][I]–parts[Part][I+1] of a lineIndex.
type segRef = valid.Seg

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
	parts := make([][]orb.Point, len(mls))
	for i, ls := range mls {
		parts[i] = projectSeq(ls, f)
	}
	return indexLine(parts)
}

// indexLine indexes a line whose parts are projected already (as a
// projection batch leaves them); it takes over their memory.
func indexLine(projected [][]orb.Point) *lineIndex {
	x := &lineIndex{parts: make([]orb.LineString, len(projected)), cum: make([][]float64, len(projected)),
		offset: make([]float64, len(projected))}
	for pi, seq := range projected {
		x.offset[pi] = x.length
		part := usable(seq)
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
	x.st.build()
	return x
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
			return pi, max(0, m-x.offset[pi])
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
	t := max(0, min(1, (m-cum[i])/seg))
	a, b := part[i], part[i+1]
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// substring returns the pieces of the line between measures m0 ≤ m1, one
// per part crossed. A zero-length range gives one degenerate piece of two
// equal points.
func (x *lineIndex) substring(m0, m1 float64) []orb.LineString {
	var buf pieces
	return buf.substring(x, m0, m1)
}

// pieces is scratch space for substrings: what substring returns is
// valid until its next call.
type pieces struct {
	pts    []orb.Point
	parts  []orb.LineString
	starts []int
}

// substring is lineIndex.substring into b's memory.
func (b *pieces) substring(x *lineIndex, m0, m1 float64) []orb.LineString {
	b.pts, b.parts, b.starts = b.pts[:0], b.parts[:0], b.starts[:0]
	for pi, part := range x.parts {
		if part == nil {
			continue
		}
		cum := x.cum[pi]
		lo, hi := m0-x.offset[pi], m1-x.offset[pi]
		if hi < 0 || lo > cum[len(cum)-1] {
			continue
		}
		lo, hi = max(lo, 0), min(hi, cum[len(cum)-1])
		i, j := vertexBefore(cum, lo), vertexBefore(cum, hi)
		start := len(b.pts)
		b.starts = append(b.starts, start)
		b.pts = slices.Grow(b.pts, j-i+2)
		b.pts = append(b.pts, interpolate(part, cum, i, lo))
		for k := i + 1; k <= j; k++ {
			if part[k] != b.pts[len(b.pts)-1] {
				b.pts = append(b.pts, part[k])
			}
		}
		b.pts = append(b.pts, interpolate(part, cum, j, hi))
	}
	// Slice the pieces only now: b.pts may have moved while growing.
	for k, start := range b.starts {
		end := len(b.pts)
		if k+1 < len(b.starts) {
			end = b.starts[k+1]
		}
		b.parts = append(b.parts, orb.LineString(b.pts[start:end:end]))
	}
	return b.parts
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && !math.IsNaN(p[1]) && !math.IsInf(p[1], 0)
}
