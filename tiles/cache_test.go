package tiles

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paulmach/orb"
)

// region is a 2°×1.5° area around the 湘渝黔 corner.
var region = orb.Bound{Min: orb.Point{108.3, 27.8}, Max: orb.Point{110.3, 29.3}}

// fillRegion caches every tile of both tilesets covering region at zooms
// 0–11 and returns their keys.
func fillRegion(t testing.TB, c *Cache) []cacheKey {
	t.Helper()
	var keys []cacheKey
	for z := uint32(0); z <= 11; z++ {
		r, _ := Covering(region, z, 0)
		for id := range r.All() {
			for _, ts := range Tilesets() {
				if _, ok := c.Put(c.Generation(), ts, id, []byte(id.String())); !ok {
					t.Fatalf("Put(%s %v) not stored", ts, id)
				}
				keys = append(keys, cacheKey{ts, id})
			}
		}
	}
	return keys
}

// TestCacheInvalidateExact: after Invalidate(b) exactly the cached tiles
// whose buffered lon/lat bound intersects b are gone.
func TestCacheInvalidateExact(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 40 {
		c := NewCache(1 << 30)
		keys := fillRegion(t, c)
		lon := region.Min[0] + r.Float64()*(region.Max[0]-region.Min[0])
		lat := region.Min[1] + r.Float64()*(region.Max[1]-region.Min[1])
		w := []float64{0, 1e-5, 1e-3, 0.05, 0.5}[i%5]
		b := orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + w, lat + w*0.7}}
		dropped := c.Invalidate(b)
		want := 0
		for _, k := range keys {
			stale := k.id.BufferedBound(Buffer).Intersects(b)
			if stale {
				want++
			}
			if _, ok := c.Get(k.tileset, k.id); ok == stale {
				t.Fatalf("bound %v: tile %s %v cached=%v, but its buffered bound intersects=%v", b, k.tileset, k.id, ok, stale)
			}
		}
		if dropped != want || c.Stats().Entries != len(keys)-want {
			t.Fatalf("bound %v: dropped %d, want %d; %d entries left of %d", b, dropped, want, c.Stats().Entries, len(keys))
		}
	}
}

func TestCacheInvalidateAllAndBadBound(t *testing.T) {
	c := NewCache(1 << 30)
	keys := fillRegion(t, c)
	far := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}} // only the world tiles of zooms 0–1 reach it
	if n := c.Invalidate(far); n != 4 {
		t.Errorf("bound off the region dropped %d, want 4 (zooms 0 and 1, two tilesets)", n)
	}
	keys = keys[4:]
	nan := orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{109, 28}}
	nan.Max[0] = nan.Max[0] / 0 * 0 // NaN
	if n := c.Invalidate(nan); n != len(keys) || c.Stats().Entries != 0 {
		t.Errorf("NaN bound dropped %d of %d, %d left", n, len(keys), c.Stats().Entries)
	}
}

// TestCachePutAfterInvalidation: a tile computed from a generation that an
// invalidation of it has overtaken is not stored; one elsewhere does not
// stop it.
func TestCachePutAfterInvalidation(t *testing.T) {
	c := NewCache(1 << 20)
	id := TileAt(corner, 14)
	gen := c.Generation()
	c.Invalidate(orb.Bound{Min: orb.Point{70, 10}, Max: orb.Point{71, 11}}) // elsewhere
	if _, ok := c.Put(gen, Public, id, []byte("a")); !ok {
		t.Fatal("an invalidation elsewhere prevented storing")
	}
	gen = c.Generation()
	c.Invalidate(corner.Bound())
	if _, ok := c.Put(gen, Public, id, []byte("old")); ok {
		t.Fatal("a tile computed before an invalidation of it was stored")
	}
	if _, ok := c.Get(Public, id); ok {
		t.Fatal("the invalidated tile is still cached")
	}
	// The buffer ring counts: a change just east of the tile, within the
	// buffer, overtakes it too.
	b := id.Bound()
	ring := orb.Point{b.Max[0] + (b.Max[0]-b.Min[0])*Buffer/2/Extent, b.Center()[1]}
	gen = c.Generation()
	c.Invalidate(ring.Bound())
	if _, ok := c.Put(gen, Public, id, []byte("old")); ok {
		t.Fatal("a change in the buffer ring did not overtake the tile")
	}
	if c.Stats().Discarded != 2 {
		t.Errorf("Discarded = %d, want 2", c.Stats().Discarded)
	}
}

