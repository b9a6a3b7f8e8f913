package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// matrixReq is one request of the matrix and the statuses the handler may
// answer a caller the policy lets through.
type matrixReq struct {
	variant      string
	method, path string
	body         string
	header       map[string]string
	ok           []int
}

// get is a GET answered 200 to those let through.
func get(path string) matrixReq { return matrixReq{method: "GET", path: path, ok: []int{200}} }

// post is a JSON POST answered with one of ok to those let through.
func post(path, body string, ok ...int) matrixReq {
	return matrixReq{method: "POST", path: path, body: body, ok: ok, header: map[string]string{"Content-Type": mediaJSON}}
}

func (m matrixReq) with(k, v string) matrixReq {
	h := map[string]string{}
	for hk, hv := range m.header {
		h[hk] = hv
	}
	if v != "" {
		h[k] = v
	}
	m.header = h
	return m
}

// partyFor is the party header a caller sends to the inspection writes:
// none for an inspector (its token's party stands), X for an admin.
func partyFor(c *matrixCaller) string {
	if c.role == data.RoleAdmin {
		return string(partyX)
	}
	return ""
}

// tileOf is the z/x/y path part of the tile holding p at zoom z.
func tileOf(p orb.Point, z maptile.Zoom) string {
	t := maptile.At(p, z)
	return fmt.Sprintf("%d/%d/%d", t.Z, t.X, t.Y)
}

const poiFeature = `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.06,28.46]},` +
	`"properties":{"name":"矩阵兴趣点","category":"1100"}}`

