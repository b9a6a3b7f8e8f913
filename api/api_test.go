package api

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

func TestProblemForKinds(t *testing.T) {
	tests := []struct {
		err        error
		status     int
		unexpected bool
		detail     string
	}{
		{data.Invalidf("name", "name is required"), 400, false, "name is required"},
		{data.NotFound("place", "x"), 404, false, `place "x" not found`},
		{data.Errorf(data.KindConflict, "dup"), 409, false, "dup"},
		{data.Errorf(data.KindForbidden, "no"), 403, false, "no"},
		{&data.Error{Kind: data.KindUnavailable, Message: "db down", Err: errors.New("dial tcp")}, 503, true, "db down"},
		{&data.Error{Kind: data.KindInternal, Message: "secret", Err: errors.New("x")}, 500, true, internalDetail},
		{errors.New("pq: secret"), 500, true, internalDetail},
		{fmt.Errorf("wrapped: %w", data.Invalidf("code", "bad code")), 400, false, "bad code"},
		{&data.Error{Kind: data.Kind(99), Message: "odd"}, 500, true, internalDetail},
		{&http.MaxBytesError{Limit: 10}, 413, false, "the request body exceeds the limit of 10 bytes"},
		{fmt.Errorf("q: %w", context.DeadlineExceeded), 503, false, "the request took longer than the server allows"},
	}
	for _, tt := range tests {
		p, unexpected := problemFor(tt.err)
		if p.Status != tt.status || unexpected != tt.unexpected || p.Detail != tt.detail || p.Title != http.StatusText(tt.status) {
			t.Errorf("problemFor(%v) = %+v, %v; want %d %q, %v", tt.err, p, unexpected, tt.status, tt.detail, tt.unexpected)
		}
	}
	e := &data.Error{Kind: data.KindInvalid, Field: "limit", Row: 3, Value: "0", Message: "m"}
	if p, _ := problemFor(inParam(e)); p.Parameter != "limit" || p.Field != "" || p.Row != 3 || p.Value != "0" {
		t.Errorf("parameter problem = %+v", p)
	}
	if p, _ := problemFor(e); p.Field != "limit" || p.Parameter != "" {
		t.Errorf("field problem = %+v", p)
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	rec := do(t, h, "GET", "/nope", nil)
	decodeProblem(t, 404, rec.Header().Get("Content-Type"), rec.Body)
	rec = do(t, h, "POST", "/collections", nil)
	decodeProblem(t, 405, rec.Header().Get("Content-Type"), rec.Body)
	if a := rec.Header().Get("Allow"); !strings.Contains(a, "GET") {
		t.Errorf("Allow = %q", a)
	}
	if rec := do(t, h, "HEAD", "/collections", nil); rec.Code != 200 {
		t.Errorf("HEAD /collections = %d", rec.Code)
	}
}

func TestPanicIsLoggedWithStackAndHidden(t *testing.T) {
	h, logs := newStubServer(t, Config{}, &stubStore{}) // ListSigns is not stubbed: it panics
	rec := do(t, h, "GET", "/collections/signs/items", nil)
	p := decodeProblem(t, 500, rec.Header().Get("Content-Type"), rec.Body)
	if p.Detail != internalDetail || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("panic response leaks: %s", rec.Body)
	}
	panics := logs.lines(t, "panic")
	if len(panics) != 1 || !strings.Contains(fmt.Sprint(panics[0]["stack"]), "goroutine") {
		t.Fatalf("panic logs = %v", panics)
	}
	if panics[0]["request_id"] != p.RequestID || p.RequestID == "" {
		t.Errorf("request ids: log %v, problem %q", panics[0]["request_id"], p.RequestID)
	}
	access := logs.lines(t, "request")
	if len(access) != 1 || access[0]["status"] != float64(500) {
		t.Errorf("access log = %v", access)
	}
}

