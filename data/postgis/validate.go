package postgis

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// Checks for what the domain Validate methods leave out: entities without
// a Validate method, and geometry structure PostGIS would otherwise reject
// with an internal error (unclosed rings, one-point lines).

// checkGeometry checks every coordinate (finite, inside China) and the
// structure of g (lines of ≥ 2 points, closed rings of ≥ 4 points).
func checkGeometry(field string, g orb.Geometry) error {
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
		for _, l := range g {
			if err := checkLine(field, l); err != nil {
				return err
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if err := checkPolygon(field, p); err != nil {
				return err
			}
		}
	case orb.Collection:
		for _, m := range g {
			if err := checkGeometry(field, m); err != nil {
				return err
			}
		}
	case orb.Bound:
		return checkPoints(field, []orb.Point{g.Min, g.Max})
	default:
		return data.Invalidf(field, "unsupported geometry type %T", g)
	}
	return nil
}

func checkPoint(field string, p orb.Point) error {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return data.Invalidf(field, "coordinate is NaN or infinite")
	}
	if !data.ChinaBound.Contains(p) {
		v := "(" + ftoa(p[0]) + ", " + ftoa(p[1]) + ")"
		return &data.Error{Kind: data.KindInvalid, Field: field, Value: v,
			Message: "coordinate " + v + " lies outside China (lon 73–136, lat 3–54 in EPSG:4490)"}
	}
	return nil
}

func checkPoints(field string, ps []orb.Point) error {
	for _, p := range ps {
		if err := checkPoint(field, p); err != nil {
			return err
		}
	}
	return nil
}

func checkLine(field string, l orb.LineString) error {
	if len(l) < 2 {
		return data.Invalidf(field, "a line needs at least 2 points, not %d", len(l))
	}
	return checkPoints(field, l)
}

func checkRing(field string, r orb.Ring) error {
	if len(r) < 4 {
		return data.Invalidf(field, "a polygon ring needs at least 4 points, not %d", len(r))
	}
	if !r.Closed() {
		return data.Invalidf(field, "a polygon ring must end where it begins")
	}
	return checkPoints(field, r)
}

func checkPolygon(field string, p orb.Polygon) error {
	if len(p) == 0 {
		return data.Invalidf(field, "a polygon needs an outer ring")
	}
	for _, r := range p {
		if err := checkRing(field, r); err != nil {
			return err
		}
	}
	return nil
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// checkCode checks an optional division code.
func checkCode(c data.Code) error {
	if c == "" {
		return nil
	}
	_, err := data.ParseCode(string(c))
	return err
}

// checkCodeField checks an optional division code and names field on error.
func checkCodeField(field string, c data.Code) error {
	if err := checkCode(c); err != nil {
		e := *data.AsError(err)
		e.Field = field
		return &e
	}
	return nil
}

// checkMetres checks a distance or accuracy in metres: finite, 0–max.
func checkMetres(field string, v, max float64) error {
	if math.IsNaN(v) || v < 0 || v > max {
		return data.Invalidf(field, "%s m is out of range 0–%s", ftoa(v), ftoa(max))
	}
	return nil
}

func checkSHA256(field, s string) error {
	if len(s) != 64 {
		return data.Invalidf(field, "SHA-256 must be 64 lower-case hex digits, not %d characters", len(s))
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return data.Invalidf(field, "SHA-256 has a character %q that is not a lower-case hex digit", s[i])
		}
	}
	return nil
}

func oneOf[S ~string](field string, v S, allowed ...S) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return data.Invalidf(field, "%q is not one of %v", v, allowed)
}

func required(field, v string) error {
	if v == "" {
		return data.Invalidf(field, "%s is required", field)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
