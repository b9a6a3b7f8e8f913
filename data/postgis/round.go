package postgis

import (
	"context"
	"slices"

	"github.com/toponym/toponym/data"
)

var _ data.InspectionStore = (*Store)(nil)

const (
	sqlListRounds     = `SELECT ` + roundCols + ` FROM inspection_round ORDER BY created, id`
	sqlLineRounds     = `SELECT ` + roundCols + ` FROM inspection_round WHERE line_id = $1::uuid ORDER BY created, id`
	sqlSetRoundStatus = `UPDATE inspection_round SET status = $2 WHERE id = $1::uuid`
	sqlDeleteFindings = `DELETE FROM finding WHERE round_id = $1::uuid`
	sqlSetAcceptances = `UPDATE finding SET acceptances = $3::jsonb WHERE id = $2::uuid AND round_id = $1::uuid`
)

// ListInspectionRounds returns the rounds of one line, or of every line
// when lineID is empty, oldest first.
func (s *Store) ListInspectionRounds(ctx context.Context, lineID string) ([]*data.InspectionRound, error) {
	if lineID == "" {
		return collect(ctx, s, "list inspection rounds", scanRound, sqlListRounds)
	}
	if !data.ValidID(lineID) {
		return nil, nil
	}
	return collect(ctx, s, "list inspection rounds", scanRound, sqlLineRounds, lineID)
}

// SetRoundStatus sets the status of a round (KindNotFound for an unknown
// round, KindInvalid for an unknown status).
func (s *Store) SetRoundStatus(ctx context.Context, roundID, status string) error {
	if !slices.Contains([]string{data.RoundOpen, data.RoundValidated, data.RoundSigned}, status) {
		return data.Invalidf("status", "status %q is not open, validated or signed", status)
	}
	if !data.ValidID(roundID) {
		return data.NotFound("inspection round", roundID)
	}
	return s.write(ctx, func(t *Store) error {
		tag, err := t.q.Exec(ctx, sqlSetRoundStatus, roundID, status)
		if err != nil {
			return mapError("set round status", err)
		}
		if tag.RowsAffected() == 0 {
			return data.NotFound("inspection round", roundID)
		}
		return nil
	})
}

// ReplaceFindings deletes the findings of a round and stores fs instead,
// all or nothing.
func (s *Store) ReplaceFindings(ctx context.Context, roundID string, fs []*data.Finding) error {
	if _, err := s.GetInspectionRound(ctx, roundID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if _, err := t.q.Exec(ctx, sqlDeleteFindings, roundID); err != nil {
			return mapError("replace findings", err)
		}
		for _, f := range fs {
			if f.RoundID != roundID {
				return data.Invalidf("round_id", "finding of round %s stored with round %s", f.RoundID, roundID)
			}
			if err := t.addFinding(ctx, f); err != nil {
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
	if !data.ValidID(roundID) || !data.ValidID(findingID) {
		return data.NotFound("finding", findingID)
	}
	arg, err := rowsArg(as, newAcceptanceJSON)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		tag, err := t.q.Exec(ctx, sqlSetAcceptances, roundID, findingID, arg)
		if err != nil {
			return mapError("set acceptances", err)
		}
		if tag.RowsAffected() == 0 {
			return data.NotFound("finding", findingID)
		}
		return nil
	})
}

// tolerancesArg encodes a line's tolerance overrides as a jsonb object.
func tolerancesArg(t map[string]float64) (string, error) {
	if t == nil {
		return "{}", nil
	}
	return jsonArg(t)
}

// tolerancesMap decodes a jsonb object of tolerance overrides, nil when empty.
func tolerancesMap(b []byte) (map[string]float64, error) {
	var t map[string]float64
	if err := jsonScan(b, &t); err != nil || len(t) == 0 {
		return nil, err
	}
	return t, nil
}
