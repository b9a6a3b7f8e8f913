package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

// scopeCase is a request by a caller the policy admits for the route, but
// outside the caller's scope (another team, another party), or asking for
// what the caller's role may not do (publish a name).
type scopeCase struct {
	name, caller, method, path, body string
	header                           map[string]string
	want                             int
	detail                           string // a fragment of the problem's detail
}

// TestAuthScopes: a surveyor acts for its own team only, an inspector for
// its own party only, and a surveyor's places are drafts; each refusal is
// 403 problem+json naming the team, party or status refused.
func TestAuthScopes(t *testing.T) {
	f := newMatrixFixture(t)
	js := map[string]string{"Content-Type": mediaJSON}
	csv := map[string]string{"Content-Type": "text/csv"}
	gj := map[string]string{"Content-Type": mediaGeoJSON}
	with := func(h map[string]string, k, v string) map[string]string {
		out := map[string]string{k: v}
		for hk, hv := range h {
			out[hk] = hv
		}
		return out
	}
	r1, r2 := "/inspections/"+f.round1.ID, "/inspections/"+f.round2.ID
	asY := with(js, PartyHeader, string(partyY))
	version := `{"line_versions":[{"source_crs":4490,"geometry":{"type":"LineString","coordinates":[[109.3,28.8],[109.2702,28.5035]]}}]}`
	published := strings.Replace(poiFeature, `"category"`, `"review":"published","category"`, 1)
	// encoding/json matches keys without regard to case: "Review" is review.
	publishedCased := strings.Replace(poiFeature, `"category"`, `"Review":"published","category"`, 1)
	for _, c := range []scopeCase{
		{"survey of another team", "surveyor", "POST", "/surveys", `{"name":"越界","team":"` + teamB + `","crs":4490}`, js, 403, teamB},
		{"upload to another team's survey", "surveyor", "POST", "/surveys/" + f.surveyB.ID + "/uploads?file_name=x.csv",
			"name,lon,lat\n越界点,109.0,28.4\n", csv, 403, teamB},
		{"import for another team", "surveyor", "POST", "/imports?kind=poi", "name,lon,lat\n越界点,109.0,28.4\n",
			with(csv, TeamHeader, teamB), 403, teamB},
		{"feature for another team", "surveyor", "POST", "/collections/pois/items", poiFeature, with(gj, TeamHeader, teamB), 403, teamB},
		{"feature for another team, percent-encoded", "surveyor", "POST", "/collections/pois/items", poiFeature,
			with(gj, TeamHeader, url.PathEscape(teamB)), 403, teamB},
		{"import for a team named in bad percent-encoding", "surveyor", "POST", "/imports?kind=poi", "name,lon,lat\n点,109.0,28.4\n",
			with(csv, TeamHeader, "%E8%8"), 400, "percent-encoded"},
		{"import of published names", "surveyor", "POST", "/imports?kind=poi&review=published", "name,lon,lat\n直接发布,109.0,28.4\n",
			csv, 403, "published"},
		{"feature stored as published", "surveyor", "POST", "/collections/pois/items", published, gj, 403, "published"},
		{"feature stored as Published", "surveyor", "POST", "/collections/pois/items", publishedCased, gj, 403, "published"},
		{"submission for another party", "inspectorX", "POST", r1 + "/submissions", version, asY, 403, "may not act for party 430000"},
		{"validation for another party", "inspectorX", "POST", r1 + "/validate", "", asY, 403, "may not act for party 430000"},
		{"acceptance for another party", "inspectorX", "POST", r1 + "/findings/" + data.NewID() + "/acceptances",
			`{"reason":"代签"}`, asY, 403, "may not act for party 430000"},
		{"signature for another party", "inspectorX", "POST", r1 + "/signatures", `{"signer":"代签"}`, asY, 403, "may not act for party 430000"},
		{"signature for X by Y", "inspectorY", "POST", r1 + "/signatures", `{"signer":"代签"}`, with(js, PartyHeader, string(partyX)),
			403, "may not act for party 500000"},
		{"round of other parties", "inspectorX", "POST", "/inspections", `{"line_id":"` + f.lineYZ.ID + `","year":2026,` +
			`"type":"special","reason":"越界"}`, js, 403, "500000"},
		{"submission to another party's round", "inspectorX", "POST", r2 + "/submissions", version, js, 403, "not a party"},
		{"validation of another party's round", "inspectorX", "POST", r2 + "/validate", "", js, 403, "not a party"},
		{"signature of another party's round", "inspectorX", "POST", r2 + "/signatures", `{"signer":"越界"}`, js, 403, "not a party"},
	} {
		rec := f.send(t, c.caller, c.method, c.path, c.body, c.header)
		if rec.Code != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, rec.Code, clip(rec), c.want)
			continue
		}
		p := decodeProblem(t, c.want, rec.Header().Get("Content-Type"), rec.Body)
		t.Logf("%s: %s", c.name, p.Detail)
		if !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%s: detail %q, want it to name %q", c.name, p.Detail, c.detail)
		}
	}
	checkNothingFromScopes(t, f)
	checkOwnScope(t, f)
}

