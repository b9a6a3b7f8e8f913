package api

import (
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
	"github.com/toponym/toponym/web"
)

// getStyle serves the MapLibre style of a tileset (public or internal).
func (s *server) getStyle(w http.ResponseWriter, r *http.Request) error {
	tileset, err := s.tileset(r, chi.URLParam(r, "style"))
	if err != nil {
		return err
	}
	style, err := tiles.Style(tileset, s.baseURL(r))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", cacheControl(tileset))
	return write(w, formatJSON, mediaJSON, resource{title: "style " + tileset, body: style})
}

// getGlyphs serves a glyph range of the labels' font stack: signed distance
// fields of the Latin ranges (pinyin), empty ranges otherwise; the map page
// draws CJK from a local font (MapLibre's localIdeographFontFamily).
func (s *server) getGlyphs(w http.ResponseWriter, r *http.Request) error {
	stack := chi.URLParam(r, "fontstack")
	if stack != tiles.FontStack {
		e := data.Errorf(data.KindNotFound, "font stack %q not found; this service has %q", stack, tiles.FontStack)
		e.Field, e.Value = "fontstack", stack
		return inParam(e)
	}
	start, err := tiles.ParseGlyphRange(chi.URLParam(r, "range"))
	if err != nil {
		return inParam(err)
	}
	body := tiles.Glyphs(stack, start)
	h := w.Header()
	h.Set("Content-Type", "application/x-protobuf")
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}

// getMapPage serves the map page.
func (s *server) getMapPage(w http.ResponseWriter, r *http.Request) error {
	return serveStatic(w, r, "map.html")
}

// getMapStatic serves the map page's script, style and MapLibre GL JS.
func (s *server) getMapStatic(w http.ResponseWriter, r *http.Request) error {
	return serveStatic(w, r, chi.URLParam(r, "file"))
}

// staticTypes are the media types of the page's files.
var staticTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8",
}

func serveStatic(w http.ResponseWriter, r *http.Request, name string) error {
	b, ok := web.File(name)
	if !ok {
		e := data.Errorf(data.KindNotFound, "no file %q in the map page", name)
		e.Field, e.Value = "file", name
		return inParam(e)
	}
	h := w.Header()
	h.Set("Content-Type", staticTypes[path.Ext(name)])
	if strings.HasPrefix(name, "maplibre-gl") {
		h.Set("Cache-Control", "public, max-age=86400")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	_, err := w.Write(b)
	return ignoreWriteErr(err)
}
