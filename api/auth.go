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
	// MaxUploadRows caps the records of one file uploaded to a survey
	// (POST /surveys/{id}/uploads). Default: DefaultMaxUploadRows.
	MaxUploadRows int
	// MaxImportRows caps the records of one bulk import (POST /imports).
	// Default: DefaultMaxImportRows.
	MaxImportRows int
}

// Defaults of AuthConfig.
const (
	DefaultRatePerSecond = 50
	DefaultBurst         = 100
	DefaultMaxUploadRows = 100_000
	DefaultMaxImportRows = 2_000_000
)

func (c AuthConfig) withDefaults() AuthConfig {
	if c.Burst <= 0 {
		c.Burst = DefaultBurst
	}
	if c.MaxUploadRows <= 0 {
		c.MaxUploadRows = DefaultMaxUploadRows
	}
	if c.MaxImportRows <= 0 {
		c.MaxImportRows = DefaultMaxImportRows
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
// with 401 here, whatever the route; a database outage with 503. With
// authentication off it is no middleware at all.
func (s *server) authenticate(next http.Handler) http.Handler {
	if !s.cfg.Auth.enabled() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.principal(r.Context(), r.Header["Authorization"])
		if ae, ok := err.(*authError); ok {
			writeUnauthorized(w, r, ae)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if p == nil { // anonymous: data.PrincipalFrom already answers nil
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r.WithContext(data.WithPrincipal(r.Context(), p)))
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

// authorize returns h, the handler of the route method pattern, guarded
// by the route's row of the policy table: a request the access does not
// allow is refused, 401 to the anonymous and 403 to a principal without
// the role. A route without a row is for admins only. The access is found
// once, here, when the route is registered (see policyRouter); a request
// is matched to its route by chi alone. HEAD is checked as GET, as the GET
// route serves it; OPTIONS is not checked. A route open to everyone, and
// every route while authentication is off, gets h itself.
func (s *server) authorize(method, pattern string, h http.Handler) http.Handler {
	if !s.cfg.Auth.enabled() || method == http.MethodOptions {
		return h
	}
	if method == http.MethodHead {
		method = http.MethodGet
	}
	a, ok := lookupRule(method, pattern)
	if !ok {
		a = anyOf(data.RoleAdmin)
	}
	if len(a.roles) == 0 {
		return h
	}
	need := "this resource needs " + a.describe()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := data.PrincipalFrom(r.Context())
		switch {
		case a.allows(p, &chi.RouteContext(r.Context()).URLParams):
			h.ServeHTTP(w, r)
		case p == nil:
			writeUnauthorized(w, r, &authError{detail: need + "; send Authorization: Bearer <token>"})
		default:
			writeProblem(w, r, newProblem(http.StatusForbidden, need))
		}
	})
}

// authorizeAnyMethod is authorize for a handler of every method: the
// access is the row of the request's method, looked up per request.
func (s *server) authorizeAnyMethod(pattern string, h http.Handler) http.Handler {
	if !s.cfg.Auth.enabled() {
		return h
	}
	byMethod := map[string]http.Handler{}
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodTrace} {
		byMethod[m] = s.authorize(m, pattern, h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g, ok := byMethod[policyMethod(r)]; ok {
			g.ServeHTTP(w, r)
			return
		}
		s.authorize(policyMethod(r), pattern, h).ServeHTTP(w, r) // a method chi knows only by RegisterMethod
	})
}

// actForParty returns a KindForbidden error unless the caller may submit
// and sign for party (an inspector of that party, or an admin). With
// authentication off it allows everything; with it on, no one but an
// admin acts for no party.
func (s *server) actForParty(r *http.Request, party data.Code) error {
	if !s.cfg.Auth.enabled() {
		return nil
	}
	p := data.PrincipalFrom(r.Context())
	if party == "" && !p.Has(data.RoleAdmin) {
		return &data.Error{Kind: data.KindForbidden, Field: PartyHeader,
			Message: "say which party you act for in the " + PartyHeader + " header (a division code)"}
	}
	return p.MayActForParty(party)
}

// actForTeam returns a KindForbidden error unless the caller may upload for
// team (a surveyor of that team, or an admin). With authentication off it
// allows everything; with it on, no one but an admin uploads for no team.
func (s *server) actForTeam(r *http.Request, team string) error {
	if !s.cfg.Auth.enabled() {
		return nil
	}
	p := data.PrincipalFrom(r.Context())
	if team == "" && !p.Has(data.RoleAdmin) {
		return &data.Error{Kind: data.KindForbidden, Field: TeamHeader,
			Message: "say which survey team you upload for in the " + TeamHeader + " header"}
	}
	return p.MayActForTeam(team)
}

// seesInternal reports whether the caller may see internal data of every
// party: the internal tileset, unpublished names through the staff
// routes, unsigned inspection records of any round. Viewers (and the
// roles that include viewer) may, except inspectors, who see the unsigned
// rounds of their own party only (seesRound). With authentication off
// everyone may.
func (s *server) seesInternal(r *http.Request) bool {
	if !s.cfg.Auth.enabled() {
		return true
	}
	p := data.PrincipalFrom(r.Context())
	return p.Has(data.RoleViewer) && p.Role != data.RoleInspector
}
