package sample

import (
	"math"

	"github.com/paulmach/orb"
)

// anchor is a point that pulls grid cells to a county and, for the counties
// with townships, to a township: every cell goes to its nearest anchor.
type anchor struct {
	County, Township string
	P                orb.Point
}

// kmPerDegLon and kmPerDegLat are the local scales at the tri-junction.
var (
	kmPerDegLat = 110.9
	kmPerDegLon = 111.32 * math.Cos(TriJunctionPoint[1]*math.Pi/180)
)

// offsetKm returns the point x km east and y km north of the tri-junction.
func offsetKm(x, y float64) orb.Point {
	return orb.Point{TriJunctionPoint[0] + x/kmPerDegLon, TriJunctionPoint[1] + y/kmPerDegLat}
}

// polarKm returns the point r km from the tri-junction at deg degrees
// counter-clockwise from east.
func polarKm(r, deg float64) orb.Point {
	a := deg * math.Pi / 180
	return offsetKm(r*math.Cos(a), r*math.Sin(a))
}

// distKm is the local planar distance between two points in kilometres.
func distKm(p, q orb.Point) float64 {
	return math.Hypot((p[0]-q[0])*kmPerDegLon, (p[1]-q[1])*kmPerDegLat)
}

// countyAnchors shape the counties without townships in the sample, after
// their approximate real extents.
var countyAnchors = map[string][][2]float64{
	"500242": {{108.45, 28.72}, {108.60, 28.76}, {108.75, 28.85}, {108.90, 28.92}, {109.05, 28.92},
		{109.13, 29.02}, {108.50, 28.92}, {108.65, 29.00}, {108.80, 29.05}, {108.98, 29.10},
		{108.62, 29.15}, {108.80, 29.20}, {108.95, 29.25}, {108.70, 28.62}},
	"433125": {{109.34, 28.63}, {109.45, 28.68}, {109.60, 28.67}, {109.72, 28.70}, {109.38, 28.78},
		{109.55, 28.82}, {109.70, 28.85}, {109.48, 28.94}, {109.62, 28.98}, {109.28, 28.70}},
	"433130": {{109.26, 29.12}, {109.40, 29.10}, {109.55, 29.12}, {109.30, 29.25}, {109.45, 29.27},
		{109.60, 29.25}, {109.38, 29.40}, {109.53, 29.42}, {109.45, 29.55}},
	"433123": {{109.45, 28.15}, {109.60, 28.15}, {109.75, 28.12}, {109.45, 28.02}, {109.60, 28.00},
		{109.75, 27.98}, {109.55, 27.88}, {109.70, 27.86}, {109.87, 28.05}},
	"520627": {{108.50, 28.56}, {108.35, 28.48}, {108.42, 28.70}, {108.26, 28.80}, {108.40, 28.90},
		{108.20, 28.62}, {108.58, 28.42}, {108.42, 28.33}, {108.27, 29.00}},
	"520625": {{108.41, 28.00}, {108.56, 28.12}, {108.30, 28.12}, {108.25, 27.90}, {108.45, 27.85},
		{108.60, 27.96}, {108.72, 27.92}, {108.35, 27.75}},
}

// junctionAnchors shape the lines at the tri-junction: three anchors on a
// 3 km circle make the 湘渝 line leave north-east (down the 清水江), the
// 渝黔 line west-south-west and the 湘黔 line south; more anchors either side
// of each line keep that direction for some kilometres.
func junctionAnchors() []anchor {
	a := []anchor{
		{"500241", "500241109", polarKm(3, 155)},
		{"520628", "520628110", polarKm(3, 245)},
		{"433124", "433124108", polarKm(3, 295)},
	}
	along := func(county, township string, dirDeg, s, side float64) anchor {
		d := dirDeg * math.Pi / 180
		x := s*math.Cos(d) - side*math.Sin(d)
		y := s*math.Sin(d) + side*math.Cos(d)
		return anchor{county, township, offsetKm(x, y)}
	}
	for _, s := range []float64{4, 7} { // 湘渝, north-east down the river
		a = append(a, along("500241", "500241109", 40, s, 2.5), along("433124", "433124108", 40, s, -2.5))
	}
	a = append(a, along("500241", "500241108", 40, 10.5, 2.5), along("433125", "", 40, 10.5, -2.5))
	for _, s := range []float64{4, 7} { // 渝黔, west-south-west
		a = append(a, along("500241", "500241109", 200, s, -2.5), along("520628", "520628110", 200, s, 2.5))
	}
	for _, s := range []float64{4, 7} { // 湘黔, south
		a = append(a, along("433124", "433124206", 270, s, 2.5), along("520628", "520628118", 270, s, -2.5))
	}
	return a
}

// anchors returns every anchor of the sample in a fixed order.
func anchors() []anchor {
	a := junctionAnchors()
	for _, r := range townshipRows {
		a = append(a, anchor{r.Parent, r.Code, orb.Point{r.Lon, r.Lat}})
	}
	for _, r := range upperRows {
		pts, ok := countyAnchors[r.Code]
		if !ok {
			continue
		}
		for _, p := range pts {
			a = append(a, anchor{r.Code, "", orb.Point{p[0], p[1]}})
		}
	}
	return a
}
