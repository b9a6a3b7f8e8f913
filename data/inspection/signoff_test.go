package inspection_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/inspection"
)

func wantKind(t *testing.T, what string, err error, k data.Kind) {
	t.Helper()
	if data.KindOf(err) != k {
		t.Errorf("%s: error %v (kind %s), want kind %s", what, err, data.KindOf(err), k)
	}
}

// TestSignOff walks a round with errors through acceptance and sign-off:
// nothing is signed before validation or with errors not accepted by both
// parties; each party signs once, only as itself; a signed round refuses
// every change; a correction goes into a new special round.
func TestSignOff(t *testing.T) {
	for name, open := range scenarioStores(t) {
		t.Run(name, func(t *testing.T) { testSignOff(t, newWorld(t, open(t), allFaults)) })
	}
}

func testSignOff(t *testing.T, w *world) {
	ctx, id := w.ctx, w.round.ID
	_, err := w.svc.Sign(ctx, id, partyA, "湖南省民政厅")
	wantKind(t, "signature before validation", err, data.KindConflict)
	_, err = w.svc.Validate(ctx, id, "520000")
	wantKind(t, "validation by a non-party", err, data.KindForbidden)
	res, err := w.svc.Validate(ctx, id, partyA)
	must(t, err)
	_, err = w.svc.Sign(ctx, id, partyA, "湖南省民政厅")
	wantKind(t, "signature with unaccepted errors", err, data.KindConflict)

	var errs []*data.Finding
	for _, f := range res.Findings {
		if f.Severity == data.SeverityError {
			errs = append(errs, f)
		}
	}
	rr, err := w.svc.Records(ctx, id)
	must(t, err)
	for _, f := range rr.Findings {
		if f.Severity == data.SeverityError {
			_, err := w.svc.Accept(ctx, id, f.ID, partyA, "已知，下轮专项检查处理 known; special round to follow")
			must(t, err)
		}
	}
	_, err = w.svc.Sign(ctx, id, partyA, "湖南省民政厅")
	wantKind(t, "signature with errors accepted by one party only", err, data.KindConflict)
	_, err = w.svc.Accept(ctx, id, rr.Findings[0].ID, partyB, "  ")
	wantKind(t, "acceptance without a reason", err, data.KindInvalid)
	for _, f := range rr.Findings {
		if f.Severity == data.SeverityError {
			_, err := w.svc.Accept(ctx, id, f.ID, partyB, "同意 agreed")
			must(t, err)
		}
	}
	if len(errs) == 0 {
		t.Fatal("the faulty scenario has no errors")
	}
	_, err = w.svc.Sign(ctx, id, "520000", "贵州省民政厅")
	wantKind(t, "signature by a non-party", err, data.KindForbidden)
	sa, err := w.svc.Sign(ctx, id, partyA, "湖南省民政厅")
	must(t, err)

	// Signed by one party: every change is a conflict.
	_, err = w.svc.Sign(ctx, id, partyA, "湖南省民政厅")
	wantKind(t, "second signature of a party", err, data.KindConflict)
	_, err = w.svc.Submit(ctx, id, partyB, inspection.Submission{MarkerChecks: []*data.MarkerCheck{
		{MarkerID: w.markers["4350008Q"].ID, Status: data.StatusMissing}}})
	wantKind(t, "submission to a signed round", err, data.KindConflict)
	_, err = w.svc.Validate(ctx, id, partyB)
	wantKind(t, "validation of a signed round", err, data.KindConflict)
	_, err = w.svc.Accept(ctx, id, rr.Findings[0].ID, partyB, "改变主意 changed mind")
	wantKind(t, "acceptance in a signed round", err, data.KindConflict)

	sb, err := w.svc.Sign(ctx, id, partyB, "重庆市民政局")
	must(t, err)
	if sa.Digest != sb.Digest {
		t.Errorf("parties signed different reports: %s vs %s", sa.Digest, sb.Digest)
	}
	rr, err = w.svc.Records(ctx, id)
	must(t, err)
	if rr.Round.Status != data.RoundSigned || len(rr.Signatures) != 2 {
		t.Errorf("round %s with %d signatures, want signed with 2", rr.Round.Status, len(rr.Signatures))
	}
	line, err := w.store.GetBoundaryLine(ctx, w.line.ID)
	must(t, err)
	if today := time.Now().UTC(); line.LastInspected.Year() != today.Year() || line.LastInspected.YearDay() != today.YearDay() {
		t.Errorf("line last inspected %s, want today", line.LastInspected)
	}
	rep, err := w.svc.Report(ctx, id)
	must(t, err)
	if rep.Digest != sa.Digest {
		t.Errorf("report digest %s differs from the signed %s", rep.Digest, sa.Digest)
	}

	special := &data.InspectionRound{LineID: w.line.ID, Year: 2025, Type: data.RoundSpecial, Reason: "复位 4350006Q reset"}
	must(t, w.svc.CreateRound(ctx, special))
	if special.Status != data.RoundOpen || len(special.Parties) != 2 {
		t.Errorf("special round %s with parties %v, want open with the line's two sides", special.Status, special.Parties)
	}
}