// matrixRequests returns, per "METHOD pattern", the requests that exercise
// the route for caller c: valid for a caller in scope, so that a refusal
// can only come from the policy.
func (f *matrixFixture) matrixRequests(c *matrixCaller) map[string][]matrixReq {
	csv := map[string]string{"Content-Type": "text/csv"}
	sv, up, r1 := "/surveys/"+f.surveyA.ID, "/uploads/"+f.uploadA, "/inspections/"+f.round1.ID
	pub, dr := f.seed.published, f.seed.draft
	tile := tileOf(dr.Geometry.(orb.Point), 15)
	lineVersion := `{"line_versions":[{"source_crs":4490,"geometry":{"type":"LineString","coordinates":[[109.3,28.8],[109.2702,28.5035]]}}]}`
	placeJSON := `{"kind":"place_name","legal_class":3,"category":"1100","geometry":{"type":"Point","coordinates":[109.12,28.32]},` +
		`"names":[{"status":"standard","text":"矩阵村"}]}`
	replace := strings.Replace(poiFeature, `"name":"矩阵兴趣点"`, `"name":"新名村","legal_class":3`, 1)
	return map[string][]matrixReq{
		"GET /healthz":                          {get("/healthz")},
		"GET /readyz":                           {get("/readyz")},
		"GET /":                                 {get("/")},
		"GET /conformance":                      {get("/conformance")},
		"GET /api":                              {get("/api")},
		"GET /api.html":                         {get("/api.html")},
		"GET /collections":                      {get("/collections")},
		"GET /collections/{collectionId}":       {get("/collections/place-names")},
		"GET /collections/{collectionId}/items": {get("/collections/place-names/items")},
		"GET /collections/{collectionId}/items/{featureId}": {get("/collections/place-names/items/" + pub.ID)},
		"GET /tiles/{tileset}/{z}/{x}/{y}.mvt": {
			{variant: "public", method: "GET", path: "/tiles/public/" + tile + ".mvt", ok: []int{200, 204}},
			{variant: "internal", method: "GET", path: "/tiles/internal/" + tile + ".mvt", ok: []int{200, 204}}},
		"GET /tiles/{tileset}.json": {{variant: "public", method: "GET", path: "/tiles/public.json", ok: []int{200}},
			{variant: "internal", method: "GET", path: "/tiles/internal.json", ok: []int{200}}},
		"GET /styles/{style}.json": {{variant: "public", method: "GET", path: "/styles/public.json", ok: []int{200}},
			{variant: "internal", method: "GET", path: "/styles/internal.json", ok: []int{200}}},
		"GET /fonts/{fontstack}/{range}.pbf": {get("/fonts/Toponym%20Sans/0-255.pbf")},
		"GET /map":                           {get("/map")},
		"GET /map/static/{file}":             {get("/map/static/map.css")},
		"POST /surveys": {post("/surveys", `{"name":"矩阵勘测","team":"`+teamA+`","device":"RTK-1","method":"RTK",`+
			`"crs":4490,"accuracy_m":0.05}`, 201)},
		"GET /surveys/{surveyId}": {get(sv)},
		"POST /surveys/{surveyId}/uploads": {{method: "POST", path: sv + "/uploads?file_name=m.csv",
			body: "name,lon,lat\n矩阵点,109.01,28.41\n", header: csv, ok: []int{201}}},
		"GET /surveys/{surveyId}/uploads/{uploadId}":       {get(sv + up)},
		"GET /surveys/{surveyId}/uploads/{uploadId}/items": {get(sv + up + "/items")},
		"GET /surveys/{surveyId}/uploads/{uploadId}/raw":   {get(sv + up + "/raw")},
		"POST /imports": {{method: "POST", path: "/imports?kind=poi&file_name=m.csv",
			body: "name,lon,lat\n矩阵导入点,109.02,28.42\n", header: csv, ok: []int{201}}},
		"GET /imports/{uploadId}": {get("/imports/" + f.importID)},
		"POST /collections/{collectionId}/items": {post("/collections/pois/items", poiFeature, 201).
			with("Content-Type", mediaGeoJSON)},
		"PUT /collections/{collectionId}/items/{featureId}": {{method: "PUT",
			path: "/collections/place-names/items/" + f.toReplace.ID, body: replace,
			header: map[string]string{"Content-Type": mediaGeoJSON}, ok: []int{200}}},
		"DELETE /collections/{collectionId}/items/{featureId}": {{method: "DELETE",
			path: "/collections/place-names/items/" + f.toDelete.ID, ok: []int{204}}},
		"GET /search":                       {get("/search?q=" + "洪安")},
		"POST /places":                      {post("/places", placeJSON, 201)},
		"GET /places/{placeId}/containment": {get("/places/" + pub.ID + "/containment")},
		"POST /places/{placeId}/review":     {post("/places/"+f.toReview.ID+"/review", `{"status":"reviewed","by":"审核员"}`, 200)},
		"GET /places/{placeId}/reviews":     {get("/places/" + pub.ID + "/reviews")},
		"GET /places/{placeId}/lpf":         {get("/places/" + pub.ID + "/lpf")},
		"GET /export/lpf":                   {get("/export/lpf")},
		"GET /admin-units":                  {get("/admin-units")},
		"GET /admin-units/by-id/{unitId}":   {get("/admin-units/by-id/" + f.seed.biancheng.UnitID)},
		"GET /admin-units/{code}":           {get("/admin-units/500241")},
		"GET /admin-units/{code}/versions":  {get("/admin-units/433124108/versions")},
		"GET /admin-units/{code}/chain":     {get("/admin-units/433124108/chain")},
		"GET /admin-units/{code}/lpf":       {get("/admin-units/433124108/lpf")},
		"GET /division-codes/{code}":        {get("/division-codes/433124108")},
		"GET /protection-listings":          {get("/protection-listings")},
		"GET /signs":                        {get("/signs")},
		"POST /signs/{signId}/status":       {post("/signs/"+f.seed.sign.ID+"/status", `{"status":"damaged"}`, 200)},
		"POST /inspections": {post("/inspections", `{"line_id":"`+f.lineXY.ID+`","year":2027,"type":"special",`+
			`"reason":"暴雨后 after the storm","parties":["`+string(partyY)+`","`+string(partyX)+`"]}`, 201).
			with(PartyHeader, partyFor(c))},
		"GET /inspections":                        {get("/inspections")},
		"GET /inspections/overdue":                {get("/inspections/overdue")},
		"GET /inspections/{roundId}":              {get(r1)},
		"POST /inspections/{roundId}/submissions": {post(r1+"/submissions", lineVersion, 200).with(PartyHeader, partyFor(c))},
		"POST /inspections/{roundId}/validate":    {post(r1+"/validate", "", 200).with(PartyHeader, partyFor(c))},
		"GET /inspections/{roundId}/findings":     {get(r1 + "/findings")},
		// An unknown finding: the handler's 404 shows the request got past the policy.
		"POST /inspections/{roundId}/findings/{findingId}/acceptances": {post(r1+"/findings/"+data.NewID()+"/acceptances",
			`{"reason":"待补测"}`, 404).with(PartyHeader, partyFor(c))},
		"GET /inspections/{roundId}/report": {get(r1 + "/report")},
		// Round 1 has unaccepted errors: a signature gets as far as the 409.
		"POST /inspections/{roundId}/signatures": {post(r1+"/signatures", `{"signer":"签署人"}`, 200, 409).
			with(PartyHeader, partyFor(c))},
		"GET /audit": {get("/audit")},
	}
}

// mayCall is the matrix's own reading of a policy row: an admin calls
// everything; a row without roles is public; a public-when row is public
// for the named parameter values; otherwise the caller's role must include
// one of the row's roles (data.Role.Includes: surveyors and inspectors
// include viewer).
func mayCall(a access, c *matrixCaller, params map[string]string) bool {
	switch {
	case c.role == data.RoleAdmin, len(a.roles) == 0:
		return true
	case a.publicIf != nil && slices.Contains(a.publicIf.values, params[a.publicIf.param]):
		return true
	}
	return slices.ContainsFunc(a.roles, func(r data.Role) bool { return c.role.Includes(r) })
}

// matrixCell is one request of the matrix as sent and answered.
type matrixCell struct {
	route, variant, caller string
	public                 bool // a public route, or the public variant of a public-when route
	status                 int
	body                   string
}

