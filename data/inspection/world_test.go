package inspection_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/inspection"
	"github.com/toponym/toponym/data/storetest"
)

// world is a stored scenario with an open round and both parties'
// submissions.
type world struct {
	t       *testing.T
	ctx     context.Context
	store   data.Store
	svc     *inspection.Service
	line    *data.BoundaryLine
	round   *data.InspectionRound
	markers map[string]*data.Marker // by number
	places  map[string]markerPlace  // by number
}

func gpkgStore(t *testing.T) data.Store {
	t.Helper()
	s, err := gpkg.Open(t.Context(), filepath.Join(t.TempDir(), "scenario.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newWorld stores the scenario with faults f in s, opens the 2025 round
// and submits both parties' records.
func newWorld(t *testing.T, s data.Store, f faults) *world {
	t.Helper()
	svc, err := inspection.New(s, nil)
	must(t, err)
	w := &world{t: t, ctx: t.Context(), store: s, svc: svc, markers: map[string]*data.Marker{}, places: map[string]markerPlace{}}
	w.storeLines(f)
	w.storeMarkers(f)
	w.storeTownships(f)
	w.round = &data.InspectionRound{LineID: w.line.ID, Year: 2025, Type: data.RoundRegular, Phase: "field",
		Sections: []data.Section{{Party: partyA, FromSeq: 1, ToSeq: 20}, {Party: partyB, FromSeq: 21, ToSeq: 39}}}
	must(t, svc.CreateRound(w.ctx, w.round))
	w.submit(f)
	return w
}

func (w *world) storeLines(f faults) {
	hn, cq, gz := unit("430000", "湖南省"), unit("500000", "重庆市"), unit("520000", "贵州省")
	for _, u := range []*data.AdminUnit{hn, cq, gz} {
		must(w.t, w.store.CreateAdminUnit(w.ctx, u))
	}
	mk := func(name, code string, a, b *data.AdminUnit, ls orb.LineString) *data.BoundaryLine {
		l := &data.BoundaryLine{Name: name, Level: data.LevelProvince, Code: code, UnitA: a.UnitID, UnitB: b.UnitID,
			CodeA: a.Code, CodeB: b.Code, NumberingDirection: "west_east", LegalStatus: data.LegalAgreed, CycleYears: 5,
			LastInspected: data.Date(time.Now().Year()-3, 6, 1), Geometry: orb.MultiLineString{llLine(ls)},
			Valid: storetest.Since(2000), SideOfA: "left"}
		must(w.t, w.store.CreateBoundaryLine(w.ctx, l))
		return l
	}
	w.line = mk("湘渝线", "4350", hn, cq, lineWith(noShift))
	l2 := mk("湘黔线", "4352", hn, gz, orb.LineString{junction, {junction[0] + 2000, junction[1] - 2500}})
	l3 := mk("渝黔线", "5052", cq, gz, orb.LineString{{junction[0] - 1500, junction[1] - 3000}, junction})
	agreed := junction
	if f.junction {
		agreed = orb.Point{junction[0] + 2, junction[1]}
	}
	tj := &data.TriJunction{Name: "湘渝黔三交点", LineIDs: [3]string{w.line.ID, l2.ID, l3.ID},
		UnitIDs: [3]string{hn.UnitID, cq.UnitID, gz.UnitID}, Agreed: ll(agreed), SigmaM: 0.5}
	must(w.t, w.store.CreateTriJunction(w.ctx, tj))
}

func refs() []data.ReferenceObject {
	return []data.ReferenceObject{{Name: "电杆 pole", AzimuthDeg: 10, DistanceM: 20},
		{Name: "大树 tree", AzimuthDeg: 120, DistanceM: 35}, {Name: "岩石 rock", AzimuthDeg: 250, DistanceM: 12}}
}

func (w *world) storeMarkers(f faults) {
	for _, mp := range f.markers() {
		m := &data.Marker{LineID: w.line.ID, Number: mp.number(), Position: ll(mp.at), SourceCRS: 4490,
			Datum: "CGCS2000", SigmaM: 1, References: refs(), Status: data.StatusIntact, Valid: storetest.Since(2000)}
		must(w.t, w.store.CreateMarker(w.ctx, m))
		w.markers[m.Number], w.places[m.Number] = m, mp
	}
}

func (w *world) storeTownships(f faults) {
	r1, r2 := f.townships()
	for _, u := range []*data.AdminUnit{
		{Code: "500241109", Name: "洪安镇", Level: data.LevelTownship, Type: "镇", Geometry: llPoly(r1), Valid: storetest.Since(2000)},
		{Code: "500241206", Name: "某乡", Level: data.LevelTownship, Type: "乡", Geometry: llPoly(r2), Valid: storetest.Since(2000)},
	} {
		must(w.t, w.store.CreateAdminUnit(w.ctx, u))
	}
}

// partyOf is the party whose section holds seq.
func partyOf(seq int) data.Code {
	if seq <= 20 {
		return partyA
	}
	return partyB
}

// submit records every marker (but 8 with the fault) by the party of its
// section, and each side's surveyed version of the line.
func (w *world) submit(f faults) {
	subs := map[data.Code]*inspection.Submission{partyA: {}, partyB: {}}
	for num, mp := range w.places {
		if mp.seq == 8 && f.unrecorded {
			continue
		}
		obs := ll(f.observed(mp))
		p := partyOf(mp.seq)
		subs[p].MarkerChecks = append(subs[p].MarkerChecks, &data.MarkerCheck{MarkerID: w.markers[num].ID, Observed: &obs,
			Method: "RTK", AccuracyM: 0.05, Device: "Trimble R12i", ObservedAt: stamp(-time.Hour), Surveyor: "测量员",
			Status: data.StatusIntact, References: refs(),
			Photos: []data.Attachment{{Name: num + ".jpg", SHA256: storetest.Digest(num), Size: 1024}}})
	}
	shift := noShift
	if f.shiftedB {
		shift = shiftB
	}
	subs[partyA].LineVersions = []*data.LineVersion{{SourceCRS: 4545, Geometry: orb.MultiLineString{llLine(lineWith(noShift))}}}
	subs[partyB].LineVersions = []*data.LineVersion{{SourceCRS: 4545, Geometry: orb.MultiLineString{llLine(lineWith(shift))}}}
	for _, p := range []data.Code{partyA, partyB} {
		_, err := w.svc.Submit(w.ctx, w.round.ID, p, *subs[p])
		must(w.t, err)
	}
}
