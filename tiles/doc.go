// Package tiles serves toponym's data as Mapbox Vector Tiles (MVT 2.1):
// tile math, the layer catalogue with its two tilesets, a tile source that
// encodes tiles from any data.Store with orb, TileJSON 3.0.0 documents, and
// an in-process tile cache with exact invalidation on writes.
//
// Spatial reference systems and units:
//
//   - Input geometry is EPSG:4490 (CGCS2000 geographic) as orb.Point{lon,
//     lat} in degrees, treated as WGS 84 for display (they differ by well
//     under a metre).
//   - Tiles follow the XYZ scheme of EPSG:3857 (Web Mercator on the sphere
//     of radius 6 378 137 m): tile 0/0/0 covers the world between latitudes
//     ±85.0511°, x grows east and y grows south. Mercator bounds are in
//     metres.
//   - Tile coordinates run from 0 to Extent (4096) in each tile, x east and
//     y down; features are kept to Buffer (64) units outside the tile so
//     that lines and labels join across tile edges.
//
// POIs are thinned below POIFullZoom to one per grid cell of the world
// (POICell), the first by first zoom and feature id, so that a zoom-8 tile
// stays small whatever the number of POIs; the PostGIS source
// (tiles/pgsource) thins them with the same rule in SQL.
//
// Two tilesets are served: Public (approved, agreed lines only, published
// names only, no internal attributes of markers) and Internal (everything,
// markers with their status). Tiles are returned uncompressed; gzip belongs
// to the HTTP layer.
package tiles
