package gpkg_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit/audittest"
	"github.com/toponym/toponym/data/gpkg"
)

func openAuthStore(t *testing.T) *gpkg.Store {
	t.Helper()
	s, err := gpkg.Open(context.Background(), filepath.Join(t.TempDir(), "auth.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestAuthContract runs the token, audit log and audit decorator contract
// against the GeoPackage store.
func TestAuthContract(t *testing.T) {
	audittest.Run(t, func(t *testing.T) audittest.Store { return openAuthStore(t) })
}

// TestAuditAppendOnly: the audit log's triggers refuse UPDATE and DELETE
// even through SQL written by hand.
func TestAuditAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := openAuthStore(t)
	r := &data.AuditRecord{Actor: "cli:test", Action: data.AuditCreate, Entity: "place", EntityID: "p1",
		After: data.HashTokenSecret("x")}
	if err := s.AppendAudit(ctx, r); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"UPDATE audit_log SET actor = 'forged'", "DELETE FROM audit_log"} {
		err := gpkg.ExecForTest(ctx, s, stmt)
		if data.KindOf(err) != data.KindForbidden {
			t.Errorf("%s: %v, want a forbidden error", stmt, err)
		}
	}
	recs, err := s.ListAudit(ctx, data.AuditQuery{})
	if err != nil || len(recs) != 1 || recs[0].Actor != "cli:test" {
		t.Errorf("after refused changes: %v %v", recs, err)
	}
}

// TestAuditExtensions runs the audited extension writes against the
// GeoPackage store.
func TestAuditExtensions(t *testing.T) {
	audittest.RunExtensions(t, func(t *testing.T) audittest.Store { return openAuthStore(t) })
}
