package gpkg

import (
	"context"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/storetest"
)

// TestDataVersionSeesOnlyOtherWriters: the Store's own commits leave its
// data version alone; a commit by another Store on the same file (as
// another process would write) changes it; a rolled-back one does not.
func TestDataVersionSeesOnlyOtherWriters(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	version := func() int64 {
		t.Helper()
		v, err := s.DataVersion(ctx)
		must(t, err)
		return v
	}
	v0 := version()
	must(t, s.CreatePlace(ctx, storetest.Place("洪安", "Hong'an", 109.2, 28.46)))
	if v := version(); v != v0 {
		t.Fatalf("own write changed the data version: %d, then %d", v0, v)
	}

	other, err := Open(ctx, s.Path())
	must(t, err)
	defer other.Close()
	v1 := version()
	if v1 != v0 {
		t.Errorf("opening the file from another Store changed the data version: %d, then %d", v0, v1)
	}
	_ = other.Atomic(ctx, func(tx data.Store) error {
		_ = tx.CreatePlace(ctx, storetest.Place("迓驾", "Yajia", 109.3, 28.5))
		return context.Canceled
	})
	if v := version(); v != v1 {
		t.Errorf("another Store's rolled-back write changed the data version: %d, then %d", v1, v)
	}
	must(t, other.CreatePlace(ctx, storetest.Place("边城", "Biancheng", 109.3, 28.5)))
	if v := version(); v == v1 {
		t.Error("another Store's commit left the data version as it was")
	}

	err = s.Atomic(ctx, func(tx data.Store) error {
		_, err := tx.(*Store).DataVersion(ctx)
		return err
	})
	if err == nil {
		t.Error("DataVersion inside a transaction: no error")
	}
}
