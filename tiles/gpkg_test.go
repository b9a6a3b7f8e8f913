package tiles

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// loadInto stores the fixture in st. Stores assign their own IDs, so it
// returns each new ID's fixture key.
func loadInto(t *testing.T, fx *fixture, st data.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	key := map[string]string{}
	create := func(old string, id *string, fn func() error) {
		t.Helper()
		*id = ""
		if err := fn(); err != nil {
			t.Fatalf("storing %s: %v", old, err)
		}
		key[*id] = old
	}
	for _, u := range fx.store.units {
		u.UnitID, u.ParentID = "", ""
		create(u.ID, &u.ID, func() error { return st.CreateAdminUnit(ctx, u) })
	}
	lineID := map[string]string{}
	for _, l := range fx.store.lines {
		old := l.ID
		create(old, &l.ID, func() error { return st.CreateBoundaryLine(ctx, l) })
		lineID[old] = l.ID
	}
	for _, m := range fx.store.markers {
		m.LineID = lineID[m.LineID]
		create(m.Number, &m.ID, func() error { return st.CreateMarker(ctx, m) })
	}
	for _, j := range fx.store.tjs {
		create(j.ID, &j.ID, func() error { return st.CreateTriJunction(ctx, j) })
	}
	placeID := map[string]string{}
	for _, p := range fx.store.places {
		old := p.ID
		create(old, &p.ID, func() error { return st.CreatePlace(ctx, p) })
		placeID[old] = p.ID
	}
	for _, s := range fx.store.signs {
		s.PlaceID = placeID[s.PlaceID]
		create(s.ID, &s.ID, func() error { return st.CreateSign(ctx, s) })
	}
	return key
}

// TestGPKGStoreSource renders the fixture from the embedded GeoPackage
// store, checking that the store's bbox, date and filter semantics give
// the tiles the fake store gives.
func TestGPKGStoreSource(t *testing.T) {
	st, err := gpkg.Open(context.Background(), filepath.Join(t.TempDir(), "tiles.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	checkStoreSource(t, st)
}

// TestPostGISStoreSource is the same against the production store.
func TestPostGISStoreSource(t *testing.T) {
	checkStoreSource(t, pgtest.Store(t))
}

func checkStoreSource(t *testing.T, st data.Store) {
	t.Helper()
	fx := newFixture()
	key := loadInto(t, fx, st)
	src := &StoreSource{Store: st, Now: fx.source().Now}
	for _, ts := range Tilesets() {
		b, err := src.Tile(context.Background(), ts, fx.tile)
		if err != nil {
			t.Fatalf("%s: %v", ts, err)
		}
		layers, err := mvt.Unmarshal(b)
		if err != nil {
			t.Fatal(err)
		}
		want := fx.expected(ts)
		got := map[string][]string{}
		for _, l := range layers {
			for _, f := range l.Features {
				k := featureKey(l.Name, f)
				if l.Name != LayerMarkers {
					k = key[k]
				}
				got[l.Name] = append(got[l.Name], k)
			}
		}
		for name := range union(got, want) {
			g, w := got[name], slices.Clone(want[name])
			sort.Strings(g)
			sort.Strings(w)
			if !slices.Equal(g, w) {
				t.Errorf("%s/%s: %v, want %v", ts, name, g, w)
			}
		}
	}
}

func union(a, b map[string][]string) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
