package data

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// ChinaBound is China's extent in EPSG:4490 degrees, with a margin;
// coordinates outside it are taken for swapped axes or a wrong CRS.
var ChinaBound = orb.Bound{Min: orb.Point{73, 3}, Max: orb.Point{136, 54}}

// CheckGeometry checks g before it is stored, naming field on error: every
// coordinate finite and inside ChinaBound (lon/lat in EPSG:4490), and the
// structure sound: lines of at least 2 points, rings closed and of at least
// 4 points, polygons with an outer ring. A nil geometry passes; a type orb
// cannot encode as WKB (anything but points, lines, polygons, their multi
// forms, collections and bounds) is rejected.
func CheckGeometry(field string, g orb.Geometry) error {
	switch g := g.(type) {
	case nil:
		return nil
	case orb.Point:
		return checkPoint(field, g)
	case orb.MultiPoint:
		return checkPoints(field, g)
	case orb.LineString:
		return checkLine(field, g)
	case orb.Ring:
		return checkRing(field, g)
	case orb.Polygon:
		return checkPolygon(field, g)
	case orb.MultiLineString:
		return checkEach(field, g, checkLine)
	case orb.MultiPolygon:
		return checkEach(field, g, checkPolygon)
	case orb.Collection:
		return checkEach(field, g, CheckGeometry)
	case orb.Bound:
		return checkPoints(field, []orb.Point{g.Min, g.Max})
	default:
		return Invalidf(field, "unsupported geometry type %T", g)
	}
}

// CheckFinite refuses a geometry with a NaN or infinite coordinate, in
// whatever CRS it is.
func CheckFinite(field string, g orb.Geometry) error {
	bad := false
	EachPoint(g, func(p orb.Point) {
		bad = bad || math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0)
	})
	if bad {
		return Invalidf(field, "coordinate is NaN or infinite")
	}
	return nil
}

// checkEach applies check to every part of a multi-geometry.
func checkEach[T any](field string, parts []T, check func(string, T) error) error {
	for _, p := range parts {
		if err := check(field, p); err != nil {
			return err
		}
	}
	return nil
}

func checkPoint(field string, p orb.Point) error {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return Invalidf(field, "coordinate is NaN or infinite")
	}
	if !ChinaBound.Contains(p) {
		v := formatPoint(p)
		return &Error{Kind: KindInvalid, Field: field, Value: v,
			Message: "coordinate " + v + " lies outside China (lon 73–136, lat 3–54 in EPSG:4490)"}
	}
	return nil
}

func checkPoints(field string, ps []orb.Point) error { return checkEach(field, ps, checkPoint) }

func checkLine(field string, l orb.LineString) error {
	if len(l) < 2 {
		return Invalidf(field, "a line needs at least 2 points, not %d", len(l))
	}
	return checkPoints(field, l)
}

func checkRing(field string, r orb.Ring) error {
	if len(r) < 4 {
		return Invalidf(field, "a polygon ring needs at least 4 points, not %d", len(r))
	}
	if !r.Closed() {
		return Invalidf(field, "a polygon ring must end where it begins")
	}
	return checkPoints(field, r)
}

func checkPolygon(field string, p orb.Polygon) error {
	if len(p) == 0 {
		return Invalidf(field, "a polygon needs an outer ring")
	}
	return checkEach(field, p, checkRing)
}

func formatPoint(p orb.Point) string {
	return "(" + ftoa(p[0]) + ", " + ftoa(p[1]) + ")"
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// EachPoint calls fn for every coordinate of g, in order; a Bound is taken
// as its polygon.
func EachPoint(g orb.Geometry, fn func(orb.Point)) {
	switch g := g.(type) {
	case orb.Point:
		fn(g)
	case orb.MultiPoint:
		for _, p := range g {
			fn(p)
		}
	case orb.LineString:
		EachPoint(orb.MultiPoint(g), fn)
	case orb.Ring:
		EachPoint(orb.MultiPoint(g), fn)
	case orb.MultiLineString:
		for _, l := range g {
			EachPoint(orb.MultiPoint(l), fn)
		}
	case orb.Polygon:
		for _, r := range g {
			EachPoint(orb.MultiPoint(r), fn)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			EachPoint(p, fn)
		}
	case orb.Collection:
		for _, c := range g {
			EachPoint(c, fn)
		}
	case orb.Bound:
		EachPoint(g.ToPolygon(), fn)
	}
}
