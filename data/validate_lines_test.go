package data

import (
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// Validate tables for lines, line versions, markers, tri-junctions and the
// records of an inspection round.

var line5052 = orb.LineString{{109.1, 28.4}, {109.2702, 28.5035}}

func validLine() *BoundaryLine {
	return &BoundaryLine{Name: "渝黔线", Level: LevelProvince, Code: "5052", UnitA: id1, UnitB: id2,
		CodeA: "500000", CodeB: "520000", NumberingDirection: "west_east", LegalStatus: LegalAgreed,
		CycleYears: 5, Geometry: orb.MultiLineString{line5052}, Valid: Period{From: Date(1998, 1, 1)}}
}

func TestBoundaryLineValidate(t *testing.T) {
	testRules(t, validLine, (*BoundaryLine).Validate, []rule[BoundaryLine]{
		{"no name", func(l *BoundaryLine) { l.Name = "" }, "name"},
		{"village line", func(l *BoundaryLine) { l.Level = LevelVillage }, "level"},
		{"no code", func(l *BoundaryLine) { l.Code = "" }, "code"},
		{"provincial code larger first", func(l *BoundaryLine) { l.Code = "5250" }, "code"},
		{"provincial code of an unknown province", func(l *BoundaryLine) { l.Code = "5099" }, "code"},
		{"provincial code of 3 digits", func(l *BoundaryLine) { l.Code = "505" }, "code"},
		{"provincial code of one province", func(l *BoundaryLine) { l.Code = "5050" }, "code"},
		{"malformed code A", func(l *BoundaryLine) { l.CodeA = "50" }, "code_a"},
		{"malformed code B", func(l *BoundaryLine) { l.CodeB = "52x000" }, "code_b"},
		{"sides swapped", func(l *BoundaryLine) { l.CodeA, l.CodeB = l.CodeB, l.CodeA }, "code_a"},
		{"one unit on both sides", func(l *BoundaryLine) { l.UnitB = l.UnitA }, "unit_b"},
		{"malformed unit A", func(l *BoundaryLine) { l.UnitA = "chongqing" }, "unit_a"},
		{"malformed unit B", func(l *BoundaryLine) { l.UnitB = "guizhou" }, "unit_b"},
		{"cycle of 51 years", func(l *BoundaryLine) { l.CycleYears = 51 }, "cycle_years"},
		{"negative cycle", func(l *BoundaryLine) { l.CycleYears = -1 }, "cycle_years"},
		{"unknown legal status", func(l *BoundaryLine) { l.LegalStatus = "settled" }, "legal_status"},
		{"unknown technical status", func(l *BoundaryLine) { l.TechnicalStatus = "perfect" }, "technical_status"},
		{"unknown numbering direction", func(l *BoundaryLine) { l.NumberingDirection = "east_west" }, "numbering_direction"},
		{"one-point line", func(l *BoundaryLine) { l.Geometry = orb.MultiLineString{{{109, 28}}} }, "geometry"},
		{"validity upside down", func(l *BoundaryLine) { l.Valid.To = Date(1990, 1, 1) }, "valid"},
	})
	testVariants(t, validLine, (*BoundaryLine).Validate, map[string]func(l *BoundaryLine){
		"county line with a free code": func(l *BoundaryLine) { l.Level, l.Code = LevelCounty, "500241-520628" },
		"no sides, no geometry":        func(l *BoundaryLine) { l.UnitA, l.UnitB, l.CodeA, l.CodeB, l.Geometry = "", "", "", "", nil },
	})
	l := validLine()
	if err := l.Validate(); err != nil || l.TechnicalStatus != TechUnknown {
		t.Errorf("empty technical status: Validate = %v, status %q; want nil and unknown", err, l.TechnicalStatus)
	}
}

func validVersion() *LineVersion {
	return &LineVersion{LineID: id1, Source: SourceSideA, Party: "500000", Geometry: orb.MultiLineString{line5052},
		SourceCRS: 4545, UploadID: id2, Valid: Period{From: Date(2019, 1, 1)}}
}

func TestLineVersionValidate(t *testing.T) {
	testRules(t, validVersion, (*LineVersion).Validate, []rule[LineVersion]{
		{"no geometry", func(v *LineVersion) { v.Geometry = nil }, "geometry"},
		{"one-point line", func(v *LineVersion) { v.Geometry = orb.MultiLineString{{{109, 28}}} }, "geometry"},
		{"outside China", func(v *LineVersion) { v.Geometry = orb.MultiLineString{{{0, 0}, {1, 1}}} }, "geometry"},
		{"no line", func(v *LineVersion) { v.LineID = "" }, "line_id"},
		{"malformed line", func(v *LineVersion) { v.LineID = "5052" }, "line_id"},
		{"malformed upload", func(v *LineVersion) { v.UploadID = "side-a.csv" }, "upload_id"},
		{"unknown source", func(v *LineVersion) { v.Source = "rumour" }, "source"},
		{"malformed party", func(v *LineVersion) { v.Party = "5000" }, "party"},
		{"negative source CRS", func(v *LineVersion) { v.SourceCRS = -1 }, "source_crs"},
		{"validity upside down", func(v *LineVersion) { v.Valid.To = Date(2018, 1, 1) }, "valid"},
	})
}

func validMarker() *Marker {
	return &Marker{LineID: id1, Number: "5052002A", ResponsibleParty: "500241", Position: orb.Point{109.15, 28.42},
		SourceCRS: 4545, Datum: "CGCS2000", SigmaM: 1, Status: StatusIntact, Valid: Period{From: Date(1998, 1, 1)}}
}

func TestMarkerValidate(t *testing.T) {
	validate := func(m *Marker) error { return m.Validate(LevelProvince, "5052") }
	testRules(t, validMarker, validate, []rule[Marker]{
		{"no number", func(m *Marker) { m.Number = "" }, "number"},
		{"another line's code", func(m *Marker) { m.Number = "4352003Q" }, "number"},
		{"sequence 000", func(m *Marker) { m.Number = "5052000Q" }, "number"},
		{"unknown type letter", func(m *Marker) { m.Number = "5052003X" }, "number"},
		{"unknown status", func(m *Marker) { m.Status = "gone" }, "status"},
		{"no line", func(m *Marker) { m.LineID = "" }, "line_id"},
		{"malformed line", func(m *Marker) { m.LineID = "5052" }, "line_id"},
		{"outside China", func(m *Marker) { m.Position = orb.Point{0, 0} }, "position"},
		{"negative sigma", func(m *Marker) { m.SigmaM = -1 }, "sigma_m"},
		{"NaN sigma", func(m *Marker) { m.SigmaM = math.NaN() }, "sigma_m"},
		{"sigma over 1000 m", func(m *Marker) { m.SigmaM = 1000.5 }, "sigma_m"},
		{"malformed responsible party", func(m *Marker) { m.ResponsibleParty = "秀山" }, "responsible_party"},
		{"negative source CRS", func(m *Marker) { m.SourceCRS = -4545 }, "source_crs"},
		{"validity upside down", func(m *Marker) { m.Valid.To = Date(1990, 1, 1) }, "valid"},
	})
	m := validMarker()
	if err := m.Validate(LevelProvince, "5052"); err != nil || m.Parsed != (MarkerNumber{"5052", 2, MarkerPairA}) {
		t.Errorf("provincial marker: Validate = %v, Parsed %+v; want 5052/2/A", err, m.Parsed)
	}
	m.Number = "XS-ST-07"
	if err := m.Validate(LevelCounty, "500241-520628"); err != nil || m.Parsed != (MarkerNumber{}) {
		t.Errorf("county marker: Validate = %v, Parsed %+v; want it cleared", err, m.Parsed)
	}
}

func validStatusRecord() *MarkerStatusRecord {
	return &MarkerStatusRecord{MarkerID: id1, At: time.Date(2024, 10, 8, 9, 30, 0, 0, time.UTC), Status: StatusDamaged,
		Flags: []string{"illegible"}, Upkeep: []string{"repainted"}, RoundID: id2}
}

func TestMarkerStatusRecordValidate(t *testing.T) {
	testRules(t, validStatusRecord, (*MarkerStatusRecord).Validate, []rule[MarkerStatusRecord]{
		{"no time", func(r *MarkerStatusRecord) { r.At = time.Time{} }, "at"},
		{"no status", func(r *MarkerStatusRecord) { r.Status = "" }, "status"},
		{"unknown status", func(r *MarkerStatusRecord) { r.Status = "gone" }, "status"},
		{"no marker", func(r *MarkerStatusRecord) { r.MarkerID = "" }, "marker_id"},
		{"malformed marker", func(r *MarkerStatusRecord) { r.MarkerID = "5052002A" }, "marker_id"},
		{"malformed round", func(r *MarkerStatusRecord) { r.RoundID = "2024" }, "round_id"},
	})
}

func validTri() *TriJunction {
	return &TriJunction{Name: "湘渝黔三交点", LineIDs: [3]string{id1, id2, id3}, UnitIDs: [3]string{id2, id3, id4},
		Agreed: corner, SigmaM: 0.5, MarkerID: id4}
}

func TestTriJunctionValidate(t *testing.T) {
	testRules(t, validTri, (*TriJunction).Validate, []rule[TriJunction]{
		{"no name", func(j *TriJunction) { j.Name = "" }, "name"},
		{"agreed point outside China", func(j *TriJunction) { j.Agreed = orb.Point{28.5, 109.27} }, "agreed"},
		{"negative sigma", func(j *TriJunction) { j.SigmaM = -0.1 }, "sigma_m"},
		{"malformed marker", func(j *TriJunction) { j.MarkerID = "X" }, "marker_id"},
		{"a line twice", func(j *TriJunction) { j.LineIDs[2] = j.LineIDs[0] }, "line_ids"},
		{"malformed line", func(j *TriJunction) { j.LineIDs[1] = "4352" }, "line_ids"},
		{"a unit twice", func(j *TriJunction) { j.UnitIDs[1] = j.UnitIDs[2] }, "unit_ids"},
		{"malformed unit", func(j *TriJunction) { j.UnitIDs[0] = "500241" }, "unit_ids"},
	})
	testVariants(t, validTri, (*TriJunction).Validate, map[string]func(j *TriJunction){
		"lines and units not yet known": func(j *TriJunction) { j.LineIDs, j.UnitIDs, j.MarkerID = [3]string{}, [3]string{}, "" },
	})
}

func validRound() *InspectionRound {
	return &InspectionRound{LineID: id1, Year: 2024, Type: RoundRegular, Parties: []Code{"500000", "520000"},
		Phase: "field", Sections: []Section{{Party: "500000", FromSeq: 1, ToSeq: 40}, {Party: "520000", FromSeq: 41, ToSeq: 80}}}
}

func TestInspectionRoundValidate(t *testing.T) {
	testRules(t, validRound, (*InspectionRound).Validate, []rule[InspectionRound]{
		{"year 1948", func(r *InspectionRound) { r.Year = 1948 }, "year"},
		{"year 2201", func(r *InspectionRound) { r.Year = 2201 }, "year"},
		{"special round without reason", func(r *InspectionRound) { r.Type = RoundSpecial }, "reason"},
		{"no line", func(r *InspectionRound) { r.LineID = "" }, "line_id"},
		{"malformed line", func(r *InspectionRound) { r.LineID = "5052" }, "line_id"},
		{"no type", func(r *InspectionRound) { r.Type = "" }, "type"},
		{"unknown phase", func(r *InspectionRound) { r.Phase = "office" }, "phase"},
		{"unknown status", func(r *InspectionRound) { r.Status = "closed" }, "status"},
		{"malformed party", func(r *InspectionRound) { r.Parties[1] = "52" }, "parties"},
		{"empty party", func(r *InspectionRound) { r.Parties[0] = "" }, "parties"},
		{"malformed section party", func(r *InspectionRound) { r.Sections[0].Party = "5000000" }, "sections"},
		{"section upside down", func(r *InspectionRound) { r.Sections[1].ToSeq = 40 }, "sections"},
		{"negative section start", func(r *InspectionRound) { r.Sections[0].FromSeq = -1 }, "sections"},
	})
	r := validRound()
	if err := r.Validate(); err != nil || r.Status != "open" {
		t.Errorf("empty status: Validate = %v, status %q; want nil and open", err, r.Status)
	}
}

func validMarkerCheck() *MarkerCheck {
	return &MarkerCheck{RoundID: id1, MarkerID: id2, Party: "500000", Observed: &orb.Point{109.15001, 28.42001},
		Method: "RTK", AccuracyM: 0.02, Status: StatusMoved, DisplacementM: ptr(2.5),
		Photos: []Attachment{{Name: "north.jpg", SHA256: digest, Size: 2048}}}
}

func TestMarkerCheckValidate(t *testing.T) {
	testRules(t, validMarkerCheck, (*MarkerCheck).Validate, []rule[MarkerCheck]{
		{"no round", func(c *MarkerCheck) { c.RoundID = "" }, "round_id"},
		{"malformed round", func(c *MarkerCheck) { c.RoundID = "2024" }, "round_id"},
		{"no marker", func(c *MarkerCheck) { c.MarkerID = "" }, "marker_id"},
		{"no party", func(c *MarkerCheck) { c.Party = "" }, "party"},
		{"malformed party", func(c *MarkerCheck) { c.Party = "50" }, "party"},
		{"negative accuracy", func(c *MarkerCheck) { c.AccuracyM = -0.1 }, "accuracy_m"},
		{"NaN accuracy", func(c *MarkerCheck) { c.AccuracyM = math.NaN() }, "accuracy_m"},
		{"observed outside China", func(c *MarkerCheck) { c.Observed = &orb.Point{0, 0} }, "observed"},
		{"unknown status", func(c *MarkerCheck) { c.Status = "gone" }, "status"},
		{"negative displacement", func(c *MarkerCheck) { c.DisplacementM = ptr(-1.0) }, "displacement_m"},
		{"infinite displacement", func(c *MarkerCheck) { c.DisplacementM = ptr(math.Inf(1)) }, "displacement_m"},
		{"NaN displacement", func(c *MarkerCheck) { c.DisplacementM = ptr(math.NaN()) }, "displacement_m"},
		{"photo with a bad hash", func(c *MarkerCheck) { c.Photos[0].SHA256 = "abc" }, "photos"},
	})
	testVariants(t, validMarkerCheck, (*MarkerCheck).Validate, map[string]func(c *MarkerCheck){
		"marker not found": func(c *MarkerCheck) { c.Observed, c.Status, c.DisplacementM = nil, StatusMissing, nil },
		"no status yet":    func(c *MarkerCheck) { c.Status = "" },
	})
}

func validSegmentCheck() *SegmentCheck {
	return &SegmentCheck{RoundID: id1, Party: "520000", FromMarker: id2, ToMarker: id3, TerrainChange: true,
		Geometry: line5052}
}

func TestSegmentCheckValidate(t *testing.T) {
	testRules(t, validSegmentCheck, (*SegmentCheck).Validate, []rule[SegmentCheck]{
		{"no round", func(c *SegmentCheck) { c.RoundID = "" }, "round_id"},
		{"no from marker", func(c *SegmentCheck) { c.FromMarker = "" }, "from_marker"},
		{"malformed to marker", func(c *SegmentCheck) { c.ToMarker = "5052003Q" }, "to_marker"},
		{"from a marker to itself", func(c *SegmentCheck) { c.ToMarker = c.FromMarker }, "to_marker"},
		{"no party", func(c *SegmentCheck) { c.Party = "" }, "party"},
		{"malformed party", func(c *SegmentCheck) { c.Party = "贵州" }, "party"},
		{"one-point line", func(c *SegmentCheck) { c.Geometry = orb.LineString{{109.1, 28.4}} }, "geometry"},
	})
	testVariants(t, validSegmentCheck, (*SegmentCheck).Validate, map[string]func(c *SegmentCheck){
		"no geometry": func(c *SegmentCheck) { c.Geometry = nil },
	})
}

func validFinding() *Finding {
	return &Finding{RoundID: id1, Rule: "C8", Severity: SeverityError, Location: orb.Point{109.15, 28.42},
		Measured: 2.5, Tolerance: 2, MessageZH: "界桩移位", MessageEN: "marker moved",
		Acceptances: []Acceptance{{Party: "500000", Reason: "复测确认"}}}
}

func TestFindingValidate(t *testing.T) {
	testRules(t, validFinding, (*Finding).Validate, []rule[Finding]{
		{"no round", func(f *Finding) { f.RoundID = "" }, "round_id"},
		{"rule C21", func(f *Finding) { f.Rule = "C21" }, "rule"},
		{"rule C0", func(f *Finding) { f.Rule = "C0" }, "rule"},
		{"rule C08", func(f *Finding) { f.Rule = "C08" }, "rule"},
		{"no rule", func(f *Finding) { f.Rule = "" }, "rule"},
		{"unknown severity", func(f *Finding) { f.Severity = "fatal" }, "severity"},
		{"location outside China", func(f *Finding) { f.Location = orb.Point{0, 0} }, "location"},
		{"no message", func(f *Finding) { f.MessageZH, f.MessageEN = "", "" }, "message_zh"},
		{"malformed acceptance party", func(f *Finding) { f.Acceptances[0].Party = "5" }, "acceptances"},
	})
	testVariants(t, validFinding, (*Finding).Validate, map[string]func(f *Finding){
		"English message only": func(f *Finding) { f.MessageZH = "" },
		"rule C1, no location": func(f *Finding) { f.Rule, f.Location = "C1", nil },
		"rule C20":             func(f *Finding) { f.Rule = "C20" },
	})
}

func validSignature() *Signature {
	return &Signature{RoundID: id1, Party: "500000", Signer: "重庆市民政局",
		SignedAt: time.Date(2024, 11, 1, 10, 0, 0, 0, time.UTC), Digest: digest}
}

func TestSignatureValidate(t *testing.T) {
	testRules(t, validSignature, (*Signature).Validate, []rule[Signature]{
		{"no time", func(s *Signature) { s.SignedAt = time.Time{} }, "signed_at"},
		{"no round", func(s *Signature) { s.RoundID = "" }, "round_id"},
		{"malformed round", func(s *Signature) { s.RoundID = "2024" }, "round_id"},
		{"no party", func(s *Signature) { s.Party = "" }, "party"},
		{"malformed party", func(s *Signature) { s.Party = "重庆" }, "party"},
		{"no signer", func(s *Signature) { s.Signer = "" }, "signer"},
		{"short digest", func(s *Signature) { s.Digest = digest[:40] }, "digest"},
		{"upper-case digest", func(s *Signature) { s.Digest = "9F86D081" + digest[8:] }, "digest"},
	})
}
