package storetest

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// corner stores the provinces 重庆 and 贵州 and their line 5052.
func corner(t *testing.T, s data.Store) (cq, gz *data.AdminUnit, line *data.BoundaryLine) {
	t.Helper()
	cq = createUnit(t, s, Unit("500000", "重庆市", 108.0, 28.0))
	gz = createUnit(t, s, Unit("520000", "贵州省", 108.0, 27.0))
	line = ProvincialLine(cq, gz)
	must(t, s.CreateBoundaryLine(t.Context(), line))
	return cq, gz, line
}

// roundFixture is corner's line with two markers and its 2024 round.
type roundFixture struct {
	cq, gz *data.AdminUnit
	line   *data.BoundaryLine
	m1, m2 *data.Marker
	round  *data.InspectionRound
}

func lineWithRound(t *testing.T, s data.Store) *roundFixture {
	t.Helper()
	f := &roundFixture{}
	f.cq, f.gz, f.line = corner(t, s)
	f.m1, f.m2 = Marker(f.line, "5052001Q", 109.10, 28.40), Marker(f.line, "5052002A", 109.15, 28.42)
	must(t, s.CreateMarker(t.Context(), f.m1))
	must(t, s.CreateMarker(t.Context(), f.m2))
	f.round = Round(f.line, 2024)
	must(t, s.CreateInspectionRound(t.Context(), f.round))
	return f
}

func testBoundaryLines(t *testing.T, s data.Store) {
	ctx := t.Context()
	cq, gz, line := corner(t, s)
	if !data.ValidID(line.ID) || line.Updated.IsZero() {
		t.Fatalf("Create set ID %q, Updated %s", line.ID, line.Updated)
	}
	got, err := s.GetBoundaryLine(ctx, line.ID)
	must(t, err)
	same(t, "boundary line", line, got)

	got.LegalStatus, got.TechnicalStatus = data.LegalDisputed, data.TechNotMatched
	got.Agreements = append(got.Agreements, data.Document{Title: "裁决 ruling", Number: "国函〔2010〕2号", Date: data.Date(2010, 2, 2)})
	got.Geometry = orb.MultiLineString{{{109.1, 28.4}, {109.3, 28.6}}}
	must(t, s.UpdateBoundaryLine(ctx, got))
	again, err := s.GetBoundaryLine(ctx, line.ID)
	must(t, err)
	same(t, "updated boundary line", got, again)

	// Empty technical status is stored as unknown.
	county := CountyLine("500241-520628", cq, gz)
	county.TechnicalStatus = ""
	must(t, s.CreateBoundaryLine(ctx, county))
	got, err = s.GetBoundaryLine(ctx, county.ID)
	must(t, err)
	if got.TechnicalStatus != data.TechUnknown {
		t.Errorf("empty technical status stored as %q, want unknown", got.TechnicalStatus)
	}

	dup := ProvincialLine(cq, gz)
	wantKind(t, "second line with code 5052 at the same time", s.CreateBoundaryLine(ctx, dup), data.KindConflict, "code")
	for _, c := range []struct {
		name  string
		edit  func(l *data.BoundaryLine)
		field string
	}{
		{"village line", func(l *data.BoundaryLine) { l.Level = data.LevelVillage }, "level"},
		{"sides swapped", func(l *data.BoundaryLine) { l.CodeA, l.CodeB = l.CodeB, l.CodeA }, "code_a"},
		{"provincial code not two provinces", func(l *data.BoundaryLine) { l.Level, l.Code = data.LevelProvince, "5250" }, "code"},
		{"unknown legal status", func(l *data.BoundaryLine) { l.LegalStatus = "settled" }, "legal_status"},
		{"unknown unit", func(l *data.BoundaryLine) { l.UnitB = data.NewID() }, "unit_b"},
		{"one-point line", func(l *data.BoundaryLine) { l.Geometry = orb.MultiLineString{{{109, 28}}} }, "geometry"},
		{"no name", func(l *data.BoundaryLine) { l.Name = "" }, "name"},
	} {
		l := CountyLine("500241-520628", cq, gz)
		l.Valid = Between(1990, 2000) // clear of the stored county line
		c.edit(l)
		wantKind(t, c.name, s.CreateBoundaryLine(ctx, l), data.KindInvalid, c.field)
	}
}

