package storetest

import (
	"errors"
	"io"
	"testing"

	"github.com/toponym/toponym/data"
)

// nothingStored fails if the upload of a failed import, or any of its
// records, was kept.
func nothingStored(t *testing.T, s data.Store, in *data.Import, places int) {
	t.Helper()
	ctx := t.Context()
	imp := importer(t, s)
	if in.Upload.ID != "" {
		if _, err := s.GetSurveyUpload(ctx, in.Upload.ID); data.KindOf(err) != data.KindNotFound {
			t.Errorf("the upload of a failed import was kept (%v)", err)
		}
		if fs, err := imp.UploadFeatures(ctx, in.Upload.ID, 0, 0); err != nil || len(fs) != 0 {
			t.Errorf("a failed import kept %d records (%v)", len(fs), err)
		}
	}
	if _, err := imp.UploadByKey(ctx, in.Upload.IdempotencyKey); data.KindOf(err) != data.KindNotFound {
		t.Errorf("the key of a failed import was kept (%v)", err)
	}
	if _, got := count(t, s); got != places {
		t.Errorf("%d places after a failed import, want %d", got, places)
	}
}

// failAfter returns an iterator over the survey records of imp that
// fails with err after n of them.
func failAfter(imp *data.Import, n int, err error) {
	withFeatures(imp)
	next := imp.Features
	imp.Features = func() (*data.SurveyFeature, error) {
		if n == 0 {
			return nil, err
		}
		n--
		return next()
	}
}

func testImportRollback(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	raw := []byte("x,y\n1,2\n")

	in := importOf("boom", raw, data.TargetSurvey, sv.ID)
	failAfter(in, 2, errBoom)
	if _, err := imp.Import(ctx, in); !errors.Is(err, errBoom) {
		t.Errorf("records failing: %v, want the iterator's error", err)
	}
	nothingStored(t, s, in, 0)

	in = importOf("bad record", raw, data.TargetSurvey, sv.ID)
	withFeatures(in)
	next := in.Features
	in.Features = func() (*data.SurveyFeature, error) {
		f, err := next()
		if err == nil && f.Index == 3 {
			f.Index = 0
		}
		return f, err
	}
	_, err := imp.Import(ctx, in)
	wantKind(t, "a record with index 0", err, data.KindInvalid, "")
	nothingStored(t, s, in, 0)

	in = importOf("no survey", raw, data.TargetSurvey, data.NewID())
	withFeatures(in)
	_, err = imp.Import(ctx, in)
	wantKind(t, "upload to an unknown survey", err, data.KindNotFound, "")
	nothingStored(t, s, in, 0)

	in = importOf("report fails", raw, data.TargetSurvey, sv.ID)
	withFeatures(in)
	in.Report = func(int) ([]byte, error) { return nil, errBoom }
	if _, err := imp.Import(ctx, in); !errors.Is(err, errBoom) {
		t.Errorf("report failing: %v, want its error", err)
	}
	nothingStored(t, s, in, 0)

	in = importOf("raw fails", raw, data.TargetSurvey, sv.ID)
	withFeatures(in)
	in.Raw = func() (io.ReadCloser, error) { return nil, errBoom }
	if _, err := imp.Import(ctx, in); !errors.Is(err, errBoom) {
		t.Errorf("raw file failing: %v, want its error", err)
	}
	nothingStored(t, s, in, 0)
}

func testImportIdempotency(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	first := importOf("once", []byte("x,y\n1,2\n"), data.TargetSurvey, sv.ID)
	withFeatures(first)
	_, err := imp.Import(ctx, first)
	must(t, err)
	again := importOf("once", []byte("x,y\n3,4\n"), data.TargetSurvey, sv.ID)
	withFeatures(again)
	_, err = imp.Import(ctx, again)
	wantKind(t, "repeated idempotency key", err, data.KindConflict, "idempotency_key")
	st, err := imp.UploadByKey(ctx, "once")
	must(t, err)
	if st.Upload.ID != first.Upload.ID || st.RequestHash != first.RequestHash {
		t.Errorf("the key names upload %s, want the first %s", st.Upload.ID, first.Upload.ID)
	}
	if fs, err := imp.UploadFeatures(ctx, first.Upload.ID, 0, 0); err != nil || len(fs) != 3 {
		t.Errorf("the first upload has %d records (%v), want 3", len(fs), err)
	}
	ups, err := imp.SurveyUploads(ctx, sv.ID)
	must(t, err)
	if len(ups) != 1 {
		t.Errorf("survey has %d uploads after a refused repeat, want 1", len(ups))
	}
}

func testImportPlaceConflicts(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	taken := Place("边城", "Biancheng", 109.25, 28.5, "433124108")
	taken.CensusCode = "433124108000001"
	must(t, s.CreatePlace(ctx, taken))
	raw := []byte("name\n茶峒\n")

	clash := importedPlace("茶峒", "Chadong", 109.25, 28.5, "433124108")
	clash.CensusCode = taken.CensusCode
	in := importOf("census code", raw, data.TargetPlaces, "")
	in.Places = iterate(importedPlace("洪安", "Hong'an", 109.2, 28.46), clash)
	_, err := imp.Import(ctx, in)
	wantKind(t, "census code taken", err, data.KindConflict, "census_code")
	nothingStored(t, s, in, 1)

	twice := importedPlace("茶峒", "Chadong", 109.25, 28.5, "433124108")
	twice.Names = append(twice.Names, data.Name{Status: data.NameStandard, Lang: "zh-Hans", Text: "茶洞", Valid: Since(2010)})
	in = importOf("standard names", raw, data.TargetPlaces, "")
	in.Places = iterate(twice)
	_, err = imp.Import(ctx, in)
	wantKind(t, "two standard names overlapping in time", err, data.KindConflict, "names")
	nothingStored(t, s, in, 1)

	bad := importedPlace("迓驾", "Yajia", 109.1, 28.3, "520628110")
	bad.LegalClass = 9
	in = importOf("invalid place", raw, data.TargetPlaces, "")
	in.Places = iterate(importedPlace("洪安", "Hong'an", 109.2, 28.46), bad)
	_, err = imp.Import(ctx, in)
	wantKind(t, "legal class 9", err, data.KindInvalid, "legal_class")
	nothingStored(t, s, in, 1)

	dupID := importedPlace("洪安", "Hong'an", 109.2, 28.46)
	dupID.ID = taken.ID
	in = importOf("place ID", raw, data.TargetPlaces, "")
	in.Places = iterate(dupID)
	_, err = imp.Import(ctx, in)
	wantKind(t, "place ID taken", err, data.KindConflict, "id")
	nothingStored(t, s, in, 1)
}
