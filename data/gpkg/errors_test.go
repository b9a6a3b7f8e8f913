package gpkg

import (
	"context"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

// TestMapErrorByCode provokes each constraint class below the store's own
// checks, with raw SQL, and checks the kind and field mapped from SQLite's
// extended result code.
func TestMapErrorByCode(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	u := county("500241", "秀山", time.Time{}, time.Time{})
	must(t, s.CreateAdminUnit(ctx, u))
	tests := []struct {
		name  string
		stmt  string
		args  []any
		kind  data.Kind
		field string
	}{
		{"unique", "INSERT INTO admin_unit_identities (unit_id, created) VALUES (?, '2020-01-01T00:00:00.000Z')",
			[]any{u.UnitID}, data.KindConflict, "unit_id"},
		{"foreign key", `INSERT INTO line_versions (id, line_id, source, created) VALUES (?, ?, 'agreed', '2020-01-01')`,
			[]any{data.NewID(), data.NewID()}, data.KindInvalid, ""},
		{"check", "UPDATE admin_units SET valid_from = '2020-01-01', valid_to = '2019-01-01' WHERE id = ?",
			[]any{u.ID}, data.KindInvalid, "valid"},
		{"not null", "INSERT INTO signs (id, kind, text, updated) VALUES (?, NULL, 'x', '2020-01-01')",
			[]any{data.NewID()}, data.KindInvalid, "kind"},
	}
	for _, tc := range tests {
		err := s.atomic(ctx, func(tx *Store) error {
			_, err := tx.exec(ctx, tc.stmt, tc.args...)
			return mapError(tc.name, err)
		})
		e := data.AsError(err)
		if e == nil || e.Kind != tc.kind || e.Field != tc.field {
			t.Errorf("%s: got %#v, want kind %v field %q", tc.name, e, tc.kind, tc.field)
		}
	}
}

// TestSavepointDropsDeferredChecks: references registered in a nested
// Atomic that failed are not checked at the outer commit.
func TestSavepointDropsDeferredChecks(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	err := s.Atomic(ctx, func(tx data.Store) error {
		ghost := county("500241", "秀山", time.Time{}, time.Time{})
		ghost.BeganBy = data.NewID()
		_ = tx.Atomic(ctx, func(inner data.Store) error {
			must(t, inner.CreateAdminUnit(ctx, ghost))
			return data.Errorf(data.KindInvalid, "give up")
		})
		return tx.CreateAdminUnit(ctx, county("500242", "酉阳", time.Time{}, time.Time{}))
	})
	must(t, err)
}

func TestMarkerStatusBecomesLatest(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	seed(t, s)
	ms, err := s.ListMarkers(ctx, data.Query{Limit: 1})
	must(t, err)
	m := ms.Items[0]
	must(t, s.AddMarkerStatus(ctx, &data.MarkerStatusRecord{MarkerID: m.ID, At: data.Date(2024, 5, 1), Status: data.StatusDamaged}))
	must(t, s.AddMarkerStatus(ctx, &data.MarkerStatusRecord{MarkerID: m.ID, At: data.Date(2020, 5, 1), Status: data.StatusMoved}))
	wantKind(t, s.AddMarkerStatus(ctx, &data.MarkerStatusRecord{MarkerID: m.ID, At: data.Date(2020, 5, 1), Status: data.StatusIntact}), data.KindConflict)
	wantKind(t, s.AddMarkerStatus(ctx, &data.MarkerStatusRecord{MarkerID: data.NewID(), At: data.Date(2020, 5, 1), Status: data.StatusIntact}), data.KindInvalid)
	got, err := s.GetMarker(ctx, m.ID)
	must(t, err)
	if got.Status != data.StatusDamaged {
		t.Errorf("status %s, want the 2024 record's damaged", got.Status)
	}
	h, err := s.MarkerStatusHistory(ctx, m.ID)
	must(t, err)
	if len(h) != 2 || h[0].Status != data.StatusMoved {
		t.Errorf("history %+v, want 2 records oldest first", h)
	}
}
