package api

import (
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"
	"github.com/toponym/toponym/data"
)

// commonParams checks that a request carries no query parameter but f and
// returns the format.
func commonParams(r *http.Request) (string, error) {
	q := r.URL.Query()
	if err := checkParams(q, "f"); err != nil {
		return "", inParam(err)
	}
	f, err := parseFormat(q.Get("f"))
	return f, inParam(err)
}

// selfURL returns the request's URL under the base URL, without f.
func (s *server) selfURL(r *http.Request) *url.URL {
	u, err := url.Parse(s.baseURL(r) + r.URL.Path)
	if err != nil {
		u = &url.URL{Path: r.URL.Path}
	}
	q := r.URL.Query()
	q.Del("f")
	u.RawQuery = q.Encode()
	return u
}

// collectionFor returns the collection named in the path, or a 404 problem
// naming it.
func (s *server) collectionFor(r *http.Request) (*collection, error) {
	id := chi.URLParam(r, "collectionId")
	c, ok := s.byID[id]
	if !ok {
		return nil, inParam(&data.Error{Kind: data.KindNotFound, Field: "collectionId", Value: id,
			Message: "collection " + quote(id) + " does not exist; /collections lists them"})
	}
	return c, nil
}

// listCollections serves /collections.
func (s *server) listCollections(w http.ResponseWriter, r *http.Request) error {
	format, err := commonParams(r)
	if err != nil {
		return err
	}
	links := formatLinks(s.selfURL(r), format, mediaJSON)
	cs := make([]map[string]any, len(s.collections))
	for i, c := range s.collections {
		cs[i] = s.describe(r, c)
		cs[i]["links"] = append(cs[i]["links"].([]link), link{Href: s.baseURL(r) + "/collections/" + c.ID + "?f=json",
			Rel: "collection", Type: mediaJSON, Title: c.Title})
	}
	return write(w, format, mediaJSON, resource{title: "要素集 Collections", links: links, body: map[string]any{
		"links":       links,
		"collections": cs,
		"crs":         []string{CRS84URI, EPSG4490URI},
	}})
}

// getCollection serves /collections/{collectionId}.
func (s *server) getCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionFor(r)
	if err != nil {
		return err
	}
	format, err := commonParams(r)
	if err != nil {
		return err
	}
	body := s.describe(r, c)
	links := append(formatLinks(s.selfURL(r), format, mediaJSON), body["links"].([]link)...)
	body["links"] = links
	return write(w, format, mediaJSON, resource{title: c.Title, links: links, body: body})
}

// describe returns the collection's metadata document. Its links are the
// items, as GeoJSON and as HTML.
func (s *server) describe(r *http.Request, c *collection) map[string]any {
	href := s.baseURL(r) + "/collections/" + c.ID
	b := data.ChinaBound
	return map[string]any{
		"id":          c.ID,
		"title":       c.Title,
		"description": c.Description,
		"itemType":    "feature",
		"crs":         []string{CRS84URI, EPSG4490URI},
		"storageCrs":  EPSG4490URI,
		"extent": map[string]any{
			"spatial": map[string]any{
				"bbox": [][]float64{{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}},
				"crs":  CRS84URI,
			},
			"temporal": map[string]any{
				"interval": [][]any{{nil, nil}},
				"trs":      "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
			},
		},
		"links": []link{
			{Href: href + "/items?f=json", Rel: "items", Type: mediaGeoJSON, Title: c.Title},
			{Href: href + "/items?f=html", Rel: "items", Type: mediaHTML, Title: c.Title},
		},
	}
}
