package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// uploadServer is a real HTTP server on 127.0.0.1 over a fresh PostGIS
// database.
type uploadServer struct {
	url string
	st  *postgis.Store
}

func newUploadServer(tb testing.TB, cfg Config) *uploadServer {
	tb.Helper()
	st := pgtest.Store(tb)
	srv := httptest.NewServer(New(cfg, st, discardLogger()))
	tb.Cleanup(srv.Close)
	return &uploadServer{url: srv.URL, st: st}
}

// send makes a request and returns the status, headers and body.
func (u *uploadServer) send(tb testing.TB, method, path string, body io.Reader, hdr map[string]string) (int, http.Header, []byte) {
	tb.Helper()
	req, err := http.NewRequest(method, u.url+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// createSurvey creates a survey declaring crs and returns its id.
func (u *uploadServer) createSurvey(tb testing.TB, crs int) string {
	tb.Helper()
	body := fmt.Sprintf(`{"name":"秀山 2024 勘界","team":"秀山县民政局","device":"Hi-Target V200","method":"RTK",`+
		`"crs":%d,"accuracy_m":0.02}`, crs)
	status, hdr, b := u.send(tb, "POST", "/surveys", strings.NewReader(body), map[string]string{"Content-Type": mediaJSON})
	if status != http.StatusCreated {
		tb.Fatalf("create survey: %d %s", status, b)
	}
	var sv surveyJSON
	if err := json.Unmarshal(b, &sv); err != nil || sv.ID == "" || !strings.HasSuffix(hdr.Get("Location"), sv.ID) {
		tb.Fatalf("create survey: %s (Location %q): %v", b, hdr.Get("Location"), err)
	}
	return sv.ID
}

// count returns the rows of a table (or of a query's single count).
func (u *uploadServer) count(tb testing.TB, sql string) int {
	tb.Helper()
	var n int
	if err := u.st.Pool().QueryRow(context.Background(), sql).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
	return n
}

// assertNothingStored checks that no upload, record, place or large object
// was kept.
func (u *uploadServer) assertNothingStored(tb testing.TB) {
	tb.Helper()
	for _, q := range []string{"SELECT count(*) FROM survey_upload", "SELECT count(*) FROM upload_file",
		"SELECT count(*) FROM survey_feature", "SELECT count(*) FROM named_place", "SELECT count(*) FROM place_name",
		"SELECT count(*) FROM pg_largeobject_metadata"} {
		if n := u.count(tb, q); n != 0 {
			tb.Errorf("%s = %d, want 0: something was stored", q, n)
		}
	}
}

// problemOf decodes a problem+json answer with its row list.
func problemOf(tb testing.TB, status int, hdr http.Header, b []byte) rejectedProblem {
	tb.Helper()
	if ct := hdr.Get("Content-Type"); ct != problemMediaType {
		tb.Fatalf("status %d, Content-Type %q, want %s: %s", status, ct, problemMediaType, b)
	}
	var p rejectedProblem
	if err := json.Unmarshal(b, &p); err != nil {
		tb.Fatalf("problem %s: %v", b, err)
	}
	if p.Status != status {
		tb.Fatalf("problem status %d, response %d", p.Status, status)
	}
	return p
}

func TestCreateSurveyRejectsBadInput(t *testing.T) {
	u := newUploadServer(t, Config{})
	for _, c := range []struct{ name, body, field string }{
		{"no team", `{"crs":4545,"accuracy_m":0.02}`, "team"},
		{"unsupported CRS", `{"team":"t","crs":3857,"accuracy_m":0.02}`, "crs"},
		{"negative accuracy", `{"team":"t","crs":4545,"accuracy_m":-1}`, "accuracy_m"},
		{"unknown member", `{"team":"t","crs":4545,"accuracy":1}`, "accuracy"},
		{"truncated JSON", `{"team":"t","crs":45`, "body"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, b := u.send(t, "POST", "/surveys", strings.NewReader(c.body), nil)
			p := problemOf(t, status, hdr, b)
			if status != http.StatusBadRequest || p.Field != c.field {
				t.Errorf("status %d field %q, want 400 %q: %s", status, p.Field, c.field, b)
			}
		})
	}
	if n := u.count(t, "SELECT count(*) FROM survey"); n != 0 {
		t.Errorf("%d surveys stored", n)
	}
}

func TestUploadUnknownSurveyIs404(t *testing.T) {
	u := newUploadServer(t, Config{})
	status, hdr, b := u.send(t, "POST", "/surveys/0190f3a0-0000-7000-8000-000000000000/uploads?file_name=a.csv",
		strings.NewReader("点号,X,Y\nP1,3154440.6231,617489.6489\n"), nil)
	problemOf(t, status, hdr, b)
	if status != http.StatusNotFound {
		t.Errorf("status %d, want 404: %s", status, b)
	}
	u.assertNothingStored(t)
}

// postFile uploads body to a survey with query q and headers.
func (u *uploadServer) postFile(tb testing.TB, survey, q string, body []byte, hdr map[string]string) (int, http.Header, []byte) {
	tb.Helper()
	return u.send(tb, "POST", "/surveys/"+survey+"/uploads?"+q, bytes.NewReader(body), hdr)
}