func TestUnexpectedErrorLoggedOnceAndHidden(t *testing.T) {
	st := &stubStore{markers: func(context.Context, data.Query) (data.Page[*data.Marker], error) {
		return data.Page[*data.Marker]{}, errors.New("postgis: relation secret_table does not exist")
	}}
	h, logs := newStubServer(t, Config{}, st)
	rec := do(t, h, "GET", "/collections/markers/items", nil)
	p := decodeProblem(t, 500, rec.Header().Get("Content-Type"), rec.Body)
	if p.Detail != internalDetail || strings.Contains(rec.Body.String(), "secret") {
		t.Errorf("response leaks the cause: %s", rec.Body)
	}
	failed := logs.lines(t, "request failed")
	if len(failed) != 1 || !strings.Contains(fmt.Sprint(failed[0]["cause"]), "secret_table") {
		t.Errorf("error logs = %v", failed)
	}
}

func TestTimeoutGives503(t *testing.T) {
	st := &stubStore{markers: func(ctx context.Context, _ data.Query) (data.Page[*data.Marker], error) {
		<-ctx.Done()
		return data.Page[*data.Marker]{}, fmt.Errorf("postgis: list markers: %w", ctx.Err())
	}}
	h, _ := newStubServer(t, Config{RequestTimeout: time.Millisecond}, st)
	rec := do(t, h, "GET", "/collections/markers/items", nil)
	decodeProblem(t, 503, rec.Header().Get("Content-Type"), rec.Body)
}

func TestHealthAndReadiness(t *testing.T) {
	st := &stubStore{}
	h, _ := newStubServer(t, Config{Version: "1.2.3"}, st)
	for _, path := range []string{"/healthz", "/readyz"} {
		rec := do(t, h, "GET", path, nil)
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != 200 || err != nil || body["version"] != "1.2.3" {
			t.Errorf("%s = %d %s", path, rec.Code, rec.Body)
		}
	}
	st.ping = &data.Error{Kind: data.KindUnavailable, Message: "database unreachable", Err: errors.New("dial tcp 127.0.0.1:1")}
	rec := do(t, h, "GET", "/readyz", nil)
	p := decodeProblem(t, 503, rec.Header().Get("Content-Type"), rec.Body)
	if strings.Contains(p.Detail, "dial") {
		t.Errorf("readyz leaks the cause: %q", p.Detail)
	}
	st.ping = errors.New("some driver error")
	rec = do(t, h, "GET", "/readyz", nil)
	decodeProblem(t, 503, rec.Header().Get("Content-Type"), rec.Body)
	if rec := do(t, h, "GET", "/healthz", nil); rec.Code != 200 {
		t.Errorf("healthz with the database down = %d", rec.Code)
	}
}

func TestRequestID(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	rec := do(t, h, "GET", "/nope", http.Header{"X-Request-Id": {"abc-123.x_y"}})
	if got := rec.Header().Get("X-Request-Id"); got != "abc-123.x_y" {
		t.Errorf("sane id not echoed: %q", got)
	}
	if p := decodeProblem(t, 404, rec.Header().Get("Content-Type"), rec.Body); p.RequestID != "abc-123.x_y" {
		t.Errorf("problem request_id = %q", p.RequestID)
	}
	for _, bad := range []string{"has space", strings.Repeat("a", 129), "a\"b", "<script>"} {
		rec := do(t, h, "GET", "/healthz", http.Header{"X-Request-Id": {bad}})
		if got := rec.Header().Get("X-Request-Id"); got == bad || !data.ValidID(got) {
			t.Errorf("insane id %q: got %q, want a new UUID", bad, got)
		}
	}
}

func TestCORS(t *testing.T) {
	h, _ := newStubServer(t, Config{CORSOrigins: []string{"https://map.example.org"}}, &stubStore{})
	rec := do(t, h, "GET", "/collections", http.Header{"Origin": {"https://map.example.org"}})
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://map.example.org" {
		t.Errorf("allowed origin: ACAO = %q", got)
	}
	rec = do(t, h, "GET", "/collections", http.Header{"Origin": {"https://evil.example"}})
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "" || rec.Code != 200 {
		t.Errorf("other origin: ACAO = %q, status %d", got, rec.Code)
	}
	pre := http.Header{"Origin": {"https://map.example.org"}, "Access-Control-Request-Method": {"GET"},
		"Access-Control-Request-Headers": {"X-Request-Id, X-Evil"}}
	rec = do(t, h, "OPTIONS", "/collections/place-names/items", pre)
	if rec.Code != 204 || !strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "GET") ||
		rec.Header().Get("Access-Control-Allow-Headers") != "x-request-id" {
		t.Errorf("preflight = %d %v", rec.Code, rec.Header())
	}
	pre.Set("Origin", "https://evil.example")
	rec = do(t, h, "OPTIONS", "/collections", pre)
	decodeProblem(t, 403, rec.Header().Get("Content-Type"), rec.Body)
}

