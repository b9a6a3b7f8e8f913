package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// OGC API – Features Part 4 on the editable collections, against PostGIS.

const geoJSON = "application/geo+json"

func TestPart4PlaceLifecycle(t *testing.T) {
	u := newUploadServer(t, Config{})
	ct := map[string]string{"Content-Type": geoJSON}
	feature := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.26,28.49]},` +
		`"properties":{"name":"洪安镇","pinyin":"Hong'an Zhen","legal_class":2,"category":"1210","admin_codes":["500241"]}}`
	status, hdr, b := u.send(t, "POST", "/collections/place-names/items", strings.NewReader(feature), ct)
	if status != http.StatusCreated || hdr.Get("Location") == "" {
		t.Fatalf("create: %d %s", status, b)
	}
	loc := strings.TrimPrefix(hdr.Get("Location"), u.url)
	if status, _, b = u.send(t, "GET", loc, nil, nil); status != http.StatusOK || !strings.Contains(string(b), "洪安镇") {
		t.Fatalf("GET %s: %d %s", loc, status, b)
	}
	replaced := strings.Replace(feature, "洪安镇", "洪安古镇", 1)
	if status, _, b = u.send(t, "PUT", loc, strings.NewReader(replaced), ct); status != http.StatusOK {
		t.Fatalf("replace: %d %s", status, b)
	}
	_, _, b = u.send(t, "GET", loc, nil, nil)
	var f struct{ Properties map[string]any }
	if err := json.Unmarshal(b, &f); err != nil || f.Properties["name"] != "洪安古镇" {
		t.Errorf("after replace: %s", b)
	}
	if n := u.count(t, "SELECT count(*) FROM place_name"); n != 1 {
		t.Errorf("%d names after replace, want 1", n)
	}
	if status, _, b = u.send(t, "DELETE", loc, nil, nil); status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", status, b)
	}
	if status, _, _ = u.send(t, "GET", loc, nil, nil); status != http.StatusNotFound {
		t.Errorf("GET after delete: %d, want 404", status)
	}
	if status, _, _ = u.send(t, "DELETE", loc, nil, nil); status != http.StatusNotFound {
		t.Errorf("second delete: %d, want 404", status)
	}
}

func TestPart4RefusesBadFeatures(t *testing.T) {
	u := newUploadServer(t, Config{})
	ct := map[string]string{"Content-Type": geoJSON}
	for _, c := range []struct {
		name, path, body string
		status           int
		field            string
	}{
		{"read-only collection", "/collections/markers/items", `{}`, 405, ""},
		{"outside China", "/collections/place-names/items",
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.85]},"properties":{"name":"巴黎","legal_class":2}}`, 400, "geometry"},
		{"NaN", "/collections/pois/items", `{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,28]},"properties":{}}`, 400, "body"},
		{"truncated", "/collections/pois/items", `{"type":"Feature","geometry":{"type":"Po`, 400, "body"},
		{"unknown property", "/collections/pois/items",
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{"name":"x","colour":"red"}}`, 400, "properties.colour"},
		{"place name without legal class", "/collections/place-names/items",
			`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{"name":"x"}}`, 400, "legal_class"},
		{"sign that is not a point", "/collections/signs/items",
			`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[109,28],[109.1,28]]},"properties":{"kind":"road_sign","text":"x"}}`, 400, "geometry"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, b := u.send(t, "POST", c.path, strings.NewReader(c.body), ct)
			p := problemOf(t, status, hdr, b)
			if status != c.status || (c.field != "" && p.Field != c.field) {
				t.Errorf("status %d field %q, want %d %q: %s", status, p.Field, c.status, c.field, b)
			}
		})
	}
	if n := u.count(t, "SELECT count(*) FROM named_place") + u.count(t, "SELECT count(*) FROM sign"); n != 0 {
		t.Errorf("%d features stored", n)
	}
}

func TestPart4Signs(t *testing.T) {
	u := newUploadServer(t, Config{})
	ct := map[string]string{"Content-Type": geoJSON}
	sign := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.0,28.4]},` +
		`"properties":{"kind":"road_sign","text":"边城大道","status":"good","installed":"2023-06-01"}}`
	status, hdr, b := u.send(t, "POST", "/collections/signs/items", strings.NewReader(sign), ct)
	if status != http.StatusCreated {
		t.Fatalf("create sign: %d %s", status, b)
	}
	loc := strings.TrimPrefix(hdr.Get("Location"), u.url)
	moved := strings.Replace(strings.Replace(sign, "109.0,28.4", "109.01,28.41", 1), `"good"`, `"damaged"`, 1)
	if status, _, b = u.send(t, "PUT", loc, strings.NewReader(moved), ct); status != http.StatusOK ||
		!strings.Contains(string(b), "damaged") {
		t.Fatalf("replace sign: %d %s", status, b)
	}
	var x, y float64
	if err := u.st.Pool().QueryRow(t.Context(), "SELECT ST_X(position), ST_Y(position) FROM sign").Scan(&x, &y); err != nil ||
		x != 109.01 || y != 28.41 {
		t.Errorf("stored position %v %v (%v), want 109.01 28.41", x, y, err)
	}
	if status, _, b = u.send(t, "DELETE", loc, nil, nil); status != http.StatusNoContent {
		t.Fatalf("delete sign: %d %s", status, b)
	}
	if n := u.count(t, "SELECT count(*) FROM sign"); n != 0 {
		t.Errorf("%d signs after delete", n)
	}
}

