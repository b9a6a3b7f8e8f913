package fieldkit

import (
	"context"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// ids returns the set of IDs of items.
func ids[T any](items []*T, id func(*T) string) map[string]bool {
	out := map[string]bool{}
	for _, it := range items {
		out[id(it)] = true
	}
	return out
}

// listIDs lists the IDs a store's own bbox query selects: the oracle for
// which records a region takes.
func listIDs[T any](t *testing.T, b orb.Bound, list func(context.Context, data.Query) (data.Page[*T], error), id func(*T) string) map[string]bool {
	t.Helper()
	p, err := list(context.Background(), data.Query{BBox: &b, Limit: data.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return ids(p.Items, id)
}

// checkClosure fails if a record of set references one that set lacks.
func checkClosure(t *testing.T, set *Set) {
	t.Helper()
	has := byKey(set)
	units := ids(set.Units, func(u *data.AdminUnit) string { return u.UnitID })
	need := func(what string, k Kind, id string) {
		if id != "" && has[recordKey{k, id}] == nil {
			t.Errorf("%s references %s %s, which the file lacks", what, k, id)
		}
	}
	needUnit := func(what, id string) {
		if id != "" && !units[id] {
			t.Errorf("%s references unit %s, which the file lacks", what, id)
		}
	}
	for _, u := range set.Units {
		needUnit("unit version "+u.ID, u.ParentID)
		need("unit version "+u.ID, KindDivisionEvent, u.BeganBy)
		need("unit version "+u.ID, KindDivisionEvent, u.EndedBy)
	}
	for _, e := range set.Events {
		for _, v := range append(append([]string(nil), e.Predecessors...), e.Successors...) {
			need("event "+e.ID, KindAdminUnit, v)
		}
	}
	for _, l := range set.Lines {
		needUnit("line "+l.ID, l.UnitA)
		needUnit("line "+l.ID, l.UnitB)
	}
	for _, v := range set.LineVersions {
		need("line version "+v.ID, KindBoundaryLine, v.LineID)
	}
	for _, m := range set.Markers {
		need("marker "+m.ID, KindBoundaryLine, m.LineID)
	}
	for _, r := range set.MarkerStatus {
		need("status "+StatusID(r), KindMarker, r.MarkerID)
	}
	for _, j := range set.TriJunctions {
		for i := range 3 {
			need("tri-junction", KindBoundaryLine, j.LineIDs[i])
			needUnit("tri-junction", j.UnitIDs[i])
		}
		need("tri-junction", KindMarker, j.MarkerID)
	}
	for _, l := range set.Listings {
		need("listing "+l.ID, KindPlace, l.PlaceID)
	}
	for _, s := range set.Signs {
		need("sign "+s.ID, KindPlace, s.PlaceID)
		need("sign "+s.ID, KindListing, s.ListingID)
	}
}

// subset fails unless got ⊆ want.
func subset(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	for id := range got {
		if !want[id] {
			t.Errorf("%s: %s is in the file but neither in the region nor referenced", what, id)
		}
	}
}

func TestExportAdminRegion(t *testing.T) {
	ctx := context.Background()
	src := server(t)
	const code = "500241109" // 秀山 洪安镇, at the tri-junction
	file, _, m := export(t, src, Selection{AdminCode: code})
	now := time.Now()
	cur, err := src.ListAdminUnits(ctx, data.Query{Code: code, At: &now})
	if err != nil || len(cur.Items) != 1 {
		t.Fatalf("current %s: %v %d", code, err, len(cur.Items))
	}
	b := cur.Items[0].Geometry.Bound()
	if m.Region == nil || *m.Region != b {
		t.Fatalf("manifest region %v, want the unit's bounds %v", m.Region, b)
	}
	got, all := readAll(t, file), readAll(t, src)
	t.Logf("region %v: %v of %v", b, got.Count(), all.Count())
	checkClosure(t, got)

	rootUnits := listIDs(t, b, src.ListAdminUnits, func(u *data.AdminUnit) string { return u.UnitID })
	rootLines := listIDs(t, b, src.ListBoundaryLines, func(l *data.BoundaryLine) string { return l.ID })
	rootMarkers := listIDs(t, b, src.ListMarkers, func(m *data.Marker) string { return m.ID })
	rootTris := listIDs(t, b, src.ListTriJunctions, func(j *data.TriJunction) string { return j.ID })
	rootPlaces := listIDs(t, b, src.ListPlaces, func(p *data.NamedPlace) string { return p.ID })
	rootSigns := listIDs(t, b, src.ListSigns, func(s *data.Sign) string { return s.ID })

	fileUnits := ids(got.Units, func(u *data.AdminUnit) string { return u.UnitID })
	subset(t, "units in the region", rootUnits, fileUnits)
	subset(t, "lines in the region", rootLines, ids(got.Lines, func(l *data.BoundaryLine) string { return l.ID }))
	subset(t, "markers in the region", rootMarkers, ids(got.Markers, func(m *data.Marker) string { return m.ID }))
	subset(t, "places in the region", rootPlaces, ids(got.Places, func(p *data.NamedPlace) string { return p.ID }))

	// Nothing else of the leaf layers: what is not in the region is there
	// only because a record in the file references it.
	subset(t, "tri-junctions", ids(got.TriJunctions, func(j *data.TriJunction) string { return j.ID }), rootTris)
	subset(t, "signs", ids(got.Signs, func(s *data.Sign) string { return s.ID }), rootSigns)
	refPlaces := map[string]bool{}
	for id := range rootPlaces {
		refPlaces[id] = true
	}
	for _, s := range got.Signs {
		refPlaces[s.PlaceID] = true
	}
	for _, l := range got.Listings {
		refPlaces[l.PlaceID] = true
	}
	subset(t, "places", ids(got.Places, func(p *data.NamedPlace) string { return p.ID }), refPlaces)
	for _, j := range got.TriJunctions {
		rootMarkers[j.MarkerID] = true
	}
	subset(t, "markers", ids(got.Markers, func(m *data.Marker) string { return m.ID }), rootMarkers)
	for _, k := range []Kind{KindPlace, KindMarker, KindAdminUnit} {
		if got.Count()[k] >= all.Count()[k] {
			t.Errorf("region export has all %d %s records of the sample", all.Count()[k], k)
		}
	}
}

func TestExportLayers(t *testing.T) {
	src := server(t)
	file, _, _ := export(t, src, Selection{Layers: []Layer{LayerSigns}})
	got := readAll(t, file)
	checkClosure(t, got)
	counts := got.Count()
	for k, n := range counts {
		if k != KindSign && k != KindPlace && k != KindListing {
			t.Errorf("signs-only export holds %d %s records", n, k)
		}
	}
	if counts[KindSign] != readAll(t, src).Count()[KindSign] || counts[KindListing] == 0 {
		t.Errorf("signs-only export: %v; want every sign with its places and listing", counts)
	}
}
