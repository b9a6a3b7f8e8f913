package pgsource

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/tiles"
)

// TestPOIThinningAgrees loads 3000 POIs around a zoom-8 tile and checks
// that the PostGIS source thins them as tiles.StoreSource does over the
// same database (the same POIs at zooms 8 to 16, the ring included) and
// that the zoom-8 tile stays small.
func TestPOIThinningAgrees(t *testing.T) {
	ctx := context.Background()
	st := pgtest.Store(t)
	home := tiles.TileAt(triJunction, 8)
	r := rand.New(rand.NewPCG(3, 1))
	b := tiles.TileID{Z: 8, X: home.X - 1, Y: home.Y - 1}.Bound().Union(tiles.TileID{Z: 8, X: home.X + 1, Y: home.Y + 1}.Bound())
	var first orb.Point
	err := st.Atomic(ctx, func(tx data.Store) error {
		for i := range 3000 {
			p := orb.Point{b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1])}
			if i == 0 {
				first = p
			}
			pl := &data.NamedPlace{Kind: data.KindPOI, Review: data.ReviewPublished, Geometry: p,
				MinZoom: 6 + r.IntN(3), Category: "1301", Valid: data.Period{From: data.Date(2020, 1, 1)},
				Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: fmt.Sprintf("兴趣点%d", i),
					Pinyin: fmt.Sprintf("Xingqudian %d", i), PinyinReviewed: true}}}
			if err := tx.CreatePlace(ctx, pl); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pg, err := New(st.Pool(), Options{Now: sampleDay})
	if err != nil {
		t.Fatal(err)
	}
	orbSrc := &tiles.StoreSource{Store: st, Now: sampleDay}
	for _, id := range []tiles.TileID{home, {Z: 8, X: home.X + 1, Y: home.Y}, tiles.TileAt(first, 10),
		tiles.TileAt(first, 12), tiles.TileAt(first, 13), tiles.TileAt(first, 14), tiles.TileAt(first, 16)} {
		a, err := pg.Tile(ctx, tiles.Public, id)
		if err != nil {
			t.Fatal(err)
		}
		o, err := orbSrc.Tile(ctx, tiles.Public, id)
		if err != nil {
			t.Fatal(err)
		}
		got, want := poiIDs(t, a), poiIDs(t, o)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: PostGIS keeps %d POIs, StoreSource %d (%v, want %v)", id, len(got), len(want),
				got[:min(5, len(got))], want[:min(5, len(want))])
		}
		t.Logf("%s: %d POIs; PostGIS %d bytes, StoreSource %d bytes", id, len(got), len(a), len(o))
		if id.Z == 8 && len(a) > 24<<10 {
			t.Errorf("%s: %d bytes; want a zoom-8 tile within 24 KiB", id, len(a))
		}
	}
}

func poiIDs(t *testing.T, b []byte) []uint64 {
	t.Helper()
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for _, l := range layers {
		if l.Name == tiles.LayerPOIs {
			for _, f := range l.Features {
				ids = append(ids, uint64(f.ID.(float64)))
			}
		}
	}
	slices.Sort(ids)
	return ids
}
