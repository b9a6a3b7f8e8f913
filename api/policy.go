package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// Scope says which part of the data a scoped role acts on. The policy
// middleware checks roles; a handler whose route has a scope checks it
// against the request's content with actForParty or actForTeam, since the
// party or team is usually in the body.
type Scope string

// Scopes.
const (
	ScopeNone  Scope = ""
	ScopeParty Scope = "party" // an inspector acts only for its own party
	ScopeTeam  Scope = "team"  // a surveyor uploads only for its own team
)

// access is who may call a route.
type access struct {
	// roles that may call it; empty means everyone, the anonymous public
	// included. Admin may call every route.
	roles []data.Role
	// publicIf, if set, opens the route to the public when the named path
	// parameter has one of the values (the public tileset); otherwise roles
	// apply.
	publicIf *paramValues
	scope    Scope
}

type paramValues struct {
	param  string
	values []string
}

// public is access for everyone; anyOf for the roles listed (and admin).
var public = access{}

func anyOf(roles ...data.Role) access { return access{roles: roles} }

func (a access) scoped(s Scope) access { a.scope = s; return a }

func (a access) publicWhen(param string, values ...string) access {
	a.publicIf = &paramValues{param, values}
	return a
}

// rule is one row of the policy table.
type rule struct {
	method, pattern string
	access          access
}

// policy is the one table of who may call what: method and chi route
// pattern → access. A route missing here is for admins only, and
// TestPolicyCoversEveryRoute fails until it is added. To register an
// endpoint, add its row here next to its route; in a handler with a scope,
// call actForParty or actForTeam (through partyOf, teamOf) before writing;
// in a read handler that shows internal data (unsigned inspection records)
// to some callers only, decide with seesInternal or seesRound (scope.go).
// Public responses never hold unpublished names, whoever asks.
// auth_matrix_test.go checks every row against every role.
var policy = []rule{
	{"GET", "/healthz", public},
	{"GET", "/readyz", public},
	{"GET", "/", public},
	{"GET", "/conformance", public},
	{"GET", "/api", public},
	{"GET", "/api.html", public},
	// The OGC read side: public; the handlers serve the public only
	// published content.
	{"GET", "/collections", public},
	{"GET", "/collections/{collectionId}", public},
	{"GET", "/collections/{collectionId}/items", public},
	{"GET", "/collections/{collectionId}/items/{featureId}", public},
	// Tiles: the public tileset for everyone, the internal one for staff.
	{"GET", "/tiles/{tileset}/{z}/{x}/{y}.mvt", anyOf(data.RoleViewer).publicWhen("tileset", tiles.Public)},
	{"GET", "/tiles/{tileset}.json", anyOf(data.RoleViewer).publicWhen("tileset", tiles.Public)},
	{"GET", "/styles/{style}.json", anyOf(data.RoleViewer).publicWhen("style", tiles.Public)},
	{"GET", "/fonts/{fontstack}/{range}.pbf", public},
	{"GET", "/map", public},
	{"GET", "/map/static/{file}", public},
	// Surveys, uploads and feature creation: a surveyor for its own team
	// (actForTeam: the survey's team, or X-Toponym-Team / the token's team
	// for imports and features), its places stored as drafts (draftOnly);
	// the uploads are read by staff. Replacing and deleting features, which
	// can change published names, is for admins.
	{"POST", "/surveys", anyOf(data.RoleSurveyor).scoped(ScopeTeam)},
	{"GET", "/surveys/{surveyId}", anyOf(data.RoleViewer)},
	{"POST", "/surveys/{surveyId}/uploads", anyOf(data.RoleSurveyor).scoped(ScopeTeam)},
	{"GET", "/surveys/{surveyId}/uploads/{uploadId}", anyOf(data.RoleViewer)},
	{"GET", "/surveys/{surveyId}/uploads/{uploadId}/items", anyOf(data.RoleViewer)},
	{"GET", "/surveys/{surveyId}/uploads/{uploadId}/raw", anyOf(data.RoleViewer)},
	{"POST", "/imports", anyOf(data.RoleSurveyor).scoped(ScopeTeam)},
	{"GET", "/imports/{uploadId}", anyOf(data.RoleViewer)},
	{"POST", "/collections/{collectionId}/items", anyOf(data.RoleSurveyor).scoped(ScopeTeam)},
	{"PUT", "/collections/{collectionId}/items/{featureId}", anyOf(data.RoleAdmin)},
	{"DELETE", "/collections/{collectionId}/items/{featureId}", anyOf(data.RoleAdmin)},
	// The gazetteer (handle_gazetteer.go): search, history, listings, signs
	// and the LPF export are public and serve published places only; entry
	// and sign condition records by surveyors; C19 and the review trail for
	// staff; review steps by admins until a reviewer role exists.
	{"GET", "/search", public},
	{"POST", "/places", anyOf(data.RoleSurveyor)},
	{"GET", "/places/{placeId}/containment", anyOf(data.RoleViewer)},
	{"POST", "/places/{placeId}/review", anyOf(data.RoleAdmin)},
	{"GET", "/places/{placeId}/reviews", anyOf(data.RoleViewer)},
	{"GET", "/places/{placeId}/lpf", public},
	{"GET", "/export/lpf", public},
	{"GET", "/admin-units", public},
	{"GET", "/admin-units/by-id/{unitId}", public},
	{"GET", "/admin-units/{code}", public},
	{"GET", "/admin-units/{code}/versions", public},
	{"GET", "/admin-units/{code}/chain", public},
	{"GET", "/admin-units/{code}/lpf", public},
	{"GET", "/division-codes/{code}", public},
	{"GET", "/protection-listings", public},
	{"GET", "/signs", public},
	{"POST", "/signs/{signId}/status", anyOf(data.RoleSurveyor)},
	// Joint inspections: an inspector opens, submits to, validates,
	// accepts and signs the rounds of its own party only (partyOf →
	// actForParty; the service refuses a party not of the round). The read
	// side is for staff; an inspector reads its own party's unsigned rounds
	// and every signed one (seesRound).
	{"POST", "/inspections", anyOf(data.RoleInspector).scoped(ScopeParty)},
	{"GET", "/inspections", anyOf(data.RoleViewer)},
	{"GET", "/inspections/overdue", anyOf(data.RoleViewer)},
	{"GET", "/inspections/{roundId}", anyOf(data.RoleViewer)},
	{"POST", "/inspections/{roundId}/submissions", anyOf(data.RoleInspector).scoped(ScopeParty)},
	{"POST", "/inspections/{roundId}/validate", anyOf(data.RoleInspector).scoped(ScopeParty)},
	{"GET", "/inspections/{roundId}/findings", anyOf(data.RoleViewer)},
	{"POST", "/inspections/{roundId}/findings/{findingId}/acceptances", anyOf(data.RoleInspector).scoped(ScopeParty)},
	{"GET", "/inspections/{roundId}/report", anyOf(data.RoleViewer)},
	{"POST", "/inspections/{roundId}/signatures", anyOf(data.RoleInspector).scoped(ScopeParty)},
	// Administration.
	{"GET", "/audit", anyOf(data.RoleAdmin)},
}

