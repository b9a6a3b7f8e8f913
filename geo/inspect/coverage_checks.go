package inspect

import (
	"fmt"
	"sort"

	"github.com/toponym/toponym/data"
)

// C13Overlap reports townships that overlap by more than OverlapM (error),
// one finding per pair with the widest overlap found. See coverage for
// the method.
func C13Overlap(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c13(), nil
}

func (p *plane) c13() []data.Finding {
	var out []data.Finding
	for _, k := range sortedPairs(p.coverage().overlaps) {
		s := p.coverage().overlaps[k]
		a, b := p.townshipLabel(k[0]), p.townshipLabel(k[1])
		out = append(out, p.atPlane(RuleOverlap, data.SeverityError, s.pts, s.max, p.tol.OverlapM, msg{
			subj: pairLabel(a, b),
			zh:   fmt.Sprintf("乡镇 %s 与 %s 重叠，最宽 %s 米，超过限差 %s 米", a, b, metres(s.max), metres(p.tol.OverlapM)),
			en:   fmt.Sprintf("townships %s and %s overlap by up to %s m, more than the %s m tolerance", a, b, metres(s.max), metres(p.tol.OverlapM)),
			fix:  "双方按协议线修正共同边界 / both sides correct their common boundary to the agreed line"}))
	}
	return out
}

// C14Gap reports gaps and slivers narrower than SliverM between
// neighbouring townships (error), one finding per pair with the widest
// gap found under SliverM.
func C14Gap(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c14(), nil
}

func (p *plane) c14() []data.Finding {
	var out []data.Finding
	for _, k := range sortedPairs(p.coverage().slivers) {
		s := p.coverage().slivers[k]
		a, b := p.townshipLabel(k[0]), p.townshipLabel(k[1])
		out = append(out, p.atPlane(RuleGap, data.SeverityError, s.pts, s.max, p.tol.SliverM, msg{
			subj: pairLabel(a, b),
			zh:   fmt.Sprintf("乡镇 %s 与 %s 之间有缝隙，宽 %s 米，窄于 %s 米", a, b, metres(s.max), metres(p.tol.SliverM)),
			en:   fmt.Sprintf("a sliver gap up to %s m wide, narrower than %s m, lies between townships %s and %s", metres(s.max), metres(p.tol.SliverM), a, b),
			fix:  "将两乡镇边界接于同一条线 / make both townships' boundaries follow one line"}))
	}
	return out
}

// C15Coverage reports where the townships fail to cover their county by
// more than CoverageResidualM (error): township area outside the county,
// county boundary no township reaches, and interior gaps at least SliverM
// wide (narrower ones are C14's).
func C15Coverage(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c15(), nil
}

func (p *plane) c15() []data.Finding {
	if p.in.County == nil {
		return nil
	}
	cov := p.coverage()
	county := unitLabel(p.in.County)
	fix := "修正乡镇或县级界线使其完整覆盖 / correct the township or county boundaries so they cover exactly"
	var out []data.Finding
	idx := make([]int, 0, len(cov.spills))
	for i := range cov.spills {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		s := cov.spills[i]
		out = append(out, p.atPlane(RuleCoverage, data.SeverityError, s.pts, s.max, p.tol.CoverageResidualM, msg{
			subj: p.townshipLabel(i),
			zh:   fmt.Sprintf("乡镇 %s 超出 %s 范围，最远 %s 米", p.townshipLabel(i), county, metres(s.max)),
			en:   fmt.Sprintf("township %s extends up to %s m beyond county %s", p.townshipLabel(i), metres(s.max), county),
			fix:  fix}))
	}
	if s := cov.uncovered; len(s.pts) > 0 {
		out = append(out, p.atPlane(RuleCoverage, data.SeverityError, s.pts, s.max, p.tol.CoverageResidualM, msg{
			subj: county,
			zh:   fmt.Sprintf("%s 有未被乡镇覆盖的区域（宽至少 %s 米）", county, metres(s.max)),
			en:   fmt.Sprintf("county %s has area no township covers (at least %s m wide)", county, metres(s.max)),
			fix:  fix}))
	}
	return out
}

func sortedPairs(m map[[2]int]*samples) [][2]int {
	keys := make([][2]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	return keys
}
