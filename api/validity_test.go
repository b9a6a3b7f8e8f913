package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// bowTie is a self-crossing polygon near the 湘渝黔 corner: it crosses
// itself at (109.275, 28.505).
const bowTie = `{"type":"Polygon","coordinates":[[[109.27,28.50],[109.28,28.50],[109.27,28.51],[109.28,28.51],[109.27,28.50]]]}`

// TestBowTieIsRefused: a bow-tie polygon sent to Part 4 (create and
// replace) or to POST /places is a 400 problem naming the geometry and
// the coordinate where it crosses itself, and nothing is stored.
func TestBowTieIsRefused(t *testing.T) {
	u := newUploadServer(t, Config{})
	ct := map[string]string{"Content-Type": geoJSON}
	poi := func(geom string) string {
		return `{"type":"Feature","geometry":` + geom + `,"properties":{"name":"边城","category":"2530"}}`
	}
	entry := `{"kind":"poi","category":"2530","geometry":` + bowTie + `,"names":[{"status":"standard","text":"边城"}]}`
	square := `{"type":"Polygon","coordinates":[[[109.27,28.50],[109.28,28.50],[109.28,28.51],[109.27,28.51],[109.27,28.50]]]}`
	status, hdr, b := u.send(t, "POST", "/collections/pois/items", strings.NewReader(poi(square)), ct)
	if status != http.StatusCreated {
		t.Fatalf("create a valid POI: %d %s", status, b)
	}
	loc := strings.TrimPrefix(hdr.Get("Location"), u.url)
	for _, c := range []struct{ name, method, path, body string }{
		{"Part 4 create", "POST", "/collections/pois/items", poi(bowTie)},
		{"Part 4 replace", "PUT", loc, poi(bowTie)},
		{"POST /places", "POST", "/places", entry},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, b := u.send(t, c.method, c.path, strings.NewReader(c.body), ct)
			if ct := hdr.Get("Content-Type"); status != http.StatusBadRequest || ct != problemMediaType {
				t.Fatalf("status %d %s, want 400 %s: %s", status, ct, problemMediaType, b)
			}
			var p struct{ Field, Value, Detail string }
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatal(err)
			}
			if p.Field != "geometry" || p.Value != "(109.275, 28.505)" || !strings.Contains(p.Detail, "(109.275, 28.505)") {
				t.Errorf("problem field %q value %q detail %q, want geometry and (109.275, 28.505)", p.Field, p.Value, p.Detail)
			}
		})
	}
	if n := u.count(t, "SELECT count(*) FROM named_place WHERE NOT ST_IsValid(geom)"); n != 0 {
		t.Errorf("%d invalid geometries stored", n)
	}
	if n := u.count(t, "SELECT count(*) FROM named_place"); n != 1 {
		t.Errorf("%d places stored, want the valid one", n)
	}
}
