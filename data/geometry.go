package data

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// China's extent in EPSG:4490 degrees, with a margin; coordinates outside it
// are taken for swapped axes or a wrong CRS.
var ChinaBound = orb.Bound{Min: orb.Point{73, 3}, Max: orb.Point{136, 54}}

func validPoint(field string, p orb.Point) error {
	for _, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &Error{Kind: KindInvalid, Field: field, Message: "coordinate is NaN or infinite"}
		}
	}
	if !ChinaBound.Contains(p) {
		return &Error{Kind: KindInvalid, Field: field, Value: formatPoint(p),
			Message: "coordinate " + formatPoint(p) + " lies outside China (lon 73–136, lat 3–54 in EPSG:4490)"}
	}
	return nil
}

// validGeometry checks every coordinate of g; a nil geometry passes.
func validGeometry(field string, g orb.Geometry) error {
	if g == nil {
		return nil
	}
	var err error
	visitPoints(g, func(p orb.Point) bool {
		err = validPoint(field, p)
		return err == nil
	})
	return err
}

func visitPoints(g orb.Geometry, fn func(orb.Point) bool) bool {
	switch g := g.(type) {
	case orb.Point:
		return fn(g)
	case orb.MultiPoint:
		for _, p := range g {
			if !fn(p) {
				return false
			}
		}
	case orb.LineString:
		return visitPoints(orb.MultiPoint(g), fn)
	case orb.Ring:
		return visitPoints(orb.MultiPoint(g), fn)
	case orb.MultiLineString:
		for _, l := range g {
			if !visitPoints(orb.MultiPoint(l), fn) {
				return false
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if !visitPoints(orb.MultiPoint(r), fn) {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if !visitPoints(p, fn) {
				return false
			}
		}
	case orb.Collection:
		for _, c := range g {
			if !visitPoints(c, fn) {
				return false
			}
		}
	}
	return true
}

func formatPoint(p orb.Point) string {
	return "(" + ftoa(p[0]) + ", " + ftoa(p[1]) + ")"
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
