// Package inspectbench generates synthetic joint-inspection rounds and
// times geo/inspect on them against the same checks written as PostGIS
// SQL. Run it with
//
//	TOPONYM_BENCH=1 go test ./bench/inspect -run TestReport -v -timeout 30m
//
// (PostGIS from $TOPONYM_TEST_DATABASE_URL, or a throwaway cluster).
//
// Lines are drawn in EPSG:4545 (CGCS2000 GK zone 36, CM 108°E), 10 m
// between vertices, stacked 15 km apart northwards, and handed over in
// EPSG:4490 as the store would. Each line has an agreed geometry and two
// side versions with sub-metre wiggles, marker groups evenly along it
// (every fifth a pair 20 m either side, the others single markers 0.5 m
// off), each marker recorded in the round 2 cm from its registered
// position. There are no faults: every check runs its full course.
package inspectbench

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/inspect"
)

// Size is the size of one synthetic round.
type Size struct {
	Lines    int // boundary lines
	Markers  int // markers per line
	Vertices int // vertices per version (and per agreed line)
}

// VersionVertices returns the vertices of all side versions (two per line).
func (s Size) VersionVertices() int { return 2 * s.Lines * s.Vertices }

const (
	e0, n0  = 430000.0, 3150000.0
	spacing = 15000.0 // metres between lines
	step    = 10.0    // metres between vertices
)

// Generate returns one inspect.Input per line.
func Generate(size Size) ([]inspect.Input, error) {
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		return nil, err
	}
	out := make([]inspect.Input, size.Lines)
	for i := range out {
		out[i] = line(z, i, size)
	}
	return out, nil
}

func line(z geo.Zone, i int, size Size) inspect.Input {
	y0 := n0 + float64(i)*spacing
	y := func(t float64) float64 { return y0 + 200*math.Sin(t/1500) }
	mk := func(shift func(float64) float64) orb.MultiLineString {
		ls := make(orb.LineString, size.Vertices)
		for k := range ls {
			t := step * float64(k)
			ls[k] = z.Inverse(orb.Point{e0 + t, y(t) + shift(t)})
		}
		return orb.MultiLineString{ls}
	}
	id := fmt.Sprintf("%08d-0000-4000-8000-000000000000", i)
	in := inspect.Input{
		Line: &data.BoundaryLine{ID: id, Name: fmt.Sprint("line ", i), Level: data.LevelProvince, Code: "4350",
			CodeA: "430000", CodeB: "500000", Geometry: mk(func(float64) float64 { return 0 })},
		Round:    &data.InspectionRound{ID: "r" + id, LineID: id, Created: data.Date(2025, 3, 1)},
		Settings: inspect.Settings{SideOfA: geo.SideLeft},
		Now:      data.Date(2025, 4, 1),
	}
	in.Versions = []*data.LineVersion{
		{ID: "a" + id, LineID: id, Source: data.SourceSideA, Party: "430000", SourceCRS: 4490,
			Geometry: mk(func(t float64) float64 { return 0.3 * math.Sin(t/70) })},
		{ID: "b" + id, LineID: id, Source: data.SourceSideB, Party: "500000", SourceCRS: 4490,
			Geometry: mk(func(t float64) float64 { return -0.2 * math.Cos(t/90) })},
	}
	addMarkers(&in, z, y, size)
	return in
}

// addMarkers places the marker groups and records each marker.
func addMarkers(in *inspect.Input, z geo.Zone, y func(float64) float64, size Size) {
	length := step * float64(size.Vertices-1)
	groups := size.Markers * 5 / 6 // every fifth group is a pair
	beside := func(t, d float64) orb.Point {
		slope := 200.0 / 1500 * math.Cos(t/1500)
		l := math.Hypot(1, slope)
		return orb.Point{e0 + t - d*slope/l, y(t) + d/l}
	}
	for seq := 1; len(in.Markers) < size.Markers; seq++ {
		t := length * float64(seq) / float64(groups+2)
		if seq%5 == 0 && len(in.Markers)+2 <= size.Markers {
			addMarker(in, z, seq, 'A', beside(t, 20))
			addMarker(in, z, seq, 'B', beside(t, -20))
		} else {
			addMarker(in, z, seq, 'Q', beside(t, 0.5))
		}
	}
}

func addMarker(in *inspect.Input, z geo.Zone, seq int, letter byte, at orb.Point) {
	num := fmt.Sprintf("4350%03d%c", seq%1000, letter)
	id := fmt.Sprintf("%s-m%05d%c", in.Line.ID, seq, letter)
	m := &data.Marker{ID: id, LineID: in.Line.ID, Number: num, Position: z.Inverse(at), SourceCRS: 4490,
		Datum: "CGCS2000", SigmaM: 1, References: []data.ReferenceObject{{Name: "a", AzimuthDeg: 10, DistanceM: 20},
			{Name: "b", AzimuthDeg: 120, DistanceM: 35}, {Name: "c", AzimuthDeg: 250, DistanceM: 12}}}
	in.Markers = append(in.Markers, m)
	obs := z.Inverse(orb.Point{at[0] + 0.02, at[1] - 0.02})
	in.MarkerChecks = append(in.MarkerChecks, &data.MarkerCheck{ID: "c" + id, RoundID: in.Round.ID, MarkerID: id,
		Party: "430000", Observed: &obs, Method: "RTK", AccuracyM: 0.05, Status: data.StatusIntact})
}
