package inspection_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/audit/audittest"
	"github.com/toponym/toponym/data/inspection"
)

const archiveAdmin = "00000000-0000-7000-8000-0000000000aa"

// TestArchiveAuditTrail: a round's archive carries audit.jsonl, listed in
// the manifest with its hash, holding exactly the audit records of the
// writes that touched the round (its creation and status, both parties'
// submissions, two validations, every acceptance, both signatures and the
// line updates they made) and none of another round of the same line
// written before, during and after. The oracle is the whole log: every
// record since the round was created that was not written for the other
// round. Each record says who, when and the hashes before and after;
// consecutive records of one entity chain (before = the previous after)
// and the last after is the hash of what is stored.
func TestArchiveAuditTrail(t *testing.T) {
	for name, open := range scenarioStores(t) {
		t.Run(name, func(t *testing.T) {
			raw := open(t)
			wrapped, err := audit.Wrap(raw)
			must(t, err)
			testArchiveAudit(t, raw, newWorld(t, wrapped, allFaults))
		})
	}
}

func testArchiveAudit(t *testing.T, raw data.Store, w *world) {
	log, ok := audit.LogOf(raw)
	if !ok {
		t.Fatalf("store %T keeps no audit log", raw)
	}
	admin := audittest.As(w.ctx, archiveAdmin, data.RoleAdmin)
	op := func(id string) context.Context { return data.WithRequestID(admin, id) }
	id := w.round.ID

	other := &data.InspectionRound{LineID: w.line.ID, Year: 2024, Type: data.RoundSpecial, Reason: "洪水 flood", Phase: "field"}
	must(t, w.svc.CreateRound(op("other-create"), other))
	w.submitOther(op("other-submit-1"), other.ID, 0)

	late := w.markers["4350008Q"] // left unrecorded by the scenario; observed now, to the nanosecond
	obs := late.Position
	_, err := w.svc.Submit(op("submit-late"), id, partyA, inspection.Submission{MarkerChecks: []*data.MarkerCheck{{
		MarkerID: late.ID, Observed: &obs, Method: "RTK", AccuracyM: 0.05, ObservedAt: time.Now().UTC(), Surveyor: "测量员",
		Status: data.StatusIntact}}})
	must(t, err)
	_, err = w.svc.Validate(op("validate-1"), id, partyA)
	must(t, err)
	accepts := w.acceptErrors(op, partyA)
	w.submitOther(op("other-submit-2"), other.ID, 1)
	_, err = w.svc.Validate(op("validate-2"), id, partyB)
	must(t, err)
	accepts += w.acceptErrors(op, partyB)
	for _, p := range []data.Code{partyA, partyB} {
		_, err := w.svc.Sign(op("sign-"+string(p)), id, p, "签字人 signer")
		must(t, err)
	}
	w.submitOther(op("other-submit-3"), other.ID, 2)

	var zbuf bytes.Buffer
	must(t, w.svc.Archive(op("archive"), id, &zbuf))
	files := checkArchive(t, zbuf.Bytes())
	got := parseJSONL(t, files["audit.jsonl"])
	want := roundOracle(t, log, id)
	if len(got) != len(want) {
		t.Fatalf("audit.jsonl has %d records, the log %d for the round:\n%v", len(got), len(want), seqs(got))
	}
	for i := range want {
		e := audit.NewRecordJSON(want[i])
		g := got[i]
		if !g.At.Equal(e.At) {
			t.Errorf("audit.jsonl line %d at %v, want %v", i+1, g.At, e.At)
		}
		g.At = e.At
		if g != e {
			t.Errorf("audit.jsonl line %d = %+v, want %+v", i+1, g, e)
		}
	}
	w.checkTrail(t, got, accepts)
}

// submitOther records a check of the n-th marker (by number) in the
// other round.
func (w *world) submitOther(ctx context.Context, roundID string, n int) {
	w.t.Helper()
	m := w.markers[slices.Sorted(maps.Keys(w.markers))[n]]
	obs := m.Position
	c := &data.MarkerCheck{MarkerID: m.ID, Observed: &obs, Method: "RTK", AccuracyM: 0.05, ObservedAt: stamp(-time.Hour),
		Surveyor: "测量员", Status: data.StatusIntact}
	_, err := w.svc.Submit(ctx, roundID, partyA, inspection.Submission{MarkerChecks: []*data.MarkerCheck{c}})
	must(w.t, err)
}

// acceptErrors accepts every error finding of the round as party, each in
// a request of its own, the first one twice, and returns how many
// acceptances it recorded.
func (w *world) acceptErrors(op func(string) context.Context, party data.Code) int {
	w.t.Helper()
	rr, err := w.svc.Records(w.ctx, w.round.ID)
	must(w.t, err)
	n := 0
	for _, f := range rr.Findings {
		if f.Severity == data.SeverityError {
			n++
			_, err := w.svc.Accept(op("accept-"+string(party)+"-"+f.ID), w.round.ID, f.ID, party, "同意 agreed")
			must(w.t, err)
			if n == 1 { // once more, in other words: the record's before is the first one's after
				n++
				_, err := w.svc.Accept(op("accept-again-"+f.ID), w.round.ID, f.ID, party, "同意，已复核 agreed, reviewed")
				must(w.t, err)
			}
		}
	}
	if n == 0 {
		w.t.Fatal("the scenario has no error finding to accept")
	}
	return n
}