// TestCacheForgottenGeneration: a computation older than every remembered
// invalidation is discarded, to be safe.
func TestCacheForgottenGeneration(t *testing.T) {
	c := NewCache(1 << 20)
	gen := c.Generation()
	for range recentInvalidations + 1 {
		c.Invalidate(orb.Bound{Min: orb.Point{70, 10}, Max: orb.Point{71, 11}})
	}
	if _, ok := c.Put(gen, Public, TileAt(corner, 10), []byte("x")); ok {
		t.Fatal("stored a tile from a forgotten generation")
	}
	gen = c.Generation()
	for range recentInvalidations {
		c.Invalidate(orb.Bound{Min: orb.Point{70, 10}, Max: orb.Point{71, 11}})
	}
	if _, ok := c.Put(gen, Public, TileAt(corner, 10), []byte("x")); !ok {
		t.Fatal("a tile overtaken only by remembered invalidations elsewhere was not stored")
	}
}

// TestCacheFetchRace: an invalidation while a tile is being computed keeps
// that tile out of the cache, and a fetch after the invalidation computes
// afresh instead of joining the old computation.
func TestCacheFetchRace(t *testing.T) {
	c := NewCache(1 << 20)
	id := TileAt(corner, 12)
	started, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	compute := func(context.Context) ([]byte, error) {
		if calls.Add(1) == 1 {
			close(started)
			<-release
			return []byte("before"), nil
		}
		return []byte("after"), nil
	}
	first := make(chan Entry)
	go func() {
		e, err := c.Fetch(context.Background(), Internal, id, compute)
		if err != nil {
			t.Error(err)
		}
		first <- e
	}()
	<-started
	c.Invalidate(corner.Bound())
	e2, err := c.Fetch(context.Background(), Internal, id, compute)
	if err != nil || string(e2.Data) != "after" {
		t.Fatalf("fetch after the invalidation got %q, %v; want a fresh computation", e2.Data, err)
	}
	close(release)
	if e1 := <-first; string(e1.Data) != "before" {
		t.Errorf("first fetch got %q", e1.Data)
	}
	if e, ok := c.Get(Internal, id); !ok || string(e.Data) != "after" {
		t.Errorf("cached %q, %v; want the fresh tile", e.Data, ok)
	}
	if calls.Load() != 2 {
		t.Errorf("compute ran %d times, want 2", calls.Load())
	}
}

// TestCacheFetchShared: concurrent fetches of one tile share one
// computation.
func TestCacheFetchShared(t *testing.T) {
	c := NewCache(1 << 20)
	release := make(chan struct{})
	var calls atomic.Int32
	compute := func(context.Context) ([]byte, error) {
		calls.Add(1)
		<-release
		return []byte("tile"), nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if e, err := c.Fetch(context.Background(), Public, TileID{3, 1, 2}, compute); err != nil || string(e.Data) != "tile" {
				t.Errorf("Fetch: %q, %v", e.Data, err)
			}
		})
	}
	for c.waiting(cacheKey{Public, TileID{3, 1, 2}}) == 0 {
		runtime.Gosched() // until the leader has registered its call
	}
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("compute ran %d times for 8 concurrent fetches; want 1", calls.Load())
	}
}

// waiting reports whether a computation of k is in flight (1) or not (0).
func (c *Cache) waiting(k cacheKey) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.calls[k]; ok {
		return 1
	}
	return 0
}

