package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

// uploadAs posts body to target with the token of caller (authFixture
// names) and an Idempotency-Key; it returns the status, the replay header
// and the upload id.
func uploadAs(t *testing.T, f *authFixture, caller, key, target, contentType, body string) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+f.secrets[caller])
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Idempotency-Key", key)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	var rep struct {
		UploadID string `json:"upload_id"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &rep)
	if rec.Code == http.StatusCreated && rep.UploadID == "" {
		t.Fatalf("%s: 201 without an upload id: %s", caller, rec.Body)
	}
	if rec.Code != http.StatusCreated {
		t.Logf("%s: %d %s", caller, rec.Code, rec.Body)
	}
	return rec.Code, rec.Header().Get("Idempotent-Replayed"), rep.UploadID
}

// addToken adds a token to an auth fixture under name.
func (f *authFixture) addToken(t *testing.T, name string, role data.Role, team string) {
	t.Helper()
	secret, prefix, hash := data.NewTokenSecret()
	if err := f.store.CreateToken(t.Context(), &data.Token{Name: name, Role: role, Team: team, Prefix: prefix,
		Hash: hash}); err != nil {
		t.Fatal(err)
	}
	f.secrets[name] = secret
}

// TestIdempotencyKeyIsPerCaller: an Idempotency-Key belongs to its caller
// (a surveyor's team, else the token). The bug: keys were global, so
// another team's upload with the same key was a 409, and another token's
// replayed the first caller's upload.
func TestIdempotencyKeyIsPerCaller(t *testing.T) {
	f := newAuthFixture(t, nil)
	f.addToken(t, "surveyor-mate", data.RoleSurveyor, "秀山测绘队") // the surveyor's team
	f.addToken(t, "surveyor-other", data.RoleSurveyor, "花垣测绘队")
	f.addToken(t, "admin-2", data.RoleAdmin, "")
	const key = "import-2026-06-01"
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},` +
		`"properties":{"名称":"幂等村","拼音":"Mideng Cun","类别":"1","legal_class":8,"行政区划代码":"500241"}}` + "\n"
	ids := map[string]bool{}
	for _, c := range []struct {
		caller, replayedOf string // replayedOf: the caller whose upload is replayed; "" for a new one
	}{
		{"surveyor", ""},
		{"surveyor-mate", "surveyor"}, // the same team retries
		{"surveyor-other", ""},        // another team: was 409
		{"admin", ""},
		{"admin-2", ""}, // another token: was a replay of admin's upload
		{"admin", "admin"},
	} {
		status, replayed, id := uploadAs(t, f, c.caller, key, "/imports?file_name=p.geojsons", "application/geo+json-seq", body)
		if status != http.StatusCreated {
			t.Errorf("%s: status %d, want 201", c.caller, status)
			continue
		}
		if c.replayedOf == "" && (replayed != "" || ids[id]) {
			t.Errorf("%s: upload %s replayed (%q), want a new upload", c.caller, id, replayed)
		}
		if c.replayedOf != "" && (replayed != "true" || !ids[id]) {
			t.Errorf("%s: upload %s (replayed %q), want the replay of %s's", c.caller, id, replayed, c.replayedOf)
		}
		ids[id] = true
	}
	if len(ids) != 4 {
		t.Errorf("%d uploads, want 4 (one per team or token)", len(ids))
	}
	// Another token's upload of the same file to the same survey with the
	// same key is its own, not a replay of the first caller's.
	req := httptest.NewRequest(http.MethodPost, "/surveys", strings.NewReader(`{"name":"幂等","team":"秀山测绘队","crs":4490}`))
	req.Header.Set("Authorization", "Bearer "+f.secrets["admin"])
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	var sv surveyJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &sv); rec.Code != http.StatusCreated || err != nil {
		t.Fatalf("survey: %d %s", rec.Code, rec.Body)
	}
	csv := "name,lon,lat\nBJ1,109.2,28.5\n"
	target := "/surveys/" + sv.ID + "/uploads?file_name=a.csv"
	_, _, first := uploadAs(t, f, "admin", "survey-"+key, target, "text/csv", csv)
	status, replayed, second := uploadAs(t, f, "admin-2", "survey-"+key, target, "text/csv", csv)
	if status != http.StatusCreated || replayed != "" || second == first {
		t.Errorf("another token's upload: %d upload %s (replayed %q), want a new one, not %s", status, second, replayed, first)
	}
}

// TestIdempotencyKeyWithAnotherFileName: the same key and body under
// another file name is another request, a 409 naming Idempotency-Key. The
// bug: it replayed the upload of the first name.
func TestIdempotencyKeyWithAnotherFileName(t *testing.T) {
	u, _ := newGPKGServer(t)
	survey := u.createSurvey(t, 4545)
	key := map[string]string{"Idempotency-Key": "rtk-renamed"}
	body := []byte("点号,X,Y\nBJ1,3154440.6231,617489.6489\n")
	if s1, _, b1 := u.postFile(t, survey, "file_name=a.csv", body, key); s1 != http.StatusCreated {
		t.Fatalf("first upload: %d %s", s1, b1)
	}
	s2, h2, b2 := u.postFile(t, survey, "file_name=b.csv", body, key)
	if p := problemOf(t, s2, h2, b2); s2 != http.StatusConflict || p.Field != "Idempotency-Key" {
		t.Errorf("same key, other file name: %d %s (replayed %q); want 409 naming Idempotency-Key", s2, b2,
			h2.Get("Idempotent-Replayed"))
	}
	// The same name again is still the retry it was.
	if s3, h3, _ := u.postFile(t, survey, "file_name=a.csv", body, key); s3 != http.StatusCreated ||
		h3.Get("Idempotent-Replayed") != "true" {
		t.Errorf("retry: %d (replayed %q), want 201 replayed", s3, h3.Get("Idempotent-Replayed"))
	}
}
