package postgis_test

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
)

// TestTypoSearchAgreesAcrossCommonKeys: a typo within one edit of three
// keys, one of them more common than gazetteer.MaxCandidates, finds in the
// PostGIS store (each key's first names, keys in rank order) what the
// GeoPackage store finds through gazetteer.Rank: the same places, names,
// similarities and counts, page by page, with filters and near a point.
func TestTypoSearchAgreesAcrossCommonKeys(t *testing.T) {
	ctx := t.Context()
	g, err := gpkg.Open(ctx, filepath.Join(t.TempDir(), "typo.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	pg := pgtest.Store(t)
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []struct {
		text, pinyin string
		count        int
	}{{"王家坪", "Wangjiaping", gazetteer.MaxCandidates + 40}, {"王家旁", "Wangjiapang", 30}, {"王家棚", "Wangjiapeng", 30}} {
		for range n.count {
			p := storetest.Place(n.text, n.pinyin, 109.1+r.Float64()*0.2, 28.3+r.Float64()*0.2, "500241")
			if r.IntN(3) == 0 {
				p.Review = data.ReviewDraft
			}
			for _, st := range []data.Store{g, pg} { // gpkg sets the IDs, PostGIS keeps them
				if err := st.CreatePlace(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	near := orb.Point{109.2, 28.4}
	var qs []data.SearchQuery
	for _, text := range []string{"wangjiapng", "wnagjiaping", "wangjiapnig"} {
		for _, off := range []int{0, 25, 190, 250, 400} {
			qs = append(qs, data.SearchQuery{Text: text, Limit: 25, Offset: off})
		}
		qs = append(qs, data.SearchQuery{Text: text, Limit: 20, Review: data.ReviewDraft},
			data.SearchQuery{Text: text, Limit: 100, Near: &near, RadiusM: 2500})
	}
	for _, q := range qs {
		a, errA := g.Search(ctx, q)
		b, errB := pg.Search(ctx, q)
		if errA != nil || errB != nil {
			t.Fatalf("search %q offset %d: %v / %v", q.Text, q.Offset, errA, errB)
		}
		if q.Near == nil && q.Review == "" && a.Matched != gazetteer.MaxCandidates {
			t.Errorf("search %q: %d places, want the cap %d (more names within one edit)", q.Text, a.Matched,
				gazetteer.MaxCandidates)
		}
		if a.Matched != b.Matched || len(a.Items) != len(b.Items) {
			t.Errorf("search %q offset %d near %v: gpkg %d of %d, postgis %d of %d", q.Text, q.Offset, q.Near != nil,
				len(a.Items), a.Matched, len(b.Items), b.Matched)
			continue
		}
		for i, h := range a.Items {
			k := b.Items[i]
			if h.Place.ID != k.Place.ID || h.Name.ID != k.Name.ID || h.Match != k.Match || h.Similarity != k.Similarity ||
				math.Abs(h.DistanceM-k.DistanceM) > 0.005*math.Max(1, k.DistanceM) {
				t.Errorf("search %q offset %d hit %d: gpkg %s %s %s %.4f; postgis %s %s %s %.4f", q.Text, q.Offset, i+1,
					h.Place.ID, h.Name.Text, h.Match, h.Similarity, k.Place.ID, k.Name.Text, k.Match, k.Similarity)
			}
		}
	}
}
