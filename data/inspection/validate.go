package inspection

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/inspect"
)

// Result is the outcome of one validation run.
type Result struct {
	Round           *data.InspectionRound
	Findings        []*data.Finding
	TechnicalStatus data.TechnicalStatus
	Tolerances      inspect.Tolerances
}

// Counts returns the number of findings by severity.
func (r *Result) Counts() map[data.Severity]int { return countSeverities(r.Findings) }

func countSeverities(fs []*data.Finding) map[data.Severity]int {
	out := map[data.Severity]int{data.SeverityError: 0, data.SeverityWarning: 0, data.SeverityInfo: 0}
	for _, f := range fs {
		out[f.Severity]++
	}
	return out
}

// Check runs checks C1–C19 on a round's stored records with the line's
// tolerances and returns the findings without storing anything.
func (s *Service) Check(ctx context.Context, roundID string) (*Result, error) {
	rr, err := s.store.RoundRecords(ctx, roundID)
	if err != nil {
		return nil, err
	}
	return s.check(ctx, s.store, rr)
}

func (s *Service) check(ctx context.Context, st data.Store, rr *data.RoundRecords) (*Result, error) {
	in, tol, err := loader{st: st, rr: rr, now: s.now()}.input(ctx)
	if err != nil {
		return nil, err
	}
	found, err := inspect.Run(in, tol)
	if err != nil {
		return nil, err
	}
	res := &Result{Round: rr.Round, Tolerances: tol, TechnicalStatus: inspect.TechnicalStatus(found)}
	for i := range found {
		f := &found[i]
		f.ID, f.RoundID = "", rr.Round.ID
		res.Findings = append(res.Findings, f)
	}
	SortFindings(res.Findings)
	return res, nil
}

// Validate runs the checks on a round for party and stores the findings in
// place of the previous ones, all or nothing. Acceptances of a previous
// finding carry over to the new finding with the same rule and message
// (the same fault, measured the same). The round becomes validated; the
// line's technical status is derived from the findings when this round is
// the line's latest; its legal status is left alone. A signed round
// refuses (KindConflict).
func (s *Service) Validate(ctx context.Context, roundID string, party data.Code) (*Result, error) {
	var res *Result
	err := s.atomic(ctx, func(tx data.InspectionStore) error {
		rr, err := mutableRound(ctx, tx, roundID, party)
		if err != nil {
			return err
		}
		if res, err = s.check(ctx, tx, rr); err != nil {
			return err
		}
		carryAcceptances(rr.Findings, res.Findings)
		if err := tx.ReplaceFindings(ctx, roundID, res.Findings); err != nil {
			return err
		}
		if err := tx.SetRoundStatus(ctx, roundID, data.RoundValidated); err != nil {
			return err
		}
		res.Round.Status = data.RoundValidated
		return s.deriveStatus(ctx, tx, rr.Round, res.TechnicalStatus)
	})
	return res, err
}

// deriveStatus sets the line's technical status when round is its latest.
func (s *Service) deriveStatus(ctx context.Context, tx data.InspectionStore, round *data.InspectionRound, ts data.TechnicalStatus) error {
	rounds, err := tx.ListInspectionRounds(ctx, round.LineID)
	if err != nil {
		return err
	}
	if len(rounds) > 0 && rounds[len(rounds)-1].ID != round.ID {
		return nil
	}
	line, err := tx.GetBoundaryLine(ctx, round.LineID)
	if err != nil || line.TechnicalStatus == ts {
		return err
	}
	line.TechnicalStatus = ts
	return tx.UpdateBoundaryLine(ctx, line)
}

func findingKey(f *data.Finding) string { return f.Rule + "\x00" + f.MessageEN }

func carryAcceptances(old, fresh []*data.Finding) {
	prev := map[string][]data.Acceptance{}
	for _, f := range old {
		if len(f.Acceptances) > 0 {
			prev[findingKey(f)] = f.Acceptances
		}
	}
	for _, f := range fresh {
		f.Acceptances = prev[findingKey(f)]
	}
}

// SortFindings orders findings by rule number, severity (errors first),
// subject, message, measure and ID: the order of reports and digests,
// whatever order a store returns them in.
func SortFindings(fs []*data.Finding) {
	slices.SortStableFunc(fs, func(a, b *data.Finding) int {
		return cmp.Or(cmp.Compare(ruleNumber(a.Rule), ruleNumber(b.Rule)),
			cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)),
			strings.Compare(a.Subject, b.Subject), strings.Compare(a.MessageEN, b.MessageEN),
			cmp.Compare(a.Measured, b.Measured), strings.Compare(a.ID, b.ID))
	})
}

func ruleNumber(rule string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(rule, "C"))
	return n
}

func severityRank(s data.Severity) int {
	switch s {
	case data.SeverityError:
		return 0
	case data.SeverityWarning:
		return 1
	}
	return 2
}