// roundOracle returns every record of the log from the round's creation
// on that was not written for the other round.
func roundOracle(t *testing.T, log data.AuditLog, roundID string) []*data.AuditRecord {
	t.Helper()
	created, err := log.ListAudit(t.Context(), data.AuditQuery{Entity: audit.EntityInspectionRound, EntityID: roundID, Limit: 1})
	must(t, err)
	if len(created) != 1 || created[0].Action != data.AuditCreate {
		t.Fatalf("the round's first audit record is %+v, want its creation", created)
	}
	var out []*data.AuditRecord
	q := data.AuditQuery{AfterSeq: created[0].Seq - 1, Limit: 100}
	for {
		recs, err := log.ListAudit(t.Context(), q)
		must(t, err)
		for _, r := range recs {
			if !strings.HasPrefix(r.RequestID, "other-") {
				out = append(out, r)
			}
		}
		if len(recs) < q.Limit {
			return out
		}
		q.AfterSeq = recs[len(recs)-1].Seq
	}
}

// checkTrail checks what the trail says of the round's writes: how many of
// each, who made them, and that the hashes chain to what is stored.
func (w *world) checkTrail(t *testing.T, got []audit.RecordJSON, accepts int) {
	t.Helper()
	rr, err := w.svc.Records(w.ctx, w.round.ID)
	must(t, err)
	byEntity := map[string][]audit.RecordJSON{}
	for _, r := range got {
		byEntity[r.Entity] = append(byEntity[r.Entity], r)
	}
	counts := map[string]int{audit.EntityMarkerCheck: len(rr.MarkerChecks), audit.EntityLineVersion: 2,
		audit.EntityRoundFindings: 2, audit.EntityFindingAccepts: accepts, audit.EntitySignature: 2}
	for e, n := range counts {
		if len(byEntity[e]) != n {
			t.Errorf("%d %s records in the trail, want %d", len(byEntity[e]), e, n)
		}
	}
	if len(byEntity[audit.EntityBoundaryLine]) == 0 {
		t.Error("the trail lacks the line update of the last signature")
	}
	for _, r := range byEntity[audit.EntityFindingAccepts] {
		if r.Actor != "token:"+archiveAdmin || r.Role != string(data.RoleAdmin) || !strings.HasPrefix(r.RequestID, "accept-") ||
			r.At.IsZero() || r.After == "" {
			t.Errorf("acceptance record %+v does not say who, when and what", r)
		}
	}
	afters := map[string]string{}
	for _, r := range got {
		afters[r.Entity+" "+r.EntityID] = r.After
	}
	for _, c := range rr.MarkerChecks {
		if h := hashOf(t, c); afters[audit.EntityMarkerCheck+" "+c.ID] != h {
			t.Errorf("marker check %s: audit after %.8s, stored record's hash %.8s", c.ID, afters[audit.EntityMarkerCheck+" "+c.ID], h)
		}
	}
	for _, g := range rr.Signatures {
		key := audit.EntitySignature + " " + g.RoundID + "/" + string(g.Party)
		if h := hashOf(t, g); afters[key] != h {
			t.Errorf("signature of %s: audit after %.8s, stored record's hash %.8s", g.Party, afters[key], h)
		}
	}
	versions, err := w.store.LineVersions(w.ctx, w.line.ID)
	must(t, err)
	for _, v := range versions {
		key := audit.EntityLineVersion + " " + v.ID
		if h := hashOf(t, v); v.RoundID == w.round.ID && afters[key] != h {
			t.Errorf("line version %s: audit after %.8s, stored record's hash %.8s", v.ID, afters[key], h)
		}
	}
	round, err := w.store.GetInspectionRound(w.ctx, w.round.ID)
	must(t, err)
	checkChain(t, byEntity[audit.EntityInspectionRound], hashOf(t, round))
	for _, f := range rr.Findings {
		if f.Severity != data.SeverityError {
			continue
		}
		var chain []audit.RecordJSON
		for _, r := range byEntity[audit.EntityFindingAccepts] {
			if r.EntityID == w.round.ID+"/"+f.ID {
				chain = append(chain, r)
			}
		}
		checkChain(t, chain, hashOf(t, f.Acceptances))
		if len(chain) > 0 && chain[0].Before == "" {
			t.Errorf("%s: party B's acceptance has no before hash, though party A's acceptance carried over", chain[0].EntityID)
		}
	}
}

// checkChain checks that each record's before is the previous one's after
// and that the last after is want.
func checkChain(t *testing.T, recs []audit.RecordJSON, want string) {
	t.Helper()
	if len(recs) == 0 {
		t.Error("no records to chain")
		return
	}
	for i := 1; i < len(recs); i++ {
		if recs[i].Before != recs[i-1].After {
			t.Errorf("%s %s: record %d's before %.8s ≠ record %d's after %.8s", recs[i].Entity, recs[i].EntityID,
				recs[i].Seq, recs[i].Before, recs[i-1].Seq, recs[i-1].After)
		}
	}
	if last := recs[len(recs)-1]; last.After != want {
		t.Errorf("%s %s: last after %.8s, want the stored record's %.8s", last.Entity, last.EntityID, last.After, want)
	}
}

func hashOf(t *testing.T, v any) string {
	t.Helper()
	h, err := data.RecordHash(v)
	must(t, err)
	return h
}

func parseJSONL(t *testing.T, b []byte) []audit.RecordJSON {
	t.Helper()
	var out []audit.RecordJSON
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r audit.RecordJSON
		d := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		d.DisallowUnknownFields()
		must(t, d.Decode(&r))
		out = append(out, r)
	}
	must(t, sc.Err())
	return out
}

func seqs(recs []audit.RecordJSON) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Entity+"/"+r.EntityID)
	}
	return out
}

// readZip returns the files of a zip by name.
func readZip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		files[f.Name], err = io.ReadAll(rc)
		must(t, err)
		rc.Close()
	}
	return files
}
