package storetest

import (
	"errors"
	"testing"

	"github.com/toponym/toponym/data"
)

var errBoom = errors.New("storetest: boom")

// count returns how many admin units and places the store holds.
func count(t *testing.T, s data.Store) (units, places int) {
	t.Helper()
	u, err := s.ListAdminUnits(t.Context(), data.Query{})
	must(t, err)
	p, err := s.ListPlaces(t.Context(), data.Query{})
	must(t, err)
	return u.Matched, p.Matched
}

func testAtomic(t *testing.T, s data.Store) {
	ctx := t.Context()
	// A failing fn leaves nothing behind, even writes that succeeded.
	var first *data.AdminUnit
	err := s.Atomic(ctx, func(tx data.Store) error {
		first = createUnit(t, tx, Unit("500241", "秀山县", 108.9, 28.3))
		if _, err := tx.GetAdminUnit(ctx, first.ID); err != nil {
			t.Errorf("a transaction does not see its own write: %v", err)
		}
		must(t, tx.CreatePlace(ctx, Place("洪安", "Hong'an", 109.2, 28.46, "500241109")))
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("Atomic returned %v, want fn's error", err)
	}
	if u, p := count(t, s); u != 0 || p != 0 {
		t.Errorf("after a failed Atomic the store holds %d units and %d places, want none", u, p)
	}
	_, err = s.GetAdminUnit(ctx, first.ID)
	wantKind(t, "unit of a failed Atomic", err, data.KindNotFound, "")

	// A store error inside fn rolls back the earlier writes too.
	err = s.Atomic(ctx, func(tx data.Store) error {
		createUnit(t, tx, Unit("500241", "秀山县", 108.9, 28.3))
		createUnit(t, tx, Unit("500242", "酉阳县", 108.7, 28.8))
		return tx.CreateAdminUnit(ctx, Unit("500241", "秀山县（重复）", 108.9, 28.3))
	})
	wantKind(t, "conflict inside Atomic", err, data.KindConflict, "code")
	if u, _ := count(t, s); u != 0 {
		t.Errorf("after a conflict inside Atomic the store holds %d units, want none", u)
	}

	// Nested calls join the outer transaction: the outer failure undoes the inner.
	err = s.Atomic(ctx, func(tx data.Store) error {
		createUnit(t, tx, Unit("500241", "秀山县", 108.9, 28.3))
		if err := tx.Atomic(ctx, func(inner data.Store) error {
			createUnit(t, inner, Unit("500242", "酉阳县", 108.7, 28.8))
			return nil
		}); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("nested Atomic returned %v, want the outer fn's error", err)
	}
	if u, _ := count(t, s); u != 0 {
		t.Errorf("after a failed outer Atomic the store holds %d units, want none", u)
	}

	// Success commits everything.
	err = s.Atomic(ctx, func(tx data.Store) error {
		createUnit(t, tx, Unit("500241", "秀山县", 108.9, 28.3))
		return tx.Atomic(ctx, func(inner data.Store) error {
			return inner.CreatePlace(ctx, Place("洪安", "Hong'an", 109.2, 28.46, "500241109"))
		})
	})
	must(t, err)
	if u, p := count(t, s); u != 1 || p != 1 {
		t.Errorf("after a committed Atomic the store holds %d units and %d places, want 1 and 1", u, p)
	}
}