// TestSubmissionRules: a party submits only its own records, its own side
// and the markers of its sections; all or nothing.
func TestSubmissionRules(t *testing.T) {
	w := newWorld(t, gpkgStore(t), faults{})
	ctx, id := w.ctx, w.round.ID
	m1, m30 := w.markers["4350001Q"], w.markers["4350030A"]
	check := func(m *data.Marker, party data.Code) inspection.Submission {
		return inspection.Submission{MarkerChecks: []*data.MarkerCheck{{MarkerID: m.ID, Party: party, Status: data.StatusDamaged}}}
	}
	_, err := w.svc.Submit(ctx, id, partyA, check(m1, partyB))
	wantKind(t, "record in another party's name", err, data.KindForbidden)
	_, err = w.svc.Submit(ctx, id, partyA, check(m30, ""))
	wantKind(t, "marker outside the party's sections", err, data.KindForbidden)
	_, err = w.svc.Submit(ctx, id, "", check(m1, ""))
	wantKind(t, "submission without a party", err, data.KindForbidden)
	_, err = w.svc.Submit(ctx, id, partyA, inspection.Submission{LineVersions: []*data.LineVersion{
		{Source: data.SourceSideB, Geometry: w.line.Geometry}}})
	wantKind(t, "side B's version from side A", err, data.KindForbidden)
	_, err = w.svc.Submit(ctx, id, partyA, inspection.Submission{})
	wantKind(t, "empty submission", err, data.KindInvalid)

	before, err := w.svc.Records(ctx, id)
	must(t, err)
	seg := &data.SegmentCheck{FromMarker: m1.ID, ToMarker: w.markers["4350002Q"].ID, TerrainChange: true, Note: "塌方 landslide"}
	bad := &data.SegmentCheck{FromMarker: m1.ID, ToMarker: data.NewID()}
	_, err = w.svc.Submit(ctx, id, partyA, inspection.Submission{SegmentChecks: []*data.SegmentCheck{seg, bad}})
	wantKind(t, "segment to an unknown marker", err, data.KindInvalid)
	after, err := w.svc.Records(ctx, id)
	must(t, err)
	if len(after.SegmentChecks) != len(before.SegmentChecks) {
		t.Errorf("a refused submission stored %d segment checks", len(after.SegmentChecks)-len(before.SegmentChecks))
	}
	// A submission after validation sends the round back to open.
	_, err = w.svc.Validate(ctx, id, partyA)
	must(t, err)
	seg.ID = ""
	_, err = w.svc.Submit(ctx, id, partyA, inspection.Submission{SegmentChecks: []*data.SegmentCheck{seg}})
	must(t, err)
	after, err = w.svc.Records(ctx, id)
	must(t, err)
	if after.Round.Status != data.RoundOpen {
		t.Errorf("status %s after a new submission, want open", after.Round.Status)
	}
}

