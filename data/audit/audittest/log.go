package audittest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/storetest"
)

func dump(recs []*data.AuditRecord) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "\n  %d %s %s %s/%s before=%.8s after=%.8s", r.Seq, r.Actor, r.Action, r.Entity, r.EntityID,
			r.Before, r.After)
	}
	return b.String()
}

func hash(t *testing.T, v any) string {
	t.Helper()
	h, err := data.RecordHash(v)
	must(t, err)
	return h
}

func record(actor, entity, id string, at time.Time, t *testing.T) *data.AuditRecord {
	return &data.AuditRecord{At: at, Actor: actor, Role: data.RoleAdmin, Action: data.AuditCreate, Entity: entity,
		EntityID: id, After: hash(t, id), RequestID: "req-" + id}
}

func testAuditAppendList(t *testing.T, s Store) {
	ctx := t.Context()
	at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	a := record("token:a", "place", "p1", at, t)
	b := record("token:b", "place", "p2", time.Time{}, t)
	must(t, s.AppendAudit(ctx, a))
	must(t, s.AppendAudit(ctx, b))
	if a.Seq <= 0 || b.Seq <= a.Seq || !a.At.Equal(at) || b.At.IsZero() {
		t.Errorf("Seq %d then %d, At %v and %v: want increasing seqs, At kept or set", a.Seq, b.Seq, a.At, b.At)
	}
	got, err := s.ListAudit(ctx, data.AuditQuery{})
	must(t, err)
	if len(got) != 2 || *got[0] != *a || *got[1] != *b {
		t.Errorf("ListAudit = %s, want the two appended", dump(got))
	}
	bad := record("token:a", "place", "p3", at, t)
	bad.After = "not a hash"
	wantKind(t, "malformed after hash", s.AppendAudit(ctx, bad), data.KindInvalid)
}

