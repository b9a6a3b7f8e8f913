package sample

import (
	"context"
	"errors"
	"testing"

	"github.com/toponym/toponym/data"
)

// recorder is a data.Store that keeps admin units and counts every write;
// methods the sample never calls are left to the nil embedded interface.
type recorder struct {
	data.Store
	units  map[string]*data.AdminUnit
	writes int
	getErr error
}

func (r *recorder) Atomic(ctx context.Context, fn func(data.Store) error) error { return fn(r) }

func (r *recorder) GetAdminUnit(_ context.Context, id string) (*data.AdminUnit, error) {
	if r.getErr != nil {
		return nil, r.getErr
	}
	if u, ok := r.units[id]; ok {
		return u, nil
	}
	return nil, data.NotFound("admin unit", id)
}

func (r *recorder) CreateAdminUnit(_ context.Context, u *data.AdminUnit) error {
	r.units[u.ID] = u
	r.writes++
	return nil
}

func (r *recorder) count(context.Context) error { r.writes++; return nil }

func (r *recorder) CreateDivisionEvent(ctx context.Context, _ *data.DivisionEvent) error {
	return r.count(ctx)
}
func (r *recorder) CreateBoundaryLine(ctx context.Context, _ *data.BoundaryLine) error {
	return r.count(ctx)
}
func (r *recorder) CreateLineVersion(ctx context.Context, _ *data.LineVersion) error {
	return r.count(ctx)
}
func (r *recorder) CreateMarker(ctx context.Context, _ *data.Marker) error { return r.count(ctx) }
func (r *recorder) AddMarkerStatus(ctx context.Context, _ *data.MarkerStatusRecord) error {
	return r.count(ctx)
}
func (r *recorder) CreateTriJunction(ctx context.Context, _ *data.TriJunction) error {
	return r.count(ctx)
}
func (r *recorder) CreatePlace(ctx context.Context, _ *data.NamedPlace) error { return r.count(ctx) }
func (r *recorder) CreateProtectionListing(ctx context.Context, _ *data.ProtectionListing) error {
	return r.count(ctx)
}
func (r *recorder) CreateSign(ctx context.Context, _ *data.Sign) error { return r.count(ctx) }

// TestLoadTwiceWritesOnce checks idempotency without a database.
func TestLoadTwiceWritesOnce(t *testing.T) {
	ctx := context.Background()
	r := &recorder{units: map[string]*data.AdminUnit{}}
	if err := Load(ctx, r); err != nil {
		t.Fatal(err)
	}
	set := Dataset()
	want := len(set.Units) + len(set.Events) + len(set.Lines) + len(set.LineVersions) + len(set.Markers) +
		len(set.MarkerStatus) + len(set.TriJunctions) + len(set.Places) + len(set.Listings) + len(set.Signs)
	if r.writes != want {
		t.Errorf("first load made %d writes, want %d", r.writes, want)
	}
	if err := Load(ctx, r); err != nil {
		t.Fatal(err)
	}
	if r.writes != want {
		t.Errorf("second load wrote %d more records", r.writes-want)
	}
}

// TestLoadStoreDown checks that a failing store is reported, not taken
// for an empty one.
func TestLoadStoreDown(t *testing.T) {
	down := data.Errorf(data.KindUnavailable, "database is down")
	r := &recorder{units: map[string]*data.AdminUnit{}, getErr: down}
	err := Load(context.Background(), r)
	if !errors.Is(err, down) || r.writes != 0 {
		t.Errorf("Load on a down store = %v after %d writes; want the store's error and no writes", err, r.writes)
	}
}
