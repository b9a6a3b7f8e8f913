package inspection

import (
	"context"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/inspect"
)

// OverdueLine is a line with C18 alerts: its joint inspection is overdue,
// or its latest round's report is unsigned too long.
type OverdueLine struct {
	LineID        string        `json:"line_id"`
	Name          string        `json:"name"`
	Code          string        `json:"code"`
	Level         data.Level    `json:"level"`
	CycleYears    int           `json:"cycle_years"`
	LastInspected string        `json:"last_inspected,omitempty"`
	LatestRound   string        `json:"latest_round,omitempty"`
	Alerts        []FindingView `json:"alerts"`
}

// Overdue runs C18 on every line with its tolerances and its latest round
// not yet signed, and returns the lines with alerts, in list order.
func (s *Service) Overdue(ctx context.Context) ([]OverdueLine, error) {
	lines, err := listAll(func(off int) (data.Page[*data.BoundaryLine], error) {
		return s.store.ListBoundaryLines(ctx, data.Query{Limit: data.MaxLimit, Offset: off})
	})
	if err != nil {
		return nil, err
	}
	rounds, err := s.store.ListInspectionRounds(ctx, "")
	if err != nil {
		return nil, err
	}
	latest := map[string]*data.InspectionRound{}
	for _, r := range rounds { // oldest first
		latest[r.LineID] = r
	}
	out := []OverdueLine{}
	for _, l := range lines {
		o, err := s.overdueLine(ctx, l, latest[l.ID])
		if err != nil {
			return nil, err
		}
		if len(o.Alerts) > 0 {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *Service) overdueLine(ctx context.Context, l *data.BoundaryLine, r *data.InspectionRound) (OverdueLine, error) {
	o := NewLineView(l)
	res := OverdueLine{LineID: l.ID, Name: l.Name, Code: l.Code, Level: l.Level, CycleYears: l.CycleYears,
		LastInspected: o.LastInspected}
	tol, err := Tolerances(l)
	if err != nil {
		tol = inspect.DefaultTolerances() // a bad override must not hide an overdue line
	}
	in := inspect.Input{Line: l, Now: s.now()}
	if r != nil && r.Status != data.RoundSigned {
		rr, err := s.store.RoundRecords(ctx, r.ID)
		if err != nil {
			return res, err
		}
		in.Round, in.Signatures, res.LatestRound = r, rr.Signatures, r.ID
	}
	fs, err := inspect.C18Schedule(in, tol)
	if err != nil {
		return res, err
	}
	for i := range fs {
		res.Alerts = append(res.Alerts, NewFindingView(&fs[i]))
	}
	return res, nil
}
