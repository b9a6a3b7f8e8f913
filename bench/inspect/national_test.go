package inspectbench

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/inspect"
)

// The national round, run with its lines spread over the cores
// (inspect.RunLines), gives every line exactly the findings that running
// the lines one after another gives.
func TestNationalParallelSameAsSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("national round: 2 million vertices")
	}
	ins, err := Generate(national)
	if err != nil {
		t.Fatal(err)
	}
	injectFaults(t, ins)
	tol := inspect.DefaultTolerances()
	got, err := inspect.RunLines(ins, tol)
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range ins {
		want, err := inspect.Run(in, tol)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("line %d: RunLines gives %d findings, Run %d; they differ", i, len(got[i]), len(want))
		}
		if rule := faultRule[i%len(faultRule)]; !hasFault(want, rule) {
			t.Errorf("line %d: the injected %s fault was not found", i, rule)
		}
	}
}

// faultRule is the rule that finds the fault injectFaults puts into line i
// (by i mod 4).
var faultRule = [...]string{inspect.RuleDisplacement, inspect.RuleRecorded, inspect.RuleVersions, inspect.RuleValidity}

func hasFault(fs []data.Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule && f.Severity == data.SeverityError {
			return true
		}
	}
	return false
}

// injectFaults puts a different fault into each line: a moved marker (C8),
// a marker without a record (C10), side B's version shifted 12 m over
// 400 m (C11), or side A's version crossing itself (C1).
func injectFaults(tb testing.TB, ins []inspect.Input) {
	tb.Helper()
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		tb.Fatal(err)
	}
	move := func(p orb.Point, de, dn float64) orb.Point {
		q := z.Forward(p)
		return z.Inverse(orb.Point{q[0] + de, q[1] + dn})
	}
	for i := range ins {
		in := &ins[i]
		k := 10 + 7*i%(len(in.Markers)-20)
		switch i % 4 {
		case 0:
			obs := move(*in.MarkerChecks[k].Observed, 3, 0)
			in.MarkerChecks[k].Observed = &obs
		case 1:
			in.MarkerChecks = append(in.MarkerChecks[:k:k], in.MarkerChecks[k+1:]...)
		case 2:
			ls := cloneLine(in, 1)
			for v := 1000 + i; v < 1040+i; v++ {
				ls[v] = move(ls[v], 0, 12)
			}
		case 3:
			ls := cloneLine(in, 0)
			v := 2000 + i // back 25 m, then across the line there: a crossing
			ls[v], ls[v+1] = move(ls[v], -25, 3), move(ls[v], -25, -3)
		}
	}
}

// cloneLine gives version v of in its own copy of its line and returns it.
func cloneLine(in *inspect.Input, v int) orb.LineString {
	old := in.Versions[v]
	cp := *old
	cp.Geometry = orb.MultiLineString{append(orb.LineString(nil), old.Geometry[0]...)}
	in.Versions[v] = &cp
	return cp.Geometry[0]
}