// TestPart4ReplaceKeepsReview: a Part 4 replacement edits a place but
// leaves its review status, reviewer and review time as stored; stating
// another status is a 409 pointing to the review workflow, whose
// two-person rule a PUT must not skip. The bug: a body without review
// published the place and cleared its reviewer.
func TestPart4ReplaceKeepsReview(t *testing.T) {
	u := newUploadServer(t, Config{})
	ctx := t.Context()
	draft := place(data.KindPlaceName, data.ReviewDraft, "草稿村", "Caogao Cun", orb.Point{109.15, 28.35})
	reviewed := place(data.KindPlaceName, data.ReviewDraft, "已审村", "Yishen Cun", orb.Point{109.16, 28.36})
	for _, p := range []*data.NamedPlace{draft, reviewed} {
		mustDo(t, u.st.CreatePlace(ctx, p))
	}
	reviewedAt := time.Date(2026, 4, 1, 9, 30, 0, 0, time.UTC)
	if _, err := u.st.SetReview(ctx, data.ReviewChange{PlaceID: reviewed.ID, To: data.ReviewReviewed, By: "甲", At: reviewedAt}); err != nil {
		t.Fatal(err)
	}
	ct := map[string]string{"Content-Type": geoJSON}
	body := func(name, review string) string {
		r := ""
		if review != "" {
			r = `,"review":"` + review + `"`
		}
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.4]},` +
			`"properties":{"name":"` + name + `","legal_class":3,"category":"1100"` + r + `}}`
	}
	for _, c := range []struct {
		name       string
		p          *data.NamedPlace
		review     string
		status     int
		want       data.ReviewStatus
		reviewedBy string
	}{
		{"draft, no review stated", draft, "", 200, data.ReviewDraft, ""},
		{"draft, draft stated", draft, "draft", 200, data.ReviewDraft, ""},
		{"draft, published stated", draft, "published", 409, data.ReviewDraft, ""},
		{"reviewed, no review stated", reviewed, "", 200, data.ReviewReviewed, "甲"},
		{"reviewed, published stated", reviewed, "published", 409, data.ReviewReviewed, "甲"},
		{"reviewed, draft stated", reviewed, "draft", 409, data.ReviewReviewed, "甲"},
		{"reviewed, unknown status", reviewed, "approved", 400, data.ReviewReviewed, "甲"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, b := u.send(t, "PUT", "/collections/place-names/items/"+c.p.ID, strings.NewReader(body("新名"+c.name, c.review)), ct)
			if status != c.status {
				t.Fatalf("PUT: %d %s, want %d", status, b, c.status)
			}
			if status == http.StatusConflict {
				p := problemOf(t, status, hdr, b)
				if p.Field != "properties.review" || !strings.Contains(p.Detail, "POST /places/"+c.p.ID+"/review") {
					t.Errorf("conflict names field %q, detail %q; want properties.review and the review endpoint", p.Field, p.Detail)
				}
			}
			got, err := u.st.GetPlace(ctx, c.p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Review != c.want || got.ReviewedBy != c.reviewedBy {
				t.Errorf("stored review %s by %q, want %s by %q", got.Review, got.ReviewedBy, c.want, c.reviewedBy)
			}
			if c.reviewedBy != "" && !got.ReviewedAt.Equal(reviewedAt) {
				t.Errorf("stored reviewed_at %v, want %v", got.ReviewedAt, reviewedAt)
			}
		})
	}
}
