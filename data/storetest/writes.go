package storetest

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// nanoStamp has nanoseconds that round up at the microsecond.
var nanoStamp = time.Date(2023, 5, 6, 7, 8, 9, 123456789, time.UTC)

// notRoundedUp fails if a store kept put as a later time, or lost more
// than a millisecond of it.
func notRoundedUp(t *testing.T, what string, put, got time.Time) {
	t.Helper()
	if got.After(put) || put.Sub(got) >= time.Millisecond {
		t.Errorf("%s: put %s, got %s: want it kept or truncated", what, put.Format(time.RFC3339Nano),
			got.Format(time.RFC3339Nano))
	}
}

// Regression: COPY sent nanoseconds as text and the server rounded them,
// while a place created one at a time had them truncated.
func testImportTimesLikeCreate(t *testing.T, s data.Store) {
	ctx := t.Context()
	created := Place("里耶", "Liye", 109.31, 28.81)
	created.ReviewedAt = nanoStamp
	must(t, s.CreatePlace(ctx, created))
	imported := Place("龙潭", "Longtan", 109.32, 28.82)
	imported.ReviewedAt = nanoStamp
	in := importOf("reviewed at", []byte("x"), data.TargetPlaces, "")
	in.Places = iterate(imported)
	_, err := importer(t, s).Import(ctx, in)
	must(t, err)
	a, err := s.GetPlace(ctx, created.ID)
	must(t, err)
	b, err := s.GetPlace(ctx, imported.ID)
	must(t, err)
	notRoundedUp(t, "created place's reviewed_at", nanoStamp, a.ReviewedAt)
	notRoundedUp(t, "imported place's reviewed_at", nanoStamp, b.ReviewedAt)
	if !a.ReviewedAt.Equal(b.ReviewedAt) {
		t.Errorf("reviewed_at %s kept as %s by CreatePlace, %s by Import", nanoStamp.Format(time.RFC3339Nano),
			a.ReviewedAt.Format(time.RFC3339Nano), b.ReviewedAt.Format(time.RFC3339Nano))
	}

	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	f := pgPointFeature(1)
	f.Times = []time.Time{nanoStamp}
	in = importOf("record times", []byte("x"), data.TargetSurvey, sv.ID)
	in.Features = pgFeatures(in, f)
	_, err = imp.Import(ctx, in)
	must(t, err)
	got, err := imp.UploadFeatures(ctx, in.Upload.ID, 10, 0)
	must(t, err)
	if len(got) != 1 || len(got[0].Times) != 1 {
		t.Fatalf("stored records %+v, want one with one time", got)
	}
	notRoundedUp(t, "record time", nanoStamp, got[0].Times[0])
}

// Regression: Import left the imported places' Updated zero.
func testImportSetsUpdated(t *testing.T, s data.Store) {
	ctx := t.Context()
	a := importedPlace("石堤", "Shidi", 109.41, 28.91)
	b := POI("酉水码头", 109.42, 28.92)
	in := importOf("updated", []byte("x"), data.TargetPlaces, "")
	in.Places = iterate(a, b)
	_, err := importer(t, s).Import(ctx, in)
	must(t, err)
	for _, p := range []*data.NamedPlace{a, b} {
		got, err := s.GetPlace(ctx, p.ID)
		must(t, err)
		if p.Updated.IsZero() || !p.Updated.Equal(got.Updated) {
			t.Errorf("imported %s: Updated %s, stored %s", p.Names[0].Text, p.Updated.Format(time.RFC3339Nano),
				got.Updated.Format(time.RFC3339Nano))
		}
	}
}

// Regression: a survey record whose geometry as given had a NaN or
// infinite coordinate was stored.
func testImportNonFiniteSource(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	for _, v := range []float64{math.NaN(), math.Inf(1)} {
		f := pgPointFeature(1)
		f.Source = orb.LineString{{617489.6489, 3154440.6231}, {v, 3154440.6231}}
		key := fmt.Sprintf("source %v", v)
		in := importOf(key, []byte("x"), data.TargetSurvey, sv.ID)
		in.Features = pgFeatures(in, pgPointFeature(2), f)
		_, err := imp.Import(ctx, in)
		wantKind(t, "source with a coordinate "+key, err, data.KindInvalid, "source")
		_, err = imp.UploadByKey(ctx, key)
		wantKind(t, "upload of a refused import", err, data.KindNotFound, "")
	}
}

