package gpkg

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

func openTemp(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "toponym.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func wantKind(tb testing.TB, err error, k data.Kind) {
	tb.Helper()
	if data.KindOf(err) != k || err == nil {
		tb.Fatalf("err = %v (kind %v), want kind %v", err, data.KindOf(err), k)
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

var square = orb.MultiPolygon{{{{109.0, 28.3}, {109.3, 28.3}, {109.3, 28.6}, {109.0, 28.6}, {109.0, 28.3}}}}

func county(code, name string, from, to time.Time) *data.AdminUnit {
	return &data.AdminUnit{Code: data.Code(code), Name: name, Level: data.LevelCounty, Type: "县",
		Geometry: square, Valid: data.Period{From: from, To: to}, Sources: []string{"GB/T 2260"}}
}

func TestAdminUnitRoundTrip(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	u := county("520628", "松桃苗族自治县", data.Date(2011, 10, 22), time.Time{})
	u.Seat = &orb.Point{109.2, 28.15}
	u.Approval = data.Approval{Authority: "国务院", Document: "国函〔2011〕131号", Date: data.Date(2011, 10, 22)}
	must(t, s.CreateAdminUnit(ctx, u))
	if !data.ValidID(u.ID) || !data.ValidID(u.UnitID) || u.Updated.IsZero() {
		t.Fatalf("create did not set ID, UnitID and Updated: %+v", u)
	}
	got, err := s.GetAdminUnit(ctx, u.ID)
	must(t, err)
	if got.Name != u.Name || got.Code != u.Code || !orb.Equal(got.Geometry, u.Geometry) || *got.Seat != *u.Seat ||
		!got.Valid.From.Equal(u.Valid.From) || !got.Valid.To.IsZero() || !got.Updated.Equal(u.Updated) ||
		got.Approval != u.Approval || len(got.Sources) != 1 {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, u)
	}
	_, err = s.GetAdminUnit(ctx, data.NewID())
	wantKind(t, err, data.KindNotFound)
}

func TestAdminUnitOverlaps(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	old := county("522229", "松桃苗族自治县", time.Time{}, data.Date(2011, 10, 22))
	must(t, s.CreateAdminUnit(ctx, old))
	next := county("520628", "松桃苗族自治县", data.Date(2011, 10, 22), time.Time{})
	next.UnitID = old.UnitID
	must(t, s.CreateAdminUnit(ctx, next)) // touching half-open periods do not overlap

	clash := county("520629", "x县", data.Date(2011, 1, 1), time.Time{})
	clash.UnitID = old.UnitID
	wantKind(t, s.CreateAdminUnit(ctx, clash), data.KindConflict)

	sameCode := county("520628", "other", data.Date(2020, 1, 1), time.Time{})
	wantKind(t, s.CreateAdminUnit(ctx, sameCode), data.KindConflict)

	orphan := county("500241", "秀山", time.Time{}, time.Time{})
	orphan.ParentID = data.NewID()
	wantKind(t, s.CreateAdminUnit(ctx, orphan), data.KindInvalid)

	vs, err := s.UnitVersions(ctx, old.UnitID)
	must(t, err)
	if len(vs) != 2 || vs[0].ID != old.ID || vs[1].ID != next.ID {
		t.Errorf("versions %v", vs)
	}
	next.Name = "松桃县"
	must(t, s.UpdateAdminUnit(ctx, next))
	missing := county("500242", "酉阳", time.Time{}, time.Time{})
	missing.ID = data.NewID()
	wantKind(t, s.UpdateAdminUnit(ctx, missing), data.KindNotFound)
}

func TestListFilters(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	a := county("522229", "a", time.Time{}, data.Date(2011, 10, 22))
	b := county("520628", "b", data.Date(2011, 10, 22), time.Time{})
	far := county("500241", "far", time.Time{}, time.Time{})
	far.Geometry = orb.MultiPolygon{{{{120, 30}, {121, 30}, {121, 31}, {120, 30}}}}
	for i, u := range []*data.AdminUnit{a, b, far} { // lists come in ID order
		u.ID = fmt.Sprintf("00000000-0000-7000-8000-%012d", i+1)
		must(t, s.CreateAdminUnit(ctx, u))
	}
	at := func(d time.Time) *time.Time { return &d }
	tests := []struct {
		name string
		q    data.Query
		want []string
	}{
		{"all", data.Query{}, []string{"a", "b", "far"}},
		{"at the change", data.Query{At: at(data.Date(2011, 10, 22))}, []string{"b", "far"}},
		{"day before", data.Query{At: at(data.Date(2011, 10, 21))}, []string{"a", "far"}},
		{"interval", data.Query{Interval: &data.Period{From: data.Date(2000, 1, 1), To: data.Date(2011, 10, 22)}}, []string{"a", "far"}},
		{"bbox", data.Query{BBox: &orb.Bound{Min: orb.Point{109.1, 28.4}, Max: orb.Point{109.2, 28.5}}}, []string{"a", "b"}},
		{"bbox in hole of envelope", data.Query{BBox: &orb.Bound{Min: orb.Point{120.1, 30.7}, Max: orb.Point{120.2, 30.8}}}, []string{}},
		{"code", data.Query{Code: "520628"}, []string{"b"}},
		{"page", data.Query{Limit: 1, Offset: 1}, []string{"b"}},
	}
	for _, tc := range tests {
		p, err := s.ListAdminUnits(ctx, tc.q)
		must(t, err)
		var names []string
		for _, u := range p.Items {
			names = append(names, u.Name)
		}
		if len(names) != len(tc.want) || (len(names) > 0 && names[0] != tc.want[0]) {
			t.Errorf("%s: got %v, want %v", tc.name, names, tc.want)
		}
		if tc.name == "page" && p.Matched != 3 {
			t.Errorf("page: matched %d, want 3", p.Matched)
		}
	}
	_, err := s.ListAdminUnits(ctx, data.Query{BBox: &orb.Bound{Min: orb.Point{2, 2}, Max: orb.Point{1, 1}}})
	wantKind(t, err, data.KindInvalid)
}

func TestAtomic(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	u := county("500241", "秀山", time.Time{}, time.Time{})
	err := s.Atomic(ctx, func(tx data.Store) error {
		must(t, tx.CreateAdminUnit(ctx, u))
		inner := tx.Atomic(ctx, func(tx2 data.Store) error {
			must(t, tx2.CreateAdminUnit(ctx, county("500242", "酉阳", time.Time{}, time.Time{})))
			return data.Errorf(data.KindInvalid, "undo the inner")
		})
		wantKind(t, inner, data.KindInvalid)
		return nil
	})
	must(t, err)
	p, err := s.ListAdminUnits(ctx, data.Query{})
	must(t, err)
	if p.Matched != 1 || p.Items[0].ID != u.ID {
		t.Errorf("after atomic: %d units, want only the outer one", p.Matched)
	}
	err = s.Atomic(ctx, func(tx data.Store) error {
		must(t, tx.CreateAdminUnit(ctx, county("500242", "酉阳", time.Time{}, time.Time{})))
		return data.Errorf(data.KindConflict, "roll back")
	})
	wantKind(t, err, data.KindConflict)
	p, _ = s.ListAdminUnits(ctx, data.Query{})
	if p.Matched != 1 {
		t.Errorf("rolled-back write landed: %d units", p.Matched)
	}
}

func TestEventsDeferredReferences(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	old := county("522229", "松桃", time.Time{}, data.Date(2011, 10, 22))
	next := county("520628", "松桃", data.Date(2011, 10, 22), time.Time{})
	e := &data.DivisionEvent{Type: data.EventCodeChanged, Date: data.Date(2011, 10, 22), Authority: "国务院"}
	err := s.Atomic(ctx, func(tx data.Store) error {
		e.ID = data.NewID()
		old.EndedBy, next.BeganBy = e.ID, e.ID
		must(t, tx.CreateAdminUnit(ctx, old))
		next.UnitID = old.UnitID
		must(t, tx.CreateAdminUnit(ctx, next))
		e.Predecessors, e.Successors = []string{old.ID}, []string{next.ID}
		return tx.CreateDivisionEvent(ctx, e)
	})
	must(t, err)
	evs, err := s.UnitEvents(ctx, old.UnitID)
	must(t, err)
	if len(evs) != 1 || evs[0].ID != e.ID || len(evs[0].Predecessors) != 1 || evs[0].Successors[0] != next.ID {
		t.Errorf("unit events %+v", evs)
	}
	bad := county("500241", "秀山", time.Time{}, time.Time{})
	bad.BeganBy = data.NewID()
	wantKind(t, s.CreateAdminUnit(ctx, bad), data.KindInvalid)
	ghost := &data.DivisionEvent{Type: data.EventRenamed, Date: data.Date(2005, 1, 1), Successors: []string{data.NewID()}}
	wantKind(t, s.CreateDivisionEvent(ctx, ghost), data.KindInvalid)
}
