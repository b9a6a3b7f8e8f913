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

// chunk is a run of segments from ref and its envelope.
type chunk struct {
	ref      Seg
	min, max orb.Point
}

// SelfIntersections calls fn for every place where the parts touch or
// cross in a way OGC simple features forbid, until fn returns false. Parts
// must hold no repeated consecutive points; parts of fewer than 2 points
// are ignored. The test is topological: it runs in whatever plane the
// points are in (lon/lat degrees or Gauss-Krüger metres).
//
// For lines (rings false), parts may meet only at their end points, and a
// part only at its own ends (a closed line): what ST_IsSimple requires.
// For rings, group[i] is the polygon of part i: a ring may not touch
// itself, nor fold back on itself (a spike); rings of one polygon may
// touch at a point but not cross or overlap; rings of different polygons
// are not compared.
func SelfIntersections(parts [][]orb.Point, rings bool, group []int, fn func(Fault) bool) {
	cs := chunks(parts)
	chunkPairs(cs, func(c, d Seg, dMin, dMax orb.Point) bool {
		// c ≤ d: every segment of d follows every segment of c, except
		// within one chunk, where t must follow s.
		pc, pd := parts[c.Part], parts[d.Part]
		ce, de := chunkEnd(parts, c), chunkEnd(parts, d)
		for i := c.I; i < ce; i++ {
			a, b := pc[i], pc[i+1]
			if !BoxesMeet(a, b, dMin, dMax) {
				continue
			}
			j := d.I
			if c == d {
				j = i + 1
			}
			for ; j < de; j++ {
				if !BoxesMeet(a, b, pd[j], pd[j+1]) {
					continue
				}
				s, t := Seg{c.Part, i}, Seg{d.Part, j}
				if q, bad := badContact(parts, s, t, rings, group); bad && !fn(Fault{q, s, t}) {
					return false
				}
			}
		}
		return true
	})
}

// chunks cuts the parts into runs of ChunkSegs segments.
func chunks(parts [][]orb.Point) []chunk {
	var out []chunk
	for pi, pts := range parts {
		for i := 0; i+1 < len(pts); i += ChunkSegs {
			end := min(i+ChunkSegs, len(pts)-1)
			lo, hi := Envelope(pts[i : end+1])
			out = append(out, chunk{Seg{int32(pi), int32(i)}, lo, hi})
		}
	}
	return out
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
func chunkPairs(cs []chunk, fn func(c, d Seg, dMin, dMax orb.Point) bool) {
	if len(cs) == 0 {
		return
	}
	lo, hi := cs[0].min, cs[0].max
	for _, c := range cs[1:] {
		lo[0], lo[1] = min(lo[0], c.min[0]), min(lo[1], c.min[1])
		hi[0], hi[1] = max(hi[0], c.max[0]), max(hi[1], c.max[1])
	}
	axis := 0
	if hi[1]-lo[1] > hi[0]-lo[0] {
		axis = 1
	}
	slices.SortFunc(cs, func(a, b chunk) int { return cmp.Compare(a.min[axis], b.min[axis]) })
	other := 1 - axis
	for i, a := range cs {
		if !fn(a.ref, a.ref, a.min, a.max) {
			return
		}
		for _, b := range cs[i+1:] {
			if b.min[axis] > a.max[axis] {
				break
			}
			if b.min[other] > a.max[other] || b.max[other] < a.min[other] {
				continue
			}
			ok := true
			if a.ref.Less(b.ref) {
				ok = fn(a.ref, b.ref, b.min, b.max)
			} else {
				ok = fn(b.ref, a.ref, a.min, a.max)
			}
			if !ok {
				return
			}
		}
	}
}

// badContact decides whether segments s < t meet in a forbidden way.
func badContact(parts [][]orb.Point, s, t Seg, rings bool, group []int) (orb.Point, bool) {
	if s.Part == t.Part {
		return selfContact(parts[s.Part], s.I, t.I)
	}
	if rings && group[s.Part] != group[t.Part] {
		return orb.Point{}, false
	}
	ps, pt := parts[s.Part], parts[t.Part]
	a, b, c, d := ps[s.I], ps[s.I+1], pt[t.I], pt[t.I+1]
	k, q := SegContact(a, b, c, d)
	switch {
	case k == ContactNone:
		return q, false
	case k == ContactOverlap:
		return a, true
	case rings:
		return q, Orient(a, b, c)*Orient(a, b, d) < 0 && Orient(c, d, a)*Orient(c, d, b) < 0
	}
	return q, !(isEnd(ps, q) && isEnd(pt, q))
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
