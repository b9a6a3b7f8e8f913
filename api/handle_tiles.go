package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// TilesConfig configures the vector tiles. The zero value works.
type TilesConfig struct {
	// Source renders tiles. Default: tiles.StoreSource over the store (the
	// PostGIS deployment passes a pgsource.Source).
	Source tiles.Source
	// Cache holds rendered tiles. Default: a cache of DefaultTileCacheBytes.
	Cache *tiles.Cache
}

// DefaultTileCacheBytes is the default tile cache size.
const DefaultTileCacheBytes = 256 << 20

// Media types of the tile endpoints.
const (
	mediaMVT      = "application/vnd.mapbox-vector-tile"
	mediaTileJSON = "application/json"
)

// tileService is the tile state the handlers share. Its store is the
// API's store wrapped so that every write through the API invalidates the
// tiles it touches before the write returns.
type tileService struct {
	src   tiles.Source
	cache *tiles.Cache
	store data.Store
}

// newTileService fills the defaults of cfg and wraps store.
func newTileService(cfg TilesConfig, store data.Store) *tileService {
	ts := &tileService{src: cfg.Source, cache: cfg.Cache}
	if ts.cache == nil {
		ts.cache = tiles.NewCache(DefaultTileCacheBytes)
	}
	if ts.src == nil {
		ts.src = tiles.NewStoreSource(store)
	}
	ts.store = tiles.NewInvalidatingStore(store, ts.cache)
	return ts
}

// tileRoutes registers the tile, TileJSON, style, font and map routes.
func (s *server) tileRoutes(r chi.Router) {
	r.Get("/tiles/{tileset}/{z}/{x}/{y}.mvt", s.handle(s.getTile))
	r.Get("/tiles/{tileset}.json", s.handle(s.getTileJSON))
	r.Get("/styles/{style}.json", s.handle(s.getStyle))
	r.Get("/fonts/{fontstack}/{range}.pbf", s.handle(s.getGlyphs))
	r.Get("/map", s.handle(s.getMapPage))
	r.Get("/map/static/{file}", s.handle(s.getMapStatic))
}

// allowTileset is the one place that decides who may read a tileset. The
// public tileset is for everyone. The internal one is meant for staff: once
// authentication exists (issue 8) this returns a KindForbidden error (or
// an unauthenticated one) for requests without the right; until then it
// serves everyone.
func (s *server) allowTileset(r *http.Request, tileset string) error {
	_ = r
	_ = tileset
	return nil
}

// cacheControl is the Cache-Control of tiles and documents derived from
// data: browsers may keep them but must revalidate with the ETag each
// time, so that they never show a tile an edit has changed; the
// revalidation is a 304 from the tile cache. Internal data is private.
func cacheControl(tileset string) string {
	return cacheControlHeader(tileset)[0]
}

// Header values of tile responses, shared by every response: never
// modified in place (http.Header.Add appends to a copy, as their
// capacity is their length).
var (
	hdrPublicCache   = []string{"public, no-cache"}
	hdrInternalCache = []string{"private, no-cache"}
	hdrMVT           = []string{mediaMVT}
	hdrGzip          = []string{"gzip"}
	hdrVaryEncoding  = []string{"Accept-Encoding"}
)

func cacheControlHeader(tileset string) []string {
	if tileset == tiles.Internal {
		return hdrInternalCache
	}
	return hdrPublicCache
}

// tileset parses and checks access to the tileset of the request.
func (s *server) tileset(r *http.Request, name string) (string, error) {
	if err := tiles.CheckTileset(name); err != nil {
		return "", inParam(err)
	}
	return name, s.allowTileset(r, name)
}

// getTile serves one tile: gzip when the client accepts it, a strong ETag
// per encoding, 304 on If-None-Match. A cached tile is answered from the
// cache alone with header values made once per tile (no allocation, no
// compression per request); a tile not cached is gzipped only for a
// client that accepts gzip.
func (s *server) getTile(w http.ResponseWriter, r *http.Request) error {
	rctx := chi.RouteContext(r.Context()) // once, not once per parameter
	tileset, err := s.tileset(r, rctx.URLParam("tileset"))
	if err != nil {
		return err
	}
	id, err := tiles.ParseTilePath(rctx.URLParam("z"), rctx.URLParam("x"), rctx.URLParam("y"))
	if err != nil {
		return inParam(err)
	}
	e, err := s.tiles.cache.Tile(r.Context(), s.tiles.src, tileset, id)
	if err != nil {
		return err
	}
	gz := acceptsGzip(r.Header["Accept-Encoding"])
	etag, length := e.Header(gz)
	h := w.Header()
	if _, ok := h["Vary"]; ok {
		h.Add("Vary", "Accept-Encoding") // after CORS's Vary: Origin
	} else {
		h["Vary"] = hdrVaryEncoding
	}
	h["Cache-Control"] = cacheControlHeader(tileset)
	h["Etag"] = etag
	if inm := r.Header["If-None-Match"]; len(inm) > 0 && etagMatch(inm, etag[0]) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := e.Data
	if gz {
		body = e.Gzip()
		h["Content-Encoding"] = hdrGzip
	}
	h["Content-Type"] = hdrMVT
	h["Content-Length"] = length
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}

// etagMatch reports whether If-None-Match header values match etag: "*"
// or one of their tags, compared weakly as RFC 9110 says for
// If-None-Match. It does not allocate.
func etagMatch(values []string, etag string) bool {
	for _, v := range values {
		if v == etag {
			return true
		}
		for v != "" {
			var t string
			t, v, _ = strings.Cut(v, ",")
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == etag {
				return true
			}
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding header values allow gzip:
// gzip (or x-gzip), else *, listed without q=0. It does not allocate.
func acceptsGzip(values []string) bool {
	gzip, star := -1.0, -1.0
	for _, v := range values {
		for v != "" {
			var part string
			part, v, _ = strings.Cut(v, ",")
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			q := 1.0
			if p, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				if f, err := strconv.ParseFloat(strings.TrimSpace(p), 64); err == nil {
					q = f
				}
			}
			switch name = strings.TrimSpace(name); {
			case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
				gzip = q
			case name == "*":
				star = q
			}
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}

// getTileJSON serves a tileset's TileJSON 3.0.0 with absolute URLs.
func (s *server) getTileJSON(w http.ResponseWriter, r *http.Request) error {
	tileset, err := s.tileset(r, chi.URLParam(r, "tileset"))
	if err != nil {
		return err
	}
	doc, err := tiles.TileJSON(tileset, s.baseURL(r)+"/tiles")
	if err != nil {
		return err
	}
	w.Header()["Cache-Control"] = cacheControlHeader(tileset)
	return write(w, formatJSON, mediaTileJSON, resource{title: "TileJSON " + tileset, body: doc})
}
