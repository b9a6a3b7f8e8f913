package inspect

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// The scenario is built in EPSG:4545 (CM 108°E) metres near the 湘渝黔
// corner and handed to the checks in EPSG:4490, as the store would.
const (
	e0, n0   = 620000.0, 3150000.0 // south-west of the line, ~109.2°E 28.46°N
	lineLen  = 20000.0             // metres, west to east
	stations = 39                  // marker groups every 500 m
)

// faults selects the faults injected into a scenario.
type faults struct {
	moved, unrecorded, outOfOrder, swappedPair, shiftedB, slivers, junction bool
}

var allFaults = faults{true, true, true, true, true, true, true}

// sc builds scenario inputs; zone is the plane they are drawn in.
type sc struct {
	tb   testing.TB
	zone geo.Zone
	f    faults
}

func (s sc) ll(p orb.Point) orb.Point { return s.zone.Inverse(p) }

func (s sc) llLine(ls orb.LineString) orb.LineString {
	return geo.ProjectLineString(ls, s.zone.Inverse)
}

func (s sc) llPoly(rings ...orb.Ring) orb.MultiPolygon {
	pg := make(orb.Polygon, len(rings))
	for i, r := range rings {
		pg[i] = orb.Ring(s.llLine(orb.LineString(r)))
	}
	return orb.MultiPolygon{pg}
}

// agreedY is the agreed line's northing at easting offset t.
func agreedY(t float64) float64 { return n0 + 200*math.Sin(t/1500) }

// agreedLine returns the line every 10 m, shifted north by shift(t).
func agreedLine(shift func(t float64) float64) orb.LineString {
	var ls orb.LineString
	for t := 0.0; t <= lineLen; t += 10 {
		ls = append(ls, orb.Point{e0 + t, agreedY(t) + shift(t)})
	}
	return ls
}

// beside returns the point at easting offset t, d metres left (north) of
// the line, perpendicular to it.
func beside(t, d float64) orb.Point {
	slope := 200.0 / 1500 * math.Cos(t/1500)
	l := math.Hypot(1, slope)
	return orb.Point{e0 + t - d*slope/l, agreedY(t) + d/l}
}

// shiftB is side B's deviation: 12 m north between markers 30 and 31.
func shiftB(t float64) float64 {
	switch {
	case t < 15050 || t > 15450:
		return 0
	case t < 15100:
		return 12 * (t - 15050) / 50
	case t > 15400:
		return 12 * (15450 - t) / 50
	}
	return 12
}

func (s sc) input() Input {
	zero := func(float64) float64 { return 0 }
	in := Input{
		Line: &data.BoundaryLine{ID: "l1", Name: "湘渝线", Level: data.LevelProvince, Code: "4350",
			CodeA: "430000", CodeB: "500000", NumberingDirection: "west_east", LegalStatus: data.LegalAgreed,
			CycleYears: 5, LastInspected: data.Date(2020, 6, 1),
			Geometry: orb.MultiLineString{s.llLine(agreedLine(zero))}},
		Round: &data.InspectionRound{ID: "r1", LineID: "l1", Year: 2025, Type: data.RoundRegular,
			Parties: []data.Code{"430000", "500000"}, Created: data.Date(2025, 3, 1)},
		Now: data.Date(2025, 4, 1),
	}
	shift := zero
	if s.f.shiftedB {
		shift = shiftB
	}
	in.Versions = []*data.LineVersion{
		{ID: "va", LineID: "l1", Source: data.SourceSideA, Party: "430000", SourceCRS: 4545,
			Geometry: orb.MultiLineString{s.llLine(agreedLine(zero))}},
		{ID: "vb", LineID: "l1", Source: data.SourceSideB, Party: "500000", SourceCRS: 4545,
			Geometry: orb.MultiLineString{s.llLine(agreedLine(shift))}},
	}
	s.addMarkers(&in)
	s.addSideA(&in)
	s.addTownships(&in)
	s.addJunction(&in)
	return in
}

// addMarkers places single markers 0.3 m off the line, pairs at ±25 m
// (A north, on unit A's side) every 5th group and a triple at group 20,
// each with a record in the round.
func (s sc) addMarkers(in *Input) {
	for seq := 1; seq <= stations; seq++ {
		t := 500 * float64(seq)
		if seq == 12 && s.f.outOfOrder {
			t = 500*15 + 250
		}
		type place struct {
			letter byte
			d      float64
		}
		group := []place{{'Q', 0.3 * float64(seq%3-1)}}
		switch {
		case seq == 20:
			group = []place{{'C', 0}, {'D', 8}, {'E', -8}}
		case seq%5 == 0 && seq == 10 && s.f.swappedPair:
			group = []place{{'A', -25}, {'B', 25}}
		case seq%5 == 0:
			group = []place{{'A', 25}, {'B', -25}}
		}
		for _, g := range group {
			s.addMarker(in, seq, g.letter, beside(t, g.d))
		}
	}
}