func testAuditFilters(t *testing.T, s Store) {
	ctx := t.Context()
	day := func(d int) time.Time { return time.Date(2026, 4, d, 12, 0, 0, 0, time.UTC) }
	for i, r := range []*data.AuditRecord{
		record("token:a", "place", "p1", day(1), t), record("token:b", "place", "p2", day(2), t),
		record("token:a", "marker", "m1", day(3), t), record("token:a", "place", "p1", day(4), t),
	} {
		if i == 3 {
			r.Action, r.Before = data.AuditUpdate, hash(t, "p1")
		}
		must(t, s.AppendAudit(ctx, r))
	}
	ids := func(q data.AuditQuery) string {
		recs, err := s.ListAudit(ctx, q)
		must(t, err)
		var out []string
		for _, r := range recs {
			out = append(out, r.EntityID+"@"+r.At.Format("02"))
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		q    data.AuditQuery
		want string
	}{
		{data.AuditQuery{Actor: "token:a"}, "p1@01 m1@03 p1@04"},
		{data.AuditQuery{Entity: "place", EntityID: "p1"}, "p1@01 p1@04"},
		{data.AuditQuery{Action: data.AuditUpdate}, "p1@04"},
		{data.AuditQuery{From: day(2), To: day(4)}, "p2@02 m1@03"},
		{data.AuditQuery{Limit: 2}, "p1@01 p2@02"},
		{data.AuditQuery{Actor: "nobody"}, ""},
	} {
		if got := ids(tc.q); got != tc.want {
			t.Errorf("ListAudit(%+v) = %q, want %q", tc.q, got, tc.want)
		}
	}
	all, err := s.ListAudit(ctx, data.AuditQuery{})
	must(t, err)
	if got := ids(data.AuditQuery{AfterSeq: all[1].Seq}); got != "m1@03 p1@04" {
		t.Errorf("ListAudit after seq %d = %q", all[1].Seq, got)
	}
}

func wrap(t *testing.T, s Store) *audit.Store {
	t.Helper()
	w, err := audit.Wrap(s)
	must(t, err)
	return w
}

func testDecoratorCreateUpdate(t *testing.T, s Store) {
	ctx := As(t.Context(), "00000000-0000-7000-8000-0000000000aa", data.RoleAdmin)
	ctx = data.WithRequestID(ctx, "req-1")
	w := wrap(t, s)
	u := storetest.Unit("500241", "秀山县", 108.9, 28.3)
	must(t, w.CreateAdminUnit(ctx, u))
	stored, err := s.GetAdminUnit(ctx, u.ID)
	must(t, err)
	u2 := *stored
	u2.Name = "秀山土家族苗族自治县"
	must(t, w.UpdateAdminUnit(ctx, &u2))
	updated, err := s.GetAdminUnit(ctx, u.ID)
	must(t, err)

	recs, err := s.ListAudit(ctx, data.AuditQuery{Entity: audit.EntityAdminUnit})
	must(t, err)
	if len(recs) != 2 {
		t.Fatalf("audit records: %s, want a create and an update", dump(recs))
	}
	c, up := recs[0], recs[1]
	actor := data.PrincipalFrom(ctx).Actor()
	if c.Action != data.AuditCreate || c.EntityID != u.ID || c.Before != "" || c.After != hash(t, stored) ||
		c.Actor != actor || c.Role != data.RoleAdmin || c.RequestID != "req-1" {
		t.Errorf("create record %+v, want actor %s and the hash of the stored unit", c, actor)
	}
	if up.Action != data.AuditUpdate || up.Before != c.After || up.After != hash(t, updated) || up.After == up.Before {
		t.Errorf("update record %+v: want before = the create's after, after = the hash of the updated unit", up)
	}
}

func testDecoratorFailedWrite(t *testing.T, s Store) {
	ctx := t.Context()
	w := wrap(t, s)
	u := storetest.Unit("500241", "秀山县", 108.9, 28.3)
	must(t, w.CreateAdminUnit(ctx, u))
	dup := storetest.Unit("500241", "重复", 108.9, 28.3)
	wantKind(t, "duplicate code", w.CreateAdminUnit(ctx, dup), data.KindConflict)
	missing := *u
	missing.ID = data.NewID()
	wantKind(t, "update unknown", w.UpdateAdminUnit(ctx, &missing), data.KindNotFound)
	recs, err := s.ListAudit(ctx, data.AuditQuery{})
	must(t, err)
	if len(recs) != 1 || recs[0].EntityID != u.ID || recs[0].Actor != "anonymous" {
		t.Errorf("after failed writes: %s, want only the one create by anonymous", dump(recs))
	}
}

func testDecoratorAtomic(t *testing.T, s Store) {
	ctx := t.Context()
	w := wrap(t, s)
	boom := errors.New("boom")
	err := w.Atomic(ctx, func(tx data.Store) error {
		must(t, tx.CreateAdminUnit(ctx, storetest.Unit("500241", "秀山县", 108.9, 28.3)))
		must(t, tx.CreatePlace(ctx, storetest.Place("洪安", "Hong'an", 109.2, 28.46, "500241109")))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Atomic = %v", err)
	}
	recs, err := s.ListAudit(ctx, data.AuditQuery{})
	must(t, err)
	if len(recs) != 0 {
		t.Errorf("a rolled-back transaction left audit records: %s", dump(recs))
	}
	must(t, w.Atomic(ctx, func(tx data.Store) error {
		if err := tx.CreateAdminUnit(ctx, storetest.Unit("500241", "秀山县", 108.9, 28.3)); err != nil {
			return err
		}
		return tx.CreatePlace(ctx, storetest.Place("洪安", "Hong'an", 109.2, 28.46, "500241109"))
	}))
	recs, err = s.ListAudit(ctx, data.AuditQuery{})
	must(t, err)
	if len(recs) != 2 || recs[0].Entity != audit.EntityAdminUnit || recs[1].Entity != audit.EntityPlace {
		t.Errorf("a committed transaction's audit records: %s, want the unit and the place", dump(recs))
	}
}
