package api

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
)

// policyRouter is a chi.Router that wraps each handler registered on it
// with its route's access from the policy table (server.authorize), so
// that the access is looked up once per route rather than once per
// request, and a request is matched to its route once, by chi.
// Sub-routers made with Route, Group and With wrap theirs too; a handler
// mounted with Mount gets the access of its pattern followed by "/*"
// (admins only without such a row).
type policyRouter struct {
	chi.Router
	s      *server
	prefix string // the pattern this router is mounted under (Route)
}

// policyRoutes returns r, with handlers registered through it guarded by
// the policy table.
func (s *server) policyRoutes(r chi.Router) chi.Router { return policyRouter{Router: r, s: s} }

// Handle registers h for every method.
func (r policyRouter) Handle(pattern string, h http.Handler) {
	r.Router.Handle(pattern, r.s.authorizeAnyMethod(r.prefix+pattern, h))
}

// HandleFunc registers h for every method.
func (r policyRouter) HandleFunc(pattern string, h http.HandlerFunc) { r.Handle(pattern, h) }

// Method registers h for method.
func (r policyRouter) Method(method, pattern string, h http.Handler) {
	r.Router.Method(method, pattern, r.s.authorize(strings.ToUpper(method), r.prefix+pattern, h))
}

// MethodFunc registers h for method.
func (r policyRouter) MethodFunc(method, pattern string, h http.HandlerFunc) {
	r.Method(method, pattern, h)
}

// Connect registers h for CONNECT.
func (r policyRouter) Connect(pattern string, h http.HandlerFunc) {
	r.Method(http.MethodConnect, pattern, h)
}

// Delete registers h for DELETE.
func (r policyRouter) Delete(pattern string, h http.HandlerFunc) {
	r.Method(http.MethodDelete, pattern, h)
}

// Get registers h for GET (and so for HEAD).
func (r policyRouter) Get(pattern string, h http.HandlerFunc) { r.Method(http.MethodGet, pattern, h) }

// Head registers h for HEAD.
func (r policyRouter) Head(pattern string, h http.HandlerFunc) { r.Method(http.MethodHead, pattern, h) }

// Options registers h for OPTIONS.
func (r policyRouter) Options(pattern string, h http.HandlerFunc) {
	r.Method(http.MethodOptions, pattern, h)
}

// Patch registers h for PATCH.
func (r policyRouter) Patch(pattern string, h http.HandlerFunc) {
	r.Method(http.MethodPatch, pattern, h)
}

// Post registers h for POST.
func (r policyRouter) Post(pattern string, h http.HandlerFunc) { r.Method(http.MethodPost, pattern, h) }

// Put registers h for PUT.
func (r policyRouter) Put(pattern string, h http.HandlerFunc) { r.Method(http.MethodPut, pattern, h) }

// Trace registers h for TRACE.
func (r policyRouter) Trace(pattern string, h http.HandlerFunc) {
	r.Method(http.MethodTrace, pattern, h)
}

// With returns an inline router with more middlewares.
func (r policyRouter) With(middlewares ...func(http.Handler) http.Handler) chi.Router {
	r.Router = r.Router.With(middlewares...)
	return r
}

// Group returns an inline router on which fn registers.
func (r policyRouter) Group(fn func(chi.Router)) chi.Router {
	im := r.With()
	if fn != nil {
		fn(im)
	}
	return im
}

// Route mounts a sub-router at pattern on which fn registers.
func (r policyRouter) Route(pattern string, fn func(chi.Router)) chi.Router {
	sub := policyRouter{s: r.s, prefix: r.prefix + strings.TrimSuffix(pattern, "/")}
	sub.Router = r.Router.Route(pattern, func(cr chi.Router) {
		if fn != nil {
			fn(policyRouter{Router: cr, s: sub.s, prefix: sub.prefix})
		}
	})
	return sub
}

// Mount attaches h under pattern.
func (r policyRouter) Mount(pattern string, h http.Handler) {
	r.Router.Mount(pattern, r.s.authorizeAnyMethod(r.prefix+strings.TrimSuffix(pattern, "/")+"/*", h))
}
