package postgis_test

import (
	"context"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit/audittest"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestAuthContract runs the token, audit log and audit decorator contract
// against PostGIS.
func TestAuthContract(t *testing.T) {
	audittest.Run(t, func(t *testing.T) audittest.Store { return pgtest.Store(t) })
}

// TestAuditAppendOnly: the trigger of migration 0006 refuses UPDATE,
// DELETE and TRUNCATE on audit_log, even from the table's owner, and the
// refusal maps to KindForbidden.
func TestAuditAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Store(t)
	r := &data.AuditRecord{Actor: "cli:test", Action: data.AuditCreate, Entity: "place", EntityID: "p1",
		After: data.HashTokenSecret("x")}
	if err := s.AppendAudit(ctx, r); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"UPDATE audit_log SET actor = 'forged'", "DELETE FROM audit_log", "TRUNCATE audit_log"} {
		_, err := s.Pool().Exec(ctx, stmt)
		if err == nil {
			t.Errorf("%s succeeded", stmt)
			continue
		}
		if k := data.KindOf(postgis.MapAuthError("test", err)); k != data.KindForbidden {
			t.Errorf("%s: %v maps to %v, want forbidden", stmt, err, k)
		}
	}
	recs, err := s.ListAudit(ctx, data.AuditQuery{})
	if err != nil || len(recs) != 1 || recs[0].Actor != "cli:test" || recs[0].Seq != r.Seq {
		t.Errorf("after refused changes: %+v %v", recs, err)
	}
}

// TestAuditExtensions runs the audited extension writes against PostGIS.
func TestAuditExtensions(t *testing.T) {
	audittest.RunExtensions(t, func(t *testing.T) audittest.Store { return pgtest.Store(t) })
}
