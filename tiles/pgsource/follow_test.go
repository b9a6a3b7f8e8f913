package pgsource

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
	"github.com/toponym/toponym/tiles"
)

// TestFollowerDropsTilesOfOtherWriters: a write that does not pass through
// the server's own store (here the store itself, as toponymd import or
// another server would write) drops the cached tiles it touches once
// committed, and only those; after the follower's connection is killed it
// drops the whole cache (it may have missed changes) and follows again.
func TestFollowerDropsTilesOfOtherWriters(t *testing.T) {
	st := pgtest.Store(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cache := tiles.NewCache(1 << 20)
	f := NewFollower(st.Pool(), cache, slog.New(slog.NewTextHandler(io.Discard, nil)))
	listening := make(chan struct{}, 4)
	f.listening = func() { listening <- struct{}{} }
	go f.Run(ctx)
	await(t, listening)

	here, far := orb.Point{109.2, 28.46}, orb.Point{116.4, 39.9}
	near, away := tiles.TileAt(here, 12), tiles.TileAt(far, 12)
	put := func(ids ...tiles.TileID) {
		for _, id := range ids {
			cache.Put(cache.Generation(), tiles.Public, id, []byte("tile"))
		}
	}
	cached := func(id tiles.TileID) bool { _, ok := cache.Get(tiles.Public, id); return ok }
	put(near, away)

	// Uncommitted, nothing happens; committed, the tile goes.
	err := st.Atomic(ctx, func(tx data.Store) error {
		if err := tx.CreatePlace(ctx, storetest.Place("洪安", "Hong'an", here[0], here[1])); err != nil {
			return err
		}
		if !cached(near) {
			t.Error("a tile was dropped before the change was committed")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	waitGone(t, cached, near)
	if !cached(away) {
		t.Error("a tile far from the change was dropped")
	}

	// A rolled-back write drops nothing.
	put(near)
	_ = st.Atomic(ctx, func(tx data.Store) error {
		_ = tx.CreatePlace(ctx, storetest.Place("迓驾", "Yajia", here[0], here[1]))
		return context.Canceled
	})
	sign := &data.Sign{Kind: "road_sign", Text: "北京", Position: far}
	if err := st.CreateSign(ctx, sign); err != nil { // a later change, elsewhere
		t.Fatal(err)
	}
	waitGone(t, cached, away)
	if !cached(near) {
		t.Error("a rolled-back write dropped a tile")
	}

	// The follower's connection is killed: once back it drops everything.
	put(away)
	if _, err := st.Pool().Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query = 'LISTEN `+Channel+`' AND datname = current_database()`); err != nil {
		t.Fatal(err)
	}
	await(t, listening)
	if cached(near) || cached(away) {
		t.Error("the cache kept tiles across a lost connection")
	}
	put(near)
	if err := st.CreatePlace(ctx, storetest.Place("边城", "Biancheng", here[0], here[1])); err != nil {
		t.Fatal(err)
	}
	waitGone(t, cached, near)
}

// await waits for the follower to listen.
func await(t *testing.T, listening <-chan struct{}) {
	t.Helper()
	select {
	case <-listening:
	case <-time.After(30 * time.Second):
		t.Fatal("the follower never listened")
	}
}

// waitGone waits until tile id has left the cache.
func waitGone(t *testing.T, cached func(tiles.TileID) bool, id tiles.TileID) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); cached(id); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("tile %s is still cached after the change was committed", id)
		}
	}
}

func TestParseChange(t *testing.T) {
	b, err := ParseChange("109.1 28.4 109.25 28.5")
	if err != nil || b != (orb.Bound{Min: orb.Point{109.1, 28.4}, Max: orb.Point{109.25, 28.5}}) {
		t.Errorf("ParseChange = %v, %v", b, err)
	}
	for _, bad := range []string{"", "1 2 3", "1 2 3 x", "1 2 3 NaN", "1 2 3 4 5"} {
		if _, err := ParseChange(bad); err == nil {
			t.Errorf("ParseChange(%q) passed", bad)
		}
	}
}
