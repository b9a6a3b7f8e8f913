package sample

import (
	"math"

	"github.com/paulmach/orb"
)

// pathFrom returns the part of g that starts or ends at the tri-junction,
// oriented away from it; failing that, the longest part.
func (s *shapes) pathFrom(g orb.MultiLineString) orb.LineString {
	var best orb.LineString
	for _, l := range g {
		switch {
		case l[0] == TriJunctionPoint:
			return l
		case l[len(l)-1] == TriJunctionPoint:
			r := append(orb.LineString(nil), l...)
			r.Reverse()
			return r
		}
		if lengthKm(l) > lengthKm(best) {
			best = l
		}
	}
	return best
}

// lengthKm is the local planar length of l in kilometres.
func lengthKm(l orb.LineString) float64 {
	n := 0.0
	for i := 1; i < len(l); i++ {
		n += distKm(l[i-1], l[i])
	}
	return n
}

// along returns the point km kilometres along l (clamped to its end) and the
// unit direction of its segment there, in the local km frame.
func along(l orb.LineString, km float64) (orb.Point, [2]float64) {
	for i := 1; i < len(l); i++ {
		d := distKm(l[i-1], l[i])
		if d == 0 {
			continue
		}
		dir := [2]float64{(l[i][0] - l[i-1][0]) * kmPerDegLon / d, (l[i][1] - l[i-1][1]) * kmPerDegLat / d}
		if km <= d || i == len(l)-1 {
			t := math.Min(km/d, 1)
			p := orb.Point{l[i-1][0] + t*(l[i][0]-l[i-1][0]), l[i-1][1] + t*(l[i][1]-l[i-1][1])}
			return orb.Point{round7(p[0]), round7(p[1])}, dir
		}
		km -= d
	}
	return l[0], [2]float64{1, 0}
}

// offsetM returns p moved m metres to the left of dir (right if m < 0).
func offsetM(p orb.Point, dir [2]float64, m float64) orb.Point {
	km := m / 1000
	return orb.Point{round7(p[0] - dir[1]*km/kmPerDegLon), round7(p[1] + dir[0]*km/kmPerDegLat)}
}
