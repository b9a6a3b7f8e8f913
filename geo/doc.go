// Package geo holds toponym's projections and planar measures on orb
// geometry.
//
// Spatial reference systems (SRIDs):
//
//   - EPSG:4490 (CGCS2000 geographic) and EPSG:4326 (WGS 84): the storage
//     and exchange systems. Points are orb.Point{lon, lat} in degrees, in
//     GeoJSON order, whatever the EPSG axis order (which is lat, lon).
//     CGCS2000 and WGS 84 are treated as identical (they differ by well
//     under a metre).
//   - EPSG:4513–4533: CGCS2000 3° Gauss-Krüger zones 25–45 (central
//     meridians 75°E…135°E) whose easting carries the zone number as a
//     prefix: false easting zone×1 000 000 + 500 000 m.
//   - EPSG:4534–4554: the same zones without the prefix: false easting
//     500 000 m.
//   - EPSG:3857 (Web Mercator) on the sphere of radius 6 378 137 m, for
//     display only.
//
// Projected points are orb.Point{easting, northing} in metres: x east, y
// north, although EPSG declares northing first for the Gauss-Krüger zones
// (cs2cs prints "northing easting"). All zones use the GRS80 ellipsoid
// (a = 6 378 137 m, 1/f = 298.257222101), scale factor 1 on the central
// meridian and false northing 0. The transverse Mercator is Krüger's series
// in the third flattening n carried to n⁶ (Karney 2011, the method PROJ uses
// by default since 6.0), accurate to well under a millimetre within a zone.
//
// Functions named Planar take coordinates in one projected plane (a
// Gauss-Krüger zone) and return metres. Every metric check runs in the
// line's Gauss-Krüger plane, never on lon/lat or Web Mercator geometry.
package geo
