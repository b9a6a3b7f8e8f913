package tiles

import (
	"cmp"
	"math"

	"github.com/paulmach/orb"
)

// POI thinning. Below POIFullZoom a tile would otherwise carry every POI
// of a whole county, so POIs are thinned on a grid aligned with the
// world's tiles: of the POIs whose label point falls in one cell, only the
// first by priority is kept (the lowest first zoom, PlaceZooms, then the
// lowest feature id). The rule looks at whole cells, never at the tile, so
// a POI in the buffer ring is the same winner in both tiles that carry it,
// and the PostGIS source computes the same winners in SQL.
const (
	// POIFullZoom is the first zoom at which every POI is drawn.
	POIFullZoom = 14
)

// POICell returns the side of the thinning cell at zoom z in tile units
// (of Extent): 512 (8 × 8 cells a tile) up to zoom 10, 256 (16 × 16) up
// to zoom 13, and 0, no thinning, from POIFullZoom on. Cells divide the
// tile, so a tile holds at most (Extent/cell + 2)² POIs, the ring cells
// included.
func POICell(z uint32) float64 {
	switch {
	case z <= 10:
		return 512
	case z < POIFullZoom:
		return 256
	}
	return 0
}

// poiBound is the box to list a POI tile's candidates in: the tile grown
// by one whole cell, so that every cell the buffered tile touches is seen
// whole.
func poiBound(id TileID) orb.Bound {
	if c := POICell(id.Z); c > Buffer {
		return id.BufferedBound(c)
	}
	return id.BufferedBound(Buffer)
}

// poiCellOf returns the world cell (column, row) of a lon/lat point at
// zoom z for a cell side in tile units.
func poiCellOf(p orb.Point, z uint32, cell float64) [2]int64 {
	n := float64(uint64(1) << z)
	return [2]int64{int64(math.Floor(lonToX(p[0], n) * Extent / cell)),
		int64(math.Floor(latToY(p[1], n) * Extent / cell))}
}

// thinPOIs keeps, per cell of zoom z, the feature first by rank and then
// by id; the order of the rest is kept.
func thinPOIs(feats []feature, z uint32) []feature {
	cell := POICell(z)
	if cell == 0 {
		return feats
	}
	best := map[[2]int64]int{}
	for i, f := range feats {
		k := poiCellOf(f.anchor, z, cell)
		if j, ok := best[k]; !ok || rankBefore(f, feats[j]) {
			best[k] = i
		}
	}
	out := feats[:0:0]
	for i, f := range feats {
		if best[poiCellOf(f.anchor, z, cell)] == i {
			out = append(out, f)
		}
	}
	return out
}

func rankBefore(a, b feature) bool {
	return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.id, b.id)) < 0
}
