package gpkg

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// villageUnit returns the i-th of many village units under one township.
func villageUnit(i int) *data.AdminUnit {
	x, y := 109+float64(i%100)*0.001, 28+float64(i/100)*0.001
	return &data.AdminUnit{Code: data.Code(fmt.Sprintf("500241109%03d", 1+i%399)), Name: fmt.Sprintf("村%d", i),
		Level: data.LevelVillage, Type: "村", Valid: data.Period{From: data.Date(2000+i/399, 1, 1), To: data.Date(2000+i/399, 12, 31)},
		Geometry: orb.MultiPolygon{{{{x, y}, {x + 0.001, y}, {x + 0.001, y + 0.001}, {x, y}}}}}
}

// TestLongImportWithReaders runs one long import in a single Atomic while
// readers list and get: no reader fails (no "database is locked"), and every
// reader sees either none of the import or all of it.
func TestLongImportWithReaders(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	first := villageUnit(0)
	must(t, s.CreateAdminUnit(ctx, first))
	const n = 800
	// The box holds the villages whose x offset is at most 0.05°: i%100 ≤ 50
	// (the one at 0.05 touches the box's edge).
	inBox := 0
	for i := 0; i <= n; i++ {
		if i%100 <= 50 {
			inBox++
		}
	}
	var done atomic.Bool
	var reads atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				p, err := s.ListAdminUnits(ctx, data.Query{Limit: 10,
					BBox: &orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{109.05, 28.05}}})
				if err == nil && p.Matched != 1 && p.Matched != inBox {
					err = fmt.Errorf("reader saw %d units in the box: a half-done import", p.Matched)
				}
				if err == nil {
					_, err = s.GetAdminUnit(ctx, first.ID)
				}
				if err != nil {
					errs <- err
					return
				}
				reads.Add(1)
			}
		}()
	}
	err := s.Atomic(ctx, func(tx data.Store) error {
		for i := 1; i <= n; i++ {
			if err := tx.CreateAdminUnit(ctx, villageUnit(i)); err != nil {
				return err
			}
			if i == n/2 {
				time.Sleep(10 * time.Millisecond) // let readers run mid-import
			}
		}
		return nil
	})
	done.Store(true)
	wg.Wait()
	close(errs)
	must(t, err)
	for err := range errs {
		t.Errorf("reader: %v", err)
	}
	if reads.Load() == 0 {
		t.Error("no read completed during the import")
	}
	p, err := s.ListAdminUnits(ctx, data.Query{Limit: 1})
	must(t, err)
	if p.Matched != n+1 {
		t.Errorf("after import: %d units, want %d", p.Matched, n+1)
	}
	p, err = s.ListAdminUnits(ctx, data.Query{BBox: &orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{109.05, 28.05}}})
	must(t, err)
	if p.Matched != inBox {
		t.Errorf("after import: %d units in the box, want %d", p.Matched, inBox)
	}
}

// TestConcurrentWriters checks that writes from many goroutines queue for
// the one writer instead of failing.
func TestConcurrentWriters(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if err := s.CreateAdminUnit(ctx, villageUnit(g*20+i)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	p, err := s.ListAdminUnits(ctx, data.Query{})
	must(t, err)
	if p.Matched != 160 {
		t.Errorf("%d units, want 160", p.Matched)
	}
}
