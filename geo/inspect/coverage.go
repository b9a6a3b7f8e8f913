package inspect

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Method of C13–C15 (boundary sampling, no polygon overlay): every ring of
// every township is sampled at its vertices and every CoverageSampleM
// metres between them. At each sample v of township T, each neighbour N
// (townships whose envelope lies within SliverM) is asked, through R-trees
// over ring segments, for its distance d to v and whether it contains v:
//
//   - d ≤ OverlapM: T and N share the boundary there;
//   - N contains v and d > OverlapM: T reaches d metres into N, an overlap
//     of width d (C13);
//   - otherwise, with N the nearest neighbour and q its nearest point, if
//     d < SliverM and the midpoint of v–q lies in no township, at least
//     OverlapM off both boundaries (and inside the county, if given), there
//     is a gap of width d between T and N: a sliver (C14).
//
// With a county (C15): a township sample outside the county by more than
// CoverageResidualM is a spill; a county boundary sample that no township
// contains or touches within CoverageResidualM is uncovered, by its
// distance to the nearest township; and a township sample inside the
// county with no neighbour nearer than SliverM whose outward side lies in
// no township is the edge of an uncovered gap at least SliverM wide. Gaps
// narrower than SliverM are left to C14, so one hole is reported once.
//
// Widths are measured perpendicular to the sampled boundary, so a strip
// of uniform width w gives w; features shorter than the sampling step can
// be missed between samples. Findings are grouped per pair of townships
// (C13, C14), per township (spills) and per county (uncovered), each with
// the largest width found and the samples (at most 100) as its location.
type coverage struct {
	overlaps, slivers map[[2]int]*samples
	spills            map[int]*samples
	uncovered         *samples
}

// samples accumulates the sample points of one finding.
type samples struct {
	max float64
	pts orb.MultiPoint
}

func (s *samples) add(v float64, q orb.Point) {
	s.max = math.Max(s.max, v)
	if len(s.pts) < maxReported {
		s.pts = append(s.pts, q)
	}
}

func addTo[K comparable](m map[K]*samples, k K, v float64, q orb.Point) {
	if m[k] == nil {
		m[k] = &samples{}
	}
	m[k].add(v, q)
}

// surveyor holds the indexes of one coverage analysis.
type surveyor struct {
	p      *plane
	towns  []*polyIndex // nil for a township without usable geometry
	bounds rtree.RTreeG[int]
	county *polyIndex
	res    coverage
}

// coverage runs the analysis once per run.
func (p *plane) coverage() *coverage {
	p.covOnce.Do(p.buildCoverage)
	return p.cov
}

// buildCoverage samples each township's boundary, and the county's, in
// tasks spread over p.workers goroutines; each task records what it finds
// and the records are applied in township order, county last, so the
// result is that of sampling one boundary after another.
func (p *plane) buildCoverage() {
	s := &surveyor{p: p, towns: make([]*polyIndex, len(p.in.Townships)),
		res: coverage{overlaps: map[[2]int]*samples{}, slivers: map[[2]int]*samples{}, spills: map[int]*samples{}, uncovered: &samples{}}}
	if p.hasZone {
		s.index()
		step := p.tol.CoverageSampleM
		found := make([]tally, len(s.towns)+1)
		parallel(p.workers, len(found), func(k int) {
			switch {
			case k < len(s.towns) && s.towns[k] != nil:
				s.towns[k].samples(step, func(q, dir orb.Point) { s.townSample(&found[k], k, q, dir) })
			case k == len(s.towns) && s.county != nil:
				s.county.samples(step, func(q, _ orb.Point) { s.countySample(&found[k], q) })
			}
		})
		for _, t := range found {
			s.apply(t)
		}
	}
	p.cov = &s.res
}

// tally is what one sampling task found, in order.
type tally []covFind

// covFind is one faulty sample: an overlap or a sliver of a pair of
// townships (key), a township's spill beyond the county (key[0]), or
// uncovered county; v is the width.
type covFind struct {
	kind covKind
	key  [2]int
	v    float64
	q    orb.Point
}

type covKind uint8

const (
	covOverlap covKind = iota
	covSliver
	covSpill
	covUncovered
)

func (t *tally) add(kind covKind, key [2]int, v float64, q orb.Point) {
	*t = append(*t, covFind{kind, key, v, q})
}

// apply adds a task's finds to the results.
func (s *surveyor) apply(t tally) {
	for _, f := range t {
		switch f.kind {
		case covOverlap:
			addTo(s.res.overlaps, f.key, f.v, f.q)
		case covSliver:
			addTo(s.res.slivers, f.key, f.v, f.q)
		case covSpill:
			addTo(s.res.spills, f.key[0], f.v, f.q)
		case covUncovered:
			s.res.uncovered.add(f.v, f.q)
		}
	}
}

func (s *surveyor) index() {
	for i, u := range s.p.in.Townships {
		if u == nil {
			continue
		}
		if x := s.p.unit(u); x != nil {
			s.towns[i] = x
			s.bounds.Insert(x.bound.Min, x.bound.Max, i)
		}
	}
	if s.p.in.County != nil {
		s.county = s.p.unit(s.p.in.County)
	}
}

