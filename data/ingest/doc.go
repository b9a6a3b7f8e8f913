// Package ingest reads survey and register files into domain records:
// GeoJSON FeatureCollections, GeoJSON text sequences (RFC 8142, and
// newline-delimited GeoJSON), CSV with Chinese or English headers, and GPX
// 1.1 from GNSS receivers. It parses and validates only: no store, no HTTP.
//
// Every reader streams: memory stays flat however many rows a file holds,
// and no single line, feature or XML token longer than Options.MaxLineBytes
// is ever buffered. Each Record carries its 1-based row (the line where it
// starts), its geometry reprojected to EPSG:4490, and its source
// coordinates with their EPSG code and datum.
//
// Spatial reference systems:
//
//   - EPSG:4490 (CGCS2000 geographic) and EPSG:4326 (WGS 84): lon, lat in
//     degrees. WGS 84 is taken as CGCS2000 (they differ by well under a
//     metre); Record.Datum says which one the file declared.
//   - EPSG:4513–4533 and EPSG:4534–4554: CGCS2000 3° Gauss-Krüger zones
//     with and without the zone number prefixed to the easting. Source
//     points are orb.Point{easting, northing} in metres. Chinese survey
//     registers call the northing X (北坐标) and the easting Y (东坐标).
//
// The declared zone is checked against every coordinate (domain check C2);
// coordinates outside China, non-finite numbers and swapped axes are
// rejected with a hint. Heights never enter the 2-D geometry: they are kept
// in Record.Z, one per vertex.
//
// Errors about the input are *data.Error of kind data.KindInvalid naming
// the row, the field and the offending value. Row errors let a Stream go on
// when Options.ValidRowsOnly is set; structural errors (truncated JSON, a
// line over the limit, too many rows) end the stream.
package ingest
