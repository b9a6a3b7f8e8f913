package storetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// The data.Importer contract: surveys, stored uploads with their raw file
// and answer, survey records and bulk imports of places, each in one
// transaction that stores everything or nothing.

// importer returns s as a data.Importer; every store must be one.
func importer(t *testing.T, s data.Store) data.Importer {
	t.Helper()
	imp, ok := s.(data.Importer)
	if !ok {
		t.Fatalf("%T does not implement data.Importer", s)
	}
	return imp
}

// Survey returns a survey of the 秀山 boundary team in EPSG:4545.
func Survey() *data.Survey {
	return &data.Survey{Name: "秀山 2024 勘界 boundary survey", Team: "秀山测绘队", Device: "Trimble R12i",
		Method: "RTK", CRS: 4545, AccuracyM: 0.02}
}

// importOf returns an import of raw whose upload has idempotency key key
// and whose answer says how many records were stored; the caller sets
// its records.
func importOf(key string, raw []byte, target, surveyID string) *data.Import {
	u := Upload("import-" + key + ".csv")
	u.IdempotencyKey, u.Size, u.Status = key, int64(len(raw)), ""
	return &data.Import{Upload: u, SurveyID: surveyID, Target: target, RequestHash: Digest("request " + key),
		Raw: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil },
		Report: func(stored int) ([]byte, error) {
			return fmt.Appendf(nil, `{"stored": %d, "key": %q}`, stored, key), nil
		}}
}

// iterate returns an iterator over items, then io.EOF.
func iterate[T any](items ...*T) func() (*T, error) {
	return func() (*T, error) {
		if len(items) == 0 {
			return nil, io.EOF
		}
		it := items[0]
		items = items[1:]
		return it, nil
	}
}

// withFeatures sets imp's records to those of surveyRecords, made once
// Import has given the upload its ID, and returns where they will be.
func withFeatures(imp *data.Import) *[]*data.SurveyFeature {
	var recs []*data.SurveyFeature
	var next func() (*data.SurveyFeature, error)
	imp.Features = func() (*data.SurveyFeature, error) {
		if next == nil {
			recs = surveyRecords(imp.Upload.ID)
			next = iterate(recs...)
		}
		return next()
	}
	return &recs
}

// surveyRecords returns three records of a survey upload: a marker point
// and a traverse line given in EPSG:4545, and a GPX track with heights
// (one missing) and times (one missing) given in EPSG:4326.
func surveyRecords(uploadID string) []*data.SurveyFeature {
	return []*data.SurveyFeature{
		{UploadID: uploadID, Index: 1, Row: 2, Geometry: orb.Point{109.2, 28.5},
			Source: orb.Point{617489.6489, 3154440.6231}, SourceCRS: 4545, Datum: "CGCS2000", Z: []float64{312.25},
			Attrs: map[string]string{"number": "5052001Q", "note": "界桩 marker\t\"A\"\\"}},
		{UploadID: uploadID, Index: 2, Row: 3, Geometry: orb.LineString{{109.2, 28.5}, {109.25, 28.52}},
			Source: orb.LineString{{617489.6489, 3154440.6231}, {622321.5, 3156700.25}}, SourceCRS: 4545,
			Datum: "CGCS2000"},
		{UploadID: uploadID, Index: 3, Row: 7, Layer: "trk",
			Geometry:  orb.LineString{{109.3, 28.55}, {109.31, 28.56}, {109.32, 28.57}},
			Source:    orb.LineString{{109.3, 28.55}, {109.31, 28.56}, {109.32, 28.57}},
			SourceCRS: 4326, Datum: "WGS84", Z: []float64{300, math.NaN(), 302},
			Times: []time.Time{Stamp(2024, 5, 1, 9, 0), {}, Stamp(2024, 5, 1, 9, 2)}},
	}
}

// rawFile returns a raw file of a little over 2 MiB, so that stores that
// keep it in pieces keep more than one.
func rawFile() []byte {
	var b bytes.Buffer
	b.WriteString("number,x,y,z\r\n")
	for i := 0; b.Len() < 2<<20+1000; i++ {
		fmt.Fprintf(&b, "5052%03dQ,%.4f,%.4f,%d\r\n", i%1000, 617489.6489+float64(i), 3154440.6231, i%7)
	}
	b.Write([]byte{0, 0xff, '\t', '\\'}) // bytes no text format may change
	return b.Bytes()
}

// sameJSON fails unless want and got are the same JSON value.
func sameJSON(t *testing.T, what string, want, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: want %s: %v", what, want, err)
	}
	if err := json.Unmarshal(got, &g); err != nil || !reflect.DeepEqual(w, g) {
		t.Errorf("%s: got %s (%v), want %s", what, got, err, want)
	}
}

