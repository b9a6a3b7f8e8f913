package geo

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// EPSG codes of the CGCS2000 3° Gauss-Krüger zones.
const (
	// EPSGPrefixedFirst is zone 25 (CM 75°E) with the zone number prefixed
	// to the easting; zones 25–45 are EPSG:4513–4533.
	EPSGPrefixedFirst = 4513
	// EPSGPlainFirst is zone 25 (CM 75°E) without the prefix; zones 25–45
	// are EPSG:4534–4554.
	EPSGPlainFirst = 4534
	// FirstZone and LastZone are the zone numbers EPSG defines for China.
	FirstZone = 25
	LastZone  = 45
	// ZoneHalfWidth is the half width of a 3° zone in degrees of longitude:
	// a zone is valid within ±1.5° of its central meridian.
	ZoneHalfWidth = 1.5
	// plainFalseEasting is the false easting of every zone before any
	// zone prefix, in metres.
	plainFalseEasting = 500000
)

// Zone is a CGCS2000 3° Gauss-Krüger zone: a transverse Mercator on GRS80
// with scale factor 1 on the central meridian and false northing 0.
type Zone struct {
	EPSG            int     // 4513–4554
	CentralMeridian float64 // degrees east, 3 × zone number
	FalseEasting    float64 // metres: 500 000, plus zone × 1 000 000 if Prefixed
	Prefixed        bool    // the easting carries the zone number (EPSG:4513–4533)
}

// ZoneByEPSG returns the Gauss-Krüger zone with EPSG code epsg, one of
// 4513–4554, or a KindInvalid error naming the accepted range.
func ZoneByEPSG(epsg int) (Zone, error) {
	switch {
	case epsg >= EPSGPrefixedFirst && epsg < EPSGPlainFirst:
		return newZone(FirstZone+epsg-EPSGPrefixedFirst, true), nil
	case epsg >= EPSGPlainFirst && epsg <= EPSGPlainFirst+LastZone-FirstZone:
		return newZone(FirstZone+epsg-EPSGPlainFirst, false), nil
	}
	return Zone{}, &data.Error{Kind: data.KindInvalid, Field: "epsg", Value: strconv.Itoa(epsg),
		Message: "EPSG:" + strconv.Itoa(epsg) + " is not a CGCS2000 3° Gauss-Krüger zone " +
			"(EPSG:4513–4533 with zone prefix, EPSG:4534–4554 without)"}
}

// ZoneFor returns the zone whose central meridian is nearest to longitude
// lon (degrees east), with or without the easting prefix. A longitude
// exactly between two central meridians goes to the eastern zone. It
// returns a KindInvalid error if lon is not finite or lies outside zones
// 25–45 (73.5°E–136.5°E).
func ZoneFor(lon float64, prefixed bool) (Zone, error) {
	n := math.Floor(lon/3 + 0.5)
	if !(n >= FirstZone && n <= LastZone) {
		return Zone{}, &data.Error{Kind: data.KindInvalid, Field: "lon", Value: formatFloat(lon),
			Message: "longitude " + formatFloat(lon) + "° lies outside the CGCS2000 3° Gauss-Krüger " +
				"zones 25–45 (73.5°E–136.5°E)"}
	}
	return newZone(int(n), prefixed), nil
}

// ZoneForGeometry returns the zone for the whole of g (EPSG:4490 lon/lat):
// the zone of the centre of its bound, so that everything of one boundary
// line is projected into one plane. Parts of g may lie beyond ±1.5° of the
// central meridian; the projection stays accurate to well under a
// millimetre a few degrees out. It returns a KindInvalid error for an empty
// geometry or one whose centre is outside zones 25–45.
func ZoneForGeometry(g orb.Geometry, prefixed bool) (Zone, error) {
	if g == nil || isEmpty(g) {
		return Zone{}, &data.Error{Kind: data.KindInvalid, Field: "geometry",
			Message: "geometry is empty: no zone can be chosen for it"}
	}
	return ZoneFor(g.Bound().Center()[0], prefixed)
}

// isEmpty reports whether g holds no point.
func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.Point, orb.Bound:
		return false
	case orb.MultiPoint:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.Ring:
		return len(g) == 0
	case orb.MultiLineString:
		return allEmpty(g)
	case orb.Polygon:
		return allEmpty(g)
	case orb.MultiPolygon:
		return allEmpty(g)
	case orb.Collection:
		return allEmpty(g)
	}
	return true
}

func allEmpty[S ~[]E, E orb.Geometry](parts S) bool {
	for _, p := range parts {
		if !isEmpty(p) {
			return false
		}
	}
	return true
}

func newZone(number int, prefixed bool) Zone {
	z := Zone{CentralMeridian: float64(3 * number), FalseEasting: plainFalseEasting, Prefixed: prefixed}
	if prefixed {
		z.EPSG = EPSGPrefixedFirst + number - FirstZone
		z.FalseEasting += float64(number) * 1e6
	} else {
		z.EPSG = EPSGPlainFirst + number - FirstZone
	}
	return z
}

// Number returns the zone number, the central meridian divided by 3.
func (z Zone) Number() int { return int(math.Round(z.CentralMeridian / 3)) }

// SRID returns the zone's EPSG code.
func (z Zone) SRID() int { return z.EPSG }

// Twin returns the same zone with the other easting convention: EPSG:4524
// for EPSG:4545 and the reverse.
func (z Zone) Twin() Zone { return newZone(z.Number(), !z.Prefixed) }

// Covers reports whether longitude lon (degrees east) lies within ±1.5° of
// the zone's central meridian.
func (z Zone) Covers(lon float64) bool {
	return math.Abs(lon-z.CentralMeridian) <= ZoneHalfWidth+1e-12
}

// Forward projects p, orb.Point{lon, lat} in EPSG:4490 degrees, to
// orb.Point{easting, northing} in metres. Latitudes outside [-90, 90] and
// non-finite input give NaN coordinates; validate input with CheckLonLat.
// Accuracy is well under a millimetre within a few degrees of the central
// meridian and degrades slowly farther out.
func (z Zone) Forward(p orb.Point) orb.Point {
	if !(math.Abs(p[1]) <= 90) {
		return orb.Point{math.NaN(), math.NaN()}
	}
	lam := p[0] - z.CentralMeridian
	if !(math.Abs(lam) <= 180) { // within ±180° the remainder is lam itself
		lam = math.Remainder(lam, 360)
	}
	lam = lam * math.Pi / 180
	x, y := tmForward(p[1]*math.Pi/180, lam)
	return orb.Point{x + z.FalseEasting, y}
}

// Inverse unprojects p, orb.Point{easting, northing} in metres, to
// orb.Point{lon, lat} in EPSG:4490 degrees. The easting must follow the
// zone's convention (prefixed or not); see CheckZone.
func (z Zone) Inverse(p orb.Point) orb.Point {
	phi, lam := tmInverse(p[0]-z.FalseEasting, p[1])
	return orb.Point{z.CentralMeridian + lam*180/math.Pi, phi * 180 / math.Pi}
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