// lookupRule returns the policy row of method and pattern.
func lookupRule(method, pattern string) (access, bool) {
	for _, r := range policy {
		if r.method == method && r.pattern == pattern {
			return r.access, true
		}
	}
	return access{}, false
}

// allows reports whether p may call a route with access a, given the
// route's path parameters.
func (a access) allows(p *data.Principal, params *chi.RouteParams) bool {
	if p.Has(data.RoleAdmin) || len(a.roles) == 0 {
		return true
	}
	if a.publicIf != nil && slices.Contains(a.publicIf.values, paramValue(params, a.publicIf.param)) {
		return true
	}
	for _, r := range a.roles {
		if p.Has(r) {
			return true
		}
	}
	return false
}

func paramValue(params *chi.RouteParams, name string) string {
	for i := len(params.Keys) - 1; i >= 0; i-- {
		if params.Keys[i] == name {
			return params.Values[i]
		}
	}
	return ""
}

// describe says who may call a route, for a 403's detail.
func (a access) describe() string {
	names := make([]string, 0, len(a.roles)+1)
	for _, r := range a.roles {
		names = append(names, string(r))
	}
	names = append(names, string(data.RoleAdmin))
	s := "a token with role " + strings.Join(slices.Compact(names), " or ")
	if a.scope != ScopeNone {
		s += " (for its own " + string(a.scope) + ")"
	}
	return s
}

// policyMethod is the method a request is checked as: HEAD as GET, since
// the GET route serves it.
func policyMethod(r *http.Request) string {
	if r.Method == http.MethodHead {
		return http.MethodGet
	}
	return r.Method
}
