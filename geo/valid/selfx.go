package valid

import (
	"cmp"
	"slices"

	"github.com/paulmach/orb"
)

// Seg names segment Parts[Part][I]–Parts[Part][I+1] of the point
// sequences given to SelfIntersections.
type Seg struct{ Part, I int32 }

// Less orders segments by part, then index.
func (s Seg) Less(t Seg) bool { return s.Part < t.Part || (s.Part == t.Part && s.I < t.I) }

// Fault is a forbidden contact between segments A ≤ B, at At.
type Fault struct {
	At   orb.Point
	A, B Seg
}

// ChunkSegs is how many consecutive segments share one sweep entry (and
// one R-tree entry in geo/inspect):
// boundary lines are long runs of short segments, and sweeping runs rather
// than single segments is several times cheaper.
const ChunkSegs = 8

// Chunk is one sweep entry: the run of ChunkSegs segments starting at Ref
// (fewer at the end of a part) and its envelope Min–Max.
type Chunk struct {
	Ref      Seg
	Min, Max orb.Point
}

// AppendChunks appends the chunks of pts, part number part of a sweep, to
// cs; a part of fewer than 2 points has none.
func AppendChunks(cs []Chunk, part int32, pts []orb.Point) []Chunk {
	if len(pts) < 2 {
		return cs
	}
	cs = slices.Grow(cs, (len(pts)-2)/ChunkSegs+1)
	for i := 0; i+1 < len(pts); i += ChunkSegs {
		end := min(i+ChunkSegs, len(pts)-1)
		lo, hi := Envelope(pts[i : end+1])
		cs = append(cs, Chunk{Seg{part, int32(i)}, lo, hi})
	}
	return cs
}

// Sweep finds where point sequences touch or cross in a way OGC simple
// features forbid. The test is topological: it runs in whatever plane the
// points are in (lon/lat degrees or Gauss-Krüger metres).
type Sweep struct {
	// Parts hold no repeated consecutive points; parts of fewer than 2
	// points are ignored.
	Parts [][]orb.Point
	// Rings says whether the parts are the closed rings of polygons,
	// rather than lines.
	Rings bool
	// Group, for rings, is the polygon of each part.
	Group []int
	// Chunks, if not nil, are the chunks of Parts as AppendChunks makes
	// them, in any order (an index that has them already saves their
	// envelopes); Run reorders them.
	Chunks []Chunk
	// Touches, if not nil, receives for rings every point where two rings
	// of one polygon touch without crossing.
	Touches *Touches
}

// SelfIntersections is Sweep{Parts: parts, Rings: rings, Group: group}.Run.
func SelfIntersections(parts [][]orb.Point, rings bool, group []int, fn func(Fault) bool) {
	Sweep{Parts: parts, Rings: rings, Group: group}.Run(fn)
}

// Run calls fn for every forbidden contact, until fn returns false.
//
// For lines (Rings false), parts may meet only at their end points, and a
// part only at its own ends (a closed line): what ST_IsSimple requires.
// For rings, a ring may not touch itself, nor fold back on itself (a
// spike); two rings may touch at points but not cross (at a vertex or
// between vertices) or overlap, whether of one polygon or of two: what
// ST_IsValid requires of the rings of a multipolygon. Whether touching
// rings disconnect a polygon's interior is for Touches to tell.
func (w Sweep) Run(fn func(Fault) bool) {
	cs := w.Chunks
	if cs == nil {
		for pi, pts := range w.Parts {
			cs = AppendChunks(cs, int32(pi), pts)
		}
	}
	parts := w.Parts
	chunkPairs(cs, func(c, d Seg, dMin, dMax orb.Point) bool {
		// c ≤ d: every segment of d follows every segment of c, except
		// within one chunk, where t must follow s.
		pc, pd := parts[c.Part], parts[d.Part]
		ce, de := chunkEnd(parts, c), chunkEnd(parts, d)
		// Within a chunk strictly monotone along an axis, the boxes of
		// segments that are not consecutive are apart.
		monotone := c == d && strictlyMonotone(pc[c.I:ce+1])
		for i := c.I; i < ce; i++ {
			a, b := pc[i], pc[i+1]
			if !BoxesMeet(a, b, dMin, dMax) {
				continue
			}
			j, end := d.I, de
			if c == d {
				j = i + 1
				if monotone {
					end = min(de, j+1)
				}
			}
			for ; j < end; j++ {
				if !BoxesMeet(a, b, pd[j], pd[j+1]) {
					continue
				}
				s, t := Seg{c.Part, i}, Seg{d.Part, j}
				if q, bad := w.badContact(s, t); bad && !fn(Fault{q, s, t}) {
					return false
				}
			}
		}
		return true
	})
}

// strictlyMonotone reports whether pts go strictly one way along x or
// along y.
func strictlyMonotone(pts []orb.Point) bool {
	for axis := range 2 {
		up, down := true, true
		for k := 1; k < len(pts) && (up || down); k++ {
			up = up && pts[k][axis] > pts[k-1][axis]
			down = down && pts[k][axis] < pts[k-1][axis]
		}
		if up || down {
			return true
		}
	}
	return false
}

