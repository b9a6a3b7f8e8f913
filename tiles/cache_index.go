package tiles

import (
	"math"

	"github.com/paulmach/orb"
)

// zoomIndex finds cached tiles by zoom and cell: per zoom, a map from the
// tile's x and y to the entries of every tileset at that tile.
type zoomIndex [MaxZoom + 1]map[uint64][]*cacheEntry

func newZoomIndex() zoomIndex {
	var ix zoomIndex
	for z := range ix {
		ix[z] = map[uint64][]*cacheEntry{}
	}
	return ix
}

func cell(id TileID) uint64 { return uint64(id.X)<<32 | uint64(id.Y) }

func (ix *zoomIndex) add(e *cacheEntry) {
	m := ix[e.key.id.Z]
	m[cell(e.key.id)] = append(m[cell(e.key.id)], e)
}

func (ix *zoomIndex) remove(e *cacheEntry) {
	m, c := ix[e.key.id.Z], cell(e.key.id)
	list := m[c]
	for i, x := range list {
		if x == e {
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(m, c)
	} else {
		m[c] = list
	}
}

// inRange returns the cached entries of the tiles of r, visiting whichever
// is fewer: the cells of r or the cached cells of r's zoom.
func (ix *zoomIndex) inRange(r TileRange) []*cacheEntry {
	m := ix[r.Z]
	var out []*cacheEntry
	if r.Count() <= uint64(len(m)) {
		for id := range r.All() {
			out = append(out, m[cell(id)]...)
		}
		return out
	}
	for c, list := range m {
		if r.Contains(TileID{Z: r.Z, X: uint32(c >> 32), Y: uint32(c)}) {
			out = append(out, list...)
		}
	}
	return out
}

// Invalidate drops every cached tile, of every tileset and zoom, whose
// extent grown by Buffer intersects b (lon/lat degrees): exactly the tiles
// whose source query box meets b. Computations under way for such tiles are
// not stored when they finish. It returns how many tiles were dropped. A
// bound with NaN or infinite coordinates invalidates everything.
func (c *Cache) Invalidate(b orb.Bound) int {
	if !finiteBound(b) {
		return c.InvalidateAll()
	}
	b = orderBound(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.recordLocked(invalidation{bound: b})
	n := 0
	for z := uint32(0); z <= MaxZoom; z++ {
		r, _ := Covering(b, z, Buffer)
		for _, e := range c.index.inRange(r) {
			c.removeLocked(e)
			n++
		}
	}
	c.stats.Invalidated += uint64(n)
	return n
}

// InvalidateAll drops every cached tile and returns how many there were.
func (c *Cache) InvalidateAll() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.recordLocked(invalidation{all: true})
	n := len(c.entries)
	c.entries = map[cacheKey]*cacheEntry{}
	c.head, c.tail, c.bytes = nil, nil, 0
	c.index = newZoomIndex()
	c.stats.Invalidated += uint64(n)
	return n
}

// orderBound swaps Min and Max coordinates given the wrong way round.
func orderBound(b orb.Bound) orb.Bound {
	return orb.Bound{
		Min: orb.Point{math.Min(b.Min[0], b.Max[0]), math.Min(b.Min[1], b.Max[1])},
		Max: orb.Point{math.Max(b.Min[0], b.Max[0]), math.Max(b.Min[1], b.Max[1])},
	}
}

// recordLocked starts a new generation and remembers the invalidation.
func (c *Cache) recordLocked(inv invalidation) {
	c.gen++
	inv.gen = c.gen
	if i := int((c.gen - 1) % recentInvalidations); i == len(c.recent) {
		c.recent = append(c.recent, inv)
	} else {
		c.recent[i] = inv
	}
}

// staleLocked reports whether an invalidation after generation gen covers
// tile k, or may have: when gen is older than every remembered one.
func (c *Cache) staleLocked(gen uint64, k cacheKey) bool {
	if gen == c.gen {
		return false
	}
	if c.gen-gen > uint64(len(c.recent)) {
		return true
	}
	for _, inv := range c.recent {
		if inv.gen <= gen {
			continue
		}
		if inv.all {
			return true
		}
		if r, ok := Covering(inv.bound, k.id.Z, Buffer); ok && r.Contains(k.id) {
			return true
		}
	}
	return false
}