func TestGzip(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	for _, path := range []string{"/collections", "/api", "/api.html", "/nope"} {
		rec := do(t, h, "GET", path, http.Header{"Accept-Encoding": {"gzip"}})
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: Content-Encoding = %q", path, rec.Header().Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if b, err := io.ReadAll(zr); err != nil || len(b) == 0 {
			t.Errorf("%s: gunzip: %v", path, err)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	s := &server{log: discardLogger()}
	read := s.handle(func(w http.ResponseWriter, r *http.Request) error {
		if _, err := io.ReadAll(r.Body); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	h := withRequestID(limitBody(8)(read))
	for _, tt := range []struct {
		body    string
		chunked bool
		status  int
	}{
		{"12345678", false, 204},
		{"123456789", false, 413}, // refused by Content-Length
		{"123456789", true, 413},  // refused while reading
	} {
		req := httptest.NewRequest("POST", "/x", strings.NewReader(tt.body))
		if tt.chunked {
			req.ContentLength = -1
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("body %q chunked=%v: status %d, want %d", tt.body, tt.chunked, rec.Code, tt.status)
		}
		if tt.status == 413 {
			decodeProblem(t, 413, rec.Header().Get("Content-Type"), rec.Body)
		}
	}
}

// badInputCases are requests with bad input: each must get a 4xx problem
// naming the parameter at fault, never a 500.
var badInputCases = []struct {
	target string
	status int
	param  string
}{
	{"/collections/nope", 404, "collectionId"},
	{"/collections/nope/items", 404, "collectionId"},
	{"/collections/nope/items/0190b6a4-4d3c-7a2b-8c1d-1234567890ab", 404, "collectionId"},
	{"/collections/place-names/items?bbox=1,2,3", 400, "bbox"},
	{"/collections/place-names/items?bbox=", 400, "bbox"},
	{"/collections/place-names/items?bbox=a,b,c,d", 400, "bbox"},
	{"/collections/place-names/items?bbox=NaN,28,110,29", 400, "bbox"},
	{"/collections/place-names/items?bbox=1,2,Inf,4", 400, "bbox"},
	{"/collections/place-names/items?bbox=110,28,109,29", 400, "bbox"},
	{"/collections/place-names/items?bbox=109,29,110,28", 400, "bbox"},
	{"/collections/place-names/items?bbox=109,28,110,91", 400, "bbox"},
	{"/collections/place-names/items?bbox=1,2,3,4,5", 400, "bbox"},
	{"/collections/markers/items?bbox=109.1,28.4,109.4,28.6&bbox-crs=" + EPSG4490URI, 400, "bbox"},
	{"/collections/place-names/items?bbox=1,2,3,4&bbox-crs=EPSG:4326", 400, "bbox-crs"},
	{"/collections/place-names/items?crs=http://www.opengis.net/def/crs/EPSG/0/3857", 400, "crs"},
	{"/collections/place-names/items?datetime=yesterday", 400, "datetime"},
	{"/collections/place-names/items?datetime=2011-01-01/2005-01-01", 400, "datetime"},
	{"/collections/place-names/items?datetime=../..", 400, "datetime"},
	{"/collections/place-names/items?datetime=2010-02-30", 400, "datetime"},
	{"/collections/place-names/items?limit=0", 400, "limit"},
	{"/collections/place-names/items?limit=10001", 400, "limit"},
	{"/collections/place-names/items?limit=abc", 400, "limit"},
	{"/collections/place-names/items?limit=-5", 400, "limit"},
	{"/collections/place-names/items?limit=5&limit=6", 400, "limit"},
	{"/collections/place-names/items?offset=-1", 400, "offset"},
	{"/collections/place-names/items?f=xml", 400, "f"},
	{"/collections/place-names/items?foo=bar", 400, "foo"},
	{"/collections/place-names/items/not-a-uuid", 404, "featureId"},
	{"/collections/place-names/items/%00", 404, "featureId"},
	{"/collections/place-names/items/0190b6a4-4d3c-7a2b-8c1d-1234567890ab?crs=x", 400, "crs"},
	{"/collections/place-names/items/0190b6a4-4d3c-7a2b-8c1d-1234567890ab?limit=1", 400, "limit"},
	{"/collections?foo=1", 400, "foo"},
	{"/collections/pois?bbox=1,2,3,4", 400, "bbox"},
	{"/?f=pdf", 400, "f"},
	{"/conformance?x=1", 400, "x"},
	{"/collections/admin-units/items?code=50024", 400, "code"},
	{"/collections/admin-units/items?code=990241", 400, "code"},
	{"/collections/admin-units/items?code=500241000", 400, "code"},
	{"/collections/admin-units/items?code=%E4%B8%AD", 400, "code"},
	{"/collections/admin-units/items?level=city", 400, "level"},
	{"/collections/markers/items?line=4350", 400, "line"},
	{"/collections/place-names/items?admin_code=5002", 400, "admin_code"},
	{"/collections/markers/items?code=500241", 400, "code"},
}

// checkBadInput runs badInputCases against h.
func checkBadInput(t *testing.T, h http.Handler) {
	t.Helper()
	for _, tt := range badInputCases {
		t.Run(tt.target, func(t *testing.T) {
			rec := do(t, h, "GET", tt.target, nil)
			p := decodeProblem(t, tt.status, rec.Header().Get("Content-Type"), rec.Body)
			if p.Parameter != tt.param {
				t.Errorf("parameter = %q, want %q (%+v)", p.Parameter, tt.param, p)
			}
			if p.Detail == "" || p.Instance == "" || p.RequestID == "" {
				t.Errorf("problem lacks detail, instance or request_id: %+v", p)
			}
		})
	}
}

func TestBadInputStub(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	checkBadInput(t, h)
}

// TestMethodNotAllowedNamesRouteMethods: a 405's Allow header and detail
// name the methods registered for the path's route, HEAD with GET. The
// bug: every 405 said "Allow: GET, HEAD" and "use GET", as when the API
// was read-only.
func TestMethodNotAllowedNamesRouteMethods(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	id := "0190b6a4-4d3c-7a2b-8c1d-1234567890ab"
	for _, c := range []struct{ method, target, allow, use string }{
		{"POST", "/collections", "GET, HEAD", "use GET or HEAD"},
		{"DELETE", "/surveys", "POST", "use POST"},
		{"DELETE", "/surveys/", "POST", "use POST"},
		{"GET", "/places/" + id + "/review", "POST", "use POST"},
		{"GET", "/signs/" + id + "/status", "POST", "use POST"},
		{"PUT", "/collections/place-names/items", "GET, HEAD, POST", "use GET, HEAD or POST"},
		{"PATCH", "/collections/place-names/items/" + id, "GET, HEAD, PUT, DELETE", "use GET, HEAD, PUT or DELETE"},
		{"POST", "/inspections/" + id, "GET, HEAD", "use GET or HEAD"},
		{"PUT", "/inspections", "GET, HEAD, POST", "use GET, HEAD or POST"},
	} {
		rec := do(t, h, c.method, c.target, nil)
		p := decodeProblem(t, http.StatusMethodNotAllowed, rec.Header().Get("Content-Type"), rec.Body)
		if a := rec.Header().Get("Allow"); a != c.allow || !strings.Contains(p.Detail, c.use) {
			t.Errorf("%s %s: Allow %q, detail %q; want %q and %q", c.method, c.target, a, p.Detail, c.allow, c.use)
		}
	}
}
