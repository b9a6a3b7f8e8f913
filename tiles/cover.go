package tiles

import (
	"iter"
	"math"

	"github.com/paulmach/orb"
)

// TileRange is the inclusive rectangle of tiles MinX–MaxX × MinY–MaxY at
// zoom Z.
type TileRange struct {
	Z, MinX, MinY, MaxX, MaxY uint32
}

// Contains reports whether t lies in the range.
func (r TileRange) Contains(t TileID) bool {
	return t.Z == r.Z && r.MinX <= t.X && t.X <= r.MaxX && r.MinY <= t.Y && t.Y <= r.MaxY
}

// Count returns the number of tiles in the range.
func (r TileRange) Count() uint64 {
	return uint64(r.MaxX-r.MinX+1) * uint64(r.MaxY-r.MinY+1)
}

// All yields every tile of the range, row by row.
func (r TileRange) All() iter.Seq[TileID] {
	return func(yield func(TileID) bool) {
		for y := uint64(r.MinY); y <= uint64(r.MaxY); y++ {
			for x := uint64(r.MinX); x <= uint64(r.MaxX); x++ {
				if !yield(TileID{Z: r.Z, X: uint32(x), Y: uint32(y)}) {
					return
				}
			}
		}
	}
}

// Covering returns the tiles at zoom z whose extent, grown by buffer tile
// units (of Extent), intersects b (a lon/lat bound in degrees; touching
// counts). It is how the cache finds the tiles a write made stale: with
// buffer = Buffer it returns exactly the tiles whose source query box meets
// b. ok is false when b has NaN or infinite coordinates, Min beyond Max, or
// z above MaxZoom.
func Covering(b orb.Bound, z uint32, buffer float64) (r TileRange, ok bool) {
	if z > MaxZoom || !finiteBound(b) || b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return TileRange{}, false
	}
	n := float64(uint64(1) << z)
	f := buffer / Extent
	minX, maxX := tileSpan(lonToX(b.Min[0], n), lonToX(b.Max[0], n), f, n)
	minY, maxY := tileSpan(latToY(b.Max[1], n), latToY(b.Min[1], n), f, n)
	return TileRange{Z: z, MinX: minX, MinY: minY, MaxX: maxX, MaxY: maxY}, true
}

// tileSpan returns the tiles i with [i-f, i+1+f] meeting [lo, hi], clamped
// to 0…n-1.
func tileSpan(lo, hi, f, n float64) (uint32, uint32) {
	first := math.Max(0, math.Ceil(lo-1-f))
	last := math.Min(n-1, math.Floor(hi+f))
	return uint32(first), uint32(last)
}

func finiteBound(b orb.Bound) bool {
	for _, v := range [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
