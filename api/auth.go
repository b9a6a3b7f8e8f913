package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/toponym/toponym/data"
)

// AuthConfig configures authentication, authorization and per-client
// limits. With neither Tokens nor OIDC set, authentication is off: every
// request is anonymous and the policy table is not applied (tests and
// embedded use; `toponymd serve` always sets Tokens).
type AuthConfig struct {
	// Tokens looks up API tokens by the SHA-256 of their secret.
	Tokens data.TokenStore
	// OIDC, if set, also accepts JWT bearer tokens of an identity provider.
	OIDC *OIDC
	// Audit is the log GET /audit reads; nil: /audit answers 404.
	Audit data.AuditLog
	// RatePerSecond and Burst bound each client's requests: per token (or
	// identity-provider subject), per client IP for anonymous requests.
	// A rate ≤ 0 turns limiting off (the zero value); Burst defaults to
	// DefaultBurst. `toponymd serve` sets DefaultRatePerSecond unless told.
	RatePerSecond float64
	Burst         int
	// MaxUploadRows caps the records of one upload. Default: DefaultMaxUploadRows.
	MaxUploadRows int
}

// Defaults of AuthConfig.
const (
	DefaultRatePerSecond = 50
	DefaultBurst         = 100
	DefaultMaxUploadRows = 100000
)

func (c AuthConfig) withDefaults() AuthConfig {
	if c.Burst <= 0 {
		c.Burst = DefaultBurst
	}
	if c.MaxUploadRows <= 0 {
		c.MaxUploadRows = DefaultMaxUploadRows
	}
	return c
}

// enabled reports whether requests are authenticated and authorized.
func (c AuthConfig) enabled() bool { return c.Tokens != nil || c.OIDC != nil }

// authRealm is the realm of every WWW-Authenticate challenge.
const authRealm = "toponym"

// authError is a failed authentication: a 401 with a Bearer challenge
// (RFC 6750). code is "" when no credentials came, else invalid_request or
// invalid_token.
type authError struct {
	code, detail string
}

func (e *authError) Error() string { return "authentication failed: " + e.detail }

// writeUnauthorized answers 401 with the challenge of e.
func writeUnauthorized(w http.ResponseWriter, r *http.Request, e *authError) {
	challenge := `Bearer realm="` + authRealm + `"`
	if e.code != "" {
		challenge += `, error="` + e.code + `", error_description=` + strconv.Quote(e.detail)
	}
	w.Header().Set("WWW-Authenticate", challenge)
	writeProblem(w, r, newProblem(http.StatusUnauthorized, e.detail))
}

// authenticate resolves the request's credentials to a data.Principal in
// the context (none: the anonymous public). Bad credentials are refused
// with 401 here, whatever the route; a database outage with 503.
func (s *server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := data.WithRequestID(r.Context(), requestID(r.Context()))
		if !s.cfg.Auth.enabled() {
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		p, err := s.principal(ctx, r.Header.Values("Authorization"))
		if ae, ok := err.(*authError); ok {
			writeUnauthorized(w, r, ae)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(data.WithPrincipal(ctx, p)))
	})
}

// principal returns who the Authorization header values name: nil for
// none, else the token's or the identity provider's principal.
func (s *server) principal(ctx context.Context, values []string) (*data.Principal, error) {
	switch {
	case len(values) == 0:
		return nil, nil
	case len(values) > 1:
		return nil, &authError{"invalid_request", "more than one Authorization header"}
	}
	scheme, cred, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	cred = strings.TrimSpace(cred)
	if !ok || !strings.EqualFold(scheme, "Bearer") || cred == "" {
		return nil, &authError{"invalid_request", "use Authorization: Bearer <token>"}
	}
	if data.LooksLikeTokenSecret(cred) && s.cfg.Auth.Tokens != nil {
		return s.tokenPrincipal(ctx, cred)
	}
	if s.cfg.Auth.OIDC != nil && strings.Count(cred, ".") == 2 {
		p, err := s.cfg.Auth.OIDC.Principal(ctx, cred, s.cfg.Now())
		if err != nil {
			return nil, &authError{"invalid_token", err.Error()}
		}
		return p, nil
	}
	return nil, &authError{"invalid_token", "the bearer token is malformed"}
}

func (s *server) tokenPrincipal(ctx context.Context, secret string) (*data.Principal, error) {
	t, err := s.cfg.Auth.Tokens.TokenByHash(ctx, data.HashTokenSecret(secret))
	switch data.KindOf(err) {
	case data.KindNotFound:
		return nil, &authError{"invalid_token", "the token is unknown"}
	case data.KindInternal, data.KindUnavailable:
		if err != nil {
			return nil, err
		}
	}
	if err := t.Usable(s.cfg.Now()); err != nil {
		return nil, &authError{"invalid_token", data.AsError(err).Message}
	}
	return data.TokenPrincipal(t), nil
}

// authorizeRoutes applies the policy table: it finds the route the request
// will take and refuses it, 401 to the anonymous and 403 to a principal
// without the role, unless the route's access allows the principal.
// Requests that match no route pass on to the 404 and 405 handlers.
func (s *server) authorizeRoutes(routes chi.Routes) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !s.cfg.Auth.enabled() || r.Method == http.MethodOptions {
				next.ServeHTTP(w, r)
				return
			}
			rctx := chi.NewRouteContext()
			if !routes.Match(rctx, policyMethod(r), routePath(r)) {
				next.ServeHTTP(w, r)
				return
			}
			a, ok := lookupRule(policyMethod(r), rctx.RoutePattern())
			if !ok {
				a = anyOf(data.RoleAdmin) // a route without a rule is for admins only
			}
			p := data.PrincipalFrom(r.Context())
			switch {
			case a.allows(p, &rctx.URLParams):
				next.ServeHTTP(w, r)
			case p == nil:
				writeUnauthorized(w, r, &authError{detail: "this resource needs " + a.describe() +
					"; send Authorization: Bearer <token>"})
			default:
				writeProblem(w, r, newProblem(http.StatusForbidden, "this resource needs "+a.describe()))
			}
		})
	}
}

// routePath is the path chi routes on (after StripSlashes).
func routePath(r *http.Request) string {
	if rctx := chi.RouteContext(r.Context()); rctx != nil && rctx.RoutePath != "" {
		return rctx.RoutePath
	}
	if r.URL.RawPath != "" {
		return r.URL.RawPath
	}
	return r.URL.Path
}

// actForParty returns a KindForbidden error unless the caller may submit
// and sign for party (an inspector of that party, or an admin). With
// authentication off it allows everything.
func (s *server) actForParty(r *http.Request, party data.Code) error {
	if !s.cfg.Auth.enabled() {
		return nil
	}
	return data.PrincipalFrom(r.Context()).MayActForParty(party)
}

// actForTeam returns a KindForbidden error unless the caller may upload for
// team (a surveyor of that team, or an admin). With authentication off it
// allows everything.
func (s *server) actForTeam(r *http.Request, team string) error {
	if !s.cfg.Auth.enabled() {
		return nil
	}
	return data.PrincipalFrom(r.Context()).MayActForTeam(team)
}

// seesInternal reports whether the caller may see internal data:
// unpublished names, the internal tileset, unsigned inspection records of
// any party. With authentication off everyone may.
func (s *server) seesInternal(r *http.Request) bool {
	return !s.cfg.Auth.enabled() || data.PrincipalFrom(r.Context()).Has(data.RoleViewer)
}