func (s sc) addMarker(in *Input, seq int, letter byte, at orb.Point) {
	num := fmt.Sprintf("4350%03d%c", seq, letter)
	m := &data.Marker{ID: "m" + num, LineID: "l1", Number: num, Position: s.ll(at), SourceCRS: 4490,
		Datum: "CGCS2000", References: refs()}
	in.Markers = append(in.Markers, m)
	if seq == 8 && s.f.unrecorded {
		return
	}
	obs := orb.Point{at[0] + 0.02, at[1] - 0.03}
	if seq == 6 && s.f.moved {
		obs = orb.Point{at[0] + 3, at[1]}
	}
	o := s.ll(obs)
	in.MarkerChecks = append(in.MarkerChecks, &data.MarkerCheck{ID: "c" + num, RoundID: "r1", MarkerID: m.ID,
		Party: "430000", Observed: &o, Method: "RTK", AccuracyM: 0.05, Status: data.StatusIntact})
}

// addSideA gives unit A as the land north of the line.
func (s sc) addSideA(in *Input) {
	ring := orb.Ring(agreedLine(func(float64) float64 { return 0 }))
	ring = append(ring, orb.Point{e0 + lineLen, n0 + 3000}, orb.Point{e0, n0 + 3000}, ring[0])
	in.SideA = &data.AdminUnit{ID: "hunan", Code: "430000", Name: "湖南省", Level: data.LevelProvince,
		Geometry: s.llPoly(ring)}
}

// addTownships draws two townships of one county south of the line, their
// common boundary at x = X; with faults, township 1 leaves a 0.5 m sliver
// and reaches 0.2 m into township 2.
func (s sc) addTownships(in *Input) {
	x0, x, x1 := e0, e0+2000, e0+4000
	y0, y1 := n0-6000, n0-2000
	east := []orb.Point{{x, y0}, {x, y1}}
	if s.f.slivers {
		east = []orb.Point{{x, y0}, {x, y0 + 1000}, {x - 0.5, y0 + 1000}, {x - 0.5, y0 + 1200}, {x, y0 + 1200},
			{x, y0 + 2500}, {x + 0.2, y0 + 2500}, {x + 0.2, y0 + 2700}, {x, y0 + 2700}, {x, y1}}
	}
	t1 := orb.Ring{{x0, y0}}
	t1 = append(append(t1, east...), orb.Point{x0, y1}, orb.Point{x0, y0})
	t2 := orb.Ring{{x, y0}, {x1, y0}, {x1, y1}, {x, y1}, {x, y0}}
	county := orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	in.County = &data.AdminUnit{ID: "v-500241", UnitID: "u-500241", Code: "500241", Name: "秀山县",
		Level: data.LevelCounty, Type: "自治县", Geometry: s.llPoly(county)}
	in.Townships = []*data.AdminUnit{
		{ID: "v1", UnitID: "u1", Code: "500241109", Name: "洪安镇", Level: data.LevelTownship, Type: "镇",
			ParentID: "u-500241", Geometry: s.llPoly(t1)},
		{ID: "v2", UnitID: "u2", Code: "500241206", Name: "某乡", Level: data.LevelTownship, Type: "乡",
			ParentID: "u-500241", Geometry: s.llPoly(t2)},
	}
	in.Places = []*data.NamedPlace{{ID: "p1", Kind: data.KindPlaceName, LegalClass: 3,
		Geometry: s.ll(orb.Point{x0 + 700, y0 + 2000}), AdminCodes: []data.Code{"500241", "500241109"},
		Names: []data.Name{{Status: data.NameStandard, Text: "洪茶村"}}}}
}

// addJunction adds a tri-junction whose third line ends 0.5 m off the node.
func (s sc) addJunction(in *Input) {
	j := orb.Point{e0 + 10000, n0 - 3000}
	end3 := j
	if s.f.junction {
		end3 = orb.Point{j[0] + 0.5, j[1]}
	}
	line := func(from, to orb.Point) orb.MultiLineString {
		return orb.MultiLineString{s.llLine(orb.LineString{from, to})}
	}
	in.TriJunctions = []TriJunctionInput{{
		Junction: &data.TriJunction{ID: "tj", Name: "湘渝黔三交点", LineIDs: [3]string{"l1", "l2", "l3"}, Agreed: s.ll(j)},
		Lines: [3]orb.MultiLineString{line(orb.Point{j[0] - 3000, j[1]}, j),
			line(j, orb.Point{j[0] + 2000, j[1] + 2500}), line(orb.Point{j[0] + 1000, j[1] - 3000}, end3)},
	}}
}

func newScenario(tb testing.TB, f faults) Input {
	tb.Helper()
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		tb.Fatal(err)
	}
	return sc{tb: tb, zone: z, f: f}.input()
}

// arcLength returns the agreed line's length from its start to easting
// offset t (a multiple of 10 m).
func arcLength(t float64) float64 {
	ls := agreedLine(func(float64) float64 { return 0 })
	return geo.PlanarLength(ls[:int(t/10)+1])
}

func refs() []data.ReferenceObject {
	return []data.ReferenceObject{{Name: "a", AzimuthDeg: 10, DistanceM: 20},
		{Name: "b", AzimuthDeg: 120, DistanceM: 35}, {Name: "c", AzimuthDeg: 250, DistanceM: 12}}
}
