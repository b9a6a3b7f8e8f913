package gpkg

import (
	"context"
	"slices"

	"github.com/toponym/toponym/data"
)

var _ data.InspectionStore = (*Store)(nil)

// ListInspectionRounds returns the rounds of one line, or of every line
// when lineID is empty, in the order they were created.
func (s *Store) ListInspectionRounds(ctx context.Context, lineID string) ([]*data.InspectionRound, error) {
	if lineID == "" {
		return queryAll(ctx, s, "inspection rounds", "SELECT "+roundCols+" FROM inspection_rounds ORDER BY created, fid",
			scanRound)
	}
	return queryAll(ctx, s, "inspection rounds", "SELECT "+roundCols+
		" FROM inspection_rounds WHERE line_id = ? ORDER BY created, fid", scanRound, lineID)
}

// SetRoundStatus sets the status of a round.
func (s *Store) SetRoundStatus(ctx context.Context, roundID, status string) error {
	if !slices.Contains([]string{data.RoundOpen, data.RoundValidated, data.RoundSigned}, status) {
		return data.Invalidf("status", "status %q is not open, validated or signed", status)
	}
	return s.atomic(ctx, func(t *Store) error {
		res, err := t.exec(ctx, "UPDATE inspection_rounds SET status = ? WHERE id = ?", status, roundID)
		if err != nil {
			return mapError("set round status", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return firstErr(mapError("set round status", err), data.NotFound("inspection round", roundID))
		}
		return nil
	})
}

// ReplaceFindings deletes the findings of a round and stores fs instead,
// all or nothing.
func (s *Store) ReplaceFindings(ctx context.Context, roundID string, fs []*data.Finding) error {
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "inspection_rounds", roundID); err != nil || !ok {
			return firstErr(err, data.NotFound("inspection round", roundID))
		}
		if _, err := t.exec(ctx, "DELETE FROM findings WHERE round_id = ?", roundID); err != nil {
			return mapError("replace findings", err)
		}
		for _, f := range fs {
			if f.RoundID != roundID {
				return data.Invalidf("round_id", "finding of round %s stored with round %s", f.RoundID, roundID)
			}
			if err := t.AddFinding(ctx, f); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetAcceptances replaces the acceptances of one finding of a round.
func (s *Store) SetAcceptances(ctx context.Context, roundID, findingID string, as []data.Acceptance) error {
	for i := range as {
		if err := as[i].Validate(); err != nil {
			return err
		}
	}
	acc, err := jsonVal(as)
	if err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		res, err := t.exec(ctx, "UPDATE findings SET acceptances = ? WHERE id = ? AND round_id = ?", acc, findingID, roundID)
		if err != nil {
			return mapError("set acceptances", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return firstErr(mapError("set acceptances", err), data.NotFound("finding", findingID))
		}
		return nil
	})
}
