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
	if tileset == tiles.Internal {
		return "private, no-cache"
	}
	return "public, no-cache"
}

// tileset parses and checks access to the tileset of the request.
func (s *server) tileset(r *http.Request, name string) (string, error) {
	if err := tiles.CheckTileset(name); err != nil {
		return "", inParam(err)
	}
	return name, s.allowTileset(r, name)
}

// getTile serves one tile: gzip when the client accepts it, a strong ETag
// per encoding, 304 on If-None-Match answered from the cache alone.
func (s *server) getTile(w http.ResponseWriter, r *http.Request) error {
	tileset, err := s.tileset(r, chi.URLParam(r, "tileset"))
	if err != nil {
		return err
	}
	id, err := tiles.ParseTilePath(chi.URLParam(r, "z"), chi.URLParam(r, "x"), chi.URLParam(r, "y"))
	if err != nil {
		return inParam(err)
	}
	gz := acceptsGzip(r.Header.Get("Accept-Encoding"))
	h := w.Header()
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", cacheControl(tileset))
	inm := r.Header.Get("If-None-Match")
	if e, ok := s.tiles.cache.Get(tileset, id); ok && inm != "" && etagMatch(inm, tag(e, gz)) {
		h.Set("ETag", tag(e, gz))
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	e, err := s.tiles.cache.Tile(r.Context(), s.tiles.src, tileset, id)
	if err != nil {
		return err
	}
	h.Set("ETag", tag(e, gz))
	if inm != "" && etagMatch(inm, tag(e, gz)) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := e.Data
	if gz {
		body = e.Gzip
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", mediaMVT)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}

func tag(e tiles.Entry, gz bool) string {
	if gz {
		return e.GzipETag
	}
	return e.ETag
}

// etagMatch reports whether an If-None-Match header matches etag: "*" or
// one of its tags, compared weakly as RFC 9110 says for If-None-Match.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: gzip
// or * listed without q=0.
func acceptsGzip(header string) bool {
	gzip, star := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "gzip", "x-gzip":
			gzip = q
		case "*":
			star = q
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
	w.Header().Set("Cache-Control", cacheControl(tileset))
	return write(w, formatJSON, mediaTileJSON, resource{title: "TileJSON " + tileset, body: doc})
}
