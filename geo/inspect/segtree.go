package inspect

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/valid"
)

// segTree indexes the segments of several point sequences (line parts or
// rings) by the envelopes of runs of valid.ChunkSegs segments. A segRef names
// segment pts[Part][I]–pts[Part][I+1]. Sequences are added with add; build
// then fills the R-tree, once.
type segTree struct {
	pts   [][]orb.Point
	tree  rtree.RTreeG[segRef]
	boxes []valid.Chunk // the entries in insertion order, for build and sweeps
}

// add records the segments of one sequence as part len(t.pts); build
// indexes them.
func (t *segTree) add(pts []orb.Point) {
	t.boxes = valid.AppendChunks(t.boxes, int32(len(t.pts)), pts)
	t.pts = append(t.pts, pts)
}

// build inserts the recorded entries into the R-tree. The entries that
// reach the extent's four sides go in first: the tree's root then never
// grows again, so the R-tree does not re-sort the root at every insert (as
// it does when entries come in order along a line). Queries do not depend
// on the order of insertion: every one breaks ties by segRef.
func (t *segTree) build() {
	if len(t.boxes) == 0 || t.tree.Len() > 0 {
		return
	}
	var ext [4]int // indexes of the boxes reaching min x, min y, max x, max y
	for i, b := range t.boxes {
		if b.Min[0] < t.boxes[ext[0]].Min[0] {
			ext[0] = i
		}
		if b.Min[1] < t.boxes[ext[1]].Min[1] {
			ext[1] = i
		}
		if b.Max[0] > t.boxes[ext[2]].Max[0] {
			ext[2] = i
		}
		if b.Max[1] > t.boxes[ext[3]].Max[1] {
			ext[3] = i
		}
	}
	for k, i := range ext {
		if !slices.Contains(ext[:k], i) {
			t.insert(i)
		}
	}
	for i := range t.boxes {
		if !slices.Contains(ext[:], i) {
			t.insert(i)
		}
	}
}

func (t *segTree) insert(i int) {
	b := &t.boxes[i]
	t.tree.Insert(b.Min, b.Max, b.Ref)
}

// chunks returns a copy of the entries, for a valid.Sweep (which
// reorders them) to reuse their envelopes.
func (t *segTree) chunks() []valid.Chunk { return slices.Clone(t.boxes) }

// size returns the number of R-tree entries.
func (t *segTree) size() int { return t.tree.Len() }

func (t *segTree) seg(s segRef) (orb.Point, orb.Point) {
	p := t.pts[s.Part]
	return p[s.I], p[s.I+1]
}

// chunk returns the segments of the entry starting at c: I from c.I to end-1.
func (t *segTree) chunkEnd(c segRef) int32 {
	return min(c.I+valid.ChunkSegs, int32(len(t.pts[c.Part])-1))
}

// nearest returns the segment nearest to p and its distance; among equally
// near segments the first in order wins. ok is false for an empty tree.
// It searches a square around p that grows fourfold until the nearest
// segment found lies within it (then no segment outside can be nearer) or
// the square covers the whole tree: plain window queries, cheaper than a
// best-first search for points near the line, as markers and cut points
// are.
func (t *segTree) nearest(p orb.Point) (s segRef, dist float64, ok bool) {
	if t.tree.Len() == 0 {
		return s, 0, false
	}
	if !finite(p) {
		return t.nearestBestFirst(p)
	}
	lo, hi := t.tree.Bounds()
	for r := nearestProbeM; ; r *= 4 {
		best := math.Inf(1)
		found := false
		t.tree.Search([2]float64{p[0] - r, p[1] - r}, [2]float64{p[0] + r, p[1] + r},
			func(_, _ [2]float64, c segRef) bool {
				cr, d2 := t.nearestIn(c, p)
				if d2 < best || d2 == best && cr.Less(s) {
					s, best, found = cr, d2, true
				}
				return true
			})
		covers := p[0]-r <= lo[0] && p[1]-r <= lo[1] && p[0]+r >= hi[0] && p[1]+r >= hi[1]
		if found && (best <= r*r || covers) {
			return s, math.Sqrt(best), true
		}
		if covers || math.IsInf(r, 1) {
			return t.nearestBestFirst(p)
		}
	}
}

// nearestProbeM is the first search radius of nearest, in metres.
const nearestProbeM = 32.0

// nearestBestFirst is nearest by the R-tree's best-first search: entries
// come in order of envelope distance, a lower bound of the exact
// distance, so the search stops at the first envelope farther than the
// best segment found.
func (t *segTree) nearestBestFirst(p orb.Point) (s segRef, dist float64, ok bool) {
	best := math.Inf(1)
	t.tree.Nearby(rtree.BoxDist[float64, segRef](p, p, nil),
		func(_, _ [2]float64, c segRef, box2 float64) bool {
			if box2 > best {
				return false
			}
			r, d2 := t.nearestIn(c, p)
			if d2 < best || d2 == best && r.Less(s) {
				s, best, ok = r, d2, true
			}
			return true
		})
	return s, math.Sqrt(best), ok
}

// nearestIn returns the first nearest segment to p within chunk c and
// its squared distance.
func (t *segTree) nearestIn(c segRef, p orb.Point) (segRef, float64) {
	best, bestD2 := c, math.Inf(1)
	for i := c.I; i < t.chunkEnd(c); i++ {
		s := segRef{Part: c.Part, I: i}
		a, b := t.seg(s)
		if d2 := distSq(p, a, b); d2 < bestD2 {
			best, bestD2 = s, d2
		}
	}
	return best, bestD2
}

// distSq returns the squared distance from p to segment a–b, avoiding
// math.Hypot in the innermost loop.
func distSq(p, a, b orb.Point) float64 {
	q, _ := geo.PlanarClosestOnSegment(p, a, b)
	dx, dy := p[0]-q[0], p[1]-q[1]
	return dx*dx + dy*dy
}

// search calls fn for every segment whose envelope meets the box min–max,
// until fn returns false.
func (t *segTree) search(min, max orb.Point, fn func(s segRef) bool) {
	t.tree.Search(min, max, func(_, _ [2]float64, c segRef) bool {
		for i := c.I; i < t.chunkEnd(c); i++ {
			s := segRef{Part: c.Part, I: i}
			a, b := t.seg(s)
			if boxesMeet(a, b, min, max) && !fn(s) {
				return false
			}
		}
		return true
	})
}
