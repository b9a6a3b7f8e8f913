package storetest

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

func testPlaces(t *testing.T, s data.Store) {
	ctx := t.Context()
	p := Place("洪安", "Hong'an", 109.2, 28.46, "500241", "500241109")
	must(t, s.CreatePlace(ctx, p))
	if !data.ValidID(p.ID) || p.Updated.IsZero() {
		t.Fatalf("CreatePlace set ID %q, Updated %s", p.ID, p.Updated)
	}
	for i, n := range p.Names {
		if !data.ValidID(n.ID) {
			t.Errorf("name %d got ID %q", i, n.ID)
		}
	}
	got, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	same(t, "place", p, got)
	if sn := got.StandardName(); sn == nil || sn.Text != "洪安" {
		t.Errorf("standard name %v, want 洪安 (names keep their order)", sn)
	}

	// Update replaces the names: drop one, add one, keep IDs given.
	got.Names = append(got.Names[:1], data.Name{Status: data.NameShort, Lang: "zh-Hans", Text: "洪"})
	got.Geometry = orb.MultiPoint{{109.2, 28.46}, {109.21, 28.47}}
	got.Review, got.CensusCode = data.ReviewPublished, "500241109000001"
	must(t, s.UpdatePlace(ctx, got))
	again, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	same(t, "updated place", got, again)

	poi := POI("清水江大桥", 109.27, 28.50)
	must(t, s.CreatePlace(ctx, poi))
	got, err = s.GetPlace(ctx, poi.ID)
	must(t, err)
	same(t, "POI with polygon geometry", poi, got)

	coll := POI("边城景区", 109.25, 28.5)
	coll.Geometry = orb.Collection{orb.Point{109.25, 28.5}, orb.LineString{{109.25, 28.5}, {109.26, 28.51}}}
	must(t, s.CreatePlace(ctx, coll))
	got, err = s.GetPlace(ctx, coll.ID)
	must(t, err)
	same(t, "POI with collection geometry", coll, got)

	for _, c := range []struct {
		name  string
		edit  func(p *data.NamedPlace)
		field string
	}{
		{"no names", func(p *data.NamedPlace) { p.Names = nil }, "names"},
		{"name without text", func(p *data.NamedPlace) { p.Names[1].Text = "" }, "names"},
		{"place name without legal class", func(p *data.NamedPlace) { p.LegalClass = 0 }, "legal_class"},
		{"legal class 9", func(p *data.NamedPlace) { p.LegalClass = 9 }, "legal_class"},
		{"no geometry", func(p *data.NamedPlace) { p.Geometry = nil }, "geometry"},
		{"bad containing code", func(p *data.NamedPlace) { p.AdminCodes = []data.Code{"99"} }, "admin_codes"},
		{"zoom range upside down", func(p *data.NamedPlace) { p.MinZoom, p.MaxZoom = 15, 12 }, "min_zoom"},
		{"unknown review status", func(p *data.NamedPlace) { p.Review = "approved" }, "review"},
	} {
		bad := Place("迓驾", "Yajia", 109.1, 28.3, "520628110")
		c.edit(bad)
		wantKind(t, c.name, s.CreatePlace(ctx, bad), data.KindInvalid, c.field)
	}
}

