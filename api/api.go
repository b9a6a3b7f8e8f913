package api

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/toponym/toponym/data"
)

// Config configures the HTTP API. The zero value works: every field has a
// default, given beside it.
type Config struct {
	// CORSOrigins are the exact origins (scheme://host[:port]) allowed to
	// read responses cross-origin; "*" allows any. Default: none.
	CORSOrigins []string
	// MaxBodyBytes caps request bodies. Default: 10 MiB.
	MaxBodyBytes int64
	// RequestTimeout is each request's context deadline. Default: 30 s.
	RequestTimeout time.Duration
	// Version is the service version shown on the landing page. Default: "dev".
	Version string
	// BaseURL is the public URL prefix used in links, without a trailing
	// slash (https://gis.example.org/toponym). Default: derived from each
	// request's Host and TLS state.
	BaseURL string
	// Now is the clock. Default: time.Now.
	Now func() time.Time
	// Tiles configures the vector tiles (see TilesConfig).
	Tiles TilesConfig
}

// Defaults of Config.
const (
	DefaultMaxBodyBytes   = 10 << 20
	DefaultRequestTimeout = 30 * time.Second
	DefaultVersion        = "dev"
)

func (c Config) withDefaults() Config {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.Version == "" {
		c.Version = DefaultVersion
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// server holds what the handlers share.
type server struct {
	cfg         Config
	store       data.Store
	log         *slog.Logger
	collections []*collection
	byID        map[string]*collection
	tiles       *tileService
}

// New returns the HTTP handler of the API: health checks, the OGC API –
// Features endpoints and the OpenAPI document, backed by store.
//
// Every request passes through this middleware chain, outermost first:
//
//  1. request id: X-Request-Id from the client if sane, else a new UUID;
//     echoed in the response and in every log line and problem
//  2. access log: one slog line per request with status, bytes, duration
//  3. recover: a panic is logged with its stack and answered 500
//     "internal error" as problem+json, without the stack
//  4. CORS: exact origins from Config.CORSOrigins; preflights answered here
//  5. compress: gzip or deflate for JSON, GeoJSON, problem, OpenAPI and HTML
//  6. timeout: the request context gets Config.RequestTimeout as deadline
//  7. body limit: bodies over Config.MaxBodyBytes are refused with 413
//  8. HEAD is served by the GET route
//
// Unknown routes get a 404 problem, known routes with another method 405.
func New(cfg Config, store data.Store, log *slog.Logger) http.Handler {
	cfg = cfg.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ts := newTileService(cfg.Tiles, store) // writes through ts.store invalidate tiles
	s := &server{cfg: cfg, store: ts.store, log: log, collections: catalogue(), byID: map[string]*collection{}, tiles: ts}
	for _, c := range s.collections {
		s.byID[c.ID] = c
	}
	r := chi.NewRouter()
	r.Use(withRequestID, accessLog(log, cfg.Now), recoverPanics(log), corsAllow(cfg.CORSOrigins),
		middleware.Compress(5, compressible...), withTimeout(cfg.RequestTimeout), limitBody(cfg.MaxBodyBytes),
		middleware.StripSlashes, middleware.GetHead)
	r.NotFound(notFound)
	r.MethodNotAllowed(methodNotAllowed)
	s.routes(r)
	return r
}

// compressible are the media types the compress middleware encodes.
var compressible = []string{
	"application/json", "application/geo+json", problemMediaType,
	"application/vnd.oai.openapi+json", "text/html", "text/plain", "text/javascript", "text/css",
}

func (s *server) routes(r chi.Router) {
	r.Get("/healthz", s.handle(s.healthz))
	r.Get("/readyz", s.handle(s.readyz))
	r.Get("/", s.handle(s.landing))
	r.Get("/conformance", s.handle(s.conformance))
	r.Get("/api", s.handle(s.openAPI))
	r.Get("/api.html", s.handle(s.apiHTML))
	r.Get("/collections", s.handle(s.listCollections))
	r.Get("/collections/{collectionId}", s.handle(s.getCollection))
	r.Get("/collections/{collectionId}/items", s.handle(s.listItems))
	r.Get("/collections/{collectionId}/items/{featureId}", s.handle(s.getItem))
	s.tileRoutes(r)
}

// baseURL returns the URL prefix for links: Config.BaseURL or the request's
// own scheme and host.
func (s *server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
