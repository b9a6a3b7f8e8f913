package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/faultproxy"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestDatabaseOutage503: while PostGIS cannot be reached the service
// answers 503 problems (not 401 for a good token, not 500), and once it
// can, the same handler serves again without a restart; writes
// acknowledged before the outage are still there.
func TestDatabaseOutage503(t *testing.T) {
	ctx := context.Background()
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy, err := faultproxy.Start(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(proxy.Close)
	u.Host = proxy.Addr()
	st, err := postgis.Open(ctx, postgis.Config{URL: u.String(), MaxConns: 4, StatementTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	secret, prefix, hash := data.NewTokenSecret()
	if err := st.CreateToken(ctx, &data.Token{Name: "ops", Role: data.RoleAdmin, Prefix: prefix, Hash: hash}); err != nil {
		t.Fatal(err)
	}
	audited, err := audit.Wrap(st)
	if err != nil {
		t.Fatal(err)
	}
	h := New(Config{Auth: AuthConfig{Tokens: st, Audit: st, RatePerSecond: -1}}, audited, nil)
	call := func(method, path, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		if body != "" {
			req.Header.Set("Content-Type", "application/geo+json")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	const place = `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.46]},` +
		`"properties":{"name":"洪安","pinyin":"Hong'an","legal_class":3,"category":"1110","review":"draft"}}`
	if rec := call("POST", "/collections/place-names/items", place); rec.Code != http.StatusCreated {
		t.Fatalf("write before the outage: %d %s", rec.Code, rec.Body)
	}

	proxy.Cut()
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/readyz", ""},
		{"GET", "/collections/admin-units/items", ""},
		{"GET", "/audit", ""},
		{"POST", "/collections/place-names/items", place},
	} {
		rec := call(c.method, c.path, c.body)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Content-Type") != problemMediaType {
			t.Errorf("%s %s while the database is down: %d %s, want a 503 problem", c.method, c.path, rec.Code, rec.Body)
		}
	}

	if err := proxy.Restore(); err != nil {
		t.Fatal(err)
	}
	var rec *httptest.ResponseRecorder
	for range 50 { // the pool may first hand out a connection that died
		if rec = call("GET", "/readyz", ""); rec.Code == http.StatusOK {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if rec.Code != http.StatusOK {
		t.Fatalf("/readyz after the outage: %d %s", rec.Code, rec.Body)
	}
	if rec := call("POST", "/collections/place-names/items", place); rec.Code != http.StatusCreated {
		t.Errorf("write after the outage: %d %s", rec.Code, rec.Body)
	}
	page, err := st.ListPlaces(ctx, data.Query{})
	recs, aerr := st.ListAudit(ctx, data.AuditQuery{Entity: audit.EntityPlace})
	if err != nil || aerr != nil || page.Matched != 2 || len(recs) != 2 {
		t.Errorf("after the outage: %d places, %d audit records (%v, %v); want the 2 acknowledged", page.Matched, len(recs), err, aerr)
	}
}
