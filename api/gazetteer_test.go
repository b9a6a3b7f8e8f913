package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/sample"
)

// sampleServers returns the API over the sample data on each store: the
// gazetteer answers the same on both.
func sampleServers(t *testing.T) map[string]http.Handler {
	t.Helper()
	g, err := gpkg.Open(context.Background(), filepath.Join(t.TempDir(), "sample.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	out := map[string]http.Handler{}
	for name, st := range map[string]data.Store{"gpkg": g, "postgis": pgtest.Store(t)} {
		if err := sample.Load(context.Background(), st); err != nil {
			t.Fatalf("%s: load sample: %v", name, err)
		}
		now := func() time.Time { return time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC) }
		h, _ := newStubServer(t, Config{Version: "test", Now: now}, st)
		out[name] = h
	}
	return out
}

// gazGet requests target and decodes a 200 JSON answer into v.
func gazGet(t *testing.T, h http.Handler, target string, v any) {
	t.Helper()
	rec := do(t, h, "GET", target, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d %s", target, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
}

// send performs a request with a JSON body.
func send(t *testing.T, h http.Handler, method, target string, body any) *httptest.ResponseRecorder {
	t.Helper()
	b, _ := json.Marshal(body)
	req := httptest.NewRequest(method, target, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

type unitJSON struct {
	ID         string         `json:"id"`
	Properties map[string]any `json:"properties"`
}

// TestAsOfSampleHistory is the must-show of issue 7: as of 2010 the unit
// now coded 520628 is 松桃苗族自治县 coded 522229, and 边城镇 is 433124108;
// before the 2005 merger the town was 茶峒镇.
func TestAsOfSampleHistory(t *testing.T) {
	for name, h := range sampleServers(t) {
		t.Run(name, func(t *testing.T) {
			for _, c := range []struct{ target, code, name string }{
				{"/admin-units/520628?at=2010-01-01", "522229", "松桃苗族自治县"},
				{"/admin-units/520628", "520628", "松桃苗族自治县"},
				{"/admin-units/522229?at=2012-01-01", "520628", "松桃苗族自治县"},
				{"/admin-units/433124108?at=2010-01-01", "433124108", "边城镇"},
				{"/admin-units/433124101?at=2004-06-01", "433124101", "茶峒镇"},
				{"/admin-units/500241?at=1950-01-01", "500241", "秀山土家族苗族自治县"},
			} {
				var u unitJSON
				gazGet(t, h, c.target, &u)
				if u.Properties["code"] != c.code || u.Properties["name"] != c.name {
					t.Errorf("%s = %v %v, want %s %s", c.target, u.Properties["code"], u.Properties["name"], c.code, c.name)
				}
			}
			rec := do(t, h, "GET", "/admin-units/433124108?at=2004-06-01", nil)
			decodeProblem(t, http.StatusNotFound, rec.Header().Get("Content-Type"), rec.Body)
			for _, bad := range []string{"/admin-units/5206?at=2010-01-01", "/admin-units/520628?at=2010-13-01",
				"/admin-units/520628?when=2010"} {
				rec := do(t, h, "GET", bad, nil)
				decodeProblem(t, http.StatusBadRequest, rec.Header().Get("Content-Type"), rec.Body)
			}

			var chain struct {
				Predecessors []struct {
					Event map[string]any `json:"event"`
					Units []struct {
						Name string `json:"name"`
						Code string `json:"code"`
					} `json:"units"`
				} `json:"predecessors"`
			}
			gazGet(t, h, "/admin-units/433124108/chain", &chain)
			if len(chain.Predecessors) != 1 || chain.Predecessors[0].Event["type"] != "merged" ||
				len(chain.Predecessors[0].Units) != 2 {
				t.Errorf("chain of 边城镇: %+v, want the 2005 merger of 茶峒镇 and 大河坪乡", chain.Predecessors)
			}

			var hist struct {
				Versions []map[string]any `json:"versions"`
			}
			gazGet(t, h, "/division-codes/522229", &hist)
			if len(hist.Versions) == 0 || hist.Versions[len(hist.Versions)-1]["valid_to"] != "2011-10-22" {
				t.Errorf("history of 522229: %v", hist.Versions)
			}

			var counties struct {
				Features []unitJSON `json:"features"`
			}
			gazGet(t, h, "/admin-units?at=2010-01-01&level=county&limit=100", &counties)
			codes := map[any]bool{}
			for _, f := range counties.Features {
				codes[f.Properties["code"]] = true
			}
			if !codes["522229"] || codes["520628"] {
				t.Errorf("counties on 2010-01-01: %v, want 522229 and not 520628", codes)
			}
			var lpf map[string]any
			gazGet(t, h, "/admin-units/520628/lpf", &lpf)
			if lpf["@context"] != "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld" {
				t.Errorf("LPF context %v", lpf["@context"])
			}
		})
	}
}

// TestSearchSample searches the sample through the API.
func TestSearchSample(t *testing.T) {
	for name, h := range sampleServers(t) {
		t.Run(name, func(t *testing.T) {
			var fc struct {
				Features []struct {
					ID         string         `json:"id"`
					Properties map[string]any `json:"properties"`
				} `json:"features"`
				NumberMatched int `json:"numberMatched"`
			}
			for _, q := range []string{"茶峒", "chadong", "Chá dòng", "cha dong", "chadnog"} {
				gazGet(t, h, "/search?q="+url.QueryEscape(q), &fc)
				if len(fc.Features) == 0 || fc.Features[0].Properties["name"] != "茶洞" {
					t.Errorf("search %s: %d features, want 茶洞 first", q, len(fc.Features))
				}
			}
			gazGet(t, h, "/search?q=洪茶大桥", &fc) // reviewed, not published
			for _, f := range fc.Features {
				if f.Properties["review"] != "published" {
					t.Errorf("search shows an unpublished place: %v", f.Properties["name"])
				}
			}
			gazGet(t, h, "/search?near=109.2702,28.5035&radius=3000&limit=2", &fc)
			if len(fc.Features) != 2 || fc.NumberMatched < 2 || fc.Features[0].Properties["distance_m"] == nil {
				t.Errorf("near the tri-junction: %d of %d", len(fc.Features), fc.NumberMatched)
			}
			for _, bad := range []string{"/search?q=%21%21", "/search?near=200,1", "/search?radius=-1",
				"/search?admin_code=12", "/search?at=yesterday", "/search?limit=0", "/search?colour=red"} {
				rec := do(t, h, "GET", bad, nil)
				decodeProblem(t, http.StatusBadRequest, rec.Header().Get("Content-Type"), rec.Body)
			}
			var listings struct {
				Listings []map[string]any `json:"listings"`
			}
			gazGet(t, h, "/protection-listings?admin_code=433124", &listings)
			if len(listings.Listings) != 1 {
				t.Errorf("listings in 花垣: %d, want the listing of 茶峒", len(listings.Listings))
			}
			var signs struct {
				Features []struct {
					Properties map[string]any `json:"properties"`
				} `json:"features"`
			}
			gazGet(t, h, "/signs?kind=protection_marker", &signs)
			if len(signs.Features) != 1 {
				t.Errorf("protection markers: %d, want 1", len(signs.Features))
			}
		})
	}
}

// TestEntryPinyinAndReview enters places through POST /places: pinyin is
// generated by the 1984 rules (Xi'an apostrophe, the specific/generic split
// of 秀山土家族苗族自治县, a natural village as one word) as a proposal; the
// place is a draft, invisible to search until reviewed and published by two
// people; C19 checks the stated township against the geometry.
func TestEntryPinyinAndReview(t *testing.T) {
	for name, h := range sampleServers(t) {
		t.Run(name, func(t *testing.T) {
			for _, c := range []struct {
				text, class, want string
				pinyinClass       string // stated pinyin_class, if any
			}{
				{"西安", "居民点", "Xi'an", ""},
				{"秀山土家族苗族自治县", "行政区域", "Xiushan Tujiazu Miaozu Zizhixian", ""},
				{"王家村", "居民点", "Wangjiacun", ""},
				{"太平沟", "居民点", "Taipinggou", ""},
				// pinyin_class auto leaves the class to the census class; the
				// bug: it forced ClassAuto, which spelt "Taiping Gou".
				{"太平沟", "居民点", "Taipinggou", "auto"},
			} {
				entry := map[string]any{
					"kind": "place_name", "legal_class": 3, "category": "2410", "census_class": c.class,
					"geometry": map[string]any{"type": "Point", "coordinates": []float64{108.99, 28.45}},
					"names":    []map[string]any{{"status": "standard", "text": c.text}},
				}
				if c.pinyinClass != "" {
					entry["pinyin_class"] = c.pinyinClass
				}
				rec := send(t, h, "POST", "/places", entry)
				if rec.Code != http.StatusCreated {
					t.Fatalf("POST /places %s = %d %s", c.text, rec.Code, rec.Body)
				}
				var got struct {
					Place struct {
						ID         string         `json:"id"`
						Properties map[string]any `json:"properties"`
					} `json:"place"`
					Pinyin []map[string]any `json:"pinyin"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				if got.Place.Properties["pinyin"] != c.want || got.Pinyin[0]["generated"] != true {
					t.Errorf("%s: pinyin %v, want %s (generated)", c.text, got.Place.Properties["pinyin"], c.want)
				}
				names := got.Place.Properties["names"].([]any)
				if names[0].(map[string]any)["pinyin_reviewed"] != false || got.Place.Properties["review"] != "draft" {
					t.Errorf("%s: a generated spelling must be an unreviewed proposal of a draft", c.text)
				}
				if c.text == "秀山土家族苗族自治县" {
					parts := got.Pinyin[0]["parts"].([]any)
					last := parts[len(parts)-1].(map[string]any)
					if last["hanzi"] != "自治县" || last["role"] != "generic" {
						t.Errorf("generic part %v, want 自治县", last)
					}
				}
			}
			testReviewThroughAPI(t, h)
			testContainmentThroughAPI(t, h)
		})
	}
}

func testReviewThroughAPI(t *testing.T, h http.Handler) {
	rec := send(t, h, "POST", "/places", map[string]any{
		"kind": "place_name", "legal_class": 3, "category": "2420", "census_class": "居民点",
		"geometry": map[string]any{"type": "Point", "coordinates": []float64{109.0, 28.3}},
		"names":    []map[string]any{{"status": "standard", "text": "桐木坳"}},
	})
	var got struct {
		Place struct {
			ID string `json:"id"`
		} `json:"place"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusCreated {
		t.Fatalf("POST /places = %d %s", rec.Code, rec.Body)
	}
	found := func() bool {
		var fc struct {
			Features []struct {
				ID string `json:"id"`
			} `json:"features"`
		}
		gazGet(t, h, "/search?q=桐木坳", &fc)
		return len(fc.Features) > 0 && fc.Features[0].ID == got.Place.ID
	}
	if found() {
		t.Error("a draft is found by the public search")
	}
	review := "/places/" + got.Place.ID + "/review"
	for _, step := range []struct {
		status, by string
		code       int
	}{
		{"published", "甲", http.StatusConflict},
		{"reviewed", "", http.StatusBadRequest},
		{"reviewed", "甲", http.StatusOK},
		{"published", "甲", http.StatusForbidden},
		{"published", "乙", http.StatusOK},
	} {
		rec := send(t, h, "POST", review, map[string]any{"status": step.status, "by": step.by})
		if rec.Code != step.code {
			t.Errorf("review %s by %q = %d %s, want %d", step.status, step.by, rec.Code, rec.Body, step.code)
		}
	}
	if !found() {
		t.Error("the published place is not found by the public search")
	}
	var trail struct {
		Steps []map[string]any `json:"steps"`
	}
	gazGet(t, h, "/places/"+got.Place.ID+"/reviews", &trail)
	if len(trail.Steps) != 2 || trail.Steps[1]["by"] != "乙" || trail.Steps[1]["at"] != "2026-05-01T08:00:00Z" {
		t.Errorf("review trail %v", trail.Steps)
	}
	var lpf struct {
		Features []map[string]any `json:"features"`
	}
	gazGet(t, h, "/places/"+got.Place.ID+"/lpf", &lpf)
	if len(lpf.Features) != 1 || !strings.HasSuffix(lpf.Features[0]["@id"].(string), got.Place.ID) {
		t.Errorf("LPF of the place: %v", lpf.Features)
	}
}

// testContainmentThroughAPI enters a place in 边城镇 stated to lie in 洪安镇.
func testContainmentThroughAPI(t *testing.T, h http.Handler) {
	var u struct {
		Geometry struct {
			Coordinates [][][][]float64 `json:"coordinates"`
		} `json:"geometry"`
	}
	gazGet(t, h, "/admin-units/433124108", &u)
	ring := u.Geometry.Coordinates[0][0]
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	gazGet(t, h, "/search?q=茶洞&limit=1", &fc) // the old town, well inside 边城镇
	inside := fc.Features[0].Geometry.Coordinates
	for _, c := range []struct {
		point  []float64
		stated string
		want   string
	}{
		{ring[1], "433124108", "on_boundary"}, // a vertex of the town's boundary
		{inside, "433124108", "ok"},
		{inside, "500241109", "mismatch"}, // stated 洪安镇, across the river
		{inside, "433124", "ok"},
	} {
		rec := send(t, h, "POST", "/places", map[string]any{
			"kind": "poi", "category": "2530", "admin_codes": []string{c.stated},
			"geometry": map[string]any{"type": "Point", "coordinates": c.point},
			"names":    []map[string]any{{"status": "standard", "text": "界上亭"}},
		})
		var got struct {
			Containment struct {
				Checks []map[string]any `json:"checks"`
			} `json:"containment"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusCreated {
			t.Fatalf("POST /places = %d %s", rec.Code, rec.Body)
		}
		if len(got.Containment.Checks) != 1 || got.Containment.Checks[0]["status"] != c.want {
			t.Errorf("C19 of %v stated %s: %v, want %s", c.point, c.stated, got.Containment.Checks, c.want)
		}
	}
	rec := send(t, h, "POST", "/places", map[string]any{"kind": "poi", "names": []map[string]any{{"text": "无形"}}})
	decodeProblem(t, http.StatusBadRequest, rec.Header().Get("Content-Type"), rec.Body)
}
