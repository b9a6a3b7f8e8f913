package tiles

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"sync"

	"github.com/paulmach/orb"
)

// Entry is one cached tile: its uncompressed MVT bytes and strong ETags
// derived from their SHA-256, one per encoding (the gzip variant's tag
// ends in "-gz", as a different representation needs a different strong
// tag). The gzip encoding is made once, on first use (at once for a tile
// the cache keeps), and shared by every copy of the entry. Never modify
// the bytes or header values an Entry returns.
type Entry struct {
	Data     []byte
	ETag     string // quoted, e.g. "\"3f…\""
	GzipETag string // quoted, e.g. "\"3f…-gz\""
	enc      *encodings
}

// encodings holds an entry's gzip bytes and its header values, ready to
// put into an http.Header.
type encodings struct {
	once   sync.Once
	gzip   []byte
	etag   [2][]string // plain, gzip
	length [2][]string
	gz     *gzipper // nil: a new writer at gzip.DefaultCompression
}

// NewEntry returns the entry of data with its ETags; its gzip encoding is
// made on first use at gzip.DefaultCompression.
func NewEntry(data []byte) Entry { return newEntry(data, nil) }

func newEntry(data []byte, gz *gzipper) Entry {
	sum := sha256.Sum256(data)
	tag := hex.EncodeToString(sum[:16])
	e := Entry{Data: data, ETag: `"` + tag + `"`, GzipETag: `"` + tag + `-gz"`,
		enc: &encodings{gz: gz}}
	e.enc.etag = [2][]string{{e.ETag}, {e.GzipETag}}
	e.enc.length[0] = []string{strconv.Itoa(len(data))}
	return e
}

// Gzip returns the gzip encoding of Data, made on the first call.
func (e Entry) Gzip() []byte {
	if e.enc == nil {
		return gzipBytes(e.Data, gzip.DefaultCompression)
	}
	e.enc.once.Do(func() {
		e.enc.gzip = e.enc.gz.compress(e.Data)
		e.enc.length[1] = []string{strconv.Itoa(len(e.enc.gzip))}
	})
	return e.enc.gzip
}

// Header returns the ETag and Content-Length header values of the plain or
// the gzip encoding, as shared one-element slices: put them into an
// http.Header as they are, never modify them.
func (e Entry) Header(gz bool) (etag, contentLength []string) {
	if e.enc == nil {
		e = newEntry(e.Data, nil)
	}
	if !gz {
		return e.enc.etag[0], e.enc.length[0]
	}
	e.Gzip()
	return e.enc.etag[1], e.enc.length[1]
}

// CacheStats is a snapshot of a cache's counters.
type CacheStats struct {
	Entries     int
	Bytes       int64 // tile bytes plus a fixed overhead per entry
	MaxBytes    int64
	Hits        uint64
	Misses      uint64
	Evictions   uint64 // dropped to stay within MaxBytes
	Invalidated uint64 // dropped by Invalidate
	Discarded   uint64 // computed but not stored: an invalidation overtook them
	Generation  uint64
}

// entryOverhead is the bookkeeping counted for each entry besides its bytes.
const entryOverhead = 160

// recentInvalidations is how many invalidations the cache remembers to
// judge computations that overlap them; older computations are discarded.
const recentInvalidations = 256

type cacheKey struct {
	tileset string
	id      TileID
}

type cacheEntry struct {
	key        cacheKey
	entry      Entry
	size       int64
	prev, next *cacheEntry // LRU list; head is most recent
}

type invalidation struct {
	gen   uint64
	bound orb.Bound
	all   bool
}

// call is a tile computation in flight, shared by the requests for it.
type call struct {
	done  chan struct{}
	entry Entry
	err   error
}

// Cache is an in-process LRU cache of tiles keyed by tileset and tile,
// bounded in bytes, safe for concurrent use. Invalidate drops exactly the
// tiles a change touches, found through a per-zoom index of cached tiles.
// A generation counter, bumped by every invalidation, guards the race
// between computing a tile and invalidating it: a tile computed from a
// generation an invalidation of that tile has since overtaken is served to
// its requesters but never stored.
type Cache struct {
	mu         sync.Mutex
	maxBytes   int64
	bytes      int64
	entries    map[cacheKey]*cacheEntry
	head, tail *cacheEntry
	index      zoomIndex
	calls      map[cacheKey]*callState
	gen        uint64
	recent     []invalidation // ring of the last invalidations
	stats      CacheStats
	// Gzip writers for reuse: for the tiles it keeps (the default level)
	// and for those it cannot (the fastest).
	gzipKept, gzipPassing *gzipper
}

type callState struct {
	*call
	gen uint64
}

