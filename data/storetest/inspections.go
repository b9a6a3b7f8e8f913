package storetest

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

func testInspections(t *testing.T, s data.Store) {
	ctx := t.Context()
	fx := lineWithRound(t, s)
	line, m1, m2, round := fx.line, fx.m1, fx.m2, fx.round
	got, err := s.GetInspectionRound(ctx, round.ID)
	must(t, err)
	same(t, "inspection round", round, got)

	displacement := 0.42
	mc := &data.MarkerCheck{RoundID: round.ID, MarkerID: m1.ID, Party: line.CodeA, Observed: &orb.Point{109.100004, 28.400002},
		Method: "RTK", AccuracyM: 0.02, Device: "Trimble R12i", ObservedAt: Stamp(2024, 9, 3, 14, 30), Surveyor: "张三",
		Status: data.StatusIntact, Flags: []string{"illegible"}, Upkeep: []string{"repainted"}, DisplacementM: &displacement,
		Photos: []data.Attachment{{Name: "5052001Q-north.jpg", SHA256: Digest("photo"), Size: 2048000}}}
	missing := &data.MarkerCheck{RoundID: round.ID, MarkerID: m2.ID, Party: line.CodeB, Status: data.StatusMissing,
		ObservedAt: Stamp(2024, 9, 4, 9, 0), Surveyor: "李四"}
	sc := &data.SegmentCheck{RoundID: round.ID, Party: line.CodeA, FromMarker: m1.ID, ToMarker: m2.ID, TerrainChange: true,
		Resurveyed: true, Construction: "新建公路 new road", Note: "河岸崩塌", Geometry: orb.LineString{{109.1, 28.4}, {109.15, 28.42}}}
	f := &data.Finding{RoundID: round.ID, Rule: "C8", Severity: data.SeverityError, Location: orb.Point{109.1, 28.4},
		Measured: 2.37, Tolerance: 2.01, MessageZH: "界桩移位", MessageEN: "marker moved", Remediation: "复位 reset",
		Acceptances: []data.Acceptance{{Party: line.CodeB, Reason: "已知 known", At: Stamp(2024, 10, 1, 8, 0)}}}
	f2 := &data.Finding{RoundID: round.ID, Rule: "C11", Severity: data.SeverityWarning, MessageEN: "versions differ by 6 m",
		Location: orb.Collection{orb.Point{109.1, 28.4}, orb.LineString{{109.1, 28.4}, {109.2, 28.5}}}}
	for _, c := range []*data.MarkerCheck{mc, missing} {
		must(t, s.AddMarkerCheck(ctx, c))
	}
	must(t, s.AddSegmentCheck(ctx, sc))
	unsurveyed := &data.SegmentCheck{RoundID: round.ID, Party: line.CodeB, FromMarker: m1.ID, ToMarker: m2.ID,
		Note: "无变化 no change"} // geometry is optional
	must(t, s.AddSegmentCheck(ctx, unsurveyed))
	must(t, s.AddFinding(ctx, f))
	must(t, s.AddFinding(ctx, f2))
	sig := &data.Signature{RoundID: round.ID, Party: line.CodeA, Signer: "重庆市民政局", SignedAt: Stamp(2024, 11, 1, 10, 0),
		Digest: Digest("report")}
	must(t, s.AddSignature(ctx, sig))

	rr, err := s.RoundRecords(ctx, round.ID)
	must(t, err)
	same(t, "round of records", round, rr.Round)
	same(t, "marker checks", byIDOrder(rr.MarkerChecks, []*data.MarkerCheck{mc, missing}), rr.MarkerChecks)
	same(t, "segment checks", byIDOrder(rr.SegmentChecks, []*data.SegmentCheck{sc, unsurveyed}), rr.SegmentChecks)
	same(t, "findings", byIDOrder(rr.Findings, []*data.Finding{f, f2}), rr.Findings)
	same(t, "signatures", []*data.Signature{sig}, rr.Signatures)

	wantKind(t, "second check of a marker by one party", s.AddMarkerCheck(ctx, &data.MarkerCheck{RoundID: round.ID,
		MarkerID: m1.ID, Party: line.CodeA}), data.KindConflict, "")
	wantKind(t, "check of an unknown marker", s.AddMarkerCheck(ctx, &data.MarkerCheck{RoundID: round.ID,
		MarkerID: data.NewID(), Party: line.CodeA}), data.KindInvalid, "marker_id")
	wantKind(t, "check in an unknown round", s.AddMarkerCheck(ctx, &data.MarkerCheck{RoundID: data.NewID(),
		MarkerID: m1.ID, Party: line.CodeA}), data.KindInvalid, "round_id")
	wantKind(t, "negative accuracy", s.AddMarkerCheck(ctx, &data.MarkerCheck{RoundID: round.ID,
		MarkerID: m2.ID, Party: line.CodeA, AccuracyM: -0.1}), data.KindInvalid, "accuracy_m")
	wantKind(t, "rule C21", s.AddFinding(ctx, &data.Finding{RoundID: round.ID, Rule: "C21",
		Severity: data.SeverityInfo, MessageEN: "x"}), data.KindInvalid, "rule")
	wantKind(t, "segment from a marker to itself", s.AddSegmentCheck(ctx, &data.SegmentCheck{RoundID: round.ID,
		Party: line.CodeA, FromMarker: m1.ID, ToMarker: m1.ID}), data.KindInvalid, "to_marker")
	wantKind(t, "second regular round in a year", s.CreateInspectionRound(ctx, Round(line, 2024)), data.KindConflict, "year")
	special := Round(line, 2024)
	special.Type = data.RoundSpecial
	wantKind(t, "special round without reason", s.CreateInspectionRound(ctx, special), data.KindInvalid, "reason")
	special.Reason = "2024年7月洪水 flood"
	must(t, s.CreateInspectionRound(ctx, special))
	orphan := Round(line, 2025)
	orphan.LineID = data.NewID()
	wantKind(t, "round of an unknown line", s.CreateInspectionRound(ctx, orphan), data.KindInvalid, "line_id")
}

