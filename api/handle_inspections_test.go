package api

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/storetest"
)

// inspectionFixture is a provincial line 4350 (湖南 430000 | 重庆 500000)
// with three single markers, in a GeoPackage store behind a test server.
type inspectionFixture struct {
	srv     *httptest.Server
	line    *data.BoundaryLine
	markers []*data.Marker
}

func newInspectionFixture(t *testing.T) *inspectionFixture {
	t.Helper()
	ctx := t.Context()
	st, err := gpkg.Open(ctx, filepath.Join(t.TempDir(), "api.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	hn, cq := storetest.Unit("430000", "湖南省", 109.0, 28.6), storetest.Unit("500000", "重庆市", 109.0, 28.4)
	for _, u := range []*data.AdminUnit{hn, cq} {
		if err := st.CreateAdminUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	f := &inspectionFixture{line: &data.BoundaryLine{Name: "湘渝线", Level: data.LevelProvince, Code: "4350",
		UnitA: hn.UnitID, UnitB: cq.UnitID, CodeA: "430000", CodeB: "500000", LegalStatus: data.LegalAgreed,
		CycleYears: 5, SideOfA: "left", Geometry: orb.MultiLineString{{{109.0, 28.5}, {109.05, 28.5}, {109.1, 28.5}}},
		Valid: storetest.Since(2000)}}
	if err := st.CreateBoundaryLine(ctx, f.line); err != nil {
		t.Fatal(err)
	}
	for i, lon := range []float64{109.02, 109.05, 109.08} {
		m := storetest.Marker(f.line, fmt.Sprintf("4350%03dQ", i+1), lon, 28.5)
		if err := st.CreateMarker(ctx, m); err != nil {
			t.Fatal(err)
		}
		f.markers = append(f.markers, m)
	}
	f.srv = httptest.NewServer(New(Config{}, st, discardLogger()))
	t.Cleanup(f.srv.Close)
	return f
}

// call sends a JSON request as party (none if "") and decodes the answer
// into out (if not nil); it returns the response.
func (f *inspectionFixture) call(t *testing.T, method, path string, party data.Code, body any, out any) *http.Response {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, f.srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if party != "" {
		req.Header.Set(PartyHeader, string(party))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && res.StatusCode/100 == 2 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	if res.StatusCode/100 != 2 && !strings.HasPrefix(res.Header.Get("Content-Type"), problemMediaType) {
		t.Errorf("%s %s: status %d without a problem: %s", method, path, res.StatusCode, b)
	}
	res.Body = io.NopCloser(bytes.NewReader(b))
	return res
}

func wantStatus(t *testing.T, what string, res *http.Response, status int) {
	t.Helper()
	if res.StatusCode != status {
		b, _ := io.ReadAll(res.Body)
		t.Errorf("%s: status %d, want %d: %s", what, res.StatusCode, status, b)
	}
}

// TestInspectionAPI walks one round through the API: open, submit, validate,
// read findings, accept, sign by both parties; then every change to the
// signed round is a 409 problem, and the report comes as JSON, HTML, GeoJSON
// and zip.
func TestInspectionAPI(t *testing.T) {
	f := newInspectionFixture(t)
	const a, b = data.Code("430000"), data.Code("500000")
	var round struct {
		ID      string      `json:"id"`
		Status  string      `json:"status"`
		Parties []data.Code `json:"parties"`
	}
	wantStatus(t, "round without party", f.call(t, "POST", "/inspections", "", map[string]any{"line_id": f.line.ID, "year": 2025}, nil), 403)
	wantStatus(t, "round with an unknown field", f.call(t, "POST", "/inspections", a, map[string]any{"line_id": f.line.ID, "yr": 2025}, nil), 400)
	wantStatus(t, "special round without reason", f.call(t, "POST", "/inspections", a,
		map[string]any{"line_id": f.line.ID, "year": 2025, "type": "special"}, nil), 400)
	res := f.call(t, "POST", "/inspections", a, map[string]any{"line_id": f.line.ID, "year": 2025, "phase": "field"}, &round)
	wantStatus(t, "open round", res, 201) // a new resource: 201 with Location (was 200)
	if round.Status != "open" || len(round.Parties) != 2 || !strings.HasSuffix(res.Header.Get("Location"), "/inspections/"+round.ID) {
		t.Fatalf("round %+v, Location %q", round, res.Header.Get("Location"))
	}
	base := "/inspections/" + round.ID

	// Side A records two markers (the third is missing from the round) and
	// its version; side B its version.
	checks := []map[string]any{}
	for _, m := range f.markers[:2] {
		checks = append(checks, map[string]any{"marker_id": m.ID, "observed": []float64{m.Position[0], m.Position[1]},
			"method": "RTK", "accuracy_m": 0.02, "status": "intact", "upkeep": []string{"repainted"},
			"photos": []map[string]any{{"name": "p.jpg", "sha256": storetest.Digest("p"), "size": 10}}})
	}
	version := map[string]any{"source_crs": 4490, "geometry": map[string]any{"type": "LineString",
		"coordinates": [][]float64{{109.0, 28.5}, {109.05, 28.5}, {109.1, 28.5}}}}
	wantStatus(t, "submission of the other side's version", f.call(t, "POST", base+"/submissions", a,
		map[string]any{"line_versions": []any{map[string]any{"source": "side_b", "geometry": version["geometry"]}}}, nil), 403)
	wantStatus(t, "submission with a bad geometry", f.call(t, "POST", base+"/submissions", a,
		map[string]any{"line_versions": []any{map[string]any{"geometry": map[string]any{"type": "Point", "coordinates": []float64{1, 2}}}}}, nil), 400)
	wantStatus(t, "side A's submission", f.call(t, "POST", base+"/submissions", a,
		map[string]any{"marker_checks": checks, "line_versions": []any{version}}, nil), 200)
	wantStatus(t, "side B's submission", f.call(t, "POST", base+"/submissions", b,
		map[string]any{"line_versions": []any{version}}, nil), 200)

	var val struct {
		TechnicalStatus string `json:"technical_status"`
		Findings        []struct {
			ID, Rule, Severity string
		} `json:"findings"`
	}
	wantStatus(t, "validation by a non-party", f.call(t, "POST", base+"/validate", "520000", nil, nil), 403)
	wantStatus(t, "validation", f.call(t, "POST", base+"/validate", a, nil, &val), 200)
	var errs []string
	for _, fd := range val.Findings {
		if fd.Severity == "error" {
			errs = append(errs, fd.ID)
			if fd.Rule != "C10" {
				t.Errorf("unexpected error finding %s", fd.Rule)
			}
		}
	}
	if len(errs) != 1 {
		t.Fatalf("errors %v, want the unrecorded marker's C10", errs)
	}
	wantStatus(t, "signature with an unaccepted error", f.call(t, "POST", base+"/signatures", a, map[string]any{"signer": "甲"}, nil), 409)
	for _, p := range []data.Code{a, b} {
		wantStatus(t, "acceptance", f.call(t, "POST", base+"/findings/"+errs[0]+"/acceptances", p,
			map[string]any{"reason": "界桩待补测 to be re-measured"}, nil), 200)
	}
	var sigA, sigB struct{ Digest string }
	wantStatus(t, "A signs", f.call(t, "POST", base+"/signatures", a, map[string]any{"signer": "湖南省民政厅"}, &sigA), 200)
	wantStatus(t, "A signs again", f.call(t, "POST", base+"/signatures", a, map[string]any{"signer": "湖南省民政厅"}, nil), 409)
	wantStatus(t, "B signs", f.call(t, "POST", base+"/signatures", b, map[string]any{"signer": "重庆市民政局"}, &sigB), 200)
	if sigA.Digest == "" || sigA.Digest != sigB.Digest {
		t.Errorf("digests %q and %q, want one report signed by both", sigA.Digest, sigB.Digest)
	}
	res = f.call(t, "POST", base+"/submissions", b, map[string]any{"marker_checks": checks[:1]}, nil)
	wantStatus(t, "submission to a signed round", res, 409)
	var p Problem
	if err := json.NewDecoder(res.Body).Decode(&p); err != nil || !strings.Contains(p.Detail, "special round") {
		t.Errorf("problem %+v (%v), want one pointing to a special round", p, err)
	}
	wantStatus(t, "validation of a signed round", f.call(t, "POST", base+"/validate", b, nil, nil), 409)

	checkReports(t, f, base)
	var overdue struct{ Lines []any }
	wantStatus(t, "overdue", f.call(t, "GET", "/inspections/overdue", "", nil, &overdue), 200)
	if len(overdue.Lines) != 0 {
		t.Errorf("overdue lines %v right after a signed round", overdue.Lines)
	}
	wantStatus(t, "unknown round", f.call(t, "GET", "/inspections/"+data.NewID(), "", nil, nil), 404)
}

func checkReports(t *testing.T, f *inspectionFixture, base string) {
	t.Helper()
	var summary struct {
		Status     string
		Signatures []any
	}
	wantStatus(t, "round", f.call(t, "GET", base, "", nil, &summary), 200)
	if summary.Status != "signed" || len(summary.Signatures) != 2 {
		t.Errorf("round %+v, want signed twice", summary)
	}
	var fc struct {
		Type     string
		Features []any
	}
	wantStatus(t, "findings as GeoJSON", f.call(t, "GET", base+"/findings?f=geojson", "", nil, &fc), 200)
	if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
		t.Errorf("GeoJSON %s with %d features", fc.Type, len(fc.Features))
	}
	wantStatus(t, "findings as XML", f.call(t, "GET", base+"/findings?f=xml", "", nil, nil), 400)
	res := f.call(t, "GET", base+"/report?f=html", "", nil, nil)
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(string(body), "<svg") || !strings.Contains(string(body), "4350003Q") {
		t.Errorf("HTML report: %d, %d bytes", res.StatusCode, len(body))
	}
	res = f.call(t, "GET", base+"/report?f=zip", "", nil, nil)
	body, _ = io.ReadAll(res.Body)
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil || res.Header.Get("Content-Type") != "application/zip" || len(zr.File) != 8 {
		t.Errorf("archive: %v, %q", err, res.Header.Get("Content-Type"))
	} else if _, err := zr.Open("audit.jsonl"); err != nil {
		t.Errorf("archive without the round's audit trail: %v", err)
	}
	var rep struct{ Digest string }
	wantStatus(t, "report", f.call(t, "GET", base+"/report", "", nil, &rep), 200)
}
