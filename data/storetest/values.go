package storetest

import (
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// Date-only fields given with a time of day keep their date.
func testDateFields(t *testing.T, s data.Store) {
	ctx := t.Context()
	f := lineWithRound(t, s)
	when := time.Date(2019, 10, 15, 8, 30, 0, 0, time.UTC)
	day := data.Date(2019, 10, 15)
	u := Unit("510000", "四川省", 106.0, 30.0)
	u.Approval.Date = when
	must(t, s.CreateAdminUnit(ctx, u))
	line, err := s.GetBoundaryLine(ctx, f.line.ID)
	must(t, err)
	line.LastInspected, line.Agreements[0].Date = when, when
	must(t, s.UpdateBoundaryLine(ctx, line))
	m := Marker(f.line, "5052003Q", 109.3, 28.5)
	m.Installed = when
	must(t, s.CreateMarker(ctx, m))
	p := Place("边城镇", "Biancheng Zhen", 109.25, 28.45, "500241")
	p.Names[0].Approval.Date = when
	must(t, s.CreatePlace(ctx, p))
	l := &data.ProtectionListing{PlaceID: p.ID, Batch: "第一批", Listed: when}
	must(t, s.CreateProtectionListing(ctx, l))
	sg := &data.Sign{PlaceID: p.ID, ListingID: l.ID, Kind: "protection_marker", Position: orb.Point{109.25, 28.45},
		Text: "边城", Installed: when, Status: "good"}
	must(t, s.CreateSign(ctx, sg))

	gu, err := s.GetAdminUnit(ctx, u.ID)
	must(t, err)
	gl, err := s.GetBoundaryLine(ctx, line.ID)
	must(t, err)
	gm, err := s.GetMarker(ctx, m.ID)
	must(t, err)
	gp, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	created, err := s.GetSign(ctx, sg.ID)
	must(t, err)
	sg.Installed = when.Add(time.Hour)
	must(t, editor(t, s).UpdateSign(ctx, sg))
	updated, err := s.GetSign(ctx, sg.ID)
	must(t, err)
	got := []struct {
		what string
		t    time.Time
	}{
		{"AdminUnit.Approval.Date", gu.Approval.Date},
		{"BoundaryLine.LastInspected", gl.LastInspected},
		{"BoundaryLine.Agreements[0].Date", gl.Agreements[0].Date},
		{"Marker.Installed", gm.Installed},
		{"Name.Approval.Date", gp.Names[0].Approval.Date},
		{"Sign.Installed (created)", created.Installed},
		{"Sign.Installed (updated)", updated.Installed},
	}
	if g, ok := s.(data.Gazetteer); ok {
		page, err := g.ListListings(ctx, data.ListingQuery{})
		must(t, err)
		if len(page.Items) != 1 {
			t.Fatalf("%d listings, want 1", len(page.Items))
		}
		got = append(got, struct {
			what string
			t    time.Time
		}{"ProtectionListing.Listed", page.Items[0].Listed})
	}
	for _, g := range got {
		if !g.t.Equal(day) {
			t.Errorf("%s given %s: got %s, want the date %s", g.what, when.Format(time.RFC3339),
				g.t.Format(time.RFC3339Nano), day.Format(data.DateLayout))
		}
	}
}

// Survey record times keep microseconds, truncated (they are a JSON or
// timestamptz array, not GeoPackage DATETIME text).
func testFeatureTimes(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	in := importOf("feature-times", []byte("x"), data.TargetSurvey, sv.ID)
	at := time.Date(2024, 5, 1, 9, 0, 0, 123456_789, time.UTC)
	featuresOf(in, func(uploadID string) []*data.SurveyFeature {
		return []*data.SurveyFeature{{UploadID: uploadID, Index: 1, Row: 2, Layer: "trk",
			Geometry: orb.LineString{{109.3, 28.55}, {109.31, 28.56}}, Source: orb.LineString{{109.3, 28.55}, {109.31, 28.56}},
			SourceCRS: 4326, Datum: "WGS84", Times: []time.Time{at, at.Add(time.Second)}}}
	})
	_, err := imp.Import(ctx, in)
	must(t, err)
	got, err := imp.UploadFeatures(ctx, in.Upload.ID, 10, 0)
	must(t, err)
	if len(got) != 1 || len(got[0].Times) != 2 {
		t.Fatalf("%d records, want one with two times", len(got))
	}
	if want := at.Truncate(time.Microsecond); !got[0].Times[0].Equal(want) {
		t.Errorf("first time %s, want %s", got[0].Times[0].Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
	}
}

// Conflicts name the field PostGIS names.
func testConflictFields(t *testing.T, s data.Store) {
	ctx := t.Context()
	f := lineWithRound(t, s)
	round := Round(f.line, 2025)
	must(t, s.CreateInspectionRound(ctx, round))
	mc := &data.MarkerCheck{RoundID: round.ID, MarkerID: f.m1.ID, Party: f.line.CodeA, Observed: &orb.Point{109.1, 28.4},
		Status: data.StatusIntact}
	must(t, s.AddMarkerCheck(ctx, mc))
	again := *mc
	again.MarkerID, again.Party = f.m2.ID, f.line.CodeB // the same ID, another marker and party
	wantConflict(t, "marker check with a used ID", s.AddMarkerCheck(ctx, &again), "id")
	sc := &data.SegmentCheck{RoundID: round.ID, Party: f.line.CodeA, FromMarker: f.m1.ID, ToMarker: f.m2.ID}
	must(t, s.AddSegmentCheck(ctx, sc))
	sc2 := *sc
	sc2.Party = f.line.CodeB
	wantConflict(t, "segment check with a used ID", s.AddSegmentCheck(ctx, &sc2), "id")

	imp := importer(t, s)
	sv := Survey()
	must(t, imp.CreateSurvey(ctx, sv))
	in := importOf("parity-index", []byte("x"), data.TargetSurvey, sv.ID)
	featuresOf(in, func(uploadID string) []*data.SurveyFeature {
		rs := surveyRecords(uploadID)
		rs[1].Index = rs[0].Index
		return rs
	})
	_, err := imp.Import(ctx, in)
	wantConflict(t, "two survey records with one index", err, "index")
}

// featuresOf sets imp's records to those records returns for the upload ID
// Import gives.
func featuresOf(imp *data.Import, records func(uploadID string) []*data.SurveyFeature) {
	var next func() (*data.SurveyFeature, error)
	imp.Features = func() (*data.SurveyFeature, error) {
		if next == nil {
			next = iterate(records(imp.Upload.ID)...)
		}
		return next()
	}
}

func wantConflict(t *testing.T, what string, err error, field string) {
	t.Helper()
	e := data.AsError(err)
	if e == nil || e.Kind != data.KindConflict || e.Field != field {
		t.Errorf("%s: %v, want a conflict on %s", what, err, field)
	}
}
