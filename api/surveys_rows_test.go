package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// One upload, one transaction; every rejected row listed; idempotent
// retries; bulk imports of places with their provenance.

// badRows is a survey CSV with rows 3 and 5 (lines) bad: a NaN and a point
// outside the zone.
const badRows = "点号,X,Y\n" +
	"BJ1,3154440.6231,617489.6489\n" +
	"BJ2,NaN,617489.6489\n" +
	"BJ3,3120000.0000,550000.0000\n" +
	"BJ4,3154440.6231,917489.6489\n" +
	"BJ5,3098441.7473,500000.0000\n"

func TestBadRowStoresNothingAndIsListed(t *testing.T) {
	u := newUploadServer(t, Config{})
	survey := u.createSurvey(t, 4545)
	status, hdr, b := u.postFile(t, survey, "file_name=side-a.csv", []byte(badRows), nil)
	p := problemOf(t, status, hdr, b)
	if status != http.StatusBadRequest || p.Rejected != 2 || len(p.Errors) != 2 {
		t.Fatalf("status %d, %d rejected, want 400 listing 2 rows: %s", status, p.Rejected, b)
	}
	for i, want := range []int{3, 5} {
		if r := p.Errors[i]; r.Row != want || r.Field == "" || r.Reason == "" {
			t.Errorf("rejected row %d = %+v, want line %d with field and reason", i, r, want)
		}
	}
	u.assertNothingStored(t)

	status, _, b = u.postFile(t, survey, "file_name=side-a.csv&valid_rows_only=true", []byte(badRows), nil)
	rep := stored(t, status, b)
	if rep["stored"] != 3.0 || rep["rejected"] != 2.0 || len(rep["errors"].([]any)) != 2 {
		t.Errorf("valid rows only: %s", b)
	}
	if n := u.count(t, "SELECT count(*) FROM survey_feature"); n != 3 {
		t.Errorf("%d records stored, want 3", n)
	}
	// Every stored record points back to its upload.
	if n := u.count(t, fmt.Sprintf("SELECT count(*) FROM survey_feature WHERE upload_id = '%s'", rep["upload_id"])); n != 3 {
		t.Errorf("%d records point to upload %v, want 3", n, rep["upload_id"])
	}
}

func TestIdempotencyKey(t *testing.T) {
	u := newUploadServer(t, Config{})
	survey := u.createSurvey(t, 4545)
	key := map[string]string{"Idempotency-Key": "rtk-2024-05-01-side-a"}
	body := []byte("点号,X,Y\nBJ1,3154440.6231,617489.6489\nBJ2,3120000.0000,550000.0000\n")
	s1, _, b1 := u.postFile(t, survey, "file_name=a.csv", body, key)
	s2, h2, b2 := u.postFile(t, survey, "file_name=a.csv", body, key)
	if s1 != http.StatusCreated || s2 != s1 || !bytes.Equal(b1, b2) || h2.Get("Idempotent-Replayed") != "true" {
		t.Errorf("retry: %d %s then %d %s (replayed %q); want the same answer", s1, b1, s2, b2,
			h2.Get("Idempotent-Replayed"))
	}
	if n := u.count(t, "SELECT count(*) FROM survey_feature"); n != 2 {
		t.Errorf("%d records after a retry, want 2", n)
	}
	// The same key with another body is refused and stores nothing.
	s3, h3, b3 := u.postFile(t, survey, "file_name=a.csv", append(body, "BJ3,3098441.7473,500000.0000\n"...), key)
	p := problemOf(t, s3, h3, b3)
	if s3 != http.StatusConflict || p.Field != "Idempotency-Key" {
		t.Errorf("same key, other body: %d %s; want 409 naming Idempotency-Key", s3, b3)
	}
	if n := u.count(t, "SELECT count(*) FROM survey_upload"); n != 1 {
		t.Errorf("%d uploads, want 1", n)
	}
}

func TestBulkImportOfPlaces(t *testing.T) {
	u := newUploadServer(t, Config{})
	var seq strings.Builder
	for i := range 50 {
		fmt.Fprintf(&seq, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,28.5]},`+
			`"properties":{"名称":"测试地名%d","拼音":"Ceshi Diming %d","类别":"1%02d","legal_class":8,"行政区划代码":"500241"}}`+"\n",
			109+float64(i)/1000, i, i, i)
	}
	status, hdr, b := u.send(t, "POST", "/imports?file_name=places.geojsons&review=published", strings.NewReader(seq.String()),
		map[string]string{"Content-Type": "application/geo+json-seq"})
	rep := stored(t, status, b)
	id := rep["upload_id"].(string)
	if rep["stored"] != 50.0 || !strings.HasSuffix(hdr.Get("Location"), "/imports/"+id) {
		t.Fatalf("import: %s (Location %q)", b, hdr.Get("Location"))
	}
	for table, want := range map[string]int{"named_place": 50, "place_name": 50, "place_name_key": 50} {
		if n := u.count(t, "SELECT count(*) FROM "+table); n != want {
			t.Errorf("%s has %d rows, want %d", table, n, want)
		}
	}
	if n := u.count(t, fmt.Sprintf(`SELECT count(*) FROM named_place WHERE sources @> '["upload:%s"]'`, id)); n != 50 {
		t.Errorf("%d places name upload %s as their source, want 50", n, id)
	}
	var sum string
	if err := u.st.Pool().QueryRow(context.Background(), `SELECT encode(sha256(lo_get(raw)), 'hex') FROM upload_file
		WHERE upload_id = $1`, id).Scan(&sum); err != nil || sum != rep["sha256"] {
		t.Errorf("kept raw file hashes to %q (%v), want %v", sum, err, rep["sha256"])
	}
	// The places are published: the collection serves them.
	status, _, b = u.send(t, "GET", "/collections/place-names/items?limit=100", nil, nil)
	var fc struct{ NumberMatched int }
	_ = json.Unmarshal(b, &fc)
	if status != http.StatusOK || fc.NumberMatched != 50 {
		t.Errorf("place-names: %d, %d matched, want 50", status, fc.NumberMatched)
	}
	status, _, b = u.send(t, "GET", "/imports/"+id, nil, nil)
	if status != http.StatusOK || !strings.Contains(string(b), id) {
		t.Errorf("GET /imports/%s: %d %s", id, status, b)
	}
}

func TestBulkImportRowWithoutLegalClassStoresNothing(t *testing.T) {
	u := newUploadServer(t, Config{})
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"名称":"甲","legal_class":8}}` + "\n" +
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"名称":"乙"}}` + "\n"
	status, hdr, b := u.send(t, "POST", "/imports?file_name=p.geojsons", strings.NewReader(body), nil)
	p := problemOf(t, status, hdr, b)
	if status != http.StatusBadRequest || len(p.Errors) != 1 || p.Errors[0].Row != 2 || p.Errors[0].Field != "legal_class" {
		t.Errorf("status %d: %s; want 400 listing line 2, legal_class", status, b)
	}
	u.assertNothingStored(t)
}
