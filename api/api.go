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
	// MaxUploadBytes caps the bodies of file uploads and bulk imports
	// (after decompression). Default: 4 GiB.
	MaxUploadBytes int64
	// RequestTimeout is each request's context deadline. Default: 30 s.
	RequestTimeout time.Duration
	// UploadTimeout is the deadline of uploads and bulk imports. Default: 2 h.
	UploadTimeout time.Duration
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
	// Auth configures authentication, the policy table and per-client
	// limits (see AuthConfig). The zero value turns authentication off.
	Auth AuthConfig
}

// Defaults of Config.
const (
	DefaultMaxBodyBytes   = 10 << 20
	DefaultMaxUploadBytes = 4 << 30
	DefaultRequestTimeout = 30 * time.Second
	DefaultUploadTimeout  = 2 * time.Hour
	DefaultVersion        = "dev"
)

func (c Config) withDefaults() Config {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.UploadTimeout <= 0 {
		c.UploadTimeout = DefaultUploadTimeout
	}
	if c.Version == "" {
		c.Version = DefaultVersion
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	if c.Now == nil {
		c.Now = time.Now
	}
	c.Auth = c.Auth.withDefaults()
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
	gaz         data.Gazetteer
	limiter     *rateLimiter // nil: no rate limit
	writing     keyedLocks   // features being replaced or deleted, by collection and id
}

// New returns the HTTP handler of the API: health checks, the OGC API –
// Features endpoints and the OpenAPI document, backed by store.
//
// Every request passes through this middleware chain, outermost first:
//
//  1. request id: X-Request-Id from the client if sane, else a new
//     UUID-shaped id (a random prefix and a counter); echoed in the
//     response and in every log line, problem and audit record
//  2. access log: one slog line per request with status, bytes, duration
//  3. recover: a panic is logged with its stack and answered 500
//     "internal error" as problem+json, without the stack
//  4. CORS: exact origins from Config.CORSOrigins; preflights answered here
//  5. compress: gzip or deflate for JSON, GeoJSON, problem, OpenAPI and HTML;
//     not under /tiles/ and /fonts/, whose bodies are binary and whose tile
//     handler sends the cache's pre-gzipped body itself
//  6. timeout: the request context gets Config.RequestTimeout as deadline
//     (Config.UploadTimeout for uploads and imports); its timer starts
//     only once something waits for it
//  7. body limit: bodies over Config.MaxBodyBytes (Config.MaxUploadBytes
//     for uploads and imports) are refused with 413
//  8. HEAD is served by the GET route
//  9. authenticate: Authorization: Bearer <token> to a data.Principal in
//     the context; unknown, revoked or expired tokens get 401 (auth.go)
//  10. rate limit: a token bucket per token, or per IP when anonymous: 429
//  11. authorize: the policy table (policy.go): 401 or 403; not a
//     middleware but a guard around each route's handler, with the
//     route's access found when it is registered (policy_router.go)
//
// Unknown routes get a 404 problem, known routes with another method 405.
func New(cfg Config, store data.Store, log *slog.Logger) http.Handler {
	cfg = cfg.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ts := newTileService(cfg.Tiles, store) // writes through ts.store invalidate tiles
	s := &server{cfg: cfg, store: ts.store, log: log, collections: catalogue(), byID: map[string]*collection{}, tiles: ts}
	s.gaz, _ = store.(data.Gazetteer)
	for _, c := range s.collections {
		s.byID[c.ID] = c
	}
	if cfg.Auth.RatePerSecond > 0 {
		s.limiter = newRateLimiter(cfg.Auth.RatePerSecond, cfg.Auth.Burst, cfg.Now)
	}
	r := chi.NewRouter()
	r.Use(withRequestID, accessLog(log, cfg.Now), recoverPanics(log), corsAllow(cfg.CORSOrigins),
		skipUnder(middleware.Compress(5, compressible...), "/tiles/", "/fonts/"), requestLimits(cfg),
		middleware.StripSlashes, middleware.GetHead, s.authenticate, s.limitRate)
	r.NotFound(notFound)
	r.MethodNotAllowed(methodNotAllowed)
	routes := s.policyRoutes(r) // step 11: each handler guarded by its row of the policy table
	s.routes(routes)
	s.inspectionRoutes(routes, store) // the store as given: inspection records are not tiled
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
	r.Get("/audit", s.handle(s.listAudit))
	r.Get("/", s.handle(s.landing))
	r.Get("/conformance", s.handle(s.conformance))
	r.Get("/api", s.handle(s.openAPI))
	r.Get("/api.html", s.handle(s.apiHTML))
	r.Get("/collections", s.handle(s.listCollections))
	r.Get("/collections/{collectionId}", s.handle(s.getCollection))
	r.Get("/collections/{collectionId}/items", s.handle(s.listItems))
	r.Get("/collections/{collectionId}/items/{featureId}", s.handle(s.getItem))
	s.tileRoutes(r)
	s.surveyRoutes(r)
	s.featureWriteRoutes(r)
	s.gazetteerRoutes(r)
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
