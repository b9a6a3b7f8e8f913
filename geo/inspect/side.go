package inspect

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo"
)

// sideSamples and sideOffsetsM are where sideOfA probes unit A's polygon:
// at 19 evenly spaced points along the agreed line, 5, 25 and 100 m to
// either side.
const sideSamples = 20

var sideOffsetsM = [...]float64{5, 25, 100}

// sideOfA returns the side of the agreed line (in its digitised direction)
// on which unit A lies: Settings.SideOfA if set; otherwise a vote of probe
// points beside the line inside Input.SideA's polygon (a point left of the
// line inside it and its mirror right of the line outside it votes left,
// and the reverse). geo.SideOn means unknown.
func (p *plane) sideOfA() geo.Side {
	if s := p.in.Settings.SideOfA; s != geo.SideOn {
		return s
	}
	if p.in.SideA == nil || p.agreed == nil {
		return geo.SideOn
	}
	poly := p.unit(p.in.SideA)
	if poly == nil {
		return geo.SideOn
	}
	votes := 0
	for k := 1; k < sideSamples; k++ {
		at, dir := p.agreed.tangentAt(p.agreed.length * float64(k) / sideSamples)
		left := orb.Point{-dir[1], dir[0]}
		for _, d := range sideOffsetsM {
			l := orb.Point{at[0] + d*left[0], at[1] + d*left[1]}
			r := orb.Point{at[0] - d*left[0], at[1] - d*left[1]}
			inL, inR := poly.contains(l), poly.contains(r)
			switch {
			case inL && !inR:
				votes++
			case inR && !inL:
				votes--
			}
		}
	}
	switch {
	case votes > 0:
		return geo.SideLeft
	case votes < 0:
		return geo.SideRight
	}
	return geo.SideOn
}

// tangentAt returns the point at measure m and the unit direction of the
// segment holding it.
func (x *lineIndex) tangentAt(m float64) (orb.Point, orb.Point) {
	pi, mm := x.partAt(m)
	part, cum := x.parts[pi], x.cum[pi]
	i := vertexBefore(cum, mm)
	a, b := part[i], part[i+1]
	l := geo.PlanarDistance(a, b)
	if l == 0 {
		return a, orb.Point{1, 0}
	}
	return interpolate(part, cum, i, mm), orb.Point{(b[0] - a[0]) / l, (b[1] - a[1]) / l}
}

// angleDiff returns the absolute difference of two azimuths in degrees,
// in [0, 180].
func angleDiff(a, b float64) float64 {
	d := math.Mod(math.Abs(a-b), 360)
	return math.Min(d, 360-d)
}
