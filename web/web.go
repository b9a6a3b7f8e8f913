// Package web holds the map page: an HTML page, its script and style, and
// MapLibre GL JS (vendored from npm: static/vendor/maplibre-gl with its
// VERSION and LICENSE.txt), embedded so that the service shows a map with
// no internet and no build step.
package web

import (
	"embed"
)

//go:embed static
var files embed.FS

// MapLibreVersion is the version of the vendored MapLibre GL JS.
const MapLibreVersion = "5.24.1"

// assets maps the names the page uses (flat, under /map/static/) to the
// embedded files.
var assets = map[string]string{
	"map.html":                "static/map.html",
	"map.js":                  "static/map.js",
	"map.css":                 "static/map.css",
	"maplibre-gl.js":          "static/vendor/maplibre-gl/maplibre-gl.js",
	"maplibre-gl.css":         "static/vendor/maplibre-gl/maplibre-gl.css",
	"maplibre-gl-LICENSE.txt": "static/vendor/maplibre-gl/LICENSE.txt",
}

// File returns the file the page knows by name: map.html, map.js,
// map.css, maplibre-gl.js, maplibre-gl.css or maplibre-gl-LICENSE.txt.
func File(name string) ([]byte, bool) {
	p, ok := assets[name]
	if !ok {
		return nil, false
	}
	b, err := files.ReadFile(p)
	return b, err == nil
}

// Names returns the names File knows.
func Names() []string {
	out := make([]string, 0, len(assets))
	for k := range assets {
		out = append(out, k)
	}
	return out
}