// TestReportOutputs: the report's JSON, GeoJSON, HTML and archive carry
// the round: every marker in the table (the unrecorded one as such), every
// finding as a feature, the archive's files with their hashes.
func TestReportOutputs(t *testing.T) {
	w := newWorld(t, gpkgStore(t), allFaults)
	res, err := w.svc.Validate(w.ctx, w.round.ID, partyA)
	must(t, err)
	rep, err := w.svc.Report(w.ctx, w.round.ID)
	must(t, err)
	if len(rep.Findings) != len(res.Findings) || rep.Unresolved != rep.Counts[data.SeverityError] {
		t.Errorf("report has %d findings, %d unresolved; want %d and all errors", len(rep.Findings), rep.Unresolved, len(res.Findings))
	}
	var unrecorded []string
	for _, r := range rep.Markers {
		if r.Status == "not_recorded" {
			unrecorded = append(unrecorded, r.Number)
		}
	}
	if strings.Join(unrecorded, ",") != "4350008Q" {
		t.Errorf("unrecorded markers %v, want 4350008Q", unrecorded)
	}
	for _, r := range rep.Markers {
		if r.Number == "4350006Q" && (r.DisplacementM == nil || *r.DisplacementM < 2.99 || *r.DisplacementM > 3.01) {
			t.Errorf("displacement of 4350006Q %v, want 3 m", r.DisplacementM)
		}
	}
	gj, err := inspection.FindingsGeoJSON(res.Findings)
	must(t, err)
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry   json.RawMessage `json:"geometry"`
			Properties map[string]any  `json:"properties"`
		} `json:"features"`
	}
	must(t, json.Unmarshal(gj, &fc))
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(res.Findings) || fc.Features[0].Properties["rule"] == nil {
		t.Errorf("GeoJSON %s with %d features, want a FeatureCollection of %d findings", fc.Type, len(fc.Features), len(res.Findings))
	}
	var html bytes.Buffer
	must(t, rep.WriteHTML(&html))
	for _, s := range []string{"<svg", "4350008Q", "未检查 not recorded", "界桩检查表 Marker table", "湘渝黔三交点"} {
		if !strings.Contains(html.String(), s) {
			t.Errorf("HTML report lacks %q", s)
		}
	}
	var zbuf bytes.Buffer
	must(t, w.svc.Archive(w.ctx, w.round.ID, &zbuf))
	checkArchive(t, zbuf.Bytes())
}

// checkArchive checks the archive's manifest (the files, audit.jsonl among
// them, each with its SHA-256; the photos) and returns its files.
func checkArchive(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	files := readZip(t, b)
	var manifest struct {
		Files  []inspection.ArchiveFile `json:"files"`
		Photos []inspection.ArchiveFile `json:"photos"`
	}
	must(t, json.Unmarshal(files["manifest.json"], &manifest))
	if len(manifest.Files) != 7 || len(manifest.Photos) == 0 {
		t.Errorf("manifest lists %d files and %d photos, want 7 and the photos", len(manifest.Files), len(manifest.Photos))
	}
	listed := map[string]bool{}
	for _, f := range manifest.Files {
		listed[f.Name] = true
		sum := sha256.Sum256(files[f.Name])
		if hex.EncodeToString(sum[:]) != f.SHA256 || len(files[f.Name]) != f.Size {
			t.Errorf("archive file %s does not match its hash and size in the manifest", f.Name)
		}
	}
	if !listed["audit.jsonl"] {
		t.Error("the manifest does not list audit.jsonl")
	}
	return files
}

// TestOverdue lists a line whose cycle ran out (C18) and not the others.
func TestOverdue(t *testing.T) {
	w := newWorld(t, gpkgStore(t), faults{})
	line, err := w.store.GetBoundaryLine(w.ctx, w.line.ID)
	must(t, err)
	line.LastInspected = data.Date(time.Now().Year()-6, 1, 1)
	must(t, w.store.UpdateBoundaryLine(w.ctx, line))
	got, err := w.svc.Overdue(w.ctx)
	must(t, err)
	if len(got) != 1 || got[0].LineID != line.ID || len(got[0].Alerts) == 0 || got[0].Alerts[0].Rule != "C18" {
		t.Fatalf("overdue %+v, want only line 4350 with a C18 alert", got)
	}
	if got[0].Alerts[0].Measured <= 0 {
		t.Errorf("overdue by %g days, want > 0", got[0].Alerts[0].Measured)
	}
}

// TestRoundPartiesAreTheLinesSides: a round is held by the two sides of
// its line (or the divisions above them); a third province cannot open one
// with one side, nor join one.
func TestRoundPartiesAreTheLinesSides(t *testing.T) {
	w := newWorld(t, gpkgStore(t), faults{})
	guizhou := data.Code("520000")
	for _, parties := range [][]data.Code{{partyA, guizhou}, {partyA, partyB, guizhou}} {
		r := &data.InspectionRound{LineID: w.line.ID, Year: 2026, Type: data.RoundSpecial, Reason: "洪水 flood",
			Parties: parties}
		err := w.svc.CreateRound(w.ctx, r)
		wantKind(t, fmt.Sprintf("round with parties %v", parties), err, data.KindInvalid)
		if e := data.AsError(err); e == nil || e.Field != "parties" || e.Value != string(guizhou) {
			t.Errorf("parties %v: error %+v, want one naming parties and %s", parties, e, guizhou)
		}
	}
	r := &data.InspectionRound{LineID: w.line.ID, Year: 2026, Type: data.RoundSpecial, Reason: "洪水 flood",
		Parties: []data.Code{partyB, partyA}}
	must(t, w.svc.CreateRound(w.ctx, r))
}