func testLineVersions(t *testing.T, s data.Store) {
	ctx := t.Context()
	_, _, line := corner(t, s)
	up := Upload("side-a.csv")
	must(t, s.CreateSurveyUpload(ctx, up))
	a := Version(line, data.SourceSideA, line.CodeA)
	a.UploadID = up.ID
	must(t, s.CreateLineVersion(ctx, a))
	b := Version(line, data.SourceSideB, line.CodeB)
	b.Geometry = orb.MultiLineString{{{109.1002, 28.4001}, {109.2701, 28.5034}}, {{109.3, 28.55}, {109.35, 28.6}}}
	b.Valid = Between(2019, 2024)
	must(t, s.CreateLineVersion(ctx, b))
	if a.Created.IsZero() || !data.ValidID(a.ID) {
		t.Fatalf("CreateLineVersion set ID %q, Created %s", a.ID, a.Created)
	}

	versions, err := s.LineVersions(ctx, line.ID)
	must(t, err)
	if len(versions) != 2 {
		t.Fatalf("LineVersions = %d versions, want 2", len(versions))
	}
	byID := map[string]*data.LineVersion{versions[0].ID: versions[0], versions[1].ID: versions[1]}
	same(t, "side A version", a, byID[a.ID])
	same(t, "side B version", b, byID[b.ID])

	orphan := Version(line, data.SourceClaim, "")
	orphan.LineID = data.NewID()
	wantKind(t, "version of an unknown line", s.CreateLineVersion(ctx, orphan), data.KindInvalid, "line_id")
	badSource := Version(line, "rumour", "")
	wantKind(t, "unknown source", s.CreateLineVersion(ctx, badSource), data.KindInvalid, "source")
	noUpload := Version(line, data.SourceResurvey, "")
	noUpload.UploadID = data.NewID()
	wantKind(t, "unknown upload", s.CreateLineVersion(ctx, noUpload), data.KindInvalid, "upload_id")
}

func testMarkers(t *testing.T, s data.Store) {
	ctx := t.Context()
	cq, gz, line := corner(t, s)
	m := Marker(line, "5052002A", 109.15, 28.42)
	must(t, s.CreateMarker(ctx, m))
	if want := (data.MarkerNumber{Line: "5052", Seq: 2, Type: data.MarkerPairA}); m.Parsed != want {
		t.Errorf("Create parsed %+v, want %+v", m.Parsed, want)
	}
	got, err := s.GetMarker(ctx, m.ID)
	must(t, err)
	same(t, "marker", m, got)

	got.Status, got.SigmaM, got.References = data.StatusDamaged, 0.05, got.References[:1]
	got.Position = orb.Point{109.1501, 28.4201}
	must(t, s.UpdateMarker(ctx, got))
	again, err := s.GetMarker(ctx, m.ID)
	must(t, err)
	same(t, "updated marker", got, again)

	// The same number on another line, or after this one ends, is fine.
	county := CountyLine("XS-ST", cq, gz)
	must(t, s.CreateBoundaryLine(ctx, county))
	free := Marker(county, "XS-ST-07", 108.95, 28.32)
	must(t, s.CreateMarker(ctx, free))
	got, err = s.GetMarker(ctx, free.ID)
	must(t, err)
	same(t, "county-line marker", free, got)

	wantKind(t, "number taken on this line", s.CreateMarker(ctx, Marker(line, "5052002A", 109.16, 28.43)), data.KindConflict, "number")
	for _, c := range []struct {
		name  string
		edit  func(m *data.Marker)
		field string
	}{
		{"another line's code", func(m *data.Marker) { m.Number = "4352003Q" }, "number"},
		{"sequence 000", func(m *data.Marker) { m.Number = "5052000Q" }, "number"},
		{"unknown type letter", func(m *data.Marker) { m.Number = "5052003X" }, "number"},
		{"negative sigma", func(m *data.Marker) { m.SigmaM = -1 }, "sigma_m"},
		{"unknown status", func(m *data.Marker) { m.Status = "gone" }, "status"},
		{"outside China", func(m *data.Marker) { m.Position = orb.Point{0, 0} }, "position"},
		{"unknown line", func(m *data.Marker) { m.LineID = data.NewID() }, "line_id"},
		{"no line", func(m *data.Marker) { m.LineID = "" }, "line_id"},
	} {
		mk := Marker(line, "5052003Q", 109.2, 28.45)
		c.edit(mk)
		wantKind(t, c.name, s.CreateMarker(ctx, mk), data.KindInvalid, c.field)
	}
}

