package inspect

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// C17Divergence reports, for each river or road the line follows
// (Input.References), the Hausdorff distance between it and the stretch
// of the agreed line it runs along (between the points of the line
// nearest its two ends). The finding is always info: the line stays where
// the agreement put it and is never moved to the river or road. Beyond
// DivergenceM the message says the feature has moved away.
func C17Divergence(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c17(), nil
}

func (p *plane) c17() []data.Finding {
	if p.agreed == nil {
		return nil
	}
	var out []data.Finding
	for _, ref := range p.in.References {
		x := newLineIndex(ref.Geometry, p.fwd)
		if x.empty() {
			continue
		}
		lo, hi := p.span(x)
		h := p.hausdorff(nonEmpty(x.parts), p.agreed.substring(lo, hi))
		zh, en := "基本一致", "follows the line"
		if h.Distance > p.tol.DivergenceM {
			zh, en = "已偏离界线，界线保持不变", "has moved away from the line; the line stays where the agreement put it"
		}
		out = append(out, p.atPlane(RuleDivergence, data.SeverityInfo, h.At, h.Distance, p.tol.DivergenceM, msg{
			subj: ref.Name,
			zh:   fmt.Sprintf("%s（%s）与协议线最大相距 %s 米：%s", ref.Name, ref.Kind, metres(h.Distance), zh),
			en:   fmt.Sprintf("%s (%s) is at most %s m from the agreed line: it %s", ref.Name, ref.Kind, metres(h.Distance), en),
			fix:  "仅作报告，不得移动界线；必要时由双方协商 / report only: never move the line; the parties may negotiate a change"}))
	}
	return out
}

// span returns the measures on the agreed line of the ends of x.
func (p *plane) span(x *lineIndex) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, part := range x.parts {
		if part == nil {
			continue
		}
		for _, e := range [2]orb.Point{part[0], part[len(part)-1]} {
			if loc, ok := p.agreed.locate(e); ok {
				lo, hi = math.Min(lo, loc.Measure), math.Max(hi, loc.Measure)
			}
		}
	}
	return lo, hi
}

func nonEmpty(parts []orb.LineString) []orb.LineString {
	var out []orb.LineString
	for _, ls := range parts {
		if ls != nil {
			out = append(out, ls)
		}
	}
	return out
}
