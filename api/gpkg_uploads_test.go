package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data/gpkg"
)

// Uploads, bulk imports and Part 4 edits on the embedded GeoPackage store,
// the zero-setup default: the same answers as on PostGIS.

// newGPKGServer is a real HTTP server on 127.0.0.1 over a new GeoPackage.
func newGPKGServer(tb testing.TB) (*uploadServer, *gpkg.Store) {
	tb.Helper()
	st, err := gpkg.Open(tb.Context(), filepath.Join(tb.TempDir(), "toponym.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(New(Config{}, st, discardLogger()))
	tb.Cleanup(func() {
		srv.Close()
		st.Close()
	})
	return &uploadServer{url: srv.URL}, st
}

func TestGPKGSurveyUploadOfCSV(t *testing.T) {
	u, _ := newGPKGServer(t)
	survey := u.createSurvey(t, 4545)
	csv := "点号,X坐标(m),Y坐标(m),高程\n" +
		"BJ001,3154440.6231,617489.6489,312.25\n" +
		"BJ002,3098441.7473,500000.0000,298.50\n"
	key := map[string]string{"Idempotency-Key": "gpkg-csv-1"}
	status, _, b := u.postFile(t, survey, "file_name=rtk.csv", []byte(csv), key)
	rep := stored(t, status, b)
	id, _ := rep["upload_id"].(string)
	sum := sha256.Sum256([]byte(csv))
	if rep["stored"] != 2.0 || rep["rejected"] != 0.0 || rep["sha256"] != hex.EncodeToString(sum[:]) {
		t.Fatalf("report %s", b)
	}
	// The test vectors of domain.md (PROJ cs2cs): EPSG:4545 → CGCS2000 lon/lat.
	pts, props := u.readBack(t, survey, id)
	want := []orb.Point{{109.2, 28.5}, {108.0, 28.0}}
	for i, w := range want {
		if d := offMetres(pts[i], w); len(pts) != 2 || d > roundTripTolM {
			t.Errorf("point %d: %v, want %v (%.4f m)", i+1, pts[i], w, d)
		}
		if props[i]["source_crs"] != 4545.0 || props[i]["row"] != float64(i+2) {
			t.Errorf("point %d: properties %v", i+1, props[i])
		}
	}
	status, _, raw := u.send(t, "GET", "/surveys/"+survey+"/uploads/"+id+"/raw", nil, nil)
	if status != http.StatusOK || string(raw) != csv {
		t.Errorf("raw file: %d, %q", status, raw)
	}
	status, hdr, again := u.postFile(t, survey, "file_name=rtk.csv", []byte(csv), key)
	if status != http.StatusCreated || hdr.Get("Idempotent-Replayed") != "true" || !bytes.Equal(again, b) {
		t.Errorf("replay: %d %q\n%s\nwant\n%s", status, hdr.Get("Idempotent-Replayed"), again, b)
	}
	status, _, b = u.send(t, "GET", "/surveys/"+survey, nil, nil)
	var sv surveyJSON
	if err := json.Unmarshal(b, &sv); status != http.StatusOK || err != nil || len(sv.Uploads) != 1 || sv.Uploads[0].ID != id {
		t.Errorf("survey: %d %s", status, b)
	}
}

func TestGPKGBulkImportOfGeoJSONSeq(t *testing.T) {
	u, _ := newGPKGServer(t)
	var seq strings.Builder
	for i := range 20 {
		fmt.Fprintf(&seq, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,28.5]},`+
			`"properties":{"名称":"测试地名%d","拼音":"Ceshi Diming %d","类别":"1%02d","legal_class":8,"行政区划代码":"500241"}}`+"\n",
			109+float64(i)/1000, i, i, i)
	}
	seq.WriteString(`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"拼音":"Wuming"}}` + "\n")
	status, hdr, b := u.send(t, "POST", "/imports?file_name=places.geojsons&review=published&valid_rows_only=true",
		strings.NewReader(seq.String()), map[string]string{"Content-Type": "application/geo+json-seq"})
	rep := stored(t, status, b)
	id, _ := rep["upload_id"].(string)
	if rep["stored"] != 20.0 || rep["rejected"] != 1.0 || !strings.HasSuffix(hdr.Get("Location"), "/imports/"+id) {
		t.Fatalf("import: %s (Location %q)", b, hdr.Get("Location"))
	}
	status, _, b = u.send(t, "GET", "/collections/place-names/items?limit=100", nil, nil)
	var fc struct {
		NumberMatched int
		Features      []struct{ Properties map[string]any }
	}
	if err := json.Unmarshal(b, &fc); status != http.StatusOK || err != nil || fc.NumberMatched != 20 {
		t.Fatalf("place-names: %d, %d matched (%v), want 20", status, fc.NumberMatched, err)
	}
	status, _, b = u.send(t, "GET", "/search?q=Ceshi+Diming+7", nil, nil)
	if status != http.StatusOK || !strings.Contains(string(b), "测试地名7") {
		t.Errorf("search: %d %s", status, b)
	}
	if status, _, b = u.send(t, "GET", "/imports/"+id, nil, nil); status != http.StatusOK || !strings.Contains(string(b), id) {
		t.Errorf("GET /imports/%s: %d %s", id, status, b)
	}
	// A file whose rows are all rejected stores nothing.
	bad := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"名称":"乙"}}` + "\n"
	status, hdr, b = u.send(t, "POST", "/imports?file_name=bad.geojsons", strings.NewReader(bad), nil)
	if p := problemOf(t, status, hdr, b); status != http.StatusBadRequest || len(p.Errors) != 1 {
		t.Errorf("all rows rejected: %d %s", status, b)
	}
}

