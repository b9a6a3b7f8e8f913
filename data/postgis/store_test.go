package postgis_test

import (
	"context"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
)

// TestContract runs the store contract suite against PostGIS.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) data.Store { return pgtest.Store(t) })
}

// TestNestedAtomicSavepoint: a failed inner Atomic undoes only its own
// writes; the outer transaction goes on and commits.
func TestNestedAtomicSavepoint(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Store(t)
	var outer, inner *data.AdminUnit
	err := s.Atomic(ctx, func(tx data.Store) error {
		outer = storetest.Unit("500241", "秀山县", 108.9, 28.3)
		if err := tx.CreateAdminUnit(ctx, outer); err != nil {
			return err
		}
		innerErr := tx.Atomic(ctx, func(tx2 data.Store) error {
			inner = storetest.Unit("500242", "酉阳县", 108.7, 28.8)
			if err := tx2.CreateAdminUnit(ctx, inner); err != nil {
				return err
			}
			return tx2.CreateAdminUnit(ctx, storetest.Unit("500241", "重复", 108.9, 28.3)) // conflict
		})
		if data.KindOf(innerErr) != data.KindConflict {
			t.Errorf("inner Atomic: %v, want a conflict", innerErr)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetAdminUnit(ctx, outer.ID); err != nil {
		t.Errorf("outer write lost: %v", err)
	}
	if _, err := s.GetAdminUnit(ctx, inner.ID); data.KindOf(err) != data.KindNotFound {
		t.Errorf("inner write of a failed savepoint: %v, want not found", err)
	}
}

// TestDeferredEventReference: inside one transaction a version may name the
// event that begins it before the event is stored; references are checked
// at commit.
func TestDeferredEventReference(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Store(t)
	eventID := data.NewID()
	u := storetest.Unit("500241", "秀山县", 108.9, 28.3)
	u.BeganBy = eventID
	err := s.Atomic(ctx, func(tx data.Store) error {
		if err := tx.CreateAdminUnit(ctx, u); err != nil {
			return err
		}
		return tx.CreateDivisionEvent(ctx, &data.DivisionEvent{ID: eventID, Type: data.EventEstablished,
			Date: data.Date(2000, 1, 1), Successors: []string{u.ID}})
	})
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.UnitEvents(ctx, u.UnitID)
	if err != nil || len(events) != 1 || events[0].ID != eventID {
		t.Errorf("UnitEvents = %v, %v; want the establishing event", events, err)
	}
}

// TestLineCodeCascade: markers follow their line's code; a change that
// breaks their numbers is refused.
func TestLineCodeCascade(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Store(t)
	cq := storetest.Unit("500000", "重庆市", 108, 28)
	gz := storetest.Unit("520000", "贵州省", 108, 27)
	for _, u := range []*data.AdminUnit{cq, gz} {
		if err := s.CreateAdminUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	line := storetest.ProvincialLine(cq, gz)
	if err := s.CreateBoundaryLine(ctx, line); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateMarker(ctx, storetest.Marker(line, "5052001Q", 109.1, 28.4)); err != nil {
		t.Fatal(err)
	}
	line.Code = "5053"
	line.CodeB = "530000"
	err := s.UpdateBoundaryLine(ctx, line)
	if e := data.AsError(err); e == nil || e.Kind != data.KindInvalid || e.Field != "number" {
		t.Errorf("recoding a line under its markers: %v, want invalid number", err)
	}
	// A name change leaves the markers alone.
	line.Code, line.CodeB, line.Name = "5052", gz.Code, "渝黔线（新）"
	if err := s.UpdateBoundaryLine(ctx, line); err != nil {
		t.Fatal(err)
	}
}
