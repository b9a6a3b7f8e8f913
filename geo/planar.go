package geo

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// PlanarDistance returns the Euclidean distance in metres between a and b,
// two points of one projected plane.
func PlanarDistance(a, b orb.Point) float64 {
	return math.Hypot(b[0]-a[0], b[1]-a[1])
}

// PlanarClosestOnSegment returns the point q of segment a–b nearest to p and
// its parameter t in [0, 1] (q = a + t·(b−a)). A zero-length segment gives
// q = a, t = 0.
func PlanarClosestOnSegment(p, a, b orb.Point) (q orb.Point, t float64) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return a, 0
	}
	t = ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
	switch {
	case t <= 0:
		return a, 0
	case t >= 1:
		return b, 1
	}
	return orb.Point{a[0] + t*dx, a[1] + t*dy}, t
}

// PlanarDistanceToSegment returns the distance in metres from p to the
// segment a–b.
func PlanarDistanceToSegment(p, a, b orb.Point) float64 {
	q, _ := PlanarClosestOnSegment(p, a, b)
	return PlanarDistance(p, q)
}

// PlanarLength returns the length of ls in metres.
func PlanarLength(ls orb.LineString) float64 {
	var sum float64
	for i := 1; i < len(ls); i++ {
		sum += PlanarDistance(ls[i-1], ls[i])
	}
	return sum
}

// PlanarDistanceToLineString returns the distance in metres from p to the
// nearest point of ls. It returns an error if ls has fewer than two points
// or a coordinate that is not finite.
func PlanarDistanceToLineString(p orb.Point, ls orb.LineString) (float64, error) {
	loc, err := PlanarLocate(ls, p)
	return loc.Distance, err
}

// checkLine requires at least two points, all finite, in the line named
// field.
func checkLine(field string, ls orb.LineString) error {
	if len(ls) < 2 {
		return invalid(field, strconv.Itoa(len(ls)),
			"line has "+strconv.Itoa(len(ls))+" points; at least 2 are needed")
	}
	for i, p := range ls {
		if !finite(p) {
			return invalid(field, formatFloat(p[0])+" "+formatFloat(p[1]),
				"point "+strconv.Itoa(i)+" of the line is NaN or infinite")
		}
	}
	return nil
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && !math.IsNaN(p[1]) && !math.IsInf(p[1], 0)
}
