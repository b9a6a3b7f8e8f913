package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/storetest"
)

// authStore is an empty GeoPackage store: a data.Store, token store and
// audit log in one.
func authStore(tb testing.TB) *gpkg.Store {
	tb.Helper()
	st, err := gpkg.Open(context.Background(), filepath.Join(tb.TempDir(), "auth.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// authFixture is a handler with authentication on and one token per role.
type authFixture struct {
	h       http.Handler
	store   *gpkg.Store
	secrets map[string]string // by name: viewer, surveyor, inspector, admin, revoked, expired
}

var authNow = time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)

func newAuthFixture(t *testing.T, mutate func(*Config)) *authFixture {
	t.Helper()
	st := authStore(t)
	f := &authFixture{store: st, secrets: map[string]string{}}
	ctx := context.Background()
	add := func(name string, r data.Role, party data.Code, team string, edit func(*data.Token)) {
		secret, prefix, hash := data.NewTokenSecret()
		tok := &data.Token{Name: name, Role: r, Party: party, Team: team, Prefix: prefix, Hash: hash}
		if edit != nil {
			edit(tok)
		}
		if err := st.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
		f.secrets[name] = secret
	}
	add("viewer", data.RoleViewer, "", "", nil)
	add("surveyor", data.RoleSurveyor, "", "秀山测绘队", nil)
	add("inspector", data.RoleInspector, "500241", "", nil)
	add("admin", data.RoleAdmin, "", "", nil)
	add("expired", data.RoleAdmin, "", "", func(t *data.Token) { t.Expires = authNow.Add(-time.Minute) })
	add("revoked", data.RoleAdmin, "", "", nil)
	tok, err := st.TokenByHash(ctx, data.HashTokenSecret(f.secrets["revoked"]))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeToken(ctx, tok.ID, authNow.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Now: func() time.Time { return authNow }, Auth: AuthConfig{Tokens: st, Audit: st, RatePerSecond: -1}}
	if mutate != nil {
		mutate(&cfg)
	}
	f.h = New(cfg, st, nil)
	return f
}

// do sends a GET to path with the named token ("" for none).
func (f *authFixture) do(t *testing.T, name, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if name != "" {
		secret, ok := f.secrets[name]
		if !ok {
			secret = name // a raw header value
		}
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

func TestAuthenticationFailures(t *testing.T) {
	f := newAuthFixture(t, nil)
	unknown, _, _ := data.NewTokenSecret()
	for _, c := range []struct {
		name, header, wantErr string
	}{
		{"unknown token", "Bearer " + unknown, "invalid_token"},
		{"revoked token", "Bearer " + f.secrets["revoked"], "invalid_token"},
		{"expired token", "Bearer " + f.secrets["expired"], "invalid_token"},
		{"not a token", "Bearer hello", "invalid_token"},
		{"basic auth", "Basic dXNlcjpwYXNz", "invalid_request"},
		{"empty bearer", "Bearer ", "invalid_request"},
	} {
		req := httptest.NewRequest(http.MethodGet, "/collections", nil) // a public route: bad credentials still fail
		req.Header.Set("Authorization", c.header)
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, req)
		challenge := rec.Header().Get("WWW-Authenticate")
		if rec.Code != http.StatusUnauthorized || !strings.HasPrefix(challenge, `Bearer realm="toponym"`) ||
			!strings.Contains(challenge, `error="`+c.wantErr+`"`) || rec.Header().Get("Content-Type") != problemMediaType {
			t.Errorf("%s: %d, WWW-Authenticate %q, want 401 with error %s", c.name, rec.Code, challenge, c.wantErr)
		}
		if strings.Contains(rec.Body.String(), f.secrets["revoked"]) {
			t.Errorf("%s: the answer echoes the secret", c.name)
		}
	}
}

// TestPolicyExistingRoutes: the policy of the routes that exist before the
// full matrix: the read side and the public tileset are public, the
// internal tileset needs a viewer, the audit log an admin.
func TestPolicyExistingRoutes(t *testing.T) {
	f := newAuthFixture(t, nil)
	const pub, internal = "/tiles/public.json", "/tiles/internal.json"
	for _, c := range []struct {
		path string
		want map[string]int // by token name; "" anonymous
	}{
		{"/readyz", map[string]int{"": 200, "viewer": 200}},
		{"/collections", map[string]int{"": 200, "inspector": 200}},
		{"/collections/place-names/items", map[string]int{"": 200, "admin": 200}},
		{pub, map[string]int{"": 200, "surveyor": 200}},
		{"/styles/public.json", map[string]int{"": 200}},
		{internal, map[string]int{"": 401, "viewer": 200, "surveyor": 200, "inspector": 200, "admin": 200}},
		{"/styles/internal.json", map[string]int{"": 401, "viewer": 200}},
		{"/audit", map[string]int{"": 401, "viewer": 403, "surveyor": 403, "inspector": 403, "admin": 200}},
		// The policy sees the path chi routes on: no bypass by a trailing
		// slash or an escaped letter (which routes nowhere).
		{"/audit/", map[string]int{"": 401, "viewer": 403, "admin": 200}},
		{"/tiles/internal.json/", map[string]int{"": 401, "viewer": 200}},
		{"/%61udit", map[string]int{"": 404, "viewer": 404}},
	} {
		for who, want := range c.want {
			rec := f.do(t, who, c.path)
			if rec.Code != want {
				t.Errorf("%s as %q: %d %s, want %d", c.path, who, rec.Code, rec.Body, want)
			}
			if want == 401 && rec.Header().Get("WWW-Authenticate") != `Bearer realm="toponym"` {
				t.Errorf("%s as %q: WWW-Authenticate %q", c.path, who, rec.Header().Get("WWW-Authenticate"))
			}
		}
	}
	if rec := f.do(t, "viewer", "/no/such/route"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown route: %d, want 404", rec.Code)
	}
}

// TestPolicyCoversEveryRoute: every route the API registers has a row in
// the policy table, and every row names a registered route. A new
// endpoint fails here until its row is added to policy (policy.go).
func TestPolicyCoversEveryRoute(t *testing.T) {
	mux := New(Config{}, authStore(t), nil).(chi.Routes)
	routes := map[string]bool{}
	err := chi.Walk(mux, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		routes[method+" "+route] = true
		if _, ok := lookupRule(method, route); !ok {
			t.Errorf("route %s %s has no row in the policy table (api/policy.go)", method, route)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range policy {
		if !routes[r.method+" "+r.pattern] {
			t.Errorf("policy row %s %s names no route", r.method, r.pattern)
		}
	}
}

func TestRateLimitPerToken(t *testing.T) {
	now := authNow
	f := newAuthFixture(t, func(c *Config) {
		c.Now = func() time.Time { return now }
		c.Auth.RatePerSecond, c.Auth.Burst = 1, 2
	})
	for i, want := range []int{200, 200, 429} {
		if rec := f.do(t, "viewer", "/healthz"); rec.Code != want {
			t.Errorf("viewer request %d: %d, want %d", i+1, rec.Code, want)
		} else if want == 429 && rec.Header().Get("Retry-After") != "1" {
			t.Errorf("429 without Retry-After: %q", rec.Header().Get("Retry-After"))
		}
	}
	if rec := f.do(t, "admin", "/healthz"); rec.Code != 200 {
		t.Errorf("another token shares the viewer's bucket: %d", rec.Code)
	}
	if rec := f.do(t, "", "/healthz"); rec.Code != 200 {
		t.Errorf("anonymous shares the viewer's bucket: %d", rec.Code)
	}
	now = now.Add(time.Second)
	if rec := f.do(t, "viewer", "/healthz"); rec.Code != 200 {
		t.Errorf("after a second the viewer's bucket is still empty: %d", rec.Code)
	}
}

// TestAuditEndpoint: writes through the audit decorator by a principal
// show in GET /audit with their actor, filtered and paged.
func TestAuditEndpoint(t *testing.T) {
	f := newAuthFixture(t, nil)
	w, err := audit.Wrap(f.store)
	if err != nil {
		t.Fatal(err)
	}
	ctx := data.WithPrincipal(context.Background(), &data.Principal{Subject: "s1", Role: data.RoleAdmin, Via: data.ViaToken})
	units := []*data.AdminUnit{storetest.Unit("500241", "秀山县", 108.9, 28.3), storetest.Unit("500242", "酉阳县", 108.7, 28.8)}
	for _, u := range units {
		if err := w.CreateAdminUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	var page struct {
		Records []audit.RecordJSON `json:"records"`
		Links   []link             `json:"links"`
	}
	rec := f.do(t, "admin", "/audit?actor=token:s1&limit=1")
	if rec.Code != 200 {
		t.Fatalf("GET /audit: %d %s", rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != 1 || page.Records[0].EntityID != units[0].ID || page.Records[0].Entity != "admin_unit" ||
		len(page.Links) != 2 || page.Links[1].Rel != "next" {
		t.Fatalf("first page: %+v", page)
	}
	next := strings.TrimPrefix(page.Links[1].Href, "http://example.com")
	page.Records = nil
	rec = f.do(t, "admin", next)
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || len(page.Records) != 1 ||
		page.Records[0].EntityID != units[1].ID {
		t.Errorf("next page %s: %s", next, rec.Body)
	}
	for _, bad := range []string{"?limit=0", "?from=yesterday", "?after=-1", "?colour=red", "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "?f=html"} {
		if rec := f.do(t, "admin", "/audit"+bad); rec.Code != http.StatusBadRequest {
			t.Errorf("/audit%s: %d, want 400", bad, rec.Code)
		}
	}
}

// TestAuthOff: with no token store the API is open, as before auth.
func TestAuthOff(t *testing.T) {
	h := New(Config{}, authStore(t), nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/tiles/internal.json", nil))
	if rec.Code != 200 {
		t.Errorf("internal TileJSON with auth off: %d", rec.Code)
	}
}

// TestPolicyRowsUnique holds the policy table to one row per method and
// route: a second row for the same route would make access depend on
// which one the lookup meets first.
func TestPolicyRowsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range policy {
		k := r.method + " " + r.pattern
		if seen[k] {
			t.Errorf("policy has two rows for %s", k)
		}
		seen[k] = true
	}
}

// TestInspectorSignsOnlyForOwnParty: a county must not sign for its
// neighbour. An inspector token of 秀山 (500241) that names 花垣 (433124)
// in the party header is refused before anything is read; an admin may
// act for any party; the token's own party stands when no header is sent.
func TestInspectorSignsOnlyForOwnParty(t *testing.T) {
	f := newAuthFixture(t, nil)
	post := func(token, party string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/inspections/"+data.NewID()+"/signatures",
			strings.NewReader(`{"signer":"张三"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+f.secrets[token])
		if party != "" {
			req.Header.Set(PartyHeader, party)
		}
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, req)
		return w
	}
	if w := post("inspector", "433124"); w.Code != http.StatusForbidden ||
		!strings.Contains(w.Body.String(), "may not act for party 433124") {
		t.Errorf("inspector of 500241 signing for 433124: %d %s", w.Code, w.Body)
	}
	// Own party, by header or by token: past the party check, the unknown
	// round is a 404.
	for _, party := range []string{"500241", ""} {
		if w := post("inspector", party); w.Code != http.StatusNotFound {
			t.Errorf("inspector of 500241 with party header %q: %d %s", party, w.Code, w.Body)
		}
	}
	if w := post("admin", "433124"); w.Code != http.StatusNotFound {
		t.Errorf("admin acting for 433124: %d %s", w.Code, w.Body)
	}
}
