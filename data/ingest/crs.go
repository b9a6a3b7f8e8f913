package ingest

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// crs converts source coordinates of one declared system to EPSG:4490,
// checking each point: finite, inside China, and for a Gauss-Krüger zone
// the easting convention and ±1.5° band (check C2).
type crs struct {
	epsg      int
	zone      geo.Zone
	projected bool
	datum     string
}

// newCRS returns the system with EPSG code epsg: 4490, 4326 or a zone
// 4513–4554; other codes give a KindInvalid error.
func newCRS(epsg int) (crs, error) {
	switch epsg {
	case geo.EPSGCGCS2000:
		return crs{epsg: epsg, datum: DatumCGCS2000}, nil
	case geo.EPSGWGS84:
		return crs{epsg: epsg, datum: DatumWGS84}, nil
	}
	z, err := geo.ZoneByEPSG(epsg)
	if err != nil {
		return crs{}, &data.Error{Kind: data.KindInvalid, Field: "crs", Value: strconv.Itoa(epsg),
			Message: "EPSG:" + strconv.Itoa(epsg) + " is not supported; use 4490, 4326 or a CGCS2000 " +
				"3° Gauss-Krüger zone 4513–4554"}
	}
	return crs{epsg: epsg, zone: z, projected: true, datum: DatumCGCS2000}, nil
}

// zoneOfEasting returns the prefixed zone (EPSG:4513–4533) whose number
// the easting carries, if it carries one.
func zoneOfEasting(easting float64) (int, bool) {
	n := math.Floor(easting / 1e6)
	if n >= geo.FirstZone && n <= geo.LastZone {
		return geo.EPSGPrefixedFirst + int(n) - geo.FirstZone, true
	}
	return 0, false
}

// toLonLat converts p, given in the system, to EPSG:4490 lon, lat. Errors
// are KindInvalid with Field "coordinates" and the point as Value; the
// caller sets the row.
func (c crs) toLonLat(p orb.Point) (orb.Point, error) {
	if !finite(p[0]) || !finite(p[1]) {
		return p, coordError(p, "coordinate is NaN or infinite")
	}
	if c.projected {
		return c.fromZone(p)
	}
	return p, checkLonLat(p)
}

func (c crs) fromZone(p orb.Point) (orb.Point, error) {
	if err := geo.CheckZonePoint(c.epsg, p); err != nil {
		q := orb.Point{p[1], p[0]}
		switch {
		case geo.CheckZonePoint(c.epsg, q) == nil && inChina(c.zone.Inverse(q)):
			return p, coordError(p, "easting %s and northing %s look swapped: the survey X (北坐标) is "+
				"the northing and Y (东坐标) the easting", ftoa(p[0]), ftoa(p[1]))
		case inChina(p) || inChina(q):
			return p, coordError(p, "coordinate looks like degrees, not metres of EPSG:%d; "+
				"declare EPSG:4490 for longitude and latitude", c.epsg)
		}
		e := *data.AsError(err)
		e.Value = pointValue(p)
		return p, &e
	}
	ll := c.zone.Inverse(p)
	if !inChina(ll) {
		return p, coordError(p, "coordinate lies outside China: in EPSG:%d it is at lon %.6f, lat %.6f "+
			"(China: lon 73–136, lat 3–54)", c.epsg, ll[0], ll[1])
	}
	return ll, nil
}

// checkLonLat requires p, lon and lat in degrees, to lie in China.
func checkLonLat(p orb.Point) error {
	if inChina(p) {
		return nil
	}
	if inChina(orb.Point{p[1], p[0]}) {
		return coordError(p, "longitude %s, latitude %s lies outside China: the axes look swapped; "+
			"give longitude (经度) first, then latitude (纬度)", ftoa(p[0]), ftoa(p[1]))
	}
	if math.Abs(p[0]) > 1000 || math.Abs(p[1]) > 1000 {
		return coordError(p, "coordinate is not in degrees: it looks like projected metres; declare "+
			"the Gauss-Krüger zone (EPSG:4513–4554, e.g. 4545 or 4524)")
	}
	return coordError(p, "longitude %s, latitude %s lies outside China (lon 73–136, lat 3–54)",
		ftoa(p[0]), ftoa(p[1]))
}

// convert returns g, given in the system, in EPSG:4490, or the first
// point's error.
func (c crs) convert(g orb.Geometry) (orb.Geometry, error) {
	if p, ok := g.(orb.Point); ok {
		q, err := c.toLonLat(p)
		return q, err
	}
	var first error
	out := geo.ProjectGeometry(g, func(p orb.Point) orb.Point {
		q, err := c.toLonLat(p)
		if err != nil && first == nil {
			first = err
		}
		return q
	})
	return out, first
}

func inChina(p orb.Point) bool { return data.ChinaBound.Contains(p) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func coordError(p orb.Point, format string, args ...any) *data.Error {
	return rowError(0, "coordinates", pointValue(p), format, args...)
}

func pointValue(p orb.Point) string { return ftoa(p[0]) + " " + ftoa(p[1]) }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