// Envelope returns the bounding box of pts (at least one point).
func Envelope(pts []orb.Point) (lo, hi orb.Point) {
	lo, hi = pts[0], pts[0]
	for _, q := range pts[1:] {
		lo[0], lo[1] = min(lo[0], q[0]), min(lo[1], q[1])
		hi[0], hi[1] = max(hi[0], q[0]), max(hi[1], q[1])
	}
	return lo, hi
}

// chunkEnd returns the end of the chunk starting at c: segments c.I to
// chunkEnd-1.
func chunkEnd(parts [][]orb.Point, c Seg) int32 {
	return min(c.I+ChunkSegs, int32(len(parts[c.Part])-1))
}

// chunkPairs calls fn for every pair of chunks c ≤ d (in part and start
// order) whose envelopes meet, with d's envelope, until fn returns false:
// a sweep along the longer axis of the whole extent, for long runs of
// short segments much cheaper than one tree search per chunk. It sorts cs.
func chunkPairs(cs []Chunk, fn func(c, d Seg, dMin, dMax orb.Point) bool) {
	if len(cs) == 0 {
		return
	}
	lo, hi := cs[0].Min, cs[0].Max
	for _, c := range cs[1:] {
		lo[0], lo[1] = min(lo[0], c.Min[0]), min(lo[1], c.Min[1])
		hi[0], hi[1] = max(hi[0], c.Max[0]), max(hi[1], c.Max[1])
	}
	axis := 0
	if hi[1]-lo[1] > hi[0]-lo[0] {
		axis = 1
	}
	slices.SortFunc(cs, func(a, b Chunk) int { return cmp.Compare(a.Min[axis], b.Min[axis]) })
	other := 1 - axis
	for i, a := range cs {
		if !fn(a.Ref, a.Ref, a.Min, a.Max) {
			return
		}
		for _, b := range cs[i+1:] {
			if b.Min[axis] > a.Max[axis] {
				break
			}
			if b.Min[other] > a.Max[other] || b.Max[other] < a.Min[other] {
				continue
			}
			ok := true
			if a.Ref.Less(b.Ref) {
				ok = fn(a.Ref, b.Ref, b.Min, b.Max)
			} else {
				ok = fn(b.Ref, a.Ref, a.Min, a.Max)
			}
			if !ok {
				return
			}
		}
	}
}

// badContact decides whether segments s < t meet in a forbidden way.
func (w *Sweep) badContact(s, t Seg) (orb.Point, bool) {
	if s.Part == t.Part {
		return selfContact(w.Parts[s.Part], s.I, t.I)
	}
	ps, pt := w.Parts[s.Part], w.Parts[t.Part]
	a, b, c, d := ps[s.I], ps[s.I+1], pt[t.I], pt[t.I+1]
	k, q := SegContact(a, b, c, d)
	switch {
	case k == ContactNone:
		return q, false
	case k == ContactOverlap:
		return a, true
	case w.Rings:
		return w.ringContact(s, t, q)
	}
	return q, !(isEnd(ps, q) && isEnd(pt, q))
}

// ringContact decides for segments s < t of two rings that meet at the
// single point q: they may not cross there. A contact at a vertex is
// decided once, where q starts a segment of each ring or lies inside it
// (the segments that end at q go on in segments that start there), from
// the two edges of each ring at q; a touch of rings of one polygon goes
// to w.Touches.
func (w *Sweep) ringContact(s, t Seg, q orb.Point) (orb.Point, bool) {
	ps, pt := w.Parts[s.Part], w.Parts[t.Part]
	a, b, c, d := ps[s.I], ps[s.I+1], pt[t.I], pt[t.I+1]
	if Orient(a, b, c)*Orient(a, b, d) < 0 && Orient(c, d, a)*Orient(c, d, b) < 0 {
		return q, true // a crossing between vertices
	}
	if q == b || q == d {
		return q, false
	}
	a0, c0 := a, c
	if q == a {
		a0 = prevInRing(ps, s.I)
	}
	if q == c {
		c0 = prevInRing(pt, t.I)
	}
	if NodeCrosses(q, a0, b, c0, d) {
		return q, true
	}
	if w.Touches != nil && w.Group[s.Part] == w.Group[t.Part] {
		w.Touches.Add(w.Group[s.Part], s.Part, t.Part, q)
	}
	return q, false
}

// prevInRing returns the vertex before vertex i of closed ring r.
func prevInRing(r []orb.Point, i int32) orb.Point {
	if i == 0 {
		return r[len(r)-2]
	}
	return r[i-1]
}

// selfContact decides for segments s < t of one part.
func selfContact(part []orb.Point, s, t int32) (orb.Point, bool) {
	last := int32(len(part) - 2) // index of the last segment
	closed := part[0] == part[len(part)-1]
	switch {
	case t == s+1:
		return part[t], Backtracks(part[s], part[t], part[t+1])
	case closed && s == 0 && t == last && last > 1:
		return part[0], Backtracks(part[last], part[0], part[1])
	}
	k, q := SegContact(part[s], part[s+1], part[t], part[t+1])
	if k == ContactOverlap {
		q = part[s]
	}
	return q, k != ContactNone
}

// isEnd reports whether q is the first or last point of part.
func isEnd(part []orb.Point, q orb.Point) bool {
	return q == part[0] || q == part[len(part)-1]
}
