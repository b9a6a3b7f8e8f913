package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestPart4IfMatch: single features have a strong ETag, and PUT and DELETE
// honour If-Match, on both stores. The bug: Part 4 had no optimistic
// concurrency, so two editors who read the same version overwrote each
// other's change without knowing.
func TestPart4IfMatch(t *testing.T) {
	servers := map[string]func(testing.TB) *uploadServer{
		"postgis": func(tb testing.TB) *uploadServer { return newUploadServer(tb, Config{}) },
		"gpkg":    func(tb testing.TB) *uploadServer { u, _ := newGPKGServer(tb); return u },
	}
	for name, newServer := range servers {
		t.Run(name, func(t *testing.T) {
			u := newServer(t)
			ct := map[string]string{"Content-Type": geoJSON}
			feature := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.26,28.49]},` +
				`"properties":{"name":"洪安镇","pinyin":"Hong'an Zhen","legal_class":2,"category":"1210","admin_codes":["500241"]}}`
			status, hdr, b := u.send(t, "POST", "/collections/place-names/items", strings.NewReader(feature), ct)
			if status != http.StatusCreated {
				t.Fatalf("create: %d %s", status, b)
			}
			loc, v0 := strings.TrimPrefix(hdr.Get("Location"), u.url), hdr.Get("ETag")
			checkETag(t, u, loc, v0)

			// Two editors read v0; the first one's replacement wins, the
			// second one's is refused and changes nothing.
			first := strings.Replace(feature, "洪安镇", "洪安古镇", 1)
			status, hdr, b = u.send(t, "PUT", loc, strings.NewReader(first), withHeader(ct, "If-Match", v0))
			v1 := hdr.Get("ETag")
			if status != http.StatusOK || v1 == "" || v1 == v0 {
				t.Fatalf("PUT If-Match current: %d ETag %q (was %q) %s", status, v1, v0, b)
			}
			checkETag(t, u, loc, v1)
			second := strings.Replace(feature, "洪安镇", "洪安新镇", 1)
			status, hdr, b = u.send(t, "PUT", loc, strings.NewReader(second), withHeader(ct, "If-Match", v0))
			if p := problemOf(t, status, hdr, b); status != http.StatusPreconditionFailed || p.Field != "If-Match" || p.Value != v0 {
				t.Errorf("PUT If-Match stale: %d %s, want 412 naming If-Match", status, b)
			}
			status, hdr, b = u.send(t, "DELETE", loc, nil, map[string]string{"If-Match": `"other", ` + v0})
			if problemOf(t, status, hdr, b); status != http.StatusPreconditionFailed {
				t.Errorf("DELETE If-Match stale: %d %s, want 412", status, b)
			}
			if _, _, b = u.send(t, "GET", loc, nil, nil); !strings.Contains(string(b), "洪安古镇") {
				t.Errorf("after refused writes: %s, want the first editor's 洪安古镇", b)
			}
			// A weak tag never matches If-Match; * matches any version;
			// without If-Match a write is unconditional, as before.
			status, _, b = u.send(t, "PUT", loc, strings.NewReader(second), withHeader(ct, "If-Match", "W/"+v1))
			if status != http.StatusPreconditionFailed {
				t.Errorf("PUT If-Match weak: %d %s, want 412", status, b)
			}
			for _, h := range []map[string]string{withHeader(ct, "If-Match", "*"), ct} {
				if status, _, b = u.send(t, "PUT", loc, strings.NewReader(second), h); status != http.StatusOK {
					t.Errorf("PUT %v: %d %s, want 200", h, status, b)
				}
			}
			_, hdr, _ = u.send(t, "GET", loc, nil, nil)
			if status, _, b = u.send(t, "DELETE", loc, nil, map[string]string{"If-Match": hdr.Get("ETag")}); status != http.StatusNoContent {
				t.Errorf("DELETE If-Match current: %d %s, want 204", status, b)
			}
			// A missing feature is a 404 whatever If-Match says.
			if status, _, b = u.send(t, "DELETE", loc, nil, map[string]string{"If-Match": "*"}); status != http.StatusNotFound {
				t.Errorf("DELETE If-Match * of a deleted feature: %d %s, want 404", status, b)
			}
		})
	}
}

// checkETag checks that GET loc answers tag in every CRS, and that
// If-None-Match naming it is a 304 without a body.
func checkETag(t *testing.T, u *uploadServer, loc, tag string) {
	t.Helper()
	if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || len(tag) < 3 {
		t.Fatalf("ETag %q, want a strong entity tag", tag)
	}
	for _, q := range []string{"", "?crs=http://www.opengis.net/def/crs/EPSG/0/4490"} {
		if status, hdr, b := u.send(t, "GET", loc+q, nil, nil); status != http.StatusOK || hdr.Get("ETag") != tag {
			t.Errorf("GET %s: %d ETag %q, want %q: %s", loc+q, status, hdr.Get("ETag"), tag, b)
		}
	}
	status, hdr, b := u.send(t, "GET", loc, nil, map[string]string{"If-None-Match": `"x", W/` + tag})
	if status != http.StatusNotModified || len(b) != 0 || hdr.Get("ETag") != tag {
		t.Errorf("GET If-None-Match current: %d ETag %q %s, want 304", status, hdr.Get("ETag"), b)
	}
	if status, _, _ = u.send(t, "GET", loc, nil, map[string]string{"If-None-Match": `"x"`}); status != http.StatusOK {
		t.Errorf("GET If-None-Match other: %d, want 200", status)
	}
}

// withHeader returns h with one more header.
func withHeader(h map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for hk, hv := range h {
		out[hk] = hv
	}
	return out
}

func TestETagListMatches(t *testing.T) {
	const tag = `"abc"`
	for _, c := range []struct {
		values       []string
		strong, weak bool // If-Match (strong) and If-None-Match (weak) comparison
	}{
		{[]string{`"abc"`}, true, true},
		{[]string{`*`}, true, true},
		{[]string{`"x", "abc"`}, true, true},
		{[]string{`"x"`, `"abc"`}, true, true}, // the field repeated
		{[]string{`W/"abc"`}, false, true},
		{[]string{`"abd"`}, false, false},
		{[]string{`abc`}, false, false}, // unquoted is not the tag
		{[]string{``}, false, false},
	} {
		if got := etagListMatches(c.values, tag, false); got != c.strong {
			t.Errorf("If-Match %q: %v, want %v", c.values, got, c.strong)
		}
		if got := etagListMatches(c.values, tag, true); got != c.weak {
			t.Errorf("If-None-Match %q: %v, want %v", c.values, got, c.weak)
		}
	}
}
