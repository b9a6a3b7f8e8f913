package inspect

import (
	"fmt"
	"math"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// C6MarkerLine checks the distance of each single marker's registered
// position from the agreed line: a warning beyond MarkerLineWarnM, an
// error beyond MarkerLineErrorM; for a line built through its markers
// (Settings.BuiltThroughMarkers) an error beyond MarkerLineBuiltM. Pairs
// and triples stand off the line by design (C7). Markers in a legacy datum
// without a configured transformation are skipped (C8 reports them).
func C6MarkerLine(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c6(), nil
}

func (p *plane) c6() []data.Finding {
	var out []data.Finding
	for _, mi := range p.markers() {
		if !mi.located || mi.num.Type.Group() != 1 {
			continue
		}
		d := mi.loc.Distance
		sev := sevFor(d, p.tol.MarkerLineWarnM, p.tol.MarkerLineErrorM)
		lim := limitFor(sev, p.tol.MarkerLineWarnM, p.tol.MarkerLineErrorM)
		if p.in.Settings.BuiltThroughMarkers {
			sev, lim = sevFor(d, math.Inf(1), p.tol.MarkerLineBuiltM), p.tol.MarkerLineBuiltM
		}
		if sev == "" {
			continue
		}
		out = append(out, p.newFinding(RuleMarkerLine, sev, mi.m.Position, d, lim, msg{
			subj: mi.m.Number,
			zh:   fmt.Sprintf("界桩 %s 距协议线 %s 米，超过限差 %s 米", mi.m.Number, metres(d), metres(lim)),
			en:   fmt.Sprintf("marker %s is %s m from the agreed line, more than the %s m tolerance", mi.m.Number, metres(d), metres(lim)),
			fix:  "核对界桩登记坐标与协议线 / check the registered position against the agreed line"}))
	}
	return out
}

// C7PairStraddle checks that the two markers of a pair stand on opposite
// sides of the agreed line (error) and at distances from it that agree
// within SigmaK·σ, σ = √(σ_A² + σ_B²) of their registered positions
// (warning).
func C7PairStraddle(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c7(), nil
}

func (p *plane) c7() []data.Finding {
	var out []data.Finding
	for _, st := range p.stations() {
		a, b := pairOf(st)
		if a == nil || b == nil || !a.located || !b.located {
			continue
		}
		if a.loc.Side == b.loc.Side || a.loc.Side == geo.SideOn || b.loc.Side == geo.SideOn {
			zhS, enS := sideName(a.loc.Side)
			out = append(out, p.newFinding(RulePairStraddle, data.SeverityError, a.m.Position, 0, 0, msg{
				subj: st.label(),
				zh:   fmt.Sprintf("双立界桩 %s 与 %s 未分立协议线两侧（均在%s）", a.m.Number, b.m.Number, zhS),
				en:   fmt.Sprintf("pair %s and %s does not straddle the agreed line (both %s)", a.m.Number, b.m.Number, enS),
				fix:  "核对双立界桩的登记坐标 / check the pair's registered positions"}))
			continue
		}
		sigma := math.Hypot(p.sigmaReg(a.m), p.sigmaReg(b.m))
		diff, lim := math.Abs(a.loc.Distance-b.loc.Distance), p.tol.SigmaK*sigma
		if diff > lim {
			out = append(out, p.newFinding(RulePairStraddle, data.SeverityWarning, a.m.Position, diff, lim, msg{
				subj: st.label(),
				zh: fmt.Sprintf("双立界桩 %s、%s 距协议线分别为 %s 米和 %s 米，相差 %s 米，超过限差 %s 米",
					a.m.Number, b.m.Number, metres(a.loc.Distance), metres(b.loc.Distance), metres(diff), metres(lim)),
				en: fmt.Sprintf("pair %s, %s stands %s m and %s m from the agreed line: %s m apart, more than the %s m tolerance",
					a.m.Number, b.m.Number, metres(a.loc.Distance), metres(b.loc.Distance), metres(diff), metres(lim)),
				fix: "核对双立界桩坐标或协议线 / check the pair's positions or the agreed line"}))
		}
	}
	return out
}

// pairOf returns a station's A and B markers if it is exactly a pair.
func pairOf(st *station) (a, b *markerInfo) {
	if len(st.members) != 2 {
		return nil, nil
	}
	for _, mi := range st.members {
		switch mi.num.Type {
		case data.MarkerPairA:
			a = mi
		case data.MarkerPairB:
			b = mi
		}
	}
	return a, b
}

// sigmaReg returns a marker's registered σ, or the default.
func (p *plane) sigmaReg(m *data.Marker) float64 {
	if m.SigmaM > 0 {
		return m.SigmaM
	}
	return p.tol.SigmaRegM
}
