package ingest

import (
	"math"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
)

// chooseColumns picks the coordinate columns the header and the declared
// CRS allow; with only X/Y columns and no CRS, the first row decides.
func (s *csvSource) chooseColumns() error {
	c := s.cols
	hasLL, hasNE, hasXY := c.has(fLon, fLat), c.has(fNorth, fEast), c.has(fX, fY)
	s.x, s.y = -1, -1
	if s.opts.CRS != 0 {
		k, err := newCRS(s.opts.CRS)
		if err != nil {
			return err
		}
		s.crs = &k
		switch {
		case k.projected && hasNE:
			s.x, s.y = c.at[fEast], c.at[fNorth]
		case k.projected && hasXY:
			s.x, s.y = c.at[fY], c.at[fX]
		case !k.projected && hasLL:
			s.x, s.y = c.at[fLon], c.at[fLat]
		case !k.projected && hasXY:
			s.x, s.y = c.at[fX], c.at[fY]
		default:
			return c.noCoordinates(k.projected, !k.projected)
		}
		return nil
	}
	switch {
	case hasLL:
		k, _ := newCRS(4490)
		s.crs, s.x, s.y = &k, c.at[fLon], c.at[fLat]
	case hasNE:
		s.x, s.y = c.at[fEast], c.at[fNorth]
	case hasXY:
		s.x, s.y, s.xy = c.at[fX], c.at[fY], true
	default:
		return c.noCoordinates(false, false)
	}
	return nil
}

// decide fixes the CRS from the first row with readable coordinates: X/Y
// within degree ranges are lon, lat in EPSG:4490; otherwise X is the
// northing, Y the easting, and the zone comes from the easting's prefix.
func (s *csvSource) decide(rec []string, line int) error {
	a, err := s.number(rec, s.x, line)
	if err != nil {
		return err
	}
	b, err := s.number(rec, s.y, line)
	if err != nil {
		return err
	}
	if s.xy {
		if math.Abs(a) <= 180 && math.Abs(b) <= 90 {
			k, _ := newCRS(4490)
			s.crs = &k
			return nil
		}
		s.x, s.y = s.cols.at[fY], s.cols.at[fX]
		a, b = b, a
	}
	epsg, ok := zoneOfEasting(a)
	if !ok {
		return fatal(s.noZone(a, b, line))
	}
	k, err := newCRS(epsg)
	if err != nil {
		return fatal(err)
	}
	s.crs = &k
	return nil
}

func (s *csvSource) noZone(easting, northing float64, line int) *data.Error {
	msg := "cannot tell the Gauss-Krüger zone: easting " + ftoa(easting) + " m carries no zone prefix; " +
		"declare the CRS (EPSG:4534–4554 without prefix, e.g. 4545 for CM 108°E)"
	if _, ok := zoneOfEasting(northing); ok {
		msg += "; the northing " + ftoa(northing) + " carries one: are X (北坐标, northing) and " +
			"Y (东坐标, easting) swapped?"
	}
	return &data.Error{Kind: data.KindInvalid, Row: line, Field: "crs", Value: ftoa(easting), Message: msg}
}

// parseDMS reads degrees written as 108°30′15.2″, 108度30分15.2秒,
// 108:30:15.2 or 108 30 15.2, with an optional E/N or 东经/北纬 marker.
func parseDMS(v string) (float64, bool) {
	for _, p := range []string{"东经", "北纬", "E", "N", "e", "n"} {
		v = strings.TrimSuffix(strings.TrimPrefix(v, p), p)
	}
	parts := strings.FieldsFunc(v, func(r rune) bool {
		return strings.ContainsRune("°度'′’分\"″”秒: ", r)
	})
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var deg float64
	for i, p := range parts {
		n, err := strconv.ParseFloat(p, 64)
		if err != nil || !(n >= 0) || (i > 0 && n >= 60) || (i < len(parts)-1 && n != math.Trunc(n)) {
			return 0, false
		}
		deg += n / math.Pow(60, float64(i))
	}
	return deg, true
}
