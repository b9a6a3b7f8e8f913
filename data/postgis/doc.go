// Package postgis is toponym's production store: data.Store on PostgreSQL
// with PostGIS, through one pgx pool.
//
// Geometry columns are EPSG:4490 (CGCS2000 geographic) with coordinates in
// lon/lat degrees, exchanged with the database as EWKB (SRID 4490) in one
// file, ewkb.go; everywhere else geometry is orb. Validity is a daterange,
// half-open [from, to), an open side stored as an unbounded bound. Civil
// dates are the calendar date of a time.Time in its own location and come
// back as UTC midnight; timestamps keep microseconds and come back in UTC.
//
// The schema lives in the top-level migrations package; Migrate applies it.
// Postgres errors are mapped by SQLSTATE and constraint name (errors.go)
// into *data.Error with user-safe messages.
package postgis
