package geo

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// EPSG codes of the geographic and display systems.
const (
	EPSGWGS84       = 4326 // WGS 84 geographic
	EPSGCGCS2000    = 4490 // CGCS2000 geographic, the storage system
	EPSGWebMercator = 3857 // WGS 84 / Pseudo-Mercator
)

// Projection converts between EPSG:4490 orb.Point{lon, lat} in degrees and
// one spatial reference system. Zone, Geographic and WebMercator implement
// it.
type Projection interface {
	// SRID returns the EPSG code of the target system.
	SRID() int
	// Forward converts orb.Point{lon, lat} in EPSG:4490 degrees to the
	// target system.
	Forward(orb.Point) orb.Point
	// Inverse converts a point of the target system to orb.Point{lon, lat}
	// in EPSG:4490 degrees.
	Inverse(orb.Point) orb.Point
}

var (
	_ Projection = Zone{}
	_ Projection = Geographic(EPSGCGCS2000)
	_ Projection = WebMercator{}
)

// ProjectionByEPSG returns the projection for EPSG code epsg: 4326 or 4490
// (identity), 3857 (Web Mercator) or a Gauss-Krüger zone 4513–4554. Other
// codes give a KindInvalid error listing the supported ones.
func ProjectionByEPSG(epsg int) (Projection, error) {
	switch epsg {
	case EPSGWGS84, EPSGCGCS2000:
		return Geographic(epsg), nil
	case EPSGWebMercator:
		return WebMercator{}, nil
	}
	z, err := ZoneByEPSG(epsg)
	if err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "epsg", Value: strconv.Itoa(epsg),
			Message: "EPSG:" + strconv.Itoa(epsg) + " is not supported; use 4490, 4326, 3857 or a " +
				"CGCS2000 3° Gauss-Krüger zone 4513–4554"}
	}
	return z, nil
}

// Geographic is a geographic system, EPSG:4490 or EPSG:4326, taken as equal
// to CGCS2000: its Forward and Inverse return the point unchanged.
type Geographic int

// SRID returns the EPSG code g.
func (g Geographic) SRID() int { return int(g) }

// Forward returns p unchanged.
func (Geographic) Forward(p orb.Point) orb.Point { return p }

// Inverse returns p unchanged.
func (Geographic) Inverse(p orb.Point) orb.Point { return p }

// WebMercatorRadius is the sphere radius of EPSG:3857 in metres.
const WebMercatorRadius = 6378137.0

// WebMercatorMaxLat is the latitude in degrees where EPSG:3857 becomes
// square: Forward clamps latitudes to ±WebMercatorMaxLat.
const WebMercatorMaxLat = 85.05112877980659

// WebMercator is EPSG:3857, the spherical Mercator of web maps, applied to
// CGCS2000 lon/lat as if it were WGS 84. It is for display only: its
// metres are not ground metres.
type WebMercator struct{}

// SRID returns 3857.
func (WebMercator) SRID() int { return EPSGWebMercator }

// Forward projects orb.Point{lon, lat} in degrees to orb.Point{x, y} in
// Web Mercator metres, clamping the latitude to ±WebMercatorMaxLat.
func (WebMercator) Forward(p orb.Point) orb.Point {
	lat := math.Max(-WebMercatorMaxLat, math.Min(WebMercatorMaxLat, p[1]))
	return orb.Point{
		WebMercatorRadius * p[0] * math.Pi / 180,
		WebMercatorRadius * math.Atanh(math.Sin(lat*math.Pi/180)),
	}
}

// Inverse unprojects orb.Point{x, y} in Web Mercator metres to
// orb.Point{lon, lat} in degrees.
func (WebMercator) Inverse(p orb.Point) orb.Point {
	return orb.Point{
		p[0] / WebMercatorRadius * 180 / math.Pi,
		math.Atan(math.Sinh(p[1]/WebMercatorRadius)) * 180 / math.Pi,
	}
}
