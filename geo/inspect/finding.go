package inspect

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// Rule identifiers of §6, as stored in data.Finding.Rule.
const (
	RuleValidity      = "C1"
	RuleCRS           = "C2"
	RuleMarkerNumber  = "C3"
	RuleMarkerType    = "C4"
	RuleMarkerOrder   = "C5"
	RuleMarkerLine    = "C6"
	RulePairStraddle  = "C7"
	RuleDisplacement  = "C8"
	RuleReferences    = "C9"
	RuleRecorded      = "C10"
	RuleVersions      = "C11"
	RuleTriJunction   = "C12"
	RuleOverlap       = "C13"
	RuleGap           = "C14"
	RuleCoverage      = "C15"
	RuleCodes         = "C16"
	RuleDivergence    = "C17"
	RuleSchedule      = "C18"
	RulePlaceTownship = "C19"
	RuleGazetteer     = "C20"
)

// msg is the text of a finding: what it is about (data.Finding.Subject:
// a marker number, a segment "from–to", a unit, a place; empty for the
// line as a whole), Chinese, English and a remediation hint (Chinese /
// English).
type msg struct {
	subj, zh, en, fix string
}

// newFinding builds a finding; loc is in EPSG:4490.
func (p *plane) newFinding(rule string, sev data.Severity, loc orb.Geometry, measured, tol float64, m msg) data.Finding {
	f := data.Finding{Rule: rule, Severity: sev, Subject: m.subj, Location: loc, Measured: clean(measured),
		Tolerance: clean(tol), MessageZH: m.zh, MessageEN: m.en, Remediation: m.fix}
	if p.in.Round != nil {
		f.RoundID = p.in.Round.ID
	}
	return f
}

// atPlane builds a finding whose location g is in the projected plane.
func (p *plane) atPlane(rule string, sev data.Severity, g orb.Geometry, measured, tol float64, m msg) data.Finding {
	return p.newFinding(rule, sev, p.lonLat(g), measured, tol, m)
}

// unitLabel names an administrative unit in subjects and messages: its
// name and code.
func unitLabel(u *data.AdminUnit) string {
	return u.Name + "（" + string(u.Code) + "）"
}

// pairLabel is the subject of a finding about two things.
func pairLabel(a, b string) string { return a + " / " + b }

// markerNumbers returns the number of every marker of the input by ID.
func (p *plane) markerNumbers() map[string]string {
	out := make(map[string]string, len(p.in.Markers))
	for _, m := range p.in.Markers {
		out[m.ID] = m.Number
	}
	return out
}

// segmentSubject names a segment record by its end markers' numbers
// ("from–to"), or by its ID if they are not markers of the line.
func segmentSubject(s *data.SegmentCheck, numbers map[string]string) string {
	from, to := numbers[s.FromMarker], numbers[s.ToMarker]
	if from == "" || to == "" {
		return s.ID
	}
	return from + "–" + to
}

// clean replaces values JSON cannot carry (NaN, ±Inf) by 0.
func clean(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// metres formats a length for messages: two decimals, three below 0.1 m.
func metres(v float64) string {
	if math.Abs(v) < 0.1 && v != 0 {
		return fmt.Sprintf("%.3f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// sevFor returns error above errLim, warning above warnLim, "" otherwise.
func sevFor(v, warnLim, errLim float64) data.Severity {
	switch {
	case v > errLim:
		return data.SeverityError
	case v > warnLim:
		return data.SeverityWarning
	}
	return ""
}

// limitFor returns the limit that severity s exceeded.
func limitFor(s data.Severity, warnLim, errLim float64) float64 {
	if s == data.SeverityError {
		return errLim
	}
	return warnLim
}
