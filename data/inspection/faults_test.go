package inspection_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/inspection"
	"github.com/toponym/toponym/geo"
)

// expect is one finding the scenario must produce: its rule and severity,
// a subject its English message names, and where it is (GK metres) within
// radius metres.
type expect struct {
	rule    string
	sev     data.Severity
	mention string
	at      orb.Point
	radius  float64
	value   float64 // measured value, compared within slack when slack > 0
	slack   float64
}

// whereIs returns the distance (GK metres) from p to the nearest point of a
// finding's location.
func whereIs(f *data.Finding, p orb.Point) float64 {
	best := -1.0
	visit := func(q orb.Point) {
		if d := geo.PlanarDistance(zone.Forward(q), p); best < 0 || d < best {
			best = d
		}
	}
	switch g := f.Location.(type) {
	case orb.Point:
		visit(g)
	case orb.MultiPoint:
		for _, q := range g {
			visit(q)
		}
	case orb.LineString:
		for _, q := range g {
			visit(q)
		}
	default:
		if g != nil {
			visit(g.Bound().Center())
		}
	}
	return best
}

func (e expect) matches(f *data.Finding) bool {
	return f.Rule == e.rule && f.Severity == e.sev && contains(f.MessageEN, e.mention) &&
		(e.radius == 0 || whereIs(f, e.at) <= e.radius) && (e.slack == 0 || math.Abs(f.Measured-e.value) <= e.slack)
}

func contains(s, sub string) bool { return sub == "" || len(s) >= len(sub) && indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// assertExactly requires a one-to-one match of findings and expectations:
// every fault found, and nothing found where there is no fault.
func assertExactly(t *testing.T, got []*data.Finding, want []expect) {
	t.Helper()
	used := make([]bool, len(got))
	for _, e := range want {
		ok := false
		for i, f := range got {
			if !used[i] && e.matches(f) {
				used[i], ok = true, true
				break
			}
		}
		if !ok {
			t.Errorf("missing finding %s %s about %q near %v", e.rule, e.sev, e.mention, e.at)
		}
	}
	for i, f := range got {
		if !used[i] {
			t.Errorf("unexpected finding %s %s measured %g: %s", f.Rule, f.Severity, f.Measured, f.MessageEN)
		}
	}
}

func (w *world) at(number string) orb.Point { return w.places[number].at }

func scenarioStores(t *testing.T) map[string]func(*testing.T) data.Store {
	return map[string]func(*testing.T) data.Store{"gpkg": gpkgStore, "postgis": postgisStore}
}

// TestInjectedFaults: the scenario with every fault injected. Each
// fault is found with its rule at its place; nothing else is found but
// the C11 summary; the line is not matched.
func TestInjectedFaults(t *testing.T) {
	for name, open := range scenarioStores(t) {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, open(t), allFaults)
			res, err := w.svc.Validate(w.ctx, w.round.ID, partyA)
			must(t, err)
			shifted := beside(15250, 12) // the middle of side B's shifted stretch
			// 12 m north is 12/√(1+s²) from a line of slope s, at the
			// stretch's steepest point.
			perp := 12 / math.Hypot(1, 200.0/1500*math.Cos(15100.0/1500))
			want := []expect{
				{"C4", data.SeverityError, "4350010A", w.at("4350010A"), 1, 0, 0},
				{"C5", data.SeverityError, "4350012Q", w.at("4350012Q"), 1, 0, 0},
				{"C8", data.SeverityError, "4350006Q moved 3.00 m", w.at("4350006Q"), 3.1, 3, 0.001},
				{"C10", data.SeverityError, "4350008Q", w.at("4350008Q"), 1, 0, 0},
				{"C11", data.SeverityError, "4350030A/4350030B–4350031Q", shifted, 200, perp, 0.2},
				{"C11", data.SeverityInfo, "not matched", shifted, 200, perp, 0.2},
				{"C12", data.SeverityError, "湘渝黔三交点", junction, 3, 2, 0.001},
				{"C13", data.SeverityError, "洪安镇", overlapAt, 150, 0.2, 0.001},
				{"C14", data.SeverityError, "洪安镇", sliverAt, 150, 0.5, 0.001},
			}
			assertExactly(t, res.Findings, want)
			if res.TechnicalStatus != data.TechNotMatched {
				t.Errorf("technical status %s, want not_matched", res.TechnicalStatus)
			}
			rr, err := w.svc.Records(w.ctx, w.round.ID)
			must(t, err)
			assertExactly(t, rr.Findings, want) // as stored
			line, err := w.store.GetBoundaryLine(w.ctx, w.line.ID)
			must(t, err)
			if line.TechnicalStatus != data.TechNotMatched || line.LegalStatus != data.LegalAgreed {
				t.Errorf("line status %s / %s, want not_matched / agreed (legal status untouched)", line.TechnicalStatus, line.LegalStatus)
			}
		})
	}
}

// TestExactScenario: the same scenario with everything exact gives no
// warning or error, only the C11 summary saying edge-matched, and the line
// becomes edge-matched.
func TestExactScenario(t *testing.T) {
	for name, open := range scenarioStores(t) {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, open(t), faults{})
			res, err := w.svc.Validate(w.ctx, w.round.ID, partyB)
			must(t, err)
			assertExactly(t, res.Findings, []expect{{"C11", data.SeverityInfo, "edge-matched", orb.Point{}, 0, 0, 0}})
			if c := res.Counts(); c[data.SeverityError]+c[data.SeverityWarning] != 0 {
				t.Errorf("counts %v, want no errors or warnings", c)
			}
			line, err := w.store.GetBoundaryLine(w.ctx, w.line.ID)
			must(t, err)
			if res.TechnicalStatus != data.TechEdgeMatched || line.TechnicalStatus != data.TechEdgeMatched {
				t.Errorf("technical status %s, line %s; want edge_matched", res.TechnicalStatus, line.TechnicalStatus)
			}
		})
	}
}

// TestOneFaultAtATime: each fault alone gives only its own rule.
func TestOneFaultAtATime(t *testing.T) {
	for _, c := range []struct {
		f    faults
		rule string
	}{
		{faults{moved: true}, "C8"}, {faults{unrecorded: true}, "C10"}, {faults{outOfOrder: true}, "C5"},
		{faults{swapped: true}, "C4"}, {faults{shiftedB: true}, "C11"}, {faults{slivers: true}, "C13 C14"},
		{faults{junction: true}, "C12"},
	} {
		t.Run(fmt.Sprintf("%+v", c.f), func(t *testing.T) {
			w := newWorld(t, gpkgStore(t), c.f)
			res, err := w.svc.Validate(w.ctx, w.round.ID, partyA)
			must(t, err)
			rules := ""
			for _, f := range res.Findings {
				if f.Severity != data.SeverityInfo {
					if rules != "" {
						rules += " "
					}
					rules += f.Rule
				}
			}
			if rules != c.rule {
				t.Errorf("rules %q, want %q", rules, c.rule)
			}
		})
	}
}

var _ = inspection.SortFindings