// near calls fn for the townships other than skip whose envelope lies
// within r of q.
func (s *surveyor) near(q orb.Point, r float64, skip int, fn func(i int)) {
	s.bounds.Search([2]float64{q[0] - r, q[1] - r}, [2]float64{q[0] + r, q[1] + r},
		func(_, _ [2]float64, i int) bool {
			if i != skip {
				fn(i)
			}
			return true
		})
}

// covered reports whether q lies inside any township other than skip, or
// within tol of its boundary.
func (s *surveyor) covered(q orb.Point, skip int, tol float64) bool {
	hit := false
	s.near(q, tol, skip, func(i int) {
		hit = hit || s.within(i, q, tol) || s.towns[i].contains(q)
	})
	return hit
}

// townSample judges sample q of township i, on an edge with direction
// dir, into t.
func (s *surveyor) townSample(t *tally, i int, q, dir orb.Point) {
	tol := s.p.tol
	touching := false
	gapN, gapD, gapQ := -1, math.Inf(1), orb.Point{}
	s.near(q, tol.SliverM, i, func(n int) {
		nq, d, near := s.towns[n].nearestWithin(q, tol.SliverM)
		switch {
		case near && d <= tol.OverlapM:
			touching = true
		case s.towns[n].contains(q):
			touching = true
			if !near {
				d = s.towns[n].boundaryDist(q)
			}
			t.add(covOverlap, pairKey(i, n), d, q)
		case near && d < gapD:
			gapN, gapD, gapQ = n, d, nq
		}
	})
	if s.county != nil && !s.county.contains(q) && s.county.boundaryDist(q) > tol.CoverageResidualM {
		t.add(covSpill, [2]int{i}, s.county.boundaryDist(q), q)
		return
	}
	switch {
	case touching:
	case gapN >= 0 && gapD < tol.SliverM:
		if s.isGap(i, gapN, orb.Point{(q[0] + gapQ[0]) / 2, (q[1] + gapQ[1]) / 2}) {
			t.add(covSliver, pairKey(i, gapN), gapD, q)
		}
	case s.county != nil:
		s.wideGap(t, i, q, dir)
	}
}

// isGap reports whether midpoint m between townships i and n lies in a
// gap: in no township, off both boundaries, inside the county if given.
func (s *surveyor) isGap(i, n int, m orb.Point) bool {
	tol := s.p.tol.OverlapM
	if s.towns[i].contains(m) || s.towns[i].boundaryDist(m) <= tol || s.towns[n].boundaryDist(m) <= tol {
		return false
	}
	if s.county != nil && !s.county.contains(m) {
		return false
	}
	return !s.covered(m, i, 0)
}

// wideGap reports (into t) q as the edge of an uncovered gap if the point just
// outside township i at q is inside the county and in no township; the
// gap's width is the distance to the nearest other township or to the
// county boundary, whichever is less.
func (s *surveyor) wideGap(t *tally, i int, q, dir orb.Point) {
	const step = 0.01 // metres outward from the boundary
	if _, _, onEdge := s.county.nearestWithin(q, s.p.tol.CoverageResidualM); onEdge {
		return
	}
	out := orb.Point{q[0] - step*dir[1], q[1] + step*dir[0]} // left of the edge
	if s.towns[i].contains(out) {
		out = orb.Point{q[0] + step*dir[1], q[1] - step*dir[0]}
	}
	if !s.county.contains(out) || s.covered(out, i, 0) {
		return
	}
	t.add(covUncovered, [2]int{}, math.Min(s.nearestOther(q, i), s.county.boundaryDist(q)), q)
}

// countySample judges sample q of the county's boundary, into t.
func (s *surveyor) countySample(t *tally, q orb.Point) {
	tol := s.p.tol.CoverageResidualM
	hit := false
	s.near(q, tol, -1, func(i int) {
		hit = hit || s.within(i, q, tol) || s.towns[i].contains(q)
	})
	if !hit {
		t.add(covUncovered, [2]int{}, s.nearestOther(q, -1), q)
	}
}

// nearestOther returns the distance from q to the nearest boundary of a
// township other than skip, +Inf if there is none: townships are visited
// by envelope distance until no envelope is nearer than the best found.
func (s *surveyor) nearestOther(q orb.Point, skip int) float64 {
	best := math.Inf(1)
	s.bounds.Nearby(rtree.BoxDist[float64, int](q, q, nil), func(_, _ [2]float64, i int, d2 float64) bool {
		if d2 > best*best {
			return false
		}
		if i != skip {
			best = math.Min(best, s.towns[i].boundaryDist(q))
		}
		return true
	})
	return best
}

func pairKey(i, j int) [2]int {
	return [2]int{min(i, j), max(i, j)}
}

// townshipLabel names township i for messages.
func (p *plane) townshipLabel(i int) string { return unitLabel(p.in.Townships[i]) }

// within reports whether q lies within tol of township i's boundary.
func (s *surveyor) within(i int, q orb.Point, tol float64) bool {
	_, _, ok := s.towns[i].nearestWithin(q, tol)
	return ok
}
