package audittest

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/storetest"
)

// testDecoratorEveryWrite makes each write of data.Store once through the
// decorator and expects one audit record per write, naming its entity and
// id, by the principal of the context.
func testDecoratorEveryWrite(t *testing.T, s Store) {
	ctx := As(t.Context(), "00000000-0000-7000-8000-0000000000bb", data.RoleAdmin)
	w := wrap(t, s)
	type want struct{ entity, id string }
	var wants []want
	do := func(entity string, err error, id func() string) {
		t.Helper()
		must(t, err)
		wants = append(wants, want{entity, id()})
	}
	cq := storetest.Unit("500241", "秀山县", 108.9, 28.3)
	gz := storetest.Unit("520628", "松桃县", 109.1, 28.1)
	do(audit.EntityAdminUnit, w.CreateAdminUnit(ctx, cq), func() string { return cq.ID })
	do(audit.EntityAdminUnit, w.CreateAdminUnit(ctx, gz), func() string { return gz.ID })
	cq.Name = "秀山土家族苗族自治县"
	do(audit.EntityAdminUnit, w.UpdateAdminUnit(ctx, cq), func() string { return cq.ID })
	ev := &data.DivisionEvent{Type: data.EventRenamed, Date: data.Date(1983, 11, 7), Authority: "国务院",
		Description: "秀山县改设秀山土家族苗族自治县", Successors: []string{cq.ID}}
	do(audit.EntityDivisionEvent, w.CreateDivisionEvent(ctx, ev), func() string { return ev.ID })
	line := storetest.ProvincialLine(cq, gz)
	do(audit.EntityBoundaryLine, w.CreateBoundaryLine(ctx, line), func() string { return line.ID })
	line.CycleYears = 10
	do(audit.EntityBoundaryLine, w.UpdateBoundaryLine(ctx, line), func() string { return line.ID })
	v := storetest.Version(line, data.SourceSideA, cq.Code)
	do(audit.EntityLineVersion, w.CreateLineVersion(ctx, v), func() string { return v.ID })
	m := storetest.Marker(line, "5052001Q", 109.10, 28.40)
	do(audit.EntityMarker, w.CreateMarker(ctx, m), func() string { return m.ID })
	m.PhysicalType = "concrete"
	do(audit.EntityMarker, w.UpdateMarker(ctx, m), func() string { return m.ID })
	ms := &data.MarkerStatusRecord{MarkerID: m.ID, At: storetest.Stamp(2024, 9, 1, 10, 0), Status: data.StatusDamaged}
	do(audit.EntityMarkerStatus, w.AddMarkerStatus(ctx, ms), func() string { return m.ID + "@2024-09-01T10:00:00Z" })
	tj := &data.TriJunction{Name: "湘渝黔三交点", Agreed: orb.Point{109.2702, 28.5035}}
	do(audit.EntityTriJunction, w.CreateTriJunction(ctx, tj), func() string { return tj.ID })
	p := storetest.Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	do(audit.EntityPlace, w.CreatePlace(ctx, p), func() string { return p.ID })
	p.Meaning = "清水江畔"
	do(audit.EntityPlace, w.UpdatePlace(ctx, p), func() string { return p.ID })
	pl := &data.ProtectionListing{PlaceID: p.ID, Batch: "第一批", Category: "历史地名", Listed: data.Date(2021, 5, 1)}
	do(audit.EntityProtectionListing, w.CreateProtectionListing(ctx, pl), func() string { return pl.ID })
	sg := &data.Sign{PlaceID: p.ID, Kind: "protection_marker", Position: orb.Point{109.2001, 28.4601}, Text: "洪安"}
	do(audit.EntitySign, w.CreateSign(ctx, sg), func() string { return sg.ID })
	round := storetest.Round(line, 2024)
	do(audit.EntityInspectionRound, w.CreateInspectionRound(ctx, round), func() string { return round.ID })
	mc := &data.MarkerCheck{RoundID: round.ID, MarkerID: m.ID, Party: line.CodeA, Status: data.StatusIntact}
	do(audit.EntityMarkerCheck, w.AddMarkerCheck(ctx, mc), func() string { return mc.ID })
	m2 := storetest.Marker(line, "5052002A", 109.15, 28.42)
	do(audit.EntityMarker, w.CreateMarker(ctx, m2), func() string { return m2.ID })
	sc := &data.SegmentCheck{RoundID: round.ID, Party: line.CodeA, FromMarker: m.ID, ToMarker: m2.ID}
	do(audit.EntitySegmentCheck, w.AddSegmentCheck(ctx, sc), func() string { return sc.ID })
	f := &data.Finding{RoundID: round.ID, Rule: "C8", Severity: data.SeverityError, MessageEN: "marker moved"}
	do(audit.EntityFinding, w.AddFinding(ctx, f), func() string { return f.ID })
	sig := &data.Signature{RoundID: round.ID, Party: line.CodeA, Signer: "重庆市民政局",
		SignedAt: storetest.Stamp(2024, 11, 1, 10, 0), Digest: storetest.Digest("report")}
	do(audit.EntitySignature, w.AddSignature(ctx, sig), func() string { return round.ID + "/" + string(line.CodeA) })
	up := storetest.Upload("track.gpx")
	do(audit.EntitySurveyUpload, w.CreateSurveyUpload(ctx, up), func() string { return up.ID })

	recs, err := s.ListAudit(ctx, data.AuditQuery{Actor: data.PrincipalFrom(ctx).Actor(), Limit: data.MaxLimit})
	must(t, err)
	if len(recs) != len(wants) {
		t.Fatalf("%d writes left %d audit records: %s", len(wants), len(recs), dump(recs))
	}
	for i, r := range recs {
		if r.Entity != wants[i].entity || r.EntityID != wants[i].id || !data.ValidID(r.EntityID[:min(36, len(r.EntityID))]) {
			t.Errorf("audit record %d is %s/%s, want %s/%s", i, r.Entity, r.EntityID, wants[i].entity, wants[i].id)
		}
	}
}
