package tiles

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/storetest"
)

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestVersionFollowerGPKG: a server's GeoPackage store and tile cache; the
// server's own writes through its InvalidatingStore drop only the tiles
// they touch, however often the follower polls; a place written by a
// second store on the same file (as toponymd import, sync or QGIS would
// write from another process) drops the cached tiles.
func TestVersionFollowerGPKG(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path := filepath.Join(t.TempDir(), "toponym.gpkg")
	st, err := gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cache := NewCache(1 << 20)
	inv := NewInvalidatingStore(st, cache)
	f := NewVersionFollower(st, cache, discardLog())
	f.Interval = 5 * time.Millisecond
	polls := make(chan struct{}) // unbuffered: the follower waits for the test
	f.polled = func() {
		select {
		case polls <- struct{}{}:
		case <-ctx.Done():
		}
	}
	done := make(chan struct{})
	go func() { defer close(done); f.Run(ctx) }()
	defer func() { cancel(); <-done }()
	// settle returns once a poll has begun and ended after the call: the
	// first poll received may have begun before, the second has not.
	settle := func() {
		t.Helper()
		for range 2 {
			select {
			case <-polls:
			case <-time.After(time.Minute):
				t.Fatal("the follower does not poll")
			}
		}
	}
	settle()

	here, far := orb.Point{109.2, 28.46}, orb.Point{116.4, 39.9}
	hereTile, farTile := TileAt(here, 12), TileAt(far, 12)
	put := func(ids ...TileID) {
		for _, id := range ids {
			cache.Put(cache.Generation(), Public, id, []byte("tile"))
		}
	}
	cached := func(id TileID) bool { _, ok := cache.Get(Public, id); return ok }
	put(hereTile, farTile)

	// The server's own write: its tile goes at once, the far one stays.
	if err := inv.CreatePlace(ctx, storetest.Place("洪安", "Hong'an", here[0], here[1])); err != nil {
		t.Fatal(err)
	}
	if cached(hereTile) {
		t.Error("the server's own write left its tile cached")
	}
	settle()
	if !cached(farTile) {
		t.Fatal("the follower took the server's own write for another process's")
	}

	// Another process opens the file (which may itself commit) and writes.
	other, err := gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	settle()
	put(hereTile, farTile)
	if err := other.CreatePlace(ctx, storetest.Place("迓驾", "Yajia", here[0], here[1])); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(time.Minute)
	for cached(hereTile) || cached(farTile) {
		select {
		case <-polls:
		case <-deadline:
			t.Fatal("another process's write left the cached tiles in place")
		}
	}
}

// versions is a DataVersioner returning a fixed sequence of results.
type versions []struct {
	v   int64
	err error
}

func (s *versions) DataVersion(context.Context) (int64, error) {
	r := (*s)[0]
	*s = (*s)[1:]
	return r.v, r.err
}

// TestVersionFollowerPoll: when the cache is dropped, poll by poll.
func TestVersionFollowerPoll(t *testing.T) {
	fail := errors.New("disk I/O error")
	tests := []struct {
		name    string
		results versions
		dropped []bool // after each poll
	}{
		{"steady", versions{{7, nil}, {7, nil}, {7, nil}}, []bool{false, false, false}},
		{"change", versions{{7, nil}, {8, nil}, {8, nil}}, []bool{false, true, false}},
		{"error keeps the version", versions{{7, nil}, {0, fail}, {7, nil}, {9, nil}}, []bool{false, false, false, true}},
		{"error before the first version", versions{{0, fail}, {7, nil}, {7, nil}}, []bool{false, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := NewCache(1 << 20)
			f := NewVersionFollower(&tt.results, cache, discardLog())
			var st followState
			for i, want := range tt.dropped {
				gen := cache.Generation()
				f.poll(context.Background(), &st)
				if got := cache.Generation() != gen; got != want {
					t.Errorf("poll %d: dropped %v, want %v", i, got, want)
				}
			}
		})
	}
}
