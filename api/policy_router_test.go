package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/toponym/toponym/data"
)

// noTokens is a token store that is never asked: it only turns
// authentication on.
type noTokens struct{ data.TokenStore }

// policyMux returns a router whose routes register must guard with the
// policy table, behind a middleware that makes the request's principal
// the role named in X-Test-Role (none: anonymous).
func policyMux(t *testing.T, auth bool, register func(r chi.Router, ok http.HandlerFunc)) http.Handler {
	t.Helper()
	var cfg Config
	if auth {
		cfg.Auth.Tokens = noTokens{}
	}
	s := &server{cfg: cfg.withDefaults()}
	mux := chi.NewRouter()
	mux.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if role := r.Header.Get("X-Test-Role"); role != "" {
				p := &data.Principal{Subject: "t", Role: data.Role(role), Via: data.ViaToken}
				r = r.WithContext(data.WithPrincipal(r.Context(), p))
			}
			next.ServeHTTP(w, r)
		})
	})
	register(s.policyRoutes(mux), func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(299) })
	return mux
}

func TestPolicyRouter(t *testing.T) {
	register := func(r chi.Router, ok http.HandlerFunc) {
		r.Get("/healthz", ok)                  // public
		r.Get("/audit", ok)                    // admin
		r.Get("/not/in/the/table", ok)         // no row: admin
		r.Route("/tiles", func(r chi.Router) { // the row of /tiles/{tileset}.json
			r.Get("/{tileset}.json", ok)
		})
		r.Group(func(r chi.Router) { r.Get("/surveys/{surveyId}", ok) }) // viewer
		r.With().Post("/surveys", ok)                                    // surveyor
		r.Handle("/inspections", ok)                                     // GET viewer, POST its row
		r.Mount("/mounted", ok)                                          // no row: admin
		r.Options("/audit", ok)                                          // OPTIONS is not checked
	}
	cases := []struct {
		method, path, role string
		want               int
	}{
		{"GET", "/healthz", "", 299},
		{"HEAD", "/healthz", "", 405}, // no GetHead middleware here: chi's own 405
		{"GET", "/audit", "", 401},
		{"GET", "/audit", "viewer", 403},
		{"GET", "/audit", "admin", 299},
		{"OPTIONS", "/audit", "", 299},
		{"GET", "/not/in/the/table", "viewer", 403},
		{"GET", "/not/in/the/table", "admin", 299},
		{"GET", "/tiles/public.json", "", 299},
		{"GET", "/tiles/internal.json", "", 401},
		{"GET", "/tiles/internal.json", "viewer", 299},
		{"GET", "/surveys/x", "", 401},
		{"GET", "/surveys/x", "viewer", 299},
		{"POST", "/surveys", "viewer", 403},
		{"POST", "/surveys", "surveyor", 299},
		{"GET", "/inspections", "viewer", 299},
		{"GET", "/inspections", "", 401},
		{"HEAD", "/inspections", "viewer", 299},
		{"DELETE", "/inspections", "viewer", 403},
		{"GET", "/mounted/x", "viewer", 403},
		{"GET", "/mounted/x", "admin", 299},
		{"GET", "/nope", "", 404},
	}
	for _, auth := range []bool{true, false} {
		h := policyMux(t, auth, register)
		for _, c := range cases {
			req := httptest.NewRequest(c.method, c.path, nil)
			if c.role != "" {
				req.Header.Set("X-Test-Role", c.role)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			want := c.want
			if !auth && (want == 401 || want == 403) {
				want = 299 // authentication off: the table does not apply
			}
			if rec.Code != want {
				t.Errorf("auth %v: %s %s as %q: %d, want %d", auth, c.method, c.path, c.role, rec.Code, want)
			}
		}
	}
}
