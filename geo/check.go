package geo

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// CheckZone is the CRS sanity check (C2) for one coordinate declared in
// Gauss-Krüger zone epsg: easting (metres, as given) must follow the zone's
// prefix convention, and lon (degrees east, the point's longitude) must lie
// within ±1.5° of the central meridian. It returns nil or a *data.Error of
// KindInvalid saying what is wrong and which EPSG code would fit.
func CheckZone(epsg int, easting, lon float64) error {
	z, err := ZoneByEPSG(epsg)
	if err != nil {
		return err
	}
	if err := checkEasting(z, easting); err != nil {
		return err
	}
	return checkLongitude(z, lon)
}

// CheckZonePoint is CheckZone for p, orb.Point{easting, northing} in
// metres as declared in zone epsg: the longitude checked is that of p
// unprojected in the zone.
func CheckZonePoint(epsg int, p orb.Point) error {
	z, err := ZoneByEPSG(epsg)
	if err != nil {
		return err
	}
	if err := checkEasting(z, p[0]); err != nil {
		return err
	}
	if math.IsNaN(p[1]) || math.IsInf(p[1], 0) {
		return invalid("northing", formatFloat(p[1]), "northing is NaN or infinite")
	}
	return checkLongitude(z, z.Inverse(p)[0])
}

// checkEasting compares the millions digits of easting with the zone's
// prefix convention.
func checkEasting(z Zone, easting float64) error {
	if math.IsNaN(easting) || math.IsInf(easting, 0) {
		return invalid("easting", formatFloat(easting), "easting is NaN or infinite")
	}
	prefix := int(math.Floor(easting / 1e6))
	if z.Prefixed && prefix != z.Number() {
		return invalid("easting", formatFloat(easting), prefixedMismatch(z, easting, prefix))
	}
	if !z.Prefixed && prefix != 0 {
		return invalid("easting", formatFloat(easting), plainMismatch(z, easting, prefix))
	}
	return nil
}

func prefixedMismatch(z Zone, easting float64, prefix int) string {
	want := fmt.Sprintf("EPSG:%d (zone %d) expects an easting of %d000000–%d999999 m",
		z.EPSG, z.Number(), z.Number(), z.Number())
	switch {
	case prefix == 0:
		return fmt.Sprintf("easting %s m has no zone prefix, but %s; without the prefix use EPSG:%d",
			fmtMetres(easting), want, z.Twin().EPSG)
	case prefix >= FirstZone && prefix <= LastZone:
		return fmt.Sprintf("easting %s m carries zone prefix %d, but %s; for zone %d use EPSG:%d",
			fmtMetres(easting), prefix, want, prefix, newZone(prefix, true).EPSG)
	}
	return fmt.Sprintf("easting %s m does not start with zone number %d: %s",
		fmtMetres(easting), z.Number(), want)
}

func plainMismatch(z Zone, easting float64, prefix int) string {
	want := fmt.Sprintf("EPSG:%d (zone %d, no prefix) expects an easting of 0–999999 m", z.EPSG, z.Number())
	if prefix >= FirstZone && prefix <= LastZone {
		return fmt.Sprintf("easting %s m carries zone prefix %d, but %s; with the prefix use EPSG:%d",
			fmtMetres(easting), prefix, want, newZone(prefix, true).EPSG)
	}
	return fmt.Sprintf("easting %s m is out of range: %s", fmtMetres(easting), want)
}

// checkLongitude requires lon within ±1.5° of the zone's central meridian.
func checkLongitude(z Zone, lon float64) error {
	if math.IsNaN(lon) || math.IsInf(lon, 0) {
		return invalid("lon", formatFloat(lon), "longitude is NaN or infinite")
	}
	if z.Covers(lon) {
		return nil
	}
	msg := fmt.Sprintf("longitude %s° is %.3f° from central meridian %g°E of EPSG:%d (zone %d); "+
		"a zone is valid within ±1.5°", formatFloat(lon), math.Abs(lon-z.CentralMeridian),
		z.CentralMeridian, z.EPSG, z.Number())
	if fit, err := ZoneFor(lon, z.Prefixed); err == nil {
		msg += fmt.Sprintf(": use EPSG:%d (zone %d, CM %g°E)", fit.EPSG, fit.Number(), fit.CentralMeridian)
	}
	return invalid("lon", formatFloat(lon), msg)
}

// CheckLonLat returns a KindInvalid *data.Error if p, orb.Point{lon, lat}
// in degrees, is not finite or outside lon [-180, 180], lat [-90, 90].
func CheckLonLat(p orb.Point) error {
	v := formatFloat(p[0]) + " " + formatFloat(p[1])
	switch {
	case !(math.Abs(p[0]) <= 180):
		return invalid("lon", v, "longitude "+formatFloat(p[0])+" is not a number in [-180, 180] degrees")
	case !(math.Abs(p[1]) <= 90):
		return invalid("lat", v, "latitude "+formatFloat(p[1])+" is not a number in [-90, 90] degrees"+
			" (are lon and lat swapped?)")
	}
	return nil
}

func invalid(field, value, msg string) error {
	return &data.Error{Kind: data.KindInvalid, Field: field, Value: value, Message: msg}
}

func fmtMetres(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
