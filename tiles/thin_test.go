package tiles

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/project"
	"github.com/toponym/toponym/data"
)

// manyPOIs returns n published POIs spread at random (seeded) over the
// 3 × 3 tiles around tile c, each drawn from zoom 6, 7 or 8.
func manyPOIs(c TileID, n int, seed uint64) []*data.NamedPlace {
	r := rand.New(rand.NewPCG(seed, 1))
	b := TileID{Z: c.Z, X: c.X - 1, Y: c.Y - 1}.Bound()
	b = b.Union(TileID{Z: c.Z, X: c.X + 1, Y: c.Y + 1}.Bound())
	out := make([]*data.NamedPlace, n)
	for i := range out {
		p := orb.Point{b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1])}
		out[i] = &data.NamedPlace{
			ID: fmt.Sprintf("0190a1b2-c3d4-7e5f-8a6b-%012x", r.Uint64()>>16), Kind: data.KindPOI,
			Review: data.ReviewPublished, Geometry: p, MinZoom: 6 + r.IntN(3), Category: "1301",
			Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: fmt.Sprintf("兴趣点%d", i),
				Pinyin: fmt.Sprintf("Xingqudian %d", i), PinyinReviewed: true}},
		}
	}
	return out
}

// expectedPOIs is the thinning rule computed independently: cells from
// orb's Web Mercator projection, the winner of each by first zoom and
// feature id, kept if it lies in the buffered tile.
func expectedPOIs(pois []*data.NamedPlace, id TileID) []uint64 {
	cell := POICell(id.Z)
	mb := id.MercatorBound()
	unit := (mb.Max[0] - mb.Min[0]) / Extent // metres per tile unit
	type win struct {
		rank int
		fid  uint64
		p    orb.Point // tile units in id
	}
	best := map[[2]int64]win{}
	var all []win
	for _, pl := range pois {
		if pl.MinZoom > int(id.Z) {
			continue
		}
		m := project.Point(pl.Geometry.(orb.Point), project.WGS84.ToMercator)
		w := win{pl.MinZoom, FeatureID(pl.ID), orb.Point{(m[0] - mb.Min[0]) / unit, (mb.Max[1] - m[1]) / unit}}
		all = append(all, w)
		if cell == 0 {
			continue
		}
		k := [2]int64{int64(math.Floor((m[0] + OriginShift) / unit / cell)), int64(math.Floor((OriginShift - m[1]) / unit / cell))}
		if b, ok := best[k]; !ok || w.rank < b.rank || (w.rank == b.rank && w.fid < b.fid) {
			best[k] = w
		}
	}
	if cell > 0 {
		all = all[:0]
		for _, w := range best {
			all = append(all, w)
		}
	}
	var ids []uint64
	for _, w := range all {
		if w.p[0] >= -Buffer && w.p[0] <= Extent+Buffer && w.p[1] >= -Buffer && w.p[1] <= Extent+Buffer {
			ids = append(ids, w.fid)
		}
	}
	slices.Sort(ids)
	return ids
}

func poiIDs(t *testing.T, b []byte) []uint64 {
	t.Helper()
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for _, l := range layers {
		if l.Name != LayerPOIs {
			continue
		}
		for _, f := range l.Features {
			ids = append(ids, uint64(f.ID.(float64)))
		}
	}
	slices.Sort(ids)
	return ids
}

// TestPOIThinning: with 20 000 POIs around a zoom-8 tile, each tile keeps
// one POI per cell, the first by first zoom and id (so a POI in the ring
// is the same in both tiles that carry it), and the zoom-8 tile stays
// small; from POIFullZoom on every POI is there.
func TestPOIThinning(t *testing.T) {
	home := TileAt(corner, 8)
	pois := manyPOIs(home, 20000, 8)
	src := &StoreSource{Store: &fakeStore{places: pois}, Now: func() time.Time { return fixtureNow }}
	p0 := pois[0].Geometry.(orb.Point)
	for _, id := range []TileID{home, {Z: 8, X: home.X + 1, Y: home.Y}, TileAt(p0, 10), TileAt(p0, 12),
		TileAt(p0, POIFullZoom-1), TileAt(p0, POIFullZoom), TileAt(p0, 16)} {
		b, err := src.Tile(context.Background(), Public, id)
		if err != nil {
			t.Fatal(err)
		}
		got, want := poiIDs(t, b), expectedPOIs(pois, id)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: %d POIs, want %d (%v, want %v)", id, len(got), len(want), head(got), head(want))
		}
		t.Logf("%s: %d POIs in %d bytes", id, len(got), len(b))
		if id.Z == 8 {
			if limit := (Extent/int(POICell(8)) + 2) * (Extent/int(POICell(8)) + 2); len(got) > limit {
				t.Errorf("%s: %d POIs, more than %d cells", id, len(got), limit)
			}
			if len(b) > 24<<10 {
				t.Errorf("%s: %d bytes; want a zoom-8 tile within 24 KiB", id, len(b))
			}
		}
	}
}

func head(ids []uint64) []uint64 { return ids[:min(len(ids), 5)] }
