package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// openAPIDocument is the part of the OpenAPI document the tests read.
type openAPIDocument struct {
	OpenAPI string `json:"openapi"`
	Servers []struct {
		URL string `json:"url"`
	} `json:"servers"`
	Paths map[string]map[string]struct {
		Parameters []struct {
			Ref string `json:"$ref"`
		} `json:"parameters"`
		Responses map[string]any `json:"responses"`
	} `json:"paths"`
	Components struct {
		Parameters map[string]struct {
			Name   string `json:"name"`
			In     string `json:"in"`
			Schema struct {
				Enum    []string `json:"enum"`
				Minimum *int     `json:"minimum"`
				Maximum *int     `json:"maximum"`
				Default any      `json:"default"`
			} `json:"schema"`
		} `json:"parameters"`
	} `json:"components"`
}

// paramNames returns the names of the parameters of one operation.
func (d *openAPIDocument) paramNames(path string) []string {
	var names []string
	for _, p := range d.Paths[path]["get"].Parameters {
		names = append(names, d.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")].Name)
	}
	return names
}

// TestOpenAPIDescribesTheRouter checks the embedded document against the
// router and the parsers: every route is a path, every parameter a handler
// accepts is declared, and the limits agree.
func TestOpenAPIDescribesTheRouter(t *testing.T) {
	h, _ := newStubServer(t, Config{BaseURL: "https://gis.example.org/toponym"}, &stubStore{})
	rec := do(t, h, "GET", "/api", nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != mediaOpenAPI {
		t.Fatalf("/api = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc openAPIDocument
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0.") || len(doc.Servers) != 1 || doc.Servers[0].URL != "https://gis.example.org/toponym" {
		t.Errorf("openapi %q, servers %v", doc.OpenAPI, doc.Servers)
	}
	err := chi.Walk(h.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		op, ok := doc.Paths[route][strings.ToLower(method)]
		if !ok {
			t.Errorf("route %s %s is not in the OpenAPI document", method, route)
		}
		if _, ok := op.Responses["200"]; !ok {
			t.Errorf("%s %s documents no 200 response", method, route)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	items := doc.paramNames("/collections/{collectionId}/items")
	names := append(slices.Clone(itemsParamNames), "collectionId")
	for _, c := range catalogue() {
		for _, qa := range c.queryables {
			names = append(names, qa.Name)
		}
	}
	for _, name := range names {
		if !slices.Contains(items, name) {
			t.Errorf("items operation lacks parameter %s (has %v)", name, items)
		}
	}
	one := doc.paramNames("/collections/{collectionId}/items/{featureId}")
	for _, name := range []string{"collectionId", "featureId", "crs", "f"} {
		if !slices.Contains(one, name) {
			t.Errorf("feature operation lacks parameter %s", name)
		}
	}
	ps := doc.Components.Parameters
	if l := ps["limit"].Schema; *l.Minimum != 1 || *l.Maximum != maxLimit || l.Default != float64(defaultLimit) {
		t.Errorf("limit schema %+v", l)
	}
	var ids []string
	for _, c := range catalogue() {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ps["collectionId"].Schema.Enum, ids) {
		t.Errorf("collectionId enum %v, want %v", ps["collectionId"].Schema.Enum, ids)
	}
	for _, name := range []string{"crs", "bbox-crs"} {
		if !slices.Equal(ps[name].Schema.Enum, []string{CRS84URI, EPSG4490URI}) {
			t.Errorf("%s enum %v", name, ps[name].Schema.Enum)
		}
	}
}

func TestLandingAndConformance(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	var landing struct {
		Title string `json:"title"`
		Links []link `json:"links"`
	}
	rec := do(t, h, "GET", "/", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &landing); err != nil || rec.Code != 200 {
		t.Fatalf("/ = %d %v", rec.Code, err)
	}
	want := map[string]string{"self": mediaJSON, "service-desc": mediaOpenAPI, "service-doc": mediaHTML,
		"conformance": mediaJSON, "data": mediaJSON, "alternate": mediaHTML}
	for _, l := range landing.Links {
		if typ, ok := want[l.Rel]; ok && typ == l.Type && strings.HasPrefix(l.Href, "http://example.com/") {
			delete(want, l.Rel)
		}
	}
	if len(want) > 0 {
		t.Errorf("landing page lacks links %v: %+v", want, landing.Links)
	}
	var conf struct {
		ConformsTo []string `json:"conformsTo"`
	}
	rec = do(t, h, "GET", "/conformance", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &conf); err != nil || !slices.Equal(conf.ConformsTo, conformanceClasses) {
		t.Errorf("/conformance = %s", rec.Body)
	}
	for _, path := range []string{"/?f=html", "/conformance?f=html", "/collections?f=html", "/collections/place-names?f=html",
		"/collections/place-names/items?f=html", "/api.html", "/api?f=html"} {
		rec := do(t, h, "GET", path, nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
			!strings.Contains(rec.Body.String(), "</html>") {
			t.Errorf("%s = %d %q", path, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}
