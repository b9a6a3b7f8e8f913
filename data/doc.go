// Package data holds toponym's domain model: administrative units and their
// versions, division events, boundary lines and their per-party versions,
// markers (界桩), tri-junctions, joint inspections, named places with their
// names, protection listings and signs, and survey uploads; the Store
// interface every adapter implements; and the error vocabulary.
//
// Geometry is orb geometry in EPSG:4490 (CGCS2000 geographic), with
// coordinates in GeoJSON order: longitude, latitude, in degrees. Lengths and
// accuracies (σ) are in metres. Dates of validity are civil dates in UTC and
// form half-open ranges [From, To).
//
// The package imports only the standard library and orb: no SQL, no HTTP.
package data
