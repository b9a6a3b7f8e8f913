// Package pgoracle holds only tests: it checks the measures of package
// inspect against PostGIS (ST_HausdorffDistance, ST_Distance,
// ST_LineLocatePoint, ST_Intersection, ST_Difference,
// ST_MaximumInscribedCircle) on randomised cases. Geometry is built in a
// Gauss-Krüger plane (EPSG:4545), handed to inspect in EPSG:4490 and to
// PostGIS as planar SRID 0 coordinates. The tests live apart from package
// inspect so that its own tests never depend on the database harness.
package pgoracle
