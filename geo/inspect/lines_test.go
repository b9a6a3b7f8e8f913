package inspect

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// roundOfLines is a round of several lines with different faults, some
// long, some short, one without versions.
func roundOfLines(t *testing.T) []Input {
	t.Helper()
	ins := []Input{
		newScenario(t, allFaults),
		bigInput(t, 3001, 150),
		newScenario(t, faults{moved: true, slivers: true}),
		newScenario(t, faults{}),
		bigInput(t, 801, 40),
		newScenario(t, faults{outOfOrder: true, swappedPair: true, shiftedB: true}),
		zigzagInput(t),
	}
	bare := newScenario(t, faults{unrecorded: true, junction: true})
	bare.Versions = nil
	return append(ins, bare)
}

// A round of many lines run concurrently gives each line exactly the
// findings it gets on its own, whatever the number of goroutines.
func TestRunLinesSameAsSerial(t *testing.T) {
	ins := roundOfLines(t)
	tol := DefaultTolerances()
	serial := make([][]data.Finding, len(ins))
	for i, in := range ins {
		fs, err := run(in, tol, 1)
		if err != nil {
			t.Fatal(err)
		}
		serial[i] = fs
		if len(fs) == 0 {
			t.Fatalf("line %d has no findings: the comparison would prove little", i)
		}
	}
	for _, workers := range []int{1, 2, 3, 16} {
		got, err := runLines(ins, tol, workers)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, serial) {
			t.Errorf("%d workers: findings differ from the serial run", workers)
		}
	}
	// Run on one line, its checks concurrent, agrees too.
	for i, in := range ins {
		got, err := run(in, tol, 4)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, serial[i]) {
			t.Errorf("line %d: concurrent checks differ from the serial run", i)
		}
	}
	if got, err := RunLines(ins, tol); err != nil || !reflect.DeepEqual(got, serial) {
		t.Errorf("RunLines differs from the serial run (err %v)", err)
	}
}

func TestRunLinesErrors(t *testing.T) {
	ins := roundOfLines(t)[:3]
	bad := DefaultTolerances()
	bad.VersionWarnM = 20
	if _, err := RunLines(ins, bad); data.KindOf(err) != data.KindInvalid {
		t.Errorf("invalid tolerances: err %v, want invalid", err)
	}
	outside := ins[1]
	// In China, west of zone 25 (73.5°E): no zone.
	outside.Line = &data.BoundaryLine{Name: "far", Geometry: orb.MultiLineString{{{73.1, 39}, {73.3, 39.1}}}}
	outside.Versions, outside.Markers, outside.MarkerChecks = nil, nil, nil
	_, err := RunLines([]Input{ins[0], outside, ins[2]}, DefaultTolerances())
	var e *data.Error
	if !errors.As(err, &e) || e.Kind != data.KindInvalid {
		t.Fatalf("line outside the zones: err %v, want invalid", err)
	}
	if want := "inspect: line 2 (far): "; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
		t.Errorf("error %q does not name line 2", err)
	}
	if got, err := RunLines(nil, DefaultTolerances()); err != nil || len(got) != 0 {
		t.Errorf("no lines: %v, %v", got, err)
	}
}

// zigzagInput is the scenario with an agreed line and side B's version
// that cross themselves over a hundred times, a second agreed part meeting
// the first inside, and a bow-tie township.
func zigzagInput(t *testing.T) Input {
	t.Helper()
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		t.Fatal(err)
	}
	s := sc{tb: t, zone: z}
	var ls orb.LineString
	for x := 0.0; x <= 10000; x += 3 {
		ls = append(ls, orb.Point{e0 + x, n0 + 50*math.Sin(x/20)})
	}
	for x := 10000.0; x >= 0; x -= 4 {
		ls = append(ls, orb.Point{e0 + x, n0 + 50*math.Cos(x/20)})
	}
	part2 := orb.LineString{{e0 + 500, n0 - 100}, {e0 + 520, n0 + 100}, {e0 + 520, n0 + 100}, {e0 + 3000, n0 + 300}}
	in := newScenario(t, allFaults)
	in.Line.Geometry = orb.MultiLineString{s.llLine(ls), s.llLine(part2)}
	in.Versions[1].Geometry = orb.MultiLineString{s.llLine(ls)}
	bow := orb.Ring{{e0, n0 - 9000}, {e0 + 1000, n0 - 8000}, {e0 + 1000, n0 - 9000}, {e0, n0 - 8000}, {e0, n0 - 9000}}
	in.Townships = append(in.Townships, &data.AdminUnit{Code: "500241110", Name: "bow", Type: "镇", Geometry: s.llPoly(bow)})
	return in
}