func TestCacheFetchErrors(t *testing.T) {
	c := NewCache(1 << 20)
	boom := errors.New("boom")
	if _, err := c.Fetch(context.Background(), Public, TileID{}, func(context.Context) ([]byte, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
	if _, ok := c.Get(Public, TileID{}); ok {
		t.Error("a failed computation was cached")
	}
}

// TestCacheLRU: the byte bound evicts the least recently used tile.
func TestCacheLRU(t *testing.T) {
	data := make([]byte, 100)
	size := int64(len(data) + len(NewEntry(data).Gzip()) + len(Public) + entryOverhead)
	c := NewCache(3 * size)
	for x := range uint32(3) {
		c.Put(c.Generation(), Public, TileID{2, x, 0}, data)
	}
	c.Get(Public, TileID{2, 0, 0}) // 1 is now the least recently used
	c.Put(c.Generation(), Public, TileID{2, 3, 0}, data)
	if _, ok := c.Get(Public, TileID{2, 1, 0}); ok {
		t.Error("the least recently used tile survived")
	}
	for _, x := range []uint32{0, 2, 3} {
		if _, ok := c.Get(Public, TileID{2, x, 0}); !ok {
			t.Errorf("tile 2/%d/0 evicted", x)
		}
	}
	if s := c.Stats(); s.Bytes > s.MaxBytes || s.Evictions != 1 || s.Entries != 3 {
		t.Errorf("stats %+v", s)
	}
	if _, ok := c.Put(c.Generation(), Public, TileID{}, make([]byte, 4*size)); ok {
		t.Error("a tile larger than the cache was stored")
	}
}

func TestEntryETag(t *testing.T) {
	a, b := NewEntry([]byte("x")), NewEntry([]byte("y"))
	if a.ETag == b.ETag || a.ETag != NewEntry([]byte("x")).ETag {
		t.Errorf("ETags %s %s", a.ETag, b.ETag)
	}
	if !strings.HasPrefix(a.ETag, `"`) || !strings.HasSuffix(a.ETag, `"`) || strings.HasPrefix(a.ETag, "W/") || len(a.ETag) != 34 {
		t.Errorf("ETag %s is not a quoted strong tag of 32 hex digits", a.ETag)
	}
}

// TestCacheNoStaleUnderLoad runs readers and writers at once. Each write
// bumps the version of the tiles it touches, then invalidates; each
// computation returns the versions it read. At the end every cached tile
// must hold its current version.
func TestCacheNoStaleUnderLoad(t *testing.T) {
	c := NewCache(1 << 20)
	var mu sync.Mutex
	version := map[TileID]uint64{}
	var ids []TileID
	for z := uint32(8); z <= 11; z++ {
		r, _ := Covering(orb.Bound{Min: orb.Point{109.0, 28.3}, Max: orb.Point{109.5, 28.7}}, z, 0)
		ids = append(ids, tileList(r)...)
	}
	compute := func(id TileID) func(context.Context) ([]byte, error) {
		return func(context.Context) ([]byte, error) {
			mu.Lock()
			v := version[id]
			mu.Unlock()
			runtime.Gosched() // widen the window for an invalidation to overtake
			return binary.AppendUvarint(nil, v), nil
		}
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 7))
			for range 400 {
				id := ids[r.IntN(len(ids))]
				if _, err := c.Fetch(context.Background(), Public, id, compute(id)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for g := range 2 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 8))
			for range 100 {
				p := orb.Point{109.0 + r.Float64()*0.5, 28.3 + r.Float64()*0.4}
				mu.Lock()
				for _, id := range ids {
					if id.BufferedBound(Buffer).Intersects(p.Bound()) {
						version[id]++
					}
				}
				mu.Unlock()
				c.Invalidate(p.Bound())
				for range 3 {
					runtime.Gosched()
				}
			}
		})
	}
	wg.Wait()
	t.Logf("stats %+v", c.Stats())
	for _, id := range ids {
		if e, ok := c.Get(Public, id); ok {
			v, _ := binary.Uvarint(e.Data)
			if v != version[id] {
				t.Errorf("tile %v cached at version %d, current %d", id, v, version[id])
			}
		}
	}
}

func tileList(r TileRange) []TileID {
	var out []TileID
	for id := range r.All() {
		out = append(out, id)
	}
	return out
}

// BenchmarkCacheHit measures a cache hit; compare BenchmarkStoreSourceTile,
// the work a hit saves.
func BenchmarkCacheHit(b *testing.B) {
	c := NewCache(1 << 30)
	fillRegion(b, c)
	id := TileAt(corner, 11)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Get(Public, id); !ok {
			b.Fatal("miss")
		}
	}
}

func BenchmarkCacheFetchHitParallel(b *testing.B) {
	c := NewCache(1 << 30)
	fillRegion(b, c)
	id := TileAt(corner, 11)
	compute := func(context.Context) ([]byte, error) { return nil, fmt.Errorf("miss") }
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Fetch(context.Background(), Public, id, compute); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkStoreSourceTile(b *testing.B) {
	fx := newFixture()
	src := fx.source()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := src.Tile(context.Background(), Internal, fx.tile); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEntryGzipOnDemand: a tile the cache cannot keep is not gzipped until
// asked (a client without gzip costs no compression); one it keeps is
// gzipped once, before it is stored; the header values are the encoding's.
func TestEntryGzipOnDemand(t *testing.T) {
	data := bytes.Repeat([]byte("tile "), 1000)
	compute := func(context.Context) ([]byte, error) { return data, nil }
	e, err := NewCache(0).Fetch(context.Background(), Public, TileID{Z: 1}, compute)
	if err != nil {
		t.Fatal(err)
	}
	if e.enc.gzip != nil {
		t.Error("an uncached tile was gzipped before anyone asked")
	}
	etag, length := e.Header(false)
	if etag[0] != e.ETag || length[0] != strconv.Itoa(len(data)) || e.enc.gzip != nil {
		t.Errorf("plain headers %v %v", etag, length)
	}
	etag, length = e.Header(true)
	zr, err := gzip.NewReader(bytes.NewReader(e.Gzip()))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unzipped, data) || etag[0] != e.GzipETag || length[0] != strconv.Itoa(len(e.Gzip())) {
		t.Errorf("gzip headers %v %v, round trip %v", etag, length, err)
	}
	kept, err := NewCache(1<<20).Fetch(context.Background(), Public, TileID{Z: 1}, compute)
	if err != nil || kept.enc.gzip == nil {
		t.Errorf("a cached tile is not gzipped when stored (%v)", err)
	}
	if n := testing.AllocsPerRun(100, func() { kept.Header(true); kept.Gzip() }); n != 0 {
		t.Errorf("%v allocations per cached header lookup; want none", n)
	}
}
