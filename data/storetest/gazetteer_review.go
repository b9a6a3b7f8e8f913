package storetest

import (
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

func testReview(t *testing.T, s data.Store, g data.Gazetteer) {
	ctx := t.Context()
	p := gazPlace("王家坪", "Wangjiaping", "2420", 109.1, 28.3, "520628")
	p.Review = data.ReviewDraft
	p.Names = append(p.Names, data.Name{Status: data.NameAlias, Lang: "zh-Hans", Text: "王坪", Pinyin: "Wangping"})
	must(t, s.CreatePlace(ctx, p))
	step := func(to data.ReviewStatus, by string, day int) (*data.NamedPlace, error) {
		return g.SetReview(ctx, data.ReviewChange{PlaceID: p.ID, To: to, By: by, At: Stamp(2024, 3, day, 9, 0), Note: "复核"})
	}
	_, err := step(data.ReviewPublished, "甲", 1)
	wantKind(t, "draft straight to published", err, data.KindConflict, "status")
	_, err = step(data.ReviewReviewed, "", 1)
	wantKind(t, "no reviewer", err, data.KindInvalid, "by")
	_, err = step("approved", "甲", 1)
	wantKind(t, "unknown status", err, data.KindInvalid, "status")

	got, err := step(data.ReviewReviewed, "甲", 2)
	must(t, err)
	if got.Review != data.ReviewReviewed || got.ReviewedBy != "甲" || !got.ReviewedAt.Equal(Stamp(2024, 3, 2, 9, 0)) {
		t.Errorf("reviewed: %s by %q at %s", got.Review, got.ReviewedBy, got.ReviewedAt)
	}
	stored, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	for _, n := range stored.Names {
		if !n.PinyinReviewed {
			t.Errorf("name %s: pinyin not marked reviewed", n.Text)
		}
	}
	if len(search(t, g, data.SearchQuery{Text: "wangjiaping", Review: data.ReviewPublished}).Items) != 0 {
		t.Error("a reviewed, unpublished place is found among published ones")
	}
	_, err = step(data.ReviewPublished, "甲", 3)
	wantKind(t, "reviewer publishes", err, data.KindForbidden, "by")
	if _, err = step(data.ReviewPublished, "乙", 4); err != nil {
		t.Fatal(err)
	}
	if len(search(t, g, data.SearchQuery{Text: "wangjiaping", Review: data.ReviewPublished}).Items) != 1 {
		t.Error("the published place is not found")
	}
	if _, err = step(data.ReviewDraft, "丙", 5); err != nil {
		t.Fatal(err)
	}
	hist, err := g.ReviewHistory(ctx, p.ID)
	must(t, err)
	want := []struct {
		from, to data.ReviewStatus
		by       string
	}{{data.ReviewDraft, data.ReviewReviewed, "甲"}, {data.ReviewReviewed, data.ReviewPublished, "乙"},
		{data.ReviewPublished, data.ReviewDraft, "丙"}}
	if len(hist) != len(want) {
		t.Fatalf("history %+v, want %d steps", hist, len(want))
	}
	for i, w := range want {
		h := hist[i]
		if h.From != w.from || h.To != w.to || h.By != w.by || h.PlaceID != p.ID || h.Note != "复核" || h.At.IsZero() {
			t.Errorf("step %d: %+v, want %s → %s by %s", i+1, h, w.from, w.to, w.by)
		}
	}
	_, err = g.SetReview(ctx, data.ReviewChange{PlaceID: data.NewID(), To: data.ReviewReviewed, By: "甲", At: time.Now()})
	wantKind(t, "unknown place", err, data.KindNotFound, "")
}

// listingFixture stores two listed places with a sign each.
func listingFixture(t *testing.T, s data.Store) (chadong, hongan *data.NamedPlace, l1, l2 *data.ProtectionListing, s1, s2 *data.Sign) {
	ctx := t.Context()
	chadong = gazPlace("茶峒", "Chadong", "2410", 109.30, 28.51, "433124", "433124108")
	hongan = gazPlace("洪安", "Hong'an", "2410", 109.26, 28.49, "500241", "500241109")
	must(t, s.CreatePlace(ctx, chadong))
	must(t, s.CreatePlace(ctx, hongan))
	l1 = &data.ProtectionListing{PlaceID: chadong.ID, Batch: "第一批", Category: "历史地名", Period: "清代",
		Listed: data.Date(2021, 6, 1), Authority: "湖南省民政厅"}
	l2 = &data.ProtectionListing{PlaceID: hongan.ID, Batch: "第二批", Category: "红色地名", Period: "民国",
		Listed: data.Date(2023, 3, 1), Authority: "重庆市民政局"}
	must(t, s.CreateProtectionListing(ctx, l1))
	must(t, s.CreateProtectionListing(ctx, l2))
	s1 = &data.Sign{PlaceID: chadong.ID, ListingID: l1.ID, Kind: "protection_marker", Position: orb.Point{109.3003, 28.5101},
		Text: "历史地名保护标志 茶峒", Status: "good", Installed: data.Date(2021, 9, 1)}
	s2 = &data.Sign{PlaceID: hongan.ID, Kind: "village_sign", Position: orb.Point{109.2601, 28.4901},
		Text: "洪安", Status: "good", Installed: data.Date(2019, 1, 1)}
	must(t, s.CreateSign(ctx, s1))
	must(t, s.CreateSign(ctx, s2))
	return
}

func testListings(t *testing.T, s data.Store, g data.Gazetteer) {
	ctx := t.Context()
	_, _, l1, l2, _, _ := listingFixture(t, s)
	box := orb.Bound{Min: orb.Point{109.25, 28.48}, Max: orb.Point{109.27, 28.50}}
	for _, c := range []struct {
		name string
		q    data.ListingQuery
		want []*data.ProtectionListing
	}{
		{"all", data.ListingQuery{}, sortedListings(l1, l2)},
		{"category", data.ListingQuery{Category: "历史地名"}, []*data.ProtectionListing{l1}},
		{"period", data.ListingQuery{Period: "民国"}, []*data.ProtectionListing{l2}},
		{"batch", data.ListingQuery{Batch: "第一批"}, []*data.ProtectionListing{l1}},
		{"county code", data.ListingQuery{Code: "433124"}, []*data.ProtectionListing{l1}},
		{"bbox", data.ListingQuery{BBox: &box}, []*data.ProtectionListing{l2}},
		{"listed 2022–", data.ListingQuery{Listed: &data.Period{From: data.Date(2022, 1, 1)}}, []*data.ProtectionListing{l2}},
		{"listed –2022", data.ListingQuery{Listed: &data.Period{To: data.Date(2022, 1, 1)}}, []*data.ProtectionListing{l1}},
		{"none", data.ListingQuery{Category: "无"}, nil},
	} {
		page, err := g.ListListings(ctx, c.q)
		must(t, err)
		if page.Matched != len(c.want) || len(page.Items) != len(c.want) {
			t.Errorf("%s: %d of %d listings, want %d", c.name, len(page.Items), page.Matched, len(c.want))
			continue
		}
		for i := range c.want {
			same(t, c.name+" listing", c.want[i], page.Items[i])
		}
	}
	_, err := g.ListListings(ctx, data.ListingQuery{Code: "4"})
	wantKind(t, "bad code", err, data.KindInvalid, "code")
}

func sortedListings(a, b *data.ProtectionListing) []*data.ProtectionListing {
	if a.ID < b.ID {
		return []*data.ProtectionListing{a, b}
	}
	return []*data.ProtectionListing{b, a}
}

func testGazetteerSigns(t *testing.T, s data.Store, g data.Gazetteer) {
	ctx := t.Context()
	_, _, _, _, s1, s2 := listingFixture(t, s)
	box := orb.Bound{Min: orb.Point{109.29, 28.50}, Max: orb.Point{109.31, 28.52}}
	for _, c := range []struct {
		name string
		q    data.SignQuery
		want *data.Sign // nil: none
	}{
		{"kind", data.SignQuery{Kind: "protection_marker"}, s1},
		{"listing category", data.SignQuery{Category: "历史地名"}, s1},
		{"listing period", data.SignQuery{Period: "清代"}, s1},
		{"installed before 2020", data.SignQuery{Installed: &data.Period{To: data.Date(2020, 1, 1)}}, s2},
		{"bbox", data.SignQuery{BBox: &box}, s1},
		{"code", data.SignQuery{Code: "500241109"}, s2},
		{"status", data.SignQuery{Status: "missing"}, nil},
		{"place", data.SignQuery{PlaceID: s2.PlaceID}, s2},
	} {
		page, err := g.FindSigns(ctx, c.q)
		must(t, err)
		switch {
		case c.want == nil && len(page.Items) != 0:
			t.Errorf("%s: %d signs, want none", c.name, len(page.Items))
		case c.want != nil && (len(page.Items) != 1 || page.Matched != 1):
			t.Errorf("%s: %d of %d signs, want 1", c.name, len(page.Items), page.Matched)
		case c.want != nil:
			same(t, c.name+" sign", c.want, page.Items[0])
		}
	}
	_, err := g.FindSigns(ctx, data.SignQuery{PlaceID: "no such place"})
	wantKind(t, "bad place id", err, data.KindInvalid, "place_id")
	got, err := g.AddSignStatus(ctx, s1.ID, data.SignStatus{At: Stamp(2024, 5, 1, 10, 0), Status: "damaged", Note: "洪水冲损"})
	must(t, err)
	if got.Status != "damaged" || len(got.History) != 1 {
		t.Errorf("after damage: status %q, history %v", got.Status, got.History)
	}
	got, err = g.AddSignStatus(ctx, s1.ID, data.SignStatus{At: Stamp(2022, 5, 1, 10, 0), Status: "good", Note: "巡查"})
	must(t, err)
	if got.Status != "damaged" || len(got.History) != 2 || got.History[0].Status != "good" {
		t.Errorf("after an older record: status %q, history %v; want damaged, in date order", got.Status, got.History)
	}
	stored, err := s.GetSign(ctx, s1.ID)
	must(t, err)
	same(t, "sign with history", got, stored)
	page, err := g.FindSigns(ctx, data.SignQuery{Status: "damaged"})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].ID != s1.ID {
		t.Errorf("damaged signs: %d", len(page.Items))
	}
	_, err = g.AddSignStatus(ctx, s1.ID, data.SignStatus{At: Stamp(2024, 6, 1, 0, 0), Status: "gone"})
	wantKind(t, "bad status", err, data.KindInvalid, "status")
	_, err = g.AddSignStatus(ctx, data.NewID(), data.SignStatus{At: Stamp(2024, 6, 1, 0, 0), Status: "good"})
	wantKind(t, "unknown sign", err, data.KindNotFound, "")
}

