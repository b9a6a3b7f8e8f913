package inspect

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

// want describes one expected finding.
type want struct {
	rule     string
	sev      data.Severity
	measured float64 // compared within slack
	slack    float64
	mention  string // must occur in the English message
}

func (w want) matches(f data.Finding) bool {
	return f.Rule == w.rule && f.Severity == w.sev && math.Abs(f.Measured-w.measured) <= w.slack &&
		strings.Contains(f.MessageEN, w.mention)
}

// assertFindings requires a one-to-one match between got and wants.
func assertFindings(t *testing.T, got []data.Finding, wants []want) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range wants {
		found := false
		for i, f := range got {
			if !used[i] && w.matches(f) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing finding %+v", w)
		}
	}
	for i, f := range got {
		if !used[i] {
			t.Errorf("unexpected finding %s %s measured %g: %s", f.Rule, f.Severity, f.Measured, f.MessageEN)
		}
	}
}

func TestRunScenarioInjectedFaults(t *testing.T) {
	in := newScenario(t, allFaults)
	got, err := Run(in, DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	// The 12 m northward shift of side B is perpendicular to a line of
	// slope s: 12/√(1+s²) at the shifted stretch's steepest point.
	shifted := 12 / math.Hypot(1, 200.0/1500*math.Cos(15100.0/1500))
	assertFindings(t, got, []want{
		{RuleMarkerType, data.SeverityError, 25, 0.01, "4350010A"},
		{RuleMarkerOrder, data.SeverityError, arcLength(7750), 0.01, "4350012Q"},
		{RuleDisplacement, data.SeverityError, 3, 0.001, "4350006Q moved 3.00 m, more than the 2.00 m tolerance"},
		{RuleRecorded, data.SeverityError, 0, 0, "4350008Q"},
		{RuleVersions, data.SeverityError, shifted, 0.2, "4350030A/4350030B–4350031Q"},
		{RuleVersions, data.SeverityInfo, shifted, 0.2, "not matched"},
		{RuleTriJunction, data.SeverityError, 0.5, 0.001, "湘渝黔三交点"},
		{RuleOverlap, data.SeverityError, 0.2, 0.001, "洪安镇"},
		{RuleGap, data.SeverityError, 0.5, 0.001, "洪安镇"},
	})
	if s := TechnicalStatus(got); s != data.TechNotMatched {
		t.Errorf("technical status %s, want not_matched", s)
	}
	for _, f := range got {
		if f.RoundID != "r1" || f.MessageZH == "" || f.Remediation == "" {
			t.Errorf("finding %s lacks round, Chinese message or remediation: %+v", f.Rule, f)
		}
	}
}

func TestRunScenarioClean(t *testing.T) {
	got, err := Run(newScenario(t, faults{}), DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	assertFindings(t, got, []want{{RuleVersions, data.SeverityInfo, 0, 1e-6, "edge-matched"}})
	if s := TechnicalStatus(got); s != data.TechEdgeMatched {
		t.Errorf("technical status %s, want edge_matched", s)
	}
}

// Each fault alone gives exactly its own findings.
func TestRunScenarioOneFaultAtATime(t *testing.T) {
	cases := []struct {
		f     faults
		rules []string
	}{
		{faults{moved: true}, []string{RuleDisplacement}},
		{faults{unrecorded: true}, []string{RuleRecorded}},
		{faults{outOfOrder: true}, []string{RuleMarkerOrder}},
		{faults{swappedPair: true}, []string{RuleMarkerType}},
		{faults{shiftedB: true}, []string{RuleVersions, RuleVersions}},
		{faults{slivers: true}, []string{RuleOverlap, RuleGap}},
		{faults{junction: true}, []string{RuleTriJunction}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%+v", c.f), func(t *testing.T) {
			got, err := Run(newScenario(t, c.f), DefaultTolerances())
			if err != nil {
				t.Fatal(err)
			}
			var rules []string
			for _, f := range got {
				if f.Severity != data.SeverityInfo {
					rules = append(rules, f.Rule)
				}
			}
			if c.f.shiftedB {
				rules = append(rules, RuleVersions) // the summary
			}
			if fmt.Sprint(rules) != fmt.Sprint(c.rules) {
				for _, f := range got {
					t.Logf("%s %s %g %s", f.Rule, f.Severity, f.Measured, f.MessageEN)
				}
				t.Errorf("rules %v, want %v", rules, c.rules)
			}
		})
	}
}
