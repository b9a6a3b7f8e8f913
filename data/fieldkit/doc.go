// Package fieldkit is the offline field kit: Export copies a region and a
// set of layers from one data.Store (PostGIS at the bureau) into a
// GeoPackage a survey team takes into the field; Sync sends the team's new
// and changed records back.
//
// Export keeps IDs and referential closure: whatever an exported record
// references (a unit's parents and the events that began and ended its
// versions, a marker's line and the line's units, a sign's place and
// listing) comes along, with its own dependants (a unit's versions, a line's
// versions, a marker's status history). It records a Manifest in the same
// file: export time, source, selection, and for every record its kind, ID
// and a SHA-256 content hash (see Hash). Sync compares three states of each
// record, field, manifest and server, and writes only what changed in the
// field alone; a record changed on both sides is a conflict, reported and
// never overwritten. All of a sync's writes land in one server transaction.
//
// Geometry is EPSG:4490 (CGCS2000) longitude, latitude in degrees, as in
// package data; fieldkit never transforms it.
package fieldkit