func testSurveys(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	if !data.ValidID(sv.ID) || sv.Created.IsZero() {
		t.Fatalf("CreateSurvey set ID %q, Created %s", sv.ID, sv.Created)
	}
	got, err := imp.GetSurvey(ctx, sv.ID)
	must(t, err)
	same(t, "survey", sv, got)
	ups, err := imp.SurveyUploads(ctx, sv.ID)
	must(t, err)
	if len(ups) != 0 {
		t.Errorf("a new survey has %d uploads", len(ups))
	}
	dup := Survey()
	dup.ID = sv.ID
	wantKind(t, "survey ID taken", imp.CreateSurvey(ctx, dup), data.KindConflict, "id")
	wantKind(t, "survey without team", imp.CreateSurvey(ctx, &data.Survey{CRS: 4545}), data.KindInvalid, "team")
	wantKind(t, "survey in Web Mercator", imp.CreateSurvey(ctx, &data.Survey{Team: "t", CRS: 3857}),
		data.KindInvalid, "crs")
	_, err = imp.GetSurvey(ctx, data.NewID())
	wantKind(t, "unknown survey", err, data.KindNotFound, "")
	_, err = imp.GetSurvey(ctx, "not-a-uuid")
	wantKind(t, "survey ID that is no UUID", err, data.KindNotFound, "")
	_, err = imp.SurveyUploads(ctx, data.NewID())
	wantKind(t, "uploads of an unknown survey", err, data.KindNotFound, "")
}

func testImportFeatures(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	raw := rawFile()
	in := importOf("features", raw, data.TargetSurvey, sv.ID)
	recs := withFeatures(in)
	res, err := imp.Import(ctx, in)
	must(t, err)
	id := in.Upload.ID
	bound := orb.Bound{Min: orb.Point{109.2, 28.5}, Max: orb.Point{109.32, 28.57}}
	if res.Stored != 3 || res.Bound != bound || !data.ValidID(id) {
		t.Errorf("Import = %+v (upload %q), want 3 stored in %v", res, id, bound)
	}
	st, err := imp.StoredUpload(ctx, id)
	must(t, err)
	if st.Upload.Status != "stored" || st.SurveyID != sv.ID || st.Target != data.TargetSurvey ||
		st.RequestHash != in.RequestHash {
		t.Errorf("stored upload %+v", st)
	}
	same(t, "stored upload", in.Upload, &st.Upload)
	sameJSON(t, "kept answer", []byte(`{"stored": 3, "key": "features"}`), st.Report)
	checkStoredFeatures(t, imp, id, *recs)

	var got bytes.Buffer
	must(t, imp.RawFile(ctx, id, &got))
	if !bytes.Equal(got.Bytes(), raw) {
		t.Errorf("raw file: %d bytes back, %d stored", got.Len(), len(raw))
	}
	ups, err := imp.SurveyUploads(ctx, sv.ID)
	must(t, err)
	if len(ups) != 1 || ups[0].Upload.ID != id {
		t.Errorf("survey uploads %+v, want the one upload", ups)
	}
	byKey, err := imp.UploadByKey(ctx, "features")
	must(t, err)
	if byKey.Upload.ID != id || byKey.RequestHash != in.RequestHash {
		t.Errorf("upload by key %+v", byKey)
	}
	_, err = imp.UploadByKey(ctx, "unknown key")
	wantKind(t, "unknown idempotency key", err, data.KindNotFound, "")
	_, err = imp.StoredUpload(ctx, data.NewID())
	wantKind(t, "unknown upload", err, data.KindNotFound, "")
	wantKind(t, "raw file of an unknown upload", imp.RawFile(ctx, data.NewID(), io.Discard), data.KindNotFound, "")
}

// checkStoredFeatures checks that the records of upload id read back as
// want, whole and by page.
func checkStoredFeatures(t *testing.T, imp data.Importer, id string, want []*data.SurveyFeature) {
	t.Helper()
	got, err := imp.UploadFeatures(t.Context(), id, 0, 0)
	must(t, err)
	if len(got) != len(want) {
		t.Fatalf("%d records back, want %d", len(got), len(want))
	}
	// NaN is a missing height; Diff compares floats exactly, so compare it apart.
	if z := got[2].Z; len(z) != 3 || !math.IsNaN(z[1]) {
		t.Errorf("heights %v, want the missing one NaN", z)
	} else {
		z[1], want[2].Z[1] = -1, -1
	}
	same(t, "survey records", want, got)
	page, err := imp.UploadFeatures(t.Context(), id, 1, 1)
	must(t, err)
	if len(page) != 1 || page[0].Index != 2 {
		t.Errorf("page of 1 from offset 1: %+v, want record 2", page)
	}
}
