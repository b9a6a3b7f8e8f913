package inspect

import (
	"fmt"
	"strings"

	"github.com/toponym/toponym/data"
)

// C18Schedule raises alerts (warnings) against the clock Input.Now: the
// line's joint inspection is overdue (its cycle, or CycleYears, after the
// last inspection, or after the line took effect if never inspected); the
// round's report is unsigned by some party SignatureDueDays after the round
// was opened. Measured and tolerance are in days. A zero Now skips C18.
func C18Schedule(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c18(), nil
}

func (p *plane) c18() []data.Finding {
	if p.in.Now.IsZero() {
		return nil
	}
	var out []data.Finding
	if f, ok := p.overdue(); ok {
		out = append(out, f)
	}
	if f, ok := p.unsigned(); ok {
		out = append(out, f)
	}
	return out
}

const day = 24 * 3600e9 // nanoseconds

func (p *plane) overdue() (data.Finding, bool) {
	l := p.in.Line
	if l == nil {
		return data.Finding{}, false
	}
	cycle := l.CycleYears
	if cycle == 0 {
		cycle = p.tol.CycleYears
	}
	last := l.LastInspected
	if last.IsZero() {
		last = l.Valid.From
	}
	if last.IsZero() {
		return data.Finding{}, false
	}
	due := last.AddDate(cycle, 0, 0)
	if !p.in.Now.After(due) {
		return data.Finding{}, false
	}
	late := float64(p.in.Now.Sub(due)) / day
	return p.newFinding(RuleSchedule, data.SeverityWarning, p.lineLocation(), float64(p.in.Now.Sub(last))/day, float64(due.Sub(last))/day, msg{
		zh:  fmt.Sprintf("界线 %s 联检已逾期 %.0f 天（周期 %d 年，上次 %s）", l.Name, late, cycle, last.Format(data.DateLayout)),
		en:  fmt.Sprintf("line %s: joint inspection is %.0f days overdue (cycle %d years, last %s)", l.Name, late, cycle, last.Format(data.DateLayout)),
		fix: "安排联合检查 / schedule a joint inspection"}), true
}

func (p *plane) unsigned() (data.Finding, bool) {
	r := p.in.Round
	if r == nil || r.Created.IsZero() {
		return data.Finding{}, false
	}
	due := r.Created.AddDate(0, 0, p.tol.SignatureDueDays)
	if !p.in.Now.After(due) {
		return data.Finding{}, false
	}
	signed := map[data.Code]bool{}
	for _, s := range p.in.Signatures {
		if s != nil && s.RoundID == r.ID {
			signed[s.Party] = true
		}
	}
	var missing []string
	for _, party := range r.Parties {
		if !signed[party] {
			missing = append(missing, string(party))
		}
	}
	if len(missing) == 0 {
		return data.Finding{}, false
	}
	age := float64(p.in.Now.Sub(r.Created)) / day
	list := strings.Join(missing, ", ")
	return p.newFinding(RuleSchedule, data.SeverityWarning, p.lineLocation(), age, float64(p.tol.SignatureDueDays), msg{
		zh:  fmt.Sprintf("第 %d 年联检报告开启 %.0f 天仍未由 %s 签署", r.Year, age, list),
		en:  fmt.Sprintf("the %d inspection report is still unsigned by %s after %.0f days", r.Year, list, age),
		fix: "督促各方签署并备案 / ask the parties to sign and file the report"}), true
}
