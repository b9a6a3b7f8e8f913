package audit

import (
	"cmp"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/toponym/toponym/data"
)

// LogOf returns the audit log behind store: the store itself when it
// implements data.AuditLog (the PostGIS and GeoPackage stores), the
// wrapped store's when it is the auditing decorator; false otherwise.
func LogOf(store any) (data.AuditLog, bool) {
	switch s := store.(type) {
	case *Store:
		return s.Log(), true
	case data.AuditLog:
		return s, true
	case interface{ Log() data.AuditLog }:
		return s.Log(), true
	}
	return nil, false
}

// RoundTrail returns every audit record of the writes that touched one
// inspection round, oldest first: the round itself (creation, status),
// the parties' submissions (marker checks, segment checks, the round's
// line versions among versions), its findings (each validation's
// replacement and any finding added one by one), the acceptances of its
// findings, even of findings a later validation replaced, its signatures,
// and the updates of the round's line made in the same request as one of
// these (a validation sets the line's technical status, the last
// signature its last inspection date).
//
// Records are selected by entity and id, each an indexed lookup; the
// acceptances and signatures, keyed round/…, are scanned from the round's
// creation on.
func RoundTrail(ctx context.Context, log data.AuditLog, rr *data.RoundRecords, versions []*data.LineVersion) ([]*data.AuditRecord, error) {
	id := rr.Round.ID
	t := &trail{ctx: ctx, log: log, seen: map[int64]*data.AuditRecord{}}
	for _, k := range roundKeys(rr, versions) {
		if err := t.exact(k[0], k[1]); err != nil {
			return nil, err
		}
	}
	start := t.first(EntityInspectionRound)
	for _, entity := range []string{EntityFindingAccepts, EntitySignature} {
		if err := t.scan(data.AuditQuery{Entity: entity, AfterSeq: start}, func(r *data.AuditRecord) bool {
			return strings.HasPrefix(r.EntityID, id+"/")
		}); err != nil {
			return nil, err
		}
	}
	if reqs := t.requests(); len(reqs) > 0 {
		err := t.scan(data.AuditQuery{Entity: EntityBoundaryLine, EntityID: rr.Round.LineID, AfterSeq: start},
			func(r *data.AuditRecord) bool { return reqs[r.RequestID] })
		if err != nil {
			return nil, err
		}
	}
	return t.sorted(), nil
}

// roundKeys lists the (entity, id) pairs of a round's own records.
func roundKeys(rr *data.RoundRecords, versions []*data.LineVersion) [][2]string {
	id := rr.Round.ID
	keys := [][2]string{{EntityInspectionRound, id}, {EntityRoundFindings, id}}
	for _, c := range rr.MarkerChecks {
		keys = append(keys, [2]string{EntityMarkerCheck, c.ID})
	}
	for _, c := range rr.SegmentChecks {
		keys = append(keys, [2]string{EntitySegmentCheck, c.ID})
	}
	for _, f := range rr.Findings {
		keys = append(keys, [2]string{EntityFinding, f.ID})
	}
	for _, v := range versions {
		if v.RoundID == id {
			keys = append(keys, [2]string{EntityLineVersion, v.ID})
		}
	}
	return keys
}

// trail collects audit records, each once.
type trail struct {
	ctx  context.Context
	log  data.AuditLog
	seen map[int64]*data.AuditRecord
}

// scan adds the records q selects (every page) that keep accepts.
func (t *trail) scan(q data.AuditQuery, keep func(*data.AuditRecord) bool) error {
	for {
		recs, err := t.log.ListAudit(t.ctx, q)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if keep(r) {
				t.seen[r.Seq] = r
			}
		}
		if len(recs) == 0 || len(recs) < q.Clamp() {
			return nil
		}
		q.AfterSeq = recs[len(recs)-1].Seq
	}
}

// exact adds every record of entity id.
func (t *trail) exact(entity, id string) error {
	if id == "" {
		return nil
	}
	return t.scan(data.AuditQuery{Entity: entity, EntityID: id}, func(*data.AuditRecord) bool { return true })
}

// first returns the seq just before the trail's first record of entity
// (0 when it has none).
func (t *trail) first(entity string) int64 {
	var min int64
	for seq, r := range t.seen {
		if r.Entity == entity && (min == 0 || seq < min) {
			min = seq
		}
	}
	return max(min-1, 0)
}

// requests returns the non-empty request IDs of the trail.
func (t *trail) requests() map[string]bool {
	out := map[string]bool{}
	for _, r := range t.seen {
		if r.RequestID != "" {
			out[r.RequestID] = true
		}
	}
	return out
}

func (t *trail) sorted() []*data.AuditRecord {
	out := make([]*data.AuditRecord, 0, len(t.seen))
	for _, r := range t.seen {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *data.AuditRecord) int { return cmp.Compare(a.Seq, b.Seq) })
	return out
}

// RecordJSON is an audit record as exported: the fields of GET /audit.
type RecordJSON struct {
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`
	Role      string    `json:"role,omitempty"`
	Action    string    `json:"action"`
	Entity    string    `json:"entity"`
	EntityID  string    `json:"entity_id"`
	Before    string    `json:"before_sha256,omitempty"`
	After     string    `json:"after_sha256"`
	RequestID string    `json:"request_id,omitempty"`
}

// NewRecordJSON returns r as exported.
func NewRecordJSON(r *data.AuditRecord) RecordJSON {
	return RecordJSON{Seq: r.Seq, At: r.At.UTC(), Actor: r.Actor, Role: string(r.Role), Action: r.Action, Entity: r.Entity,
		EntityID: r.EntityID, Before: r.Before, After: r.After, RequestID: r.RequestID}
}

// WriteJSONL writes recs as JSON Lines, one record a line.
func WriteJSONL(w io.Writer, recs []*data.AuditRecord) error {
	enc := json.NewEncoder(w)
	for _, r := range recs {
		if err := enc.Encode(NewRecordJSON(r)); err != nil {
			return err
		}
	}
	return nil
}
