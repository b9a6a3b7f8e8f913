package inspect

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
	"github.com/toponym/toponym/geo"
)

// chunkSegs is how many consecutive segments share one R-tree entry:
// boundary lines are long runs of short segments, and indexing runs
// rather than single segments makes building the tree several times
// cheaper for a small cost per query.
const chunkSegs = 8

// segTree indexes the segments of several point sequences (line parts or
// rings) by the envelopes of runs of chunkSegs segments. A segRef names
// segment pts[Part][I]–pts[Part][I+1].
type segTree struct {
	pts  [][]orb.Point
	tree rtree.RTreeG[segRef]
}

// add indexes the segments of one sequence as part len(t.pts).
func (t *segTree) add(pts []orb.Point) {
	pi := int32(len(t.pts))
	t.pts = append(t.pts, pts)
	for i := 0; i+1 < len(pts); i += chunkSegs {
		end := min(i+chunkSegs, len(pts)-1)
		b := orb.MultiPoint(pts[i : end+1]).Bound()
		t.tree.Insert(b.Min, b.Max, segRef{pi, int32(i)})
	}
}

// size returns the number of R-tree entries.
func (t *segTree) size() int { return t.tree.Len() }

func (t *segTree) seg(s segRef) (orb.Point, orb.Point) {
	p := t.pts[s.Part]
	return p[s.I], p[s.I+1]
}

// chunk returns the segments of the entry starting at c: I from c.I to end-1.
func (t *segTree) chunkEnd(c segRef) int32 {
	return min(c.I+chunkSegs, int32(len(t.pts[c.Part])-1))
}

// nearest returns the segment nearest to p and its distance; among equally
// near segments the first in order wins. ok is false for an empty tree.
// Entries come in order of envelope distance, a lower bound of the exact
// distance, so the search stops at the first envelope farther than the
// best segment found.
func (t *segTree) nearest(p orb.Point) (s segRef, dist float64, ok bool) {
	best := math.Inf(1)
	t.tree.Nearby(rtree.BoxDist[float64, segRef](p, p, nil),
		func(_, _ [2]float64, c segRef, box2 float64) bool {
			if box2 > best {
				return false
			}
			r, d2 := t.nearestIn(c, p)
			if d2 < best || d2 == best && r.less(s) {
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
		s := segRef{c.Part, i}
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

// chunkPairs calls fn for every pair of entries c ≤ d (in part and start
// order) whose envelopes meet, with d's envelope.
func (t *segTree) chunkPairs(fn func(c, d segRef, dMin, dMax orb.Point)) {
	t.tree.Scan(func(min, max [2]float64, c segRef) bool {
		t.tree.Search(min, max, func(dMin, dMax [2]float64, d segRef) bool {
			if !d.less(c) {
				fn(c, d, dMin, dMax)
			}
			return true
		})
		return true
	})
}

// segsIn calls fn for each segment of entry c.
func (t *segTree) segsIn(c segRef, fn func(s segRef)) {
	for i := c.I; i < t.chunkEnd(c); i++ {
		fn(segRef{c.Part, i})
	}
}

// search calls fn for every segment whose envelope meets the box min–max,
// until fn returns false.
func (t *segTree) search(min, max orb.Point, fn func(s segRef) bool) {
	t.tree.Search(min, max, func(_, _ [2]float64, c segRef) bool {
		for i := c.I; i < t.chunkEnd(c); i++ {
			s := segRef{c.Part, i}
			a, b := t.seg(s)
			if boxesMeet(a, b, min, max) && !fn(s) {
				return false
			}
		}
		return true
	})
}
