package api

import (
	"context"
	"encoding/json"

	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/inspection"
	"github.com/toponym/toponym/tiles"
)

// TestUnsignedRoundsStayWithTheirParties: party Y's unsigned records in
// round 2 (parties Y and Z) reach staff and Y's inspector, never the
// anonymous public nor inspector X, whose party is no party of the round;
// once every party has signed, inspector X reads the round too.
func TestUnsignedRoundsStayWithTheirParties(t *testing.T) {
	f := newMatrixFixture(t)
	r1, r2 := "/inspections/"+f.round1.ID, "/inspections/"+f.round2.ID
	reads := []string{r2, r2 + "/findings", r2 + "/findings?f=geojson", r2 + "/report", r2 + "/report?f=html", r2 + "/report?f=zip"}
	for _, path := range reads {
		for who, want := range map[string]int{"anonymous": 401, "inspectorX": 403} {
			rec := f.send(t, who, "GET", path, "", nil)
			if rec.Code != want || strings.Contains(rec.Body.String(), secretY) {
				t.Errorf("GET %s as %s: %d %s, want %d without Y's records", path, who, rec.Code, clip(rec), want)
			}
		}
	}
	for _, who := range []string{"inspectorY", "viewer", "surveyor", "admin"} {
		for _, path := range reads {
			if rec := f.send(t, who, "GET", path, "", nil); rec.Code != 200 {
				t.Errorf("GET %s as %s: %d, want 200", path, who, rec.Code)
			}
		}
		if rec := f.send(t, who, "GET", r2+"/report", "", nil); !strings.Contains(rec.Body.String(), secretY) {
			t.Errorf("GET %s/report as %s: %d %s, want Y's records", r2, who, rec.Code, clip(rec))
		}
	}
	listed := func(who string) string { return f.send(t, who, "GET", "/inspections", "", nil).Body.String() }
	if l := listed("inspectorX"); strings.Contains(l, f.round2.ID) || !strings.Contains(l, f.round1.ID) {
		t.Errorf("inspector X's list of rounds: %s; want round 1 and not round 2", l)
	}
	for _, who := range []string{"inspectorY", "viewer"} {
		if l := listed(who); !strings.Contains(l, f.round2.ID) || !strings.Contains(l, f.round1.ID) {
			t.Errorf("%s's list of rounds lacks a round: %s", who, l)
		}
	}
	if rec := f.send(t, "inspectorX", "GET", r1+"/report", "", nil); rec.Code != 200 {
		t.Errorf("inspector X reading its own round: %d %s", rec.Code, clip(rec))
	}
	signRound2(t, f)
	for _, path := range reads {
		rec := f.send(t, "inspectorX", "GET", path, "", nil)
		if rec.Code != 200 || path == r2+"/report" && !strings.Contains(rec.Body.String(), secretY) {
			t.Errorf("GET %s as inspector X after both parties signed: %d, want 200 with the records", path, rec.Code)
		}
	}
	if rec := f.send(t, "anonymous", "GET", r2+"/report", "", nil); rec.Code != 401 {
		t.Errorf("anonymous reading a signed round: %d, want 401", rec.Code)
	}
	if l := listed("inspectorX"); !strings.Contains(l, f.round2.ID) {
		t.Errorf("inspector X's list lacks the signed round 2: %s", l)
	}
}

// signRound2 validates round 2, has both parties accept its errors and
// sign it, through the service (party Z has no token in the matrix).
func signRound2(t *testing.T, f *matrixFixture) {
	t.Helper()
	ctx := context.Background()
	svc, err := inspection.New(f.st, func() time.Time { return authNow })
	mustDo(t, err)
	res, err := svc.Validate(ctx, f.round2.ID, partyY)
	mustDo(t, err)
	for _, fd := range res.Findings {
		if fd.Severity != data.SeverityError {
			continue
		}
		for _, p := range f.round2.Parties {
			_, err := svc.Accept(ctx, f.round2.ID, fd.ID, p, "待下轮复测 to be re-measured")
			mustDo(t, err)
		}
	}
	for _, p := range f.round2.Parties {
		_, err := svc.Sign(ctx, f.round2.ID, p, "签署人 "+string(p))
		mustDo(t, err)
	}
}

