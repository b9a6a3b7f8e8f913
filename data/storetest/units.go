package storetest

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// createUnit stores u and fails the test on error.
func createUnit(t *testing.T, s data.Store, u *data.AdminUnit) *data.AdminUnit {
	t.Helper()
	must(t, s.CreateAdminUnit(t.Context(), u))
	return u
}

func testAdminUnits(t *testing.T, s data.Store) {
	ctx := t.Context()
	county := createUnit(t, s, Unit("500241", "秀山土家族苗族自治县", 108.9, 28.3))
	if !data.ValidID(county.ID) || !data.ValidID(county.UnitID) {
		t.Fatalf("Create assigned ID %q and unit ID %q, want UUIDs", county.ID, county.UnitID)
	}
	if county.Updated.IsZero() {
		t.Error("Create left Updated zero")
	}
	town := Unit("500241109", "洪安镇", 109.2, 28.45)
	town.ParentID = county.UnitID
	town.Geometry = append(town.Geometry, Square(109.35, 28.55, 0.02)...) // an exclave
	town.Geometry[0] = append(town.Geometry[0], orb.Ring{{109.22, 28.47}, {109.22, 28.49}, {109.24, 28.49}, {109.22, 28.47}})
	createUnit(t, s, town)

	got, err := s.GetAdminUnit(ctx, town.ID)
	must(t, err)
	same(t, "admin unit", town, got)

	// Update: rename and move the seat; everything else stays.
	before := got.Updated
	got.Name, got.Seat = "洪安镇（新）", &orb.Point{109.21, 28.46}
	got.Approval.Document = "渝府〔2010〕9号"
	got.Sources = nil
	must(t, s.UpdateAdminUnit(ctx, got))
	if got.Updated.Before(before) {
		t.Errorf("Update moved Updated back from %s to %s", before, got.Updated)
	}
	again, err := s.GetAdminUnit(ctx, town.ID)
	must(t, err)
	same(t, "updated admin unit", got, again)

	// A unit without seat or geometry round-trips as such.
	bare := Unit("500242", "酉阳土家族苗族自治县", 108.7, 28.8)
	bare.Seat, bare.Geometry, bare.Sources, bare.Approval = nil, nil, nil, data.Approval{}
	createUnit(t, s, bare)
	got, err = s.GetAdminUnit(ctx, bare.ID)
	must(t, err)
	same(t, "bare admin unit", bare, got)
}

func testAdminUnitConflicts(t *testing.T, s data.Store) {
	ctx := t.Context()
	// 松桃: 522229 until 2011, then 520628 (a code change, one unit).
	old := Unit("522229", "松桃苗族自治县", 109.0, 28.0)
	old.Valid = data.Period{From: data.Date(1956, 12, 31), To: data.Date(2011, 10, 22)}
	createUnit(t, s, old)
	renumbered := Unit("520628", "松桃苗族自治县", 109.0, 28.0)
	renumbered.UnitID = old.UnitID
	renumbered.Valid = data.Period{From: data.Date(2011, 10, 22)} // adjacent: [) does not overlap
	createUnit(t, s, renumbered)

	versions, err := s.UnitVersions(ctx, old.UnitID)
	must(t, err)
	if len(versions) != 2 || versions[0].ID != old.ID || versions[1].ID != renumbered.ID {
		t.Fatalf("UnitVersions = %v, want the 1956 and the 2011 version, oldest first", ids(versions))
	}
	same(t, "first version", old, versions[0])

	overlap := Unit("520628", "松桃县", 109.0, 28.0)
	overlap.UnitID = old.UnitID
	overlap.Code = "520629"
	overlap.Valid = data.Period{From: data.Date(2010, 1, 1), To: data.Date(2012, 1, 1)}
	wantKind(t, "overlapping version of one unit", s.CreateAdminUnit(ctx, overlap), data.KindConflict, "valid")

	sameCode := Unit("520628", "别的县 another county", 107.0, 27.0)
	sameCode.Valid = Since(2020)
	wantKind(t, "second unit holding a code at the same time", s.CreateAdminUnit(ctx, sameCode), data.KindConflict, "code")

	dup := Unit("520627", "沿河土家族自治县", 108.4, 28.5)
	dup.ID = renumbered.ID
	wantKind(t, "duplicate ID", s.CreateAdminUnit(ctx, dup), data.KindConflict, "")

	// Updating a version into an overlap is refused too.
	renumbered.Valid.From = data.Date(2011, 1, 1)
	wantKind(t, "update into an overlap", s.UpdateAdminUnit(ctx, renumbered), data.KindConflict, "valid")
}

