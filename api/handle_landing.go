package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
)

// Conformance classes this API implements.
var conformanceClasses = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
}

// landing serves the landing page: the service's title and links to the
// API definition, its documentation, the conformance declaration and the
// collections.
func (s *server) landing(w http.ResponseWriter, r *http.Request) error {
	format, err := commonParams(r)
	if err != nil {
		return err
	}
	base := s.baseURL(r)
	links := append(formatLinks(s.selfURL(r), format, mediaJSON),
		link{Href: base + "/api", Rel: "service-desc", Type: mediaOpenAPI, Title: "API definition (OpenAPI 3.0)"},
		link{Href: base + "/api.html", Rel: "service-doc", Type: mediaHTML, Title: "API documentation"},
		link{Href: base + "/conformance", Rel: "conformance", Type: mediaJSON, Title: "conformance classes"},
		link{Href: base + "/collections", Rel: "data", Type: mediaJSON, Title: "feature collections"},
	)
	title := "toponym 地名与行政区划 Place names and administrative boundaries"
	return write(w, format, mediaJSON, resource{title: title, links: links, body: map[string]any{
		"title":       title,
		"description": "Place names, administrative units, boundary lines, markers and tri-junctions in CGCS2000 (EPSG:4490), served as OGC API – Features.",
		"version":     s.cfg.Version,
		"links":       links,
	}})
}

// conformance serves the conformance declaration.
func (s *server) conformance(w http.ResponseWriter, r *http.Request) error {
	format, err := commonParams(r)
	if err != nil {
		return err
	}
	links := formatLinks(s.selfURL(r), format, mediaJSON)
	return write(w, format, mediaJSON, resource{title: "符合类 Conformance", links: links,
		body: map[string]any{"conformsTo": conformanceClasses, "links": links}})
}

//go:embed openapi.json
var openAPIDoc []byte

//go:embed api.html
var apiDocHTML []byte

// openAPI serves the OpenAPI 3.0 document with its server set to this
// service's base URL.
func (s *server) openAPI(w http.ResponseWriter, r *http.Request) error {
	format, err := commonParams(r)
	if err != nil {
		return err
	}
	if format == formatHTML {
		return s.apiHTML(w, r)
	}
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		return fmt.Errorf("api: embedded openapi.json: %w", err)
	}
	doc["servers"] = []map[string]string{{"url": s.baseURL(r), "description": "this service"}}
	return write(w, formatJSON, mediaOpenAPI, resource{title: "OpenAPI", body: doc})
}

// apiHTML serves the human-readable list of endpoints. Query parameters
// are ignored: the page is static.
func (s *server) apiHTML(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", mediaHTML+"; charset=utf-8")
	_, err := w.Write(apiDocHTML)
	return ignoreWriteErr(err)
}
