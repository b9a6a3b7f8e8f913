package gazetteer_test

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/sample"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestStoresAgree loads the sample into both stores and checks that every
// search, listing and sign query and every history answer is the same.
func TestStoresAgree(t *testing.T) {
	ctx := context.Background()
	g, err := gpkg.Open(ctx, filepath.Join(t.TempDir(), "sample.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	pg := pgtest.Store(t)
	for _, st := range []data.Store{g, pg} {
		if err := sample.Load(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	a, b := data.Gazetteer(g), data.Gazetteer(pg)
	tri := orb.Point{109.2702, 28.5035}
	at2004, at2012 := data.Date(2004, 6, 1), data.Date(2012, 1, 1)
	box := orb.Bound{Min: orb.Point{109.2, 28.45}, Max: orb.Point{109.35, 28.55}}
	queries := []data.SearchQuery{
		{}, {Text: "茶峒"}, {Text: "茶洞"}, {Text: "chadong"}, {Text: "Chá Dòng"}, {Text: "chad"}, {Text: "cdong"},
		{Text: "chadnog"}, {Text: "边城"}, {Text: "biancheng"}, {Text: "洪安"}, {Text: "hongan"}, {Text: "hongnan"},
		{Text: "红安"}, {Text: "zhen"}, {Text: "镇"}, {Text: "xiaoxue"}, {Text: "qingshuijiang"}, {Text: "江"},
		{Text: "茶峒", At: &at2004}, {Text: "茶峒", At: &at2012}, {Near: &tri, RadiusM: 3000},
		{Text: "hong", Near: &tri, RadiusM: 10000}, {BBox: &box}, {Text: "h", BBox: &box}, {Code: "433124"},
		{Category: "2"}, {Kind: data.KindPOI}, {Review: data.ReviewPublished, Limit: 3, Offset: 2},
	}
	for _, q := range queries {
		pa, errA := a.Search(ctx, q)
		pb, errB := b.Search(ctx, q)
		if errA != nil || errB != nil {
			t.Fatalf("search %+v: %v / %v", q, errA, errB)
		}
		if pa.Matched != pb.Matched || len(pa.Items) != len(pb.Items) {
			t.Errorf("search %+v: gpkg %d of %d, postgis %d of %d", q, len(pa.Items), pa.Matched, len(pb.Items), pb.Matched)
			continue
		}
		for i := range pa.Items {
			x, y := pa.Items[i], pb.Items[i]
			if x.Place.ID != y.Place.ID || x.Name.ID != y.Name.ID || x.Match != y.Match || x.Similarity != y.Similarity ||
				math.Abs(x.DistanceM-y.DistanceM) > 0.005*math.Max(1, y.DistanceM) {
				t.Errorf("search %+v hit %d: gpkg %s %s %s %.4f %.1f m; postgis %s %s %s %.4f %.1f m", q, i+1,
					x.Place.ID, x.Name.Text, x.Match, x.Similarity, x.DistanceM, y.Place.ID, y.Name.Text, y.Match, y.Similarity, y.DistanceM)
			}
		}
	}
	for _, q := range []data.ListingQuery{{}, {Code: "433124"}, {Category: "历史地名"}, {BBox: &box}} {
		la, _ := a.ListListings(ctx, q)
		lb, _ := b.ListListings(ctx, q)
		if la.Matched != lb.Matched || len(la.Items) != len(lb.Items) {
			t.Errorf("listings %+v: %d vs %d", q, la.Matched, lb.Matched)
		}
	}
	for _, q := range []data.SignQuery{{}, {Kind: "protection_marker"}, {BBox: &box}, {Code: "500241"}} {
		sa, _ := a.FindSigns(ctx, q)
		sb, _ := b.FindSigns(ctx, q)
		if sa.Matched != sb.Matched || len(sa.Items) != len(sb.Items) {
			t.Errorf("signs %+v: %d vs %d", q, sa.Matched, sb.Matched)
		}
		for i := range sa.Items {
			if i < len(sb.Items) && sa.Items[i].ID != sb.Items[i].ID {
				t.Errorf("signs %+v item %d differs", q, i)
			}
		}
	}
	for _, c := range []struct {
		code string
		at   data.Period
	}{{"520628", data.Period{From: data.Date(2010, 1, 1)}}, {"433124108", data.Period{From: data.Date(2010, 1, 1)}},
		{"500241", data.Period{From: data.Date(1950, 1, 1)}}, {"520628005", data.Period{From: data.Date(2000, 1, 1)}}} {
		ua, errA := gazetteer.UnitAt(ctx, g, data.Code(c.code), c.at.From)
		ub, errB := gazetteer.UnitAt(ctx, pg, data.Code(c.code), c.at.From)
		if errA != nil || errB != nil || ua.ID != ub.ID {
			t.Errorf("UnitAt(%s): %v %v", c.code, errA, errB)
			continue
		}
		la, errA := gazetteer.Chain(ctx, g, ua.UnitID)
		lb, errB := gazetteer.Chain(ctx, pg, ub.UnitID)
		if errA != nil || errB != nil || len(la.Predecessors) != len(lb.Predecessors) || len(la.Successors) != len(lb.Successors) {
			t.Errorf("Chain(%s): %v %v", c.code, errA, errB)
		}
	}
}
