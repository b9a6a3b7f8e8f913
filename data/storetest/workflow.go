package storetest

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// testInspectionWorkflow checks what the inspection workflow stores beyond
// the records: a line's inspection settings, line versions observed in a
// round, re-measured reference objects and finding subjects round-trip;
// rounds list by line; status changes; findings are replaced all or
// nothing; acceptances are replaced. Stores that do not implement
// data.InspectionStore fail.
func testInspectionWorkflow(t *testing.T, s data.Store) {
	ctx := t.Context()
	is, ok := s.(data.InspectionStore)
	if !ok {
		t.Fatalf("%T does not implement data.InspectionStore", s)
	}
	_, _, line := corner(t, s)
	line.BuiltThroughMarkers, line.SideOfA, line.NumberPattern = true, "left", `^X(?P<seq>\d{3})(?P<type>[QAB])$`
	line.Tolerances = map[string]float64{"version_error_m": 12.5, "sigma_k": 3}
	must(t, s.UpdateBoundaryLine(ctx, line))
	got, err := s.GetBoundaryLine(ctx, line.ID)
	must(t, err)
	same(t, "line with inspection settings", line, got)
	bad := *got
	bad.SideOfA = "north"
	wantKind(t, "side of A north", s.UpdateBoundaryLine(ctx, &bad), data.KindInvalid, "side_of_a")
	bad.SideOfA, bad.NumberPattern = "", "(["
	wantKind(t, "numbering pattern that does not compile", s.UpdateBoundaryLine(ctx, &bad), data.KindInvalid, "number_pattern")

	r1, r2 := Round(line, 2020), Round(line, 2021)
	must(t, s.CreateInspectionRound(ctx, r1))
	must(t, s.CreateInspectionRound(ctx, r2))
	rounds, err := is.ListInspectionRounds(ctx, line.ID)
	must(t, err)
	if len(rounds) != 2 || rounds[0].ID != r1.ID || rounds[1].ID != r2.ID {
		t.Errorf("ListInspectionRounds gave %d rounds, want r1, r2 in order", len(rounds))
	}
	all, err := is.ListInspectionRounds(ctx, "")
	must(t, err)
	if len(all) != 2 {
		t.Errorf("ListInspectionRounds of every line gave %d rounds, want 2", len(all))
	}

	v := Version(line, data.SourceSideA, line.CodeA)
	v.RoundID = r1.ID
	must(t, s.CreateLineVersion(ctx, v))
	vs, err := s.LineVersions(ctx, line.ID)
	must(t, err)
	same(t, "line version observed in a round", []*data.LineVersion{v}, vs)
	orphan := Version(line, data.SourceSideB, line.CodeB)
	orphan.RoundID = data.NewID()
	wantKind(t, "version of an unknown round", s.CreateLineVersion(ctx, orphan), data.KindInvalid, "round_id")

	m := Marker(line, "5052001Q", 109.10, 28.40)
	must(t, s.CreateMarker(ctx, m))
	mc := &data.MarkerCheck{RoundID: r1.ID, MarkerID: m.ID, Party: line.CodeA, Status: data.StatusIntact,
		References: []data.ReferenceObject{{Name: "电杆 pole", AzimuthDeg: 45.5, DistanceM: 12.3}}}
	must(t, s.AddMarkerCheck(ctx, mc))
	badRef := &data.MarkerCheck{RoundID: r1.ID, MarkerID: m.ID, Party: line.CodeB,
		References: []data.ReferenceObject{{Name: "x", AzimuthDeg: 400}}}
	wantKind(t, "reference azimuth 400°", s.AddMarkerCheck(ctx, badRef), data.KindInvalid, "references")

	must(t, is.SetRoundStatus(ctx, r1.ID, data.RoundValidated))
	rr, err := s.RoundRecords(ctx, r1.ID)
	must(t, err)
	if rr.Round.Status != data.RoundValidated {
		t.Errorf("status %q after SetRoundStatus, want validated", rr.Round.Status)
	}
	same(t, "marker check with references", []*data.MarkerCheck{mc}, rr.MarkerChecks)
	wantKind(t, "status closed", is.SetRoundStatus(ctx, r1.ID, "closed"), data.KindInvalid, "status")
	wantKind(t, "status of an unknown round", is.SetRoundStatus(ctx, data.NewID(), data.RoundOpen), data.KindNotFound, "")

	finding := func(rule, subject string) *data.Finding {
		return &data.Finding{RoundID: r1.ID, Rule: rule, Severity: data.SeverityError, Subject: subject,
			Location: orb.Point{109.1, 28.4}, MessageZH: "界桩移位", MessageEN: "marker moved", Measured: 3, Tolerance: 2}
	}
	f1, f2 := finding("C8", "5052001Q"), finding("C10", "5052002Q")
	must(t, is.ReplaceFindings(ctx, r1.ID, []*data.Finding{f1}))
	must(t, is.ReplaceFindings(ctx, r1.ID, []*data.Finding{f2}))
	rr, err = s.RoundRecords(ctx, r1.ID)
	must(t, err)
	same(t, "replaced findings", []*data.Finding{f2}, rr.Findings)
	broken := finding("C99", "")
	wantKind(t, "replacement with a bad finding", is.ReplaceFindings(ctx, r1.ID, []*data.Finding{finding("C8", ""), broken}),
		data.KindInvalid, "rule")
	rr, err = s.RoundRecords(ctx, r1.ID)
	must(t, err)
	same(t, "findings after a failed replacement", []*data.Finding{f2}, rr.Findings)

	acc := []data.Acceptance{{Party: line.CodeA, Reason: "界桩已知损毁 known", At: Stamp(2020, 10, 1, 8, 0)},
		{Party: line.CodeB, Reason: "同意 agreed", At: Stamp(2020, 10, 2, 8, 0)}}
	must(t, is.SetAcceptances(ctx, r1.ID, f2.ID, acc))
	rr, err = s.RoundRecords(ctx, r1.ID)
	must(t, err)
	f2.Acceptances = acc
	same(t, "accepted finding", []*data.Finding{f2}, rr.Findings)
	wantKind(t, "acceptance of an unknown finding", is.SetAcceptances(ctx, r1.ID, data.NewID(), acc), data.KindNotFound, "")
	wantKind(t, "acceptance of another round's finding", is.SetAcceptances(ctx, r2.ID, f2.ID, acc), data.KindNotFound, "")
	wantKind(t, "acceptance without reason", is.SetAcceptances(ctx, r1.ID, f2.ID,
		[]data.Acceptance{{Party: line.CodeA, Reason: " "}}), data.KindInvalid, "reason")
}