// TestAuthMatrix sends every route of the API, as every caller, and holds
// the answer to the policy table: a caller the row admits gets the
// handler's answer (one of the statuses the request is built for, never
// 401 or 403); any other gets 401 with a Bearer challenge when anonymous
// and 403 problem+json otherwise. A route without a request here fails
// the test, as a route without a policy row fails
// TestPolicyCoversEveryRoute. Then no answer to the anonymous public or to
// inspector X holds party Y's unsigned records or the draft's name.
func TestAuthMatrix(t *testing.T) {
	f := newMatrixFixture(t)
	mux := f.h.(chi.Routes)
	var routes []string
	mustDo(t, chi.Walk(mux, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		routes = append(routes, method+" "+route)
		return nil
	}))
	known := f.matrixRequests(f.callers[0])
	for k := range known {
		if !slices.Contains(routes, k) {
			t.Errorf("the matrix has requests for %s, which is no route", k)
		}
	}
	var cells []matrixCell
	for _, r := range policy { // policy order: writes before the reads that follow them
		key := r.method + " " + r.pattern
		if !slices.Contains(routes, key) {
			continue
		}
		if len(known[key]) == 0 {
			t.Errorf("route %s has no request in the role matrix (auth_matrix_test.go)", key)
			continue
		}
		for _, c := range f.callers {
			for _, req := range f.matrixRequests(c)[key] {
				cells = append(cells, f.checkCell(t, mux, r, c, req))
			}
		}
	}
	for _, k := range routes {
		method, pattern, _ := strings.Cut(k, " ")
		if _, ok := lookupRule(method, pattern); !ok {
			t.Errorf("route %s has no policy row and so no matrix cell", k)
		}
	}
	t.Logf("matrix: %d routes × %d callers = %d requests", len(routes), len(f.callers), len(cells))
	for _, cell := range cells {
		var leaks []string
		if cell.caller == "anonymous" || cell.caller == "inspectorX" {
			leaks = append(leaks, secretY) // party Y's unsigned records
		}
		if cell.caller == "anonymous" || cell.public {
			leaks = append(leaks, f.seed.draft.Names[0].Text, f.seed.draft.Names[0].Pinyin) // the draft's name
		}
		for _, leak := range leaks {
			if strings.Contains(cell.body, leak) {
				t.Errorf("%s %s as %s: the answer holds %q", cell.route, cell.variant, cell.caller, leak)
			}
		}
	}
}

// checkCell sends req as c and checks the answer against row r.
func (f *matrixFixture) checkCell(t *testing.T, mux chi.Routes, r rule, c *matrixCaller, req matrixReq) matrixCell {
	t.Helper()
	route := r.method + " " + r.pattern
	rctx := chi.NewRouteContext()
	path, _, _ := strings.Cut(req.path, "?")
	if !mux.Match(rctx, req.method, path) || rctx.RoutePattern() != r.pattern {
		t.Fatalf("%s: request %s %s takes route %q", route, req.method, req.path, rctx.RoutePattern())
	}
	params := map[string]string{}
	for i, k := range rctx.URLParams.Keys {
		params[k] = rctx.URLParams.Values[i]
	}
	rec := f.send(t, c.name, req.method, req.path, req.body, req.header)
	cell := matrixCell{route: route, variant: req.variant, caller: c.name, status: rec.Code, body: rec.Body.String(),
		public: mayCall(r.access, f.byName["anonymous"], params)}
	what := fmt.Sprintf("%s %s as %s", route, req.variant, c.name)
	switch {
	case mayCall(r.access, c, params):
		if !slices.Contains(req.ok, rec.Code) {
			t.Errorf("%s: %d %s; the policy admits the caller, want the handler's %v", what, rec.Code, clip(rec), req.ok)
		}
	case c.role == "":
		if rec.Code != http.StatusUnauthorized || !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer ") {
			t.Errorf("%s: %d (WWW-Authenticate %q), want 401 with a challenge", what, rec.Code, rec.Header().Get("WWW-Authenticate"))
		}
	default:
		if rec.Code != http.StatusForbidden || !strings.HasPrefix(rec.Header().Get("Content-Type"), problemMediaType) {
			t.Errorf("%s: %d %s, want 403 problem+json", what, rec.Code, clip(rec))
		}
	}
	return cell
}

// clip is the start of an answer's body, for messages.
func clip(rec *httptest.ResponseRecorder) string {
	b := rec.Body.String()
	if len(b) > 300 {
		b = b[:300] + "…"
	}
	return b
}

// TestMatrixTilesetParam: the public-when rows name a tileset parameter
// whose public value is tiles.Public, so the matrix's two variants mean
// what they say.
func TestMatrixTilesetParam(t *testing.T) {
	if tiles.Public != "public" {
		t.Fatalf("tiles.Public is %q: the matrix requests name the public tileset \"public\"", tiles.Public)
	}
}