func testMarkerStatus(t *testing.T, s data.Store) {
	ctx := t.Context()
	_, _, line := corner(t, s)
	m := Marker(line, "5052001Q", 109.1, 28.4)
	must(t, s.CreateMarker(ctx, m))
	round := Round(line, 2024)
	must(t, s.CreateInspectionRound(ctx, round))
	recent := &data.MarkerStatusRecord{MarkerID: m.ID, At: Stamp(2024, 9, 1, 10, 0), Status: data.StatusDamaged,
		Flags: []string{"tilted", "illegible"}, Upkeep: []string{"straightened", "repainted"}, RoundID: round.ID, Note: "洪水冲刷"}
	older := &data.MarkerStatusRecord{MarkerID: m.ID, At: Stamp(2019, 9, 1, 10, 0), Status: data.StatusMoved}
	must(t, s.AddMarkerStatus(ctx, recent))
	must(t, s.AddMarkerStatus(ctx, older)) // recorded late, but older

	history, err := s.MarkerStatusHistory(ctx, m.ID)
	must(t, err)
	if len(history) != 2 {
		t.Fatalf("history has %d records, want 2", len(history))
	}
	same(t, "older status record", older, history[0])
	same(t, "recent status record", recent, history[1])
	got, err := s.GetMarker(ctx, m.ID)
	must(t, err)
	if got.Status != data.StatusDamaged {
		t.Errorf("marker status %q, want the latest record's %q", got.Status, data.StatusDamaged)
	}

	wantKind(t, "two records at one time", s.AddMarkerStatus(ctx, &data.MarkerStatusRecord{MarkerID: m.ID,
		At: recent.At, Status: data.StatusIntact}), data.KindConflict, "")
	wantKind(t, "unknown marker", s.AddMarkerStatus(ctx, &data.MarkerStatusRecord{MarkerID: data.NewID(),
		At: recent.At, Status: data.StatusIntact}), data.KindInvalid, "marker_id")
	wantKind(t, "unknown status", s.AddMarkerStatus(ctx, &data.MarkerStatusRecord{MarkerID: m.ID,
		At: Stamp(2025, 1, 1, 0, 0), Status: "lost"}), data.KindInvalid, "status")
}

func testTriJunctions(t *testing.T, s data.Store) {
	ctx := t.Context()
	cq, gz, line := corner(t, s)
	hn := createUnit(t, s, Unit("430000", "湖南省", 110.0, 28.0))
	l2 := &data.BoundaryLine{Name: "湘渝线", Level: data.LevelProvince, Code: "4350", UnitA: hn.UnitID, UnitB: cq.UnitID,
		CodeA: hn.Code, CodeB: cq.Code, LegalStatus: data.LegalAgreed, Valid: Since(2002)}
	l3 := &data.BoundaryLine{Name: "湘黔线", Level: data.LevelProvince, Code: "4352", UnitA: hn.UnitID, UnitB: gz.UnitID,
		CodeA: hn.Code, CodeB: gz.Code, LegalStatus: data.LegalAgreed, Valid: Since(2002)}
	must(t, s.CreateBoundaryLine(ctx, l2))
	must(t, s.CreateBoundaryLine(ctx, l3))
	m := Marker(line, "5052050C", 109.2702, 28.5035)
	must(t, s.CreateMarker(ctx, m))
	tj := &data.TriJunction{Name: "湘渝黔三交点", LineIDs: [3]string{line.ID, l2.ID, l3.ID},
		UnitIDs: [3]string{cq.UnitID, gz.UnitID, hn.UnitID}, Agreed: orb.Point{109.2702, 28.5035}, SigmaM: 0.05, MarkerID: m.ID}
	must(t, s.CreateTriJunction(ctx, tj))
	far := &data.TriJunction{Name: "鄂湘渝三交点", Agreed: orb.Point{109.4, 29.4}}
	must(t, s.CreateTriJunction(ctx, far))

	page, err := s.ListTriJunctions(ctx, data.Query{BBox: &orb.Bound{Min: orb.Point{109.2, 28.4}, Max: orb.Point{109.3, 28.6}}})
	must(t, err)
	if page.Matched != 1 || len(page.Items) != 1 {
		t.Fatalf("bbox around the corner matched %d tri-junctions, want 1", page.Matched)
	}
	same(t, "tri-junction", tj, page.Items[0])

	dupLine := &data.TriJunction{Name: "bad", LineIDs: [3]string{line.ID, line.ID, l3.ID}, Agreed: orb.Point{109, 28}}
	wantKind(t, "a line twice", s.CreateTriJunction(ctx, dupLine), data.KindInvalid, "line_ids")
	unknown := &data.TriJunction{Name: "bad", MarkerID: data.NewID(), Agreed: orb.Point{109, 28}}
	wantKind(t, "unknown marker", s.CreateTriJunction(ctx, unknown), data.KindInvalid, "marker_id")
}