// checkNothingFromScopes: the refused requests stored nothing.
func checkNothingFromScopes(t *testing.T, f *matrixFixture) {
	t.Helper()
	ups, err := f.st.SurveyUploads(context.Background(), f.surveyB.ID)
	if err != nil || len(ups) != 0 {
		t.Errorf("team B's survey holds %d uploads (%v) after the refused one", len(ups), err)
	}
	rr, err := f.st.RoundRecords(context.Background(), f.round2.ID)
	if err != nil || len(rr.MarkerChecks) != 1 || len(rr.Signatures) != 0 || rr.Round.Status != data.RoundOpen {
		t.Errorf("round 2 changed by refused requests: %+v (%v)", rr, err)
	}
}

// checkOwnScope: in scope the same requests go through. A surveyor's
// survey is its team's by default; its POI is stored as a draft and so
// stays out of the public collection; an admin imports for any team,
// which the upload keeps.
func checkOwnScope(t *testing.T, f *matrixFixture) {
	t.Helper()
	rec := f.send(t, "surveyor", "POST", "/surveys", `{"name":"本队","crs":4490}`, map[string]string{"Content-Type": mediaJSON})
	var sv surveyJSON
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &sv) != nil || sv.Team != teamA {
		t.Errorf("survey without a team: %d %s, want team %s", rec.Code, clip(rec), teamA)
	}
	rec = f.send(t, "surveyor", "POST", "/collections/pois/items", poiFeature, map[string]string{"Content-Type": mediaGeoJSON})
	var feat struct {
		ID         string         `json:"id"`
		Properties map[string]any `json:"properties"`
	}
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &feat) != nil || feat.Properties["review"] != "draft" {
		t.Fatalf("surveyor's POI: %d %s, want a draft", rec.Code, clip(rec))
	}
	if rec := f.send(t, "anonymous", "GET", "/collections/pois/items/"+feat.ID, "", nil); rec.Code != http.StatusNotFound {
		t.Errorf("a surveyor's draft POI is public: %d", rec.Code)
	}
	rec = f.send(t, "admin", "POST", "/imports?kind=poi&file_name=b.csv", "name,lon,lat\n代导入点,109.03,28.43\n",
		map[string]string{"Content-Type": "text/csv", TeamHeader: url.PathEscape(teamB)})
	var rep struct {
		UploadID string `json:"upload_id"`
	}
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &rep) != nil {
		t.Fatalf("admin's import for team B: %d %s", rec.Code, clip(rec))
	}
	if st, err := f.st.StoredUpload(context.Background(), rep.UploadID); err != nil || st.Upload.Team != teamB {
		t.Errorf("admin's import for team B kept team %q (%v)", st.Upload.Team, err)
	}
}

// TestCoversAny: an inspector's party covers its own code and the codes
// under it (a province its counties), nothing else; a malformed party
// covers nothing.
func TestCoversAny(t *testing.T) {
	for _, c := range []struct {
		party   data.Code
		parties []data.Code
		want    bool
	}{
		{"500000", []data.Code{"430000", "500000"}, true},
		{"500000", []data.Code{"433124", "500241"}, true}, // 秀山 is a county of 重庆
		{"500241", []data.Code{"433124", "500241"}, true},
		{"500241", []data.Code{"430000", "500000"}, false}, // a county does not read its province's rounds
		{"520000", []data.Code{"433124", "500241"}, false},
		{"500242", []data.Code{"433124", "500241"}, false},
		{"", []data.Code{"433124", "500241"}, false},
		{"50", []data.Code{"500241"}, false},
	} {
		if got := coversAny(c.party, c.parties); got != c.want {
			t.Errorf("coversAny(%q, %v) = %v, want %v", c.party, c.parties, got, c.want)
		}
	}
}
