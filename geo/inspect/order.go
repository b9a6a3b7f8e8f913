package inspect

import (
	"fmt"
	"sort"

	"github.com/toponym/toponym/data"
)

// C5MarkerOrder checks that markers follow the agreed line in sequence
// (linear referencing, error if not monotonic). Each marker group (one
// sequence number) is located at the mean measure of its registered
// positions. The groups kept in order are a longest strictly monotonic
// subsequence of measures by sequence, increasing or decreasing, whichever
// is longer (so the line may be digitised either way); every other group
// is out of sequence. If the line states a numbering direction (west_east,
// north_south), the first and last groups kept must follow it.
func C5MarkerOrder(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c5(), nil
}

func (p *plane) c5() []data.Finding {
	var sts []*station
	for _, st := range p.stations() {
		if st.located {
			sts = append(sts, st)
		}
	}
	if len(sts) < 2 {
		return nil
	}
	keep := monotonicKeep(sts)
	var out []data.Finding
	var kept []*station
	for i, st := range sts {
		if keep[i] {
			kept = append(kept, st)
			continue
		}
		prev, next := neighboursAt(sts, keep, st.measure)
		out = append(out, p.newFinding(RuleMarkerOrder, data.SeverityError, st.members[0].m.Position, st.measure, 0, msg{
			subj: st.label(),
			zh:   fmt.Sprintf("界桩 %s 顺序错误：沿协议线位于 %s 与 %s 之间（里程 %s 米）", st.label(), prev, next, metres(st.measure)),
			en:   fmt.Sprintf("marker %s is out of sequence: along the agreed line it lies between %s and %s (measure %s m)", st.label(), prev, next, metres(st.measure)),
			fix:  "核对界桩编号与登记坐标 / check the marker's number and registered position"}))
	}
	return append(out, p.numberingDirection(kept)...)
}

// monotonicKeep marks a longest strictly increasing or strictly decreasing
// subsequence of the stations' measures, the increasing one on a tie.
func monotonicKeep(sts []*station) []bool {
	inc := make([]float64, len(sts))
	dec := make([]float64, len(sts))
	for i, st := range sts {
		inc[i], dec[i] = st.measure, -st.measure
	}
	a, b := lis(inc), lis(dec)
	keep := make([]bool, len(sts))
	chosen := a
	if len(b) > len(a) {
		chosen = b
	}
	for _, i := range chosen {
		keep[i] = true
	}
	return keep
}

// lis returns the indices of a longest strictly increasing subsequence of
// v (patience sorting, O(n log n)); among equals the earliest ending wins.
func lis(v []float64) []int {
	var tails []int // tails[k]: index ending the best subsequence of length k+1
	prev := make([]int, len(v))
	for i, x := range v {
		k := sort.Search(len(tails), func(k int) bool { return v[tails[k]] >= x })
		prev[i] = -1
		if k > 0 {
			prev[i] = tails[k-1]
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	out := make([]int, len(tails))
	if len(tails) == 0 {
		return out
	}
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k-- {
		out[k], i = i, prev[i]
	}
	return out
}

// neighboursAt names the kept stations just before and after measure m.
func neighboursAt(sts []*station, keep []bool, m float64) (string, string) {
	prev, next := "起点/start", "终点/end"
	bestP, bestN := -1.0, -1.0
	for i, st := range sts {
		if !keep[i] {
			continue
		}
		if d := m - st.measure; d >= 0 && (bestP < 0 || d < bestP) {
			prev, bestP = st.label(), d
		}
		if d := st.measure - m; d >= 0 && (bestN < 0 || d < bestN) {
			next, bestN = st.label(), d
		}
	}
	return prev, next
}

// numberingDirection checks the stated numbering direction against the
// first and last stations kept in order.
func (p *plane) numberingDirection(kept []*station) []data.Finding {
	if len(kept) < 2 || p.in.Line == nil {
		return nil
	}
	first, last := p.agreed.pointAt(kept[0].measure), p.agreed.pointAt(kept[len(kept)-1].measure)
	var wrong bool
	var zh, en string
	switch p.in.Line.NumberingDirection {
	case "west_east":
		wrong, zh, en = first[0] > last[0], "自西向东", "west to east"
	case "north_south":
		wrong, zh, en = first[1] < last[1], "自北向南", "north to south"
	default:
		return nil
	}
	if !wrong {
		return nil
	}
	return []data.Finding{p.newFinding(RuleMarkerOrder, data.SeverityError, kept[0].members[0].m.Position, 0, 0, msg{
		zh:  fmt.Sprintf("界桩编号方向与规定（%s）相反：%s 在 %s 的另一端", zh, kept[0].label(), kept[len(kept)-1].label()),
		en:  fmt.Sprintf("markers are numbered against the stated direction (%s): %s lies at the far end from %s", en, kept[0].label(), kept[len(kept)-1].label()),
		fix: "核对编号方向设置或界桩编号 / check the line's numbering direction or the numbers"})}
}
