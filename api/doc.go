// Package api is toponym's HTTP interface: a chi router with a documented
// middleware chain (see New), problem+json errors (RFC 9457) mapped from
// data.Kind in one table, health checks, and the read side of OGC API –
// Features Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 2 (CRS by
// reference) over a data.Store.
//
// Coordinates: the store keeps EPSG:4490 (CGCS2000) in longitude, latitude
// order, in degrees. Responses default to CRS84 (longitude, latitude; the
// same numbers, CGCS2000 ≈ WGS 84 for web use); with
// crs=http://www.opengis.net/def/crs/EPSG/0/4490 coordinates are written
// latitude first, as EPSG defines the axes, and Content-Crs says so. A bbox
// in bbox-crs EPSG:4490 is read latitude first too.
//
// Handlers have the signature func(w, r) error and live in handle_*.go;
// parameter parsing is in params.go as pure functions with table tests and
// fuzz targets. The OpenAPI document (openapi.json) and the API page
// (api.html) are embedded files.
package api