// byIDOrder returns want in the order of got's IDs, so lists compare
// regardless of the store's order among records created together.
func byIDOrder[T any](got, want []*T) []*T {
	id := func(v *T) string {
		switch x := any(v).(type) {
		case *data.MarkerCheck:
			return x.ID
		case *data.Finding:
			return x.ID
		case *data.SegmentCheck:
			return x.ID
		}
		return ""
	}
	index := map[string]*T{}
	for _, w := range want {
		index[id(w)] = w
	}
	out := make([]*T, 0, len(got))
	for _, g := range got {
		if w, ok := index[id(g)]; ok {
			out = append(out, w)
		}
	}
	if len(out) != len(want) {
		return want
	}
	return out
}

func testSignatures(t *testing.T, s data.Store) {
	ctx := t.Context()
	_, _, line := corner(t, s)
	round := Round(line, 2019)
	must(t, s.CreateInspectionRound(ctx, round))
	sig := func(party data.Code) *data.Signature {
		return &data.Signature{RoundID: round.ID, Party: party, Signer: "签字人", SignedAt: Stamp(2019, 12, 1, 9, 0), Digest: Digest("r")}
	}
	must(t, s.AddSignature(ctx, sig(line.CodeA)))
	wantKind(t, "second signature of a party", s.AddSignature(ctx, sig(line.CodeA)), data.KindConflict, "party")
	wantKind(t, "signature of a non-party", s.AddSignature(ctx, sig("430000")), data.KindInvalid, "party")
	bad := sig(line.CodeB)
	bad.Digest = "not-a-digest"
	wantKind(t, "malformed digest", s.AddSignature(ctx, bad), data.KindInvalid, "digest")
	orphan := sig(line.CodeB)
	orphan.RoundID = data.NewID()
	wantKind(t, "signature of an unknown round", s.AddSignature(ctx, orphan), data.KindInvalid, "round_id")
	must(t, s.AddSignature(ctx, sig(line.CodeB)))
	rr, err := s.RoundRecords(ctx, round.ID)
	must(t, err)
	if len(rr.Signatures) != 2 {
		t.Errorf("round has %d signatures, want 2", len(rr.Signatures))
	}
}

func testSurveyUploads(t *testing.T, s data.Store) {
	ctx := t.Context()
	u := Upload("markers-2024.csv")
	must(t, s.CreateSurveyUpload(ctx, u))
	if !data.ValidID(u.ID) || u.Created.IsZero() {
		t.Fatalf("CreateSurveyUpload set ID %q, Created %s", u.ID, u.Created)
	}
	got, err := s.GetSurveyUpload(ctx, u.ID)
	must(t, err)
	same(t, "survey upload", u, got)

	again := Upload("markers-2024-again.csv")
	again.IdempotencyKey = u.IdempotencyKey
	wantKind(t, "repeated idempotency key", s.CreateSurveyUpload(ctx, again), data.KindConflict, "idempotency_key")
	noKey1, noKey2 := Upload("a.csv"), Upload("b.csv")
	noKey1.IdempotencyKey, noKey2.IdempotencyKey = "", ""
	must(t, s.CreateSurveyUpload(ctx, noKey1))
	must(t, s.CreateSurveyUpload(ctx, noKey2))
	bad := Upload("bad.csv")
	bad.SHA256 = "ABC"
	wantKind(t, "malformed hash", s.CreateSurveyUpload(ctx, bad), data.KindInvalid, "sha256")
	bad = Upload("bad2.csv")
	bad.Status = "lost"
	wantKind(t, "unknown status", s.CreateSurveyUpload(ctx, bad), data.KindInvalid, "status")
}