// NewCache returns a cache holding at most maxBytes (tile bytes plus a
// small overhead per entry). A maxBytes ≤ 0 stores nothing.
func NewCache(maxBytes int64) *Cache {
	return &Cache{maxBytes: maxBytes, entries: map[cacheKey]*cacheEntry{}, calls: map[cacheKey]*callState{},
		index: newZoomIndex(), gzipKept: newGzipper(gzip.DefaultCompression), gzipPassing: newGzipper(gzip.BestSpeed)}
}

// Get returns the cached tile and marks it recently used.
func (c *Cache) Get(tileset string, id TileID) (Entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[cacheKey{tileset, id}]
	if !ok {
		c.stats.Misses++
		return Entry{}, false
	}
	c.stats.Hits++
	c.moveToFront(e)
	return e.entry, true
}

// Generation returns the current generation: call it before computing a
// tile and hand the value to Put.
func (c *Cache) Generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Put stores a tile computed from data read after Generation returned gen,
// unless an invalidation since gen covers the tile; stored reports which.
func (c *Cache) Put(gen uint64, tileset string, id TileID, data []byte) (e Entry, stored bool) {
	e = c.newEntry(data)
	c.mu.Lock()
	defer c.mu.Unlock()
	return e, c.putLocked(gen, cacheKey{tileset, id}, e)
}

// Fetch returns the cached tile or computes, stores and returns it.
// Concurrent fetches of one tile share one computation; a fetch that
// starts after an invalidation of the tile never joins a computation begun
// before it. compute's error is returned as is and nothing is stored.
func (c *Cache) Fetch(ctx context.Context, tileset string, id TileID,
	compute func(context.Context) ([]byte, error)) (Entry, error) {
	for {
		e, cl, leader, gen := c.lookup(tileset, id)
		if cl == nil {
			return e, nil
		}
		if leader {
			return c.lead(ctx, cacheKey{tileset, id}, cl, gen, compute)
		}
		select {
		case <-cl.done:
		case <-ctx.Done():
			return Entry{}, ctx.Err()
		}
		if cl.err == nil || !isContextErr(cl.err) || ctx.Err() != nil {
			return cl.entry, cl.err
		}
		// The leader's request was cancelled, not ours: try again.
	}
}

// Tile is Fetch with src as the computation.
func (c *Cache) Tile(ctx context.Context, src Source, tileset string, id TileID) (Entry, error) {
	return c.Fetch(ctx, tileset, id, func(ctx context.Context) ([]byte, error) {
		return src.Tile(ctx, tileset, id)
	})
}

// lookup returns a hit (cl nil), or the call to wait for, or a new call to
// lead with the generation it starts from.
func (c *Cache) lookup(tileset string, id TileID) (e Entry, cl *call, leader bool, gen uint64) {
	k := cacheKey{tileset, id}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ce, ok := c.entries[k]; ok {
		c.stats.Hits++
		c.moveToFront(ce)
		return ce.entry, nil, false, 0
	}
	c.stats.Misses++
	if st, ok := c.calls[k]; ok && !c.staleLocked(st.gen, k) {
		return Entry{}, st.call, false, 0
	}
	st := &callState{call: &call{done: make(chan struct{})}, gen: c.gen}
	c.calls[k] = st
	return Entry{}, st.call, true, st.gen
}

func (c *Cache) lead(ctx context.Context, k cacheKey, cl *call, gen uint64,
	compute func(context.Context) ([]byte, error)) (Entry, error) {
	cl.err = errComputeFailed // what waiters see if compute panics
	defer c.finish(k, cl)
	data, err := compute(ctx)
	if err != nil {
		cl.err = err
		return Entry{}, err
	}
	cl.entry, cl.err = c.newEntry(data), nil
	c.mu.Lock()
	c.putLocked(gen, k, cl.entry)
	c.mu.Unlock()
	return cl.entry, nil
}

// newEntry makes the entry of a computed tile. A tile the cache may keep
// is gzipped now, outside the lock, at the default level: once for many
// requests. One it cannot keep is gzipped only if a request asks for it,
// at the fastest level, as it serves one request.
func (c *Cache) newEntry(data []byte) Entry {
	if int64(len(data)) >= c.maxBytes {
		return newEntry(data, c.gzipPassing)
	}
	e := newEntry(data, c.gzipKept)
	e.Gzip()
	return e
}

var errComputeFailed = errors.New("tiles: tile computation failed")

// finish retires a call and wakes its waiters.
func (c *Cache) finish(k cacheKey, cl *call) {
	c.mu.Lock()
	if st, ok := c.calls[k]; ok && st.call == cl {
		delete(c.calls, k)
	}
	c.mu.Unlock()
	close(cl.done)
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
