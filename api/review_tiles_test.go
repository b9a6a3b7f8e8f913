package api

import (
	"context"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// TestPublishShowsSignsElsewhere: the public tileset shows the signs of
// published places only, so publishing a place through the API must drop
// the cached public tiles of its signs, also of a sign that stands in
// another tile than the place (the cache is on).
func TestPublishShowsSignsElsewhere(t *testing.T) {
	f := newMatrixFixture(t)
	ctx := context.Background()
	draft := f.seed.draft
	at := draft.Geometry.(orb.Point)
	sg := &data.Sign{PlaceID: draft.ID, Kind: "road_sign", Position: orb.Point{at[0] + 0.05, at[1] + 0.05},
		Text: "渡口 路牌", Status: "good", Installed: data.Date(2024, 3, 1)}
	mustDo(t, f.st.CreateSign(ctx, sg))
	if tileOf(sg.Position, 15) == tileOf(at, 15) {
		t.Fatal("the sign must stand in another tile than its place")
	}
	path := "/tiles/public/" + tileOf(sg.Position, 15) + ".mvt"
	if texts := tileStrings(t, f, "anonymous", path, tiles.LayerSigns); slices.Contains(texts, sg.Text) {
		t.Fatalf("the draft's sign is public before publishing: %v", texts)
	}

	// Reviewed by someone else in the store, published by the admin.
	_, err := f.st.SetReview(ctx, data.ReviewChange{PlaceID: draft.ID, To: data.ReviewReviewed, By: "复核员 reviewer",
		At: authNow})
	mustDo(t, err)
	rec := f.send(t, "admin", "POST", "/places/"+draft.ID+"/review", `{"status":"published"}`,
		map[string]string{"Content-Type": "application/json"})
	if rec.Code != 200 {
		t.Fatalf("publish: %d %s", rec.Code, clip(rec))
	}
	if texts := tileStrings(t, f, "anonymous", path, tiles.LayerSigns); !slices.Contains(texts, sg.Text) {
		t.Errorf("after publishing, the public tile of the place's sign lacks it: %v", texts)
	}
}
