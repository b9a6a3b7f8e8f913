package storetest

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// testOrder: lists and round records come in one order in every store,
// not the order of insertion: pages by ID, checks and findings by ID,
// signatures by time and party. Records here are written in the reverse
// of that order.
func testOrder(t *testing.T, s data.Store) {
	ctx := t.Context()
	late, early := "ffffffff-0000-7000-8000-000000000000", "00000000-0000-7000-8000-000000000000"
	for _, id := range []string{late, early} {
		p := Place("洪安", "Hong'an", 109.2, 28.46)
		p.ID = id
		p.Names = p.Names[:1]
		p.Names[0].ID = ""
		must(t, s.CreatePlace(ctx, p))
	}
	page, err := s.ListPlaces(ctx, data.Query{Limit: 1})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].ID != early {
		t.Errorf("first page of places %v, want %s", ids(page.Items), early)
	}

	f := lineWithRound(t, s)
	for _, c := range []struct {
		id     string
		m      *data.Marker
		party  data.Code
		status data.MarkerStatus
	}{{late, f.m1, f.line.CodeA, data.StatusIntact}, {early, f.m2, f.line.CodeB, data.StatusDamaged}} {
		must(t, s.AddMarkerCheck(ctx, &data.MarkerCheck{ID: c.id, RoundID: f.round.ID, MarkerID: c.m.ID, Party: c.party,
			Observed: &orb.Point{109.1, 28.4}, Status: c.status}))
		must(t, s.AddFinding(ctx, &data.Finding{ID: c.id, RoundID: f.round.ID, Rule: "C8", Severity: data.SeverityWarning,
			Location: orb.Point{109.1, 28.4}, MessageZH: "界桩位移", MessageEN: "marker displaced"}))
	}
	// Party B signs first by the clock but is recorded second.
	must(t, s.AddSignature(ctx, &data.Signature{RoundID: f.round.ID, Party: f.line.CodeA, Signer: "甲",
		SignedAt: Stamp(2024, 9, 2, 10, 0), Digest: Digest("round")}))
	must(t, s.AddSignature(ctx, &data.Signature{RoundID: f.round.ID, Party: f.line.CodeB, Signer: "乙",
		SignedAt: Stamp(2024, 9, 1, 10, 0), Digest: Digest("round")}))
	rr, err := s.RoundRecords(ctx, f.round.ID)
	must(t, err)
	var checks, findings []string
	for _, c := range rr.MarkerChecks {
		checks = append(checks, c.ID)
	}
	for _, fd := range rr.Findings {
		findings = append(findings, fd.ID)
	}
	if want := []string{early, late}; !slices.Equal(checks, want) || !slices.Equal(findings, want) {
		t.Errorf("marker checks %v and findings %v, want both %v", checks, findings, want)
	}
	if len(rr.Signatures) != 2 || rr.Signatures[0].Party != f.line.CodeB {
		t.Errorf("signatures %+v, want %s's (the earlier) first", rr.Signatures, f.line.CodeB)
	}
}
