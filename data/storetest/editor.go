package storetest

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// The data.FeatureEditor contract: what OGC API – Features Part 4 replaces
// and deletes beyond Store.

// editor returns s as a data.FeatureEditor; every store must be one.
func editor(t *testing.T, s data.Store) data.FeatureEditor {
	t.Helper()
	ed, ok := s.(data.FeatureEditor)
	if !ok {
		t.Fatalf("%T does not implement data.FeatureEditor", s)
	}
	return ed
}

func testDeletePlace(t *testing.T, s data.Store) {
	ctx := t.Context()
	ed := editor(t, s)
	hongan := Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	listed := Place("边城", "Biancheng", 109.25, 28.5, "433124108")
	signed := Place("迓驾", "Yajia", 109.1, 28.3, "520628110")
	for _, p := range []*data.NamedPlace{hongan, listed, signed} {
		must(t, s.CreatePlace(ctx, p))
	}
	must(t, s.CreateProtectionListing(ctx, &data.ProtectionListing{PlaceID: listed.ID, Batch: "第一批"}))
	sign := &data.Sign{PlaceID: signed.ID, Kind: "place_name_sign", Position: orb.Point{109.1, 28.3}, Text: "迓驾"}
	must(t, s.CreateSign(ctx, sign))

	must(t, ed.DeletePlace(ctx, hongan.ID))
	_, err := s.GetPlace(ctx, hongan.ID)
	wantKind(t, "deleted place", err, data.KindNotFound, "")
	wantKind(t, "delete again", ed.DeletePlace(ctx, hongan.ID), data.KindNotFound, "")
	wantKind(t, "delete an unknown place", ed.DeletePlace(ctx, "not-a-uuid"), data.KindNotFound, "")
	if g, ok := s.(data.Gazetteer); ok {
		page, err := g.Search(ctx, data.SearchQuery{Text: "洪安"})
		must(t, err)
		if len(page.Items) != 0 {
			t.Errorf("search finds the deleted place: %d hits", len(page.Items))
		}
	}
	wantKind(t, "delete a listed place", ed.DeletePlace(ctx, listed.ID), data.KindConflict, "id")
	wantKind(t, "delete a signed place", ed.DeletePlace(ctx, signed.ID), data.KindConflict, "id")
	for _, p := range []*data.NamedPlace{listed, signed} {
		got, err := s.GetPlace(ctx, p.ID)
		must(t, err)
		if len(got.Names) != len(p.Names) {
			t.Errorf("a refused delete lost names of %s", p.Names[0].Text)
		}
	}
	must(t, ed.DeleteSign(ctx, sign.ID))
	must(t, ed.DeletePlace(ctx, signed.ID))
	if _, places := count(t, s); places != 1 {
		t.Errorf("%d places left, want the listed one", places)
	}
}

func testEditSigns(t *testing.T, s data.Store) {
	ctx := t.Context()
	ed := editor(t, s)
	p := Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	must(t, s.CreatePlace(ctx, p))
	l := &data.ProtectionListing{PlaceID: p.ID, Batch: "第一批"}
	must(t, s.CreateProtectionListing(ctx, l))
	sg := &data.Sign{Kind: "road_sign", Position: orb.Point{109.0, 28.0}, Text: "松桃大道"}
	must(t, s.CreateSign(ctx, sg))

	repl := &data.Sign{ID: sg.ID, PlaceID: p.ID, ListingID: l.ID, Kind: "protection_marker",
		Position: orb.Point{109.2001, 28.4601}, Text: "洪安 Hong'an 历史地名保护标志", Spec: "600×400 mm",
		Installed: data.Date(2022, 3, 3), Status: "good",
		History: []data.SignStatus{{At: Stamp(2022, 3, 3, 9, 0), Status: "good", Note: "installed"}}}
	must(t, ed.UpdateSign(ctx, repl))
	if repl.Updated.IsZero() {
		t.Error("UpdateSign did not set Updated")
	}
	got, err := s.GetSign(ctx, sg.ID)
	must(t, err)
	same(t, "replaced sign", repl, got)
	page, err := s.ListSigns(ctx, data.Query{BBox: &orb.Bound{Min: orb.Point{109.19, 28.45}, Max: orb.Point{109.21, 28.47}}})
	must(t, err)
	if page.Matched != 1 {
		t.Errorf("the sign at its new position: %d matched, want 1", page.Matched)
	}

	unknown := *repl
	unknown.ID = data.NewID()
	wantKind(t, "replace an unknown sign", ed.UpdateSign(ctx, &unknown), data.KindNotFound, "")
	dangling := *repl
	dangling.PlaceID = data.NewID()
	wantKind(t, "replace with an unknown place", ed.UpdateSign(ctx, &dangling), data.KindInvalid, "place_id")
	noText := *repl
	noText.Text = ""
	wantKind(t, "replace without text", ed.UpdateSign(ctx, &noText), data.KindInvalid, "text")
	got, err = s.GetSign(ctx, sg.ID)
	must(t, err)
	same(t, "sign after refused replacements", repl, got)

	must(t, ed.DeleteSign(ctx, sg.ID))
	_, err = s.GetSign(ctx, sg.ID)
	wantKind(t, "deleted sign", err, data.KindNotFound, "")
	wantKind(t, "delete again", ed.DeleteSign(ctx, sg.ID), data.KindNotFound, "")
	wantKind(t, "delete an unknown sign", ed.DeleteSign(ctx, "not-a-uuid"), data.KindNotFound, "")
}