func testPlaceConflicts(t *testing.T, s data.Store) {
	ctx := t.Context()
	p := Place("边城", "Biancheng", 109.25, 28.5, "433124108")
	p.CensusCode = "433124108000001"
	must(t, s.CreatePlace(ctx, p))

	two := Place("茶峒", "Chadong", 109.25, 28.5, "433124108")
	two.Names = append(two.Names, data.Name{Status: data.NameStandard, Lang: "zh-Hans", Text: "茶洞", Valid: Since(2010)})
	wantKind(t, "two standard names overlapping in time", s.CreatePlace(ctx, two), data.KindConflict, "names")

	// Successive standard names, or one per language, are fine.
	ok := Place("茶峒", "Chadong", 109.25, 28.5, "433124108")
	ok.Names[0].Valid = Between(1950, 2005)
	ok.Names = append(ok.Names,
		data.Name{Status: data.NameStandard, Lang: "zh-Hans", Text: "边城", Valid: Since(2005)},
		data.Name{Status: data.NameStandard, Lang: "en", Text: "Biancheng", Valid: Since(2005)})
	must(t, s.CreatePlace(ctx, ok))

	code := Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	code.CensusCode = p.CensusCode
	wantKind(t, "census code taken", s.CreatePlace(ctx, code), data.KindConflict, "census_code")

	// A failed update leaves the stored place and its names alone.
	before, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	bad := *before
	bad.Names = append(append([]data.Name(nil), before.Names...),
		data.Name{Status: data.NameStandard, Lang: "zh-Hans", Text: "冲突", Valid: Since(2000)})
	wantKind(t, "update into overlapping standard names", s.UpdatePlace(ctx, &bad), data.KindConflict, "names")
	after, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	same(t, "place after failed update", before, after)
}

func testSigns(t *testing.T, s data.Store) {
	ctx := t.Context()
	p := Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	must(t, s.CreatePlace(ctx, p))
	l := &data.ProtectionListing{PlaceID: p.ID, Batch: "第一批", Category: "历史地名", Period: "清",
		Listed: data.Date(2021, 5, 1), Authority: "重庆市民政局", Document: "渝民发〔2021〕5号"}
	must(t, s.CreateProtectionListing(ctx, l))
	if !data.ValidID(l.ID) {
		t.Fatalf("CreateProtectionListing set ID %q", l.ID)
	}
	wantKind(t, "same place, same batch", s.CreateProtectionListing(ctx,
		&data.ProtectionListing{PlaceID: p.ID, Batch: "第一批"}), data.KindConflict, "batch")
	wantKind(t, "listing of an unknown place", s.CreateProtectionListing(ctx,
		&data.ProtectionListing{PlaceID: data.NewID(), Batch: "第二批"}), data.KindInvalid, "place_id")

	sg := &data.Sign{PlaceID: p.ID, ListingID: l.ID, Kind: "protection_marker", Position: orb.Point{109.2001, 28.4601},
		Text: "洪安 Hong'an 历史地名保护标志", Spec: "600×400 mm", Installed: data.Date(2022, 3, 3), Status: "good",
		History: []data.SignStatus{{At: Stamp(2022, 3, 3, 9, 0), Status: "good", Note: "installed"},
			{At: Stamp(2024, 7, 1, 9, 0), Status: "good", Note: "cleaned"}}}
	must(t, s.CreateSign(ctx, sg))
	got, err := s.GetSign(ctx, sg.ID)
	must(t, err)
	same(t, "sign", sg, got)

	road := &data.Sign{Kind: "road_sign", Position: orb.Point{108.0, 27.0}, Text: "松桃大道"}
	must(t, s.CreateSign(ctx, road))
	page, err := s.ListSigns(ctx, data.Query{BBox: &orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{110, 29}}})
	must(t, err)
	if page.Matched != 1 || len(page.Items) != 1 || page.Items[0].ID != sg.ID {
		t.Errorf("bbox listed %v (%d matched), want only the protection marker", ids(page.Items), page.Matched)
	}

	wantKind(t, "sign without text", s.CreateSign(ctx, &data.Sign{Kind: "road_sign", Position: orb.Point{109, 28}}),
		data.KindInvalid, "text")
	wantKind(t, "sign of an unknown place", s.CreateSign(ctx, &data.Sign{PlaceID: data.NewID(), Kind: "road_sign",
		Text: "x", Position: orb.Point{109, 28}}), data.KindInvalid, "place_id")
	wantKind(t, "sign with unknown status", s.CreateSign(ctx, &data.Sign{Kind: "road_sign",
		Text: "x", Position: orb.Point{109, 28}, Status: "stolen"}), data.KindInvalid, "status")
}
