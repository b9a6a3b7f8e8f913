package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

// memLog is an in-memory audit log that pages as the stores do.
type memLog struct{ recs []*data.AuditRecord }

func (m *memLog) AppendAudit(_ context.Context, r *data.AuditRecord) error {
	r.Seq = int64(len(m.recs) + 1)
	m.recs = append(m.recs, r)
	return nil
}

func (m *memLog) ListAudit(_ context.Context, q data.AuditQuery) ([]*data.AuditRecord, error) {
	var out []*data.AuditRecord
	for _, r := range m.recs {
		if r.Seq > q.AfterSeq && (q.Entity == "" || r.Entity == q.Entity) && (q.EntityID == "" || r.EntityID == q.EntityID) &&
			len(out) < q.Clamp() {
			out = append(out, r)
		}
	}
	return out, nil
}

// add appends a record of entity id, written in request req.
func (m *memLog) add(entity, id, req string) *data.AuditRecord {
	r := &data.AuditRecord{At: time.Unix(int64(len(m.recs)), 0).UTC(), Actor: "token:t", Action: data.AuditAdd,
		Entity: entity, EntityID: id, After: strings.Repeat("a", 64), RequestID: req}
	_ = m.AppendAudit(context.Background(), r)
	return r
}

// TestRoundTrail selects a round's records from a log that interleaves
// them with another round's and with unrelated writes, past several pages
// of acceptances: the round's own records by id, its acceptances and
// signatures by their round/… key from its creation on, and the line's
// updates made in the same request as one of them.
func TestRoundTrail(t *testing.T) {
	log := &memLog{}
	log.add(EntityBoundaryLine, "line", "") // before the round
	log.add(EntityFindingAccepts, "r1/old", "")
	var want []int64
	keep := func(r *data.AuditRecord) { want = append(want, r.Seq) }
	keep(log.add(EntityInspectionRound, "r1", "create"))
	log.add(EntityInspectionRound, "r2", "create-2")
	keep(log.add(EntityMarkerCheck, "c1", "submit"))
	log.add(EntityMarkerCheck, "c2", "submit-2")
	keep(log.add(EntityLineVersion, "v1", "submit"))
	log.add(EntityLineVersion, "v0", "")
	keep(log.add(EntityRoundFindings, "r1", "validate"))
	keep(log.add(EntityBoundaryLine, "line", "validate"))
	log.add(EntityBoundaryLine, "line", "edit")
	for i := range 2*data.DefaultLimit + 5 {
		keep(log.add(EntityFindingAccepts, fmt.Sprintf("r1/f%d", i), fmt.Sprintf("accept-%d", i)))
		log.add(EntityFindingAccepts, fmt.Sprintf("r2/f%d", i), "")
		log.add(EntityPlace, fmt.Sprintf("p%d", i), "")
	}
	keep(log.add(EntitySignature, "r1/430000", "sign"))
	log.add(EntitySignature, "r10/430000", "") // a round id with r1 as its prefix
	keep(log.add(EntityBoundaryLine, "line", "sign"))
	keep(log.add(EntityFinding, "f-added", "add"))

	rr := &data.RoundRecords{Round: &data.InspectionRound{ID: "r1", LineID: "line"},
		MarkerChecks: []*data.MarkerCheck{{ID: "c1"}}, Findings: []*data.Finding{{ID: "f-added"}}}
	versions := []*data.LineVersion{{ID: "v1", RoundID: "r1"}, {ID: "v0"}}
	got, err := RoundTrail(t.Context(), log, rr, versions)
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	for _, r := range got {
		seqs = append(seqs, r.Seq)
	}
	if fmt.Sprint(seqs) != fmt.Sprint(want) {
		t.Errorf("trail %v\nwant  %v", seqs, want)
	}

	var b bytes.Buffer
	if err := WriteJSONL(&b, got); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	var first map[string]any
	if len(lines) != len(want) || json.Unmarshal([]byte(lines[0]), &first) != nil || first["entity"] != EntityInspectionRound ||
		first["after_sha256"] != strings.Repeat("a", 64) || first["request_id"] != "create" {
		t.Errorf("JSON Lines: %d lines, first %s", len(lines), lines[0])
	}
}

func TestLogOf(t *testing.T) {
	log := &memLog{}
	if got, ok := LogOf(log); !ok || got != log {
		t.Error("LogOf does not find a store's own log")
	}
	if _, ok := LogOf(struct{ data.Store }{}); ok {
		t.Error("LogOf found a log in a store without one")
	}
	w := &Store{Store: struct {
		data.Store
		*memLog
	}{nil, log}}
	if got, ok := LogOf(w); !ok || got == nil {
		t.Error("LogOf does not find the log behind the decorator")
	}
}