func testAdminUnitInvalid(t *testing.T, s data.Store) {
	ctx := t.Context()
	county := createUnit(t, s, Unit("500241", "秀山县", 108.9, 28.3))
	for _, c := range []struct {
		name  string
		edit  func(u *data.AdminUnit)
		field string
	}{
		{"bad code", func(u *data.AdminUnit) { u.Code = "5002411" }, "code"},
		{"no name", func(u *data.AdminUnit) { u.Name = "" }, "name"},
		{"level against code", func(u *data.AdminUnit) { u.Level = data.LevelCounty }, "level"},
		{"type against code", func(u *data.AdminUnit) { u.Type = "乡" }, "type"},
		{"swapped axes", func(u *data.AdminUnit) { u.Geometry = Square(28.3, 108.9, 0.1) }, "geometry"},
		{"seat outside China", func(u *data.AdminUnit) { u.Seat = &orb.Point{2.35, 48.85} }, "seat"},
		{"open ring", func(u *data.AdminUnit) { u.Geometry[0][0] = u.Geometry[0][0][:4] }, "geometry"},
		{"ends before it begins", func(u *data.AdminUnit) { u.Valid = data.Period{From: data.Date(2010, 1, 1), To: data.Date(2009, 1, 1)} }, "valid"},
		{"unknown parent", func(u *data.AdminUnit) { u.ParentID = data.NewID() }, "parent_id"},
		{"malformed parent", func(u *data.AdminUnit) { u.ParentID = "xiushan" }, "parent_id"},
		{"unknown began_by event", func(u *data.AdminUnit) { u.BeganBy = data.NewID() }, "began_by"},
	} {
		u := Unit("500241109", "洪安镇", 109.2, 28.45)
		u.ParentID = county.UnitID
		c.edit(u)
		wantKind(t, c.name, s.CreateAdminUnit(ctx, u), data.KindInvalid, c.field)
	}
	page, err := s.ListAdminUnits(ctx, data.Query{})
	must(t, err)
	if page.Matched != 1 {
		t.Errorf("after refused creates, %d units stored, want 1", page.Matched)
	}
}

func testDivisionEvents(t *testing.T, s data.Store) {
	ctx := t.Context()
	// 2005: 茶峒镇 renamed 边城镇 (one unit, two versions, one event).
	chadong := Unit("433124108", "茶峒镇", 109.25, 28.5)
	chadong.Valid = Between(1990, 2005)
	createUnit(t, s, chadong)
	biancheng := Unit("433124108", "边城镇", 109.25, 28.5)
	biancheng.UnitID, biancheng.Valid = chadong.UnitID, Since(2005)
	createUnit(t, s, biancheng)
	other := createUnit(t, s, Unit("433124100", "花垣镇", 109.4, 28.6))

	e := &data.DivisionEvent{
		Type: data.EventRenamed, Date: data.Date(2005, 1, 1), Authority: "湖南省人民政府",
		Document: "湘政函〔2005〕12号", Description: "茶峒镇更名为边城镇",
		Predecessors: []string{chadong.ID}, Successors: []string{biancheng.ID},
		Transferred: Square(109.26, 28.51, 0.01),
	}
	must(t, s.CreateDivisionEvent(ctx, e))
	if !data.ValidID(e.ID) {
		t.Fatalf("CreateDivisionEvent assigned ID %q", e.ID)
	}
	got, err := s.GetDivisionEvent(ctx, e.ID)
	must(t, err)
	same(t, "division event", e, got)

	chadong.EndedBy, biancheng.BeganBy = e.ID, e.ID
	must(t, s.UpdateAdminUnit(ctx, chadong))
	must(t, s.UpdateAdminUnit(ctx, biancheng))
	later := &data.DivisionEvent{Type: data.EventBoundary, Date: data.Date(2015, 6, 1), Successors: []string{biancheng.ID}}
	must(t, s.CreateDivisionEvent(ctx, later))

	events, err := s.UnitEvents(ctx, chadong.UnitID)
	must(t, err)
	if len(events) != 2 || events[0].ID != e.ID || events[1].ID != later.ID {
		t.Fatalf("UnitEvents = %d events, want the 2005 and the 2015 event in date order", len(events))
	}
	same(t, "unit event", e, events[0])
	if events, err := s.UnitEvents(ctx, other.UnitID); err != nil || len(events) != 0 {
		t.Errorf("UnitEvents of an unchanged unit = %d events, %v; want none", len(events), err)
	}

	wantKind(t, "unknown event type", s.CreateDivisionEvent(ctx, &data.DivisionEvent{Type: "annexed", Date: data.Date(2000, 1, 1)}),
		data.KindInvalid, "type")
	wantKind(t, "no date", s.CreateDivisionEvent(ctx, &data.DivisionEvent{Type: data.EventSplit}), data.KindInvalid, "date")
	wantKind(t, "date on the lower limit", s.CreateDivisionEvent(ctx, &data.DivisionEvent{Type: data.EventSplit,
		Date: data.Date(0, 12, 31)}), data.KindInvalid, "date")
	must(t, s.CreateDivisionEvent(ctx, &data.DivisionEvent{Type: data.EventSplit, Date: data.Date(1, 1, 2)}))
	must(t, s.CreateDivisionEvent(ctx, &data.DivisionEvent{Type: data.EventEstablished, Date: data.Date(1735, 1, 1)}))
	wantKind(t, "unknown predecessor", s.CreateDivisionEvent(ctx, &data.DivisionEvent{Type: data.EventMerged,
		Date: data.Date(2001, 1, 1), Predecessors: []string{data.NewID()}}), data.KindInvalid, "")
}

func ids[T any](items []*T) []string {
	var out []string
	for _, it := range items {
		switch v := any(it).(type) {
		case *data.AdminUnit:
			out = append(out, v.ID)
		case *data.BoundaryLine:
			out = append(out, v.ID)
		case *data.Marker:
			out = append(out, v.ID)
		case *data.NamedPlace:
			out = append(out, v.ID)
		case *data.Sign:
			out = append(out, v.ID)
		case *data.TriJunction:
			out = append(out, v.ID)
		case *data.LineVersion:
			out = append(out, v.ID)
		}
	}
	return out
}
