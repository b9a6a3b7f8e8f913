package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Side says on which side of a directed line a point lies.
type Side int8

// Sides of a directed line, looking from its first point towards its last.
const (
	SideOn    Side = 0  // on the line
	SideLeft  Side = 1  // left of the line
	SideRight Side = -1 // right of the line
)

// String returns "left", "right" or "on".
func (s Side) String() string {
	switch s {
	case SideLeft:
		return "left"
	case SideRight:
		return "right"
	}
	return "on"
}

// Location is where a point projects onto a line: linear referencing in
// one projected plane, lengths in metres.
type Location struct {
	Point    orb.Point // nearest point of the line
	Distance float64   // metres from the located point to Point
	Measure  float64   // metres along the line from its first point to Point
	Segment  int       // index i of the segment line[i]–line[i+1] holding Point
	Side     Side      // side of the directed line the located point is on
}

// PlanarLocate returns the location on ls nearest to p: the nearest point,
// its distance, its measure from the start, and the side of ls (taken in
// its direction) that p lies on. When several points of ls are equally
// near, the one with the smallest measure wins. A point beyond an end of
// the line is sided by the end segment. It returns a KindInvalid error if
// ls has fewer than two points or a coordinate that is not finite.
func PlanarLocate(ls orb.LineString, p orb.Point) (Location, error) {
	if err := checkLine("line", ls); err != nil {
		return Location{}, err
	}
	best := Location{Distance: math.Inf(1)}
	var along float64
	for i := 0; i+1 < len(ls); i++ {
		q, t := PlanarClosestOnSegment(p, ls[i], ls[i+1])
		seg := PlanarDistance(ls[i], ls[i+1])
		if d := PlanarDistance(p, q); d < best.Distance {
			best = Location{Point: q, Distance: d, Measure: along + t*seg, Segment: i}
		}
		along += seg
	}
	best.Side = sideAt(ls, p, best)
	return best, nil
}

// sideAt decides the side of p for its nearest location loc on ls. At an
// interior vertex where the two segments disagree, p lies in the outer
// wedge of the turn: right of a left turn, left of a right turn.
func sideAt(ls orb.LineString, p orb.Point, loc Location) Side {
	if loc.Distance == 0 {
		return SideOn
	}
	i := loc.Segment
	s := sideOf(p, ls[i], ls[i+1])
	if loc.Point != ls[i+1] || i+2 >= len(ls) {
		if loc.Point == ls[i] && i > 0 {
			return sideAtVertex(p, ls[i-1], ls[i], ls[i+1])
		}
		return s
	}
	return sideAtVertex(p, ls[i], ls[i+1], ls[i+2])
}

// sideAtVertex sides p nearest to vertex v between segments a–v and v–b.
func sideAtVertex(p, a, v, b orb.Point) Side {
	s1, s2 := sideOf(p, a, v), sideOf(p, v, b)
	if s1 == s2 || s2 == SideOn {
		return s1
	}
	if s1 == SideOn {
		return s2
	}
	if turn := sideOf(b, a, v); turn != SideOn {
		return -turn
	}
	return s1 // a spike folding back on itself: keep the incoming side
}

// sideOf returns the side of the directed line a→b that p lies on.
func sideOf(p, a, b orb.Point) Side {
	c := (b[0]-a[0])*(p[1]-a[1]) - (b[1]-a[1])*(p[0]-a[0])
	switch {
	case c > 0:
		return SideLeft
	case c < 0:
		return SideRight
	}
	return SideOn
}

// PlanarPointAt returns the point of ls at measure metres from its first
// point, clamping measure to [0, length]. It returns a KindInvalid error
// if ls is not a valid line or measure is NaN.
func PlanarPointAt(ls orb.LineString, measure float64) (orb.Point, error) {
	if err := checkLine("line", ls); err != nil {
		return orb.Point{}, err
	}
	if math.IsNaN(measure) {
		return orb.Point{}, invalid("measure", "NaN", "measure is NaN")
	}
	for i := 0; i+1 < len(ls); i++ {
		seg := PlanarDistance(ls[i], ls[i+1])
		if measure <= seg && seg > 0 {
			t := math.Max(0, measure/seg)
			return orb.Point{ls[i][0] + t*(ls[i+1][0]-ls[i][0]), ls[i][1] + t*(ls[i+1][1]-ls[i][1])}, nil
		}
		measure -= seg
	}
	return ls[len(ls)-1], nil
}