// Regression: in PostgreSQL a refused write aborted the transaction around
// it, so a caller of Atomic could not handle a conflict and go on.
func testAtomicAfterConflict(t *testing.T, s data.Store) {
	ctx := t.Context()
	f := lineWithRound(t, s)
	cq, gz, line, m1, m2, round := f.cq, f.gz, f.line, f.m1, f.m2, f.round
	check := &data.MarkerCheck{RoundID: round.ID, MarkerID: m1.ID, Party: line.CodeA,
		Observed: &orb.Point{109.1, 28.4}, Status: data.StatusIntact}
	must(t, s.AddMarkerCheck(ctx, check))
	listed := Place("洪安", "Hong'an", 109.2, 28.46)
	must(t, s.CreatePlace(ctx, listed))
	must(t, s.CreateProtectionListing(ctx, &data.ProtectionListing{PlaceID: listed.ID, Batch: "第一批",
		Listed: data.Date(2019, 10, 15)}))
	upload := Upload("atomic.csv")
	must(t, s.CreateSurveyUpload(ctx, upload))

	dupLine := ProvincialLine(cq, gz)
	dupCheck := *check
	dupCheck.MarkerID, dupCheck.Party = m2.ID, line.CodeB
	dupUpload := Upload("atomic.csv")
	dupRound := Round(line, 2024)
	conflicts := []struct {
		what  string
		write func(tx data.Store) error
	}{
		{"second line of one code", func(tx data.Store) error { return tx.CreateBoundaryLine(ctx, dupLine) }},
		{"second regular round in a year", func(tx data.Store) error { return tx.CreateInspectionRound(ctx, dupRound) }},
		{"marker check of a used ID", func(tx data.Store) error { return tx.AddMarkerCheck(ctx, &dupCheck) }},
		{"delete of a listed place", func(tx data.Store) error { return editor(t, tx).DeletePlace(ctx, listed.ID) }},
		{"upload of a used key", func(tx data.Store) error { return tx.CreateSurveyUpload(ctx, dupUpload) }},
	}
	var after []*data.NamedPlace
	err := s.Atomic(ctx, func(tx data.Store) error {
		for i, c := range conflicts {
			wantKind(t, c.what+" in Atomic", c.write(tx), data.KindConflict, "")
			p := POI(c.what, 109.5+float64(i)/100, 28.6)
			if err := tx.CreatePlace(ctx, p); err != nil {
				t.Errorf("write after the %s: %v", c.what, err)
				return err
			}
			after = append(after, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Atomic after handled conflicts: %v", err)
	}
	for _, p := range after {
		if _, err := s.GetPlace(ctx, p.ID); err != nil {
			t.Errorf("write after the %s not kept: %v", p.Names[0].Text, err)
		}
	}
	_, err = s.GetBoundaryLine(ctx, dupLine.ID)
	wantKind(t, "refused line after the commit", err, data.KindNotFound, "")
	rr, err := s.RoundRecords(ctx, round.ID)
	must(t, err)
	if len(rr.MarkerChecks) != 1 || rr.MarkerChecks[0].MarkerID != m1.ID {
		t.Errorf("marker checks after the commit: %d, want the first only", len(rr.MarkerChecks))
	}
	if _, err := s.GetPlace(ctx, listed.ID); err != nil {
		t.Errorf("listed place after the refused delete: %v", err)
	}
	_, err = s.GetInspectionRound(ctx, dupRound.ID)
	wantKind(t, "refused round after the commit", err, data.KindNotFound, "")
}

// pgPointFeature returns a marker point given in EPSG:4545 as record i.
func pgPointFeature(i int) *data.SurveyFeature {
	return &data.SurveyFeature{Index: i, Row: i + 1, Geometry: orb.Point{109.2, 28.5},
		Source: orb.Point{617489.6489, 3154440.6231}, SourceCRS: 4545, Datum: "CGCS2000"}
}

// pgFeatures returns an iterator over fs, given in's upload ID once Import
// has assigned it.
func pgFeatures(in *data.Import, fs ...*data.SurveyFeature) func() (*data.SurveyFeature, error) {
	next := iterate(fs...)
	return func() (*data.SurveyFeature, error) {
		f, err := next()
		if f != nil {
			f.UploadID = in.Upload.ID
		}
		return f, err
	}
}