// testDivisionHistory checks the history functions of data/gazetteer on
// the store: as-of lookups through a code change and a merger, the chain
// of a unit and the history of a code.
func testDivisionHistory(t *testing.T, s data.Store, _ data.Gazetteer) {
	ctx := t.Context()
	d2005, d2011 := data.Date(2005, 1, 1), data.Date(2011, 10, 22)
	chadong := Unit("433124101", "茶峒镇", 109.28, 28.50)
	dahe := Unit("433124201", "大河坪乡", 109.38, 28.50)
	chadong.Valid, dahe.Valid = data.Period{From: data.Date(1984, 1, 1), To: d2005}, data.Period{From: data.Date(1984, 1, 1), To: d2005}
	biancheng := Unit("433124108", "边城镇", 109.28, 28.50)
	// The merged territory: both squares as one polygon (two parts sharing
	// an edge would be an invalid multipolygon).
	biancheng.Geometry = orb.MultiPolygon{{{{109.28, 28.50}, {109.48, 28.50}, {109.48, 28.60}, {109.28, 28.60},
		{109.28, 28.50}}}}
	biancheng.Valid = data.Period{From: d2005}
	songOld := Unit("522229", "松桃苗族自治县", 108.9, 28.0)
	songOld.Type, songOld.Valid = "自治县", data.Period{From: data.Date(1984, 1, 1), To: d2011}
	songNew := Unit("520628", "松桃苗族自治县", 108.9, 28.0)
	songNew.Type, songNew.Valid = "自治县", data.Period{From: d2011}
	for _, u := range []*data.AdminUnit{chadong, dahe, biancheng, songOld} {
		must(t, s.CreateAdminUnit(ctx, u))
	}
	songNew.UnitID = songOld.UnitID
	must(t, s.CreateAdminUnit(ctx, songNew))
	merge := &data.DivisionEvent{Type: data.EventMerged, Date: d2005, Predecessors: []string{chadong.ID, dahe.ID},
		Successors: []string{biancheng.ID}}
	recode := &data.DivisionEvent{Type: data.EventCodeChanged, Date: d2011, Predecessors: []string{songOld.ID},
		Successors: []string{songNew.ID}}
	must(t, s.CreateDivisionEvent(ctx, merge))
	must(t, s.CreateDivisionEvent(ctx, recode))

	at2010 := data.Date(2010, 1, 1)
	for _, c := range []struct {
		code, name, wantCode string
		at                   time.Time
	}{
		{"520628", "松桃苗族自治县", "522229", at2010}, // 2010: the old code
		{"520628", "松桃苗族自治县", "520628", data.Date(2012, 1, 1)},
		{"522229", "松桃苗族自治县", "520628", data.Date(2020, 1, 1)}, // an old code leads to today's unit
		{"433124108", "边城镇", "433124108", at2010},
		{"433124101", "茶峒镇", "433124101", data.Date(2000, 1, 1)},
	} {
		u, err := gazetteer.UnitAt(ctx, s, data.Code(c.code), c.at)
		if err != nil {
			t.Errorf("UnitAt(%s, %s): %v", c.code, c.at.Format(data.DateLayout), err)
			continue
		}
		if string(u.Code) != c.wantCode || u.Name != c.name {
			t.Errorf("UnitAt(%s, %s) = %s %s, want %s %s", c.code, c.at.Format(data.DateLayout), u.Code, u.Name, c.wantCode, c.name)
		}
	}
	_, err := gazetteer.UnitAt(ctx, s, "433124108", data.Date(2004, 1, 1))
	wantKind(t, "边城镇 before it existed", err, data.KindNotFound, "")

	l, err := gazetteer.Chain(ctx, s, biancheng.UnitID)
	must(t, err)
	if len(l.Predecessors) != 1 || l.Predecessors[0].Event.ID != merge.ID || len(l.Predecessors[0].Versions) != 2 || len(l.Successors) != 0 {
		t.Errorf("chain of 边城镇: %d predecessors, %d successors", len(l.Predecessors), len(l.Successors))
	}
	l, err = gazetteer.Chain(ctx, s, chadong.UnitID)
	must(t, err)
	if len(l.Successors) != 1 || len(l.Successors[0].Versions) != 1 || l.Successors[0].Versions[0].ID != biancheng.ID {
		t.Errorf("chain of 茶峒镇: successors %+v", l.Successors)
	}
	l, err = gazetteer.Chain(ctx, s, songOld.UnitID)
	must(t, err)
	if len(l.Versions) != 2 || len(l.Predecessors)+len(l.Successors) != 0 {
		t.Errorf("chain of 松桃: %d versions, %d+%d steps; want 2 versions, a code change within the unit",
			len(l.Versions), len(l.Predecessors), len(l.Successors))
	}
	vs, err := gazetteer.CodeVersions(ctx, s, "522229")
	must(t, err)
	if len(vs) != 1 || vs[0].ID != songOld.ID {
		t.Errorf("history of 522229: %d versions", len(vs))
	}
}