// TestDraftNamesNeverPublic: a draft place and its sign are absent from
// every public answer, whoever asks (the public routes serve published
// places only), and from the place-names layer of the public tileset;
// the published place beside it is there, and the internal tileset shows
// the draft to staff.
func TestDraftNamesNeverPublic(t *testing.T) {
	f := newMatrixFixture(t)
	draft, pub := f.seed.draft, f.seed.published
	sign := addDraftSign(t, f)
	lists := []string{"/search?q=草稿村", "/search?q=Caogao", "/search?q=草稿", "/collections/place-names/items",
		"/collections/signs/items", "/collections/signs/items?bbox=109,28.2,109.2,28.4", "/signs", "/export/lpf",
		"/export/lpf?admin_code=500241", "/protection-listings"}
	gone := []string{"/collections/place-names/items/" + draft.ID, "/collections/signs/items/" + sign.ID,
		"/places/" + draft.ID + "/lpf"}
	for _, c := range f.callers {
		for _, path := range lists {
			rec := f.send(t, c.name, "GET", path, "", nil)
			if b := withoutLinks(t, rec.Body.Bytes()); rec.Code != 200 || strings.Contains(b, "草稿村") || strings.Contains(b, "Caogao") {
				t.Errorf("GET %s as %s: %d %s, want 200 without the draft", path, c.name, rec.Code, clip(rec))
			}
		}
		for _, path := range gone {
			if rec := f.send(t, c.name, "GET", path, "", nil); rec.Code != http.StatusNotFound {
				t.Errorf("GET %s as %s: %d, want 404 for a draft", path, c.name, rec.Code)
			}
		}
	}
	for path, want := range map[string]string{"/search?q=洪安镇": "洪安镇", "/collections/signs/items": f.seed.sign.Text,
		"/export/lpf": "洪安镇", "/collections/signs/items/" + f.seed.sign.ID: f.seed.sign.Text} {
		if rec := f.send(t, "anonymous", "GET", path, "", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s: %d, want the published %s", path, rec.Code, want)
		}
	}
	at := func(p orb.Geometry) string { return tileOf(p.(orb.Point), 15) }
	if names := tileStrings(t, f, "anonymous", "/tiles/public/"+at(draft.Geometry)+".mvt", tiles.LayerPlaceNames); slices.Contains(names, "草稿村") {
		t.Errorf("the public tile's place names show the draft: %v", names)
	}
	if names := tileStrings(t, f, "anonymous", "/tiles/public/"+at(pub.Geometry)+".mvt", tiles.LayerPlaceNames); !slices.Contains(names, "洪安镇") {
		t.Errorf("the public tile's place names lack the published 洪安镇: %v", names)
	}
	if names := tileStrings(t, f, "viewer", "/tiles/internal/"+at(draft.Geometry)+".mvt", tiles.LayerPlaceNames); !slices.Contains(names, "草稿村") {
		t.Errorf("the internal tile's place names lack the draft: %v", names)
	}
}

// TestPublicTileSignsOfDrafts: the public tileset's signs layer must not
// show the sign of a draft place: its text is the draft's name.
func TestPublicTileSignsOfDrafts(t *testing.T) {
	f := newMatrixFixture(t)
	addDraftSign(t, f)
	path := "/tiles/public/" + tileOf(f.seed.draft.Geometry.(orb.Point), 15) + ".mvt"
	if texts := tileStrings(t, f, "anonymous", path, tiles.LayerSigns); slices.ContainsFunc(texts, func(s string) bool {
		return strings.Contains(s, "草稿村")
	}) {
		t.Errorf("the public tile's signs show the draft's sign: %v", texts)
	}
}

// withoutLinks is a JSON object without its links, which echo the query.
func withoutLinks(t *testing.T, body []byte) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("answer %.200s: %v", body, err)
	}
	delete(m, "links")
	b, err := json.Marshal(m)
	mustDo(t, err)
	return string(b)
}

// addDraftSign stores a sign of the draft place, its name on it.
func addDraftSign(t *testing.T, f *matrixFixture) *data.Sign {
	t.Helper()
	sg := &data.Sign{PlaceID: f.seed.draft.ID, Kind: "road_sign", Position: orb.Point{109.1001, 28.3001},
		Text: "草稿村 村名标志", Status: "good", Installed: data.Date(2024, 3, 1)}
	mustDo(t, f.st.CreateSign(context.Background(), sg))
	return sg
}

// tileStrings fetches a tile as who and returns the string values of the
// features of one layer.
func tileStrings(t *testing.T, f *matrixFixture, who, path, layer string) []string {
	t.Helper()
	rec := f.send(t, who, "GET", path, "", nil)
	if rec.Code == http.StatusNoContent {
		return nil
	}
	if rec.Code != 200 {
		t.Fatalf("GET %s as %s: %d %s", path, who, rec.Code, clip(rec))
	}
	layers, err := mvt.Unmarshal(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("GET %s: not a vector tile: %v", path, err)
	}
	var out []string
	for _, l := range layers {
		if l.Name != layer {
			continue
		}
		for _, ft := range l.Features {
			for _, v := range ft.Properties {
				if s, ok := v.(string); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}
