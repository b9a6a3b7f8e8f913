package geo

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Hausdorff is a Hausdorff distance with its witness: the point At of one
// line that is farthest from the other line, and Nearest, the point of the
// other line nearest to At.
type Hausdorff struct {
	Distance float64   // metres
	At       orb.Point // on either line
	Nearest  orb.Point // on the other line
}

// MaxDensifiedPoints bounds the points PlanarHausdorffDensified may
// generate per line, so that a tiny step cannot exhaust memory or time.
const MaxDensifiedPoints = 10_000_000

// PlanarHausdorff returns the discrete Hausdorff distance between a and b
// in metres: the largest distance from a vertex of either line to the
// other line (its segments, not only its vertices). This is what GEOS and
// PostGIS ST_HausdorffDistance(a, b) compute without densification; it can
// miss the true distance when long segments bend away from each other (use
// PlanarHausdorffDensified). It returns a KindInvalid error if a line has
// fewer than two points or a coordinate that is not finite.
func PlanarHausdorff(a, b orb.LineString) (Hausdorff, error) {
	return PlanarHausdorffDensified(a, b, math.Inf(1))
}

// PlanarHausdorffDensified is PlanarHausdorff with both lines densified
// first: every segment is split evenly into pieces no longer than step
// metres, and the points so added count as vertices. The result
// approaches the true Hausdorff distance as step shrinks; it is never more
// than the true distance. step must be positive; +Inf means no
// densification.
func PlanarHausdorffDensified(a, b orb.LineString, step float64) (Hausdorff, error) {
	if err := checkLine("a", a); err != nil {
		return Hausdorff{}, err
	}
	if err := checkLine("b", b); err != nil {
		return Hausdorff{}, err
	}
	if !(step > 0) {
		return Hausdorff{}, invalid("step", formatFloat(step), "densify step must be a positive number of metres")
	}
	for _, ls := range [2]orb.LineString{a, b} {
		if n := densifiedCount(ls, step); n > MaxDensifiedPoints {
			return Hausdorff{}, invalid("step", formatFloat(step), "densify step "+formatFloat(step)+
				" m would make "+strconv.FormatFloat(n, 'g', 3, 64)+" points; the limit is "+
				strconv.Itoa(MaxDensifiedPoints))
		}
	}
	h := directedHausdorff(a, b, step, Hausdorff{Distance: -1})
	return directedHausdorff(b, a, step, h), nil
}

// densifiedCount returns how many points densifying ls to step makes.
func densifiedCount(ls orb.LineString, step float64) float64 {
	if math.IsInf(step, 1) {
		return float64(len(ls)) // no segment is split
	}
	n := 1.0
	for i := 1; i < len(ls); i++ {
		n += math.Max(1, math.Ceil(PlanarDistance(ls[i-1], ls[i])/step))
	}
	return n
}

// directedHausdorff raises h to the largest distance from a point of from
// (densified to step) to the line to.
func directedHausdorff(from, to orb.LineString, step float64, h Hausdorff) Hausdorff {
	s := nearSearch{line: to}
	visitDensified(from, step, func(p orb.Point) {
		if q, d, ok := s.nearestAbove(p, h.Distance); ok {
			h = Hausdorff{Distance: d, At: p, Nearest: q}
		}
	})
	return h
}

// visitDensified calls fn for every vertex of ls and for the points that
// split each segment evenly into pieces no longer than step.
func visitDensified(ls orb.LineString, step float64, fn func(orb.Point)) {
	fn(ls[0])
	if math.IsInf(step, 1) { // no segment is split
		for _, p := range ls[1:] {
			fn(p)
		}
		return
	}
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		n := math.Max(1, math.Ceil(PlanarDistance(a, b)/step))
		for k := 1.0; k < n; k++ {
			t := k / n
			fn(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
		fn(b)
	}
}

// nearSearch finds nearest points on line, starting each search at the
// segment that was nearest last time: consecutive points of two similar
// lines have nearby nearest segments.
type nearSearch struct {
	line orb.LineString
	last int
}

// nearestAbove returns the point of the line nearest to p and its
// distance, with ok set, if that distance exceeds floor. It stops early,
// with ok false, as soon as some segment is within floor (early break:
// such a p cannot raise the Hausdorff distance).
//
// Distances are compared as math.Hypot gives them (PlanarDistance), but
// math.Hypot is only called where the cheaper √(dx²+dy²), which agrees
// with it to a few units in the last place, is too close to floor or to
// the best distance so far to decide: the result is the same.
func (s *nearSearch) nearestAbove(p orb.Point, floor float64) (orb.Point, float64, bool) {
	segs := len(s.line) - 1
	best, bestD, bestI := orb.Point{}, math.Inf(1), s.last
	lo, hi := floor*(1-hypotSlack), floor*(1+hypotSlack)
	for k := range segs {
		i := (s.last + k) % segs
		q, _ := PlanarClosestOnSegment(p, s.line[i], s.line[i+1])
		dx, dy := q[0]-p[0], q[1]-p[1]
		if d2 := dx*dx + dy*dy; d2 > sqMin && d2 < sqMax {
			r := math.Sqrt(d2)
			if r < lo { // surely within floor
				s.last = i
				return q, r, false
			}
			if r > hi && r > bestD*(1+hypotSlack) { // surely neither
				continue
			}
		}
		d := math.Hypot(dx, dy)
		if d < bestD {
			best, bestD, bestI = q, d, i
		}
		if d <= floor {
			s.last = i
			return best, bestD, false
		}
	}
	s.last = bestI
	return best, bestD, true
}

// hypotSlack bounds the relative difference between √(dx²+dy²) and
// math.Hypot(dx, dy) with a wide margin (they differ by a few units in the
// last place, ~1e-15), for squares between sqMin and sqMax, where dx² + dy²
// neither underflows nor overflows.
const (
	hypotSlack = 1e-12
	sqMin      = 1e-290
	sqMax      = 1e290
)