func TestGPKGPart4(t *testing.T) {
	u, st := newGPKGServer(t)
	ct := map[string]string{"Content-Type": geoJSON}
	place := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.26,28.49]},` +
		`"properties":{"name":"洪安镇","pinyin":"Hong'an Zhen","legal_class":2,"category":"1210","admin_codes":["500241"]}}`
	status, hdr, b := u.send(t, "POST", "/collections/place-names/items", strings.NewReader(place), ct)
	if status != http.StatusCreated {
		t.Fatalf("create place: %d %s", status, b)
	}
	placeLoc := strings.TrimPrefix(hdr.Get("Location"), u.url)
	sign := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.0,28.4]},` +
		`"properties":{"kind":"road_sign","text":"边城大道","status":"good","installed":"2023-06-01"}}`
	status, hdr, b = u.send(t, "POST", "/collections/signs/items", strings.NewReader(sign), ct)
	if status != http.StatusCreated {
		t.Fatalf("create sign: %d %s", status, b)
	}
	signLoc := strings.TrimPrefix(hdr.Get("Location"), u.url)
	moved := strings.Replace(strings.Replace(sign, "109.0,28.4", "109.01,28.41", 1), `"good"`, `"damaged"`, 1)
	if status, _, b = u.send(t, "PUT", signLoc, strings.NewReader(moved), ct); status != http.StatusOK ||
		!strings.Contains(string(b), "damaged") {
		t.Fatalf("replace sign: %d %s", status, b)
	}
	signID := signLoc[strings.LastIndex(signLoc, "/")+1:]
	sg, err := st.GetSign(t.Context(), signID)
	if err != nil || sg.Position != (orb.Point{109.01, 28.41}) || sg.Status != "damaged" {
		t.Errorf("stored sign after replace: %+v (%v)", sg, err)
	}
	for _, loc := range []string{signLoc, placeLoc} {
		if status, _, b = u.send(t, "DELETE", loc, nil, nil); status != http.StatusNoContent {
			t.Fatalf("delete %s: %d %s", loc, status, b)
		}
		if status, _, _ = u.send(t, "DELETE", loc, nil, nil); status != http.StatusNotFound {
			t.Errorf("second delete of %s: %d, want 404", loc, status)
		}
	}
	if status, _, _ = u.send(t, "GET", placeLoc, nil, nil); status != http.StatusNotFound {
		t.Errorf("GET the deleted place: %d, want 404", status)
	}
	if _, err := st.GetSign(t.Context(), signID); err == nil {
		t.Error("the deleted sign is still stored")
	}
}
