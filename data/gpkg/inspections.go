package gpkg

import (
	"context"

	"github.com/toponym/toponym/data"
)

const roundCols = `id, line_id, year, type, reason, parties, phase, sections, status, created`

// CreateInspectionRound stores a round of joint inspection of an existing
// line. A line has one regular round a year (KindConflict).
func (s *Store) CreateInspectionRound(ctx context.Context, r *data.InspectionRound) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&r.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "inspection_rounds", r.ID); err != nil || ok {
			return firstErr(err, conflictf("id", r.ID, "an inspection round with ID %s already exists", r.ID))
		}
		if err := t.mustExist(ctx, "line_id", "boundary line", "boundary_lines", "id", r.LineID); err != nil {
			return err
		}
		parties, err1 := jsonVal(r.Parties)
		sections, err2 := jsonVal(r.Sections)
		if err := firstErr(err1, err2); err != nil {
			return err
		}
		created := now()
		_, err := t.exec(ctx, `INSERT INTO inspection_rounds (`+roundCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, r.LineID, r.Year, string(r.Type), r.Reason, parties, r.Phase, sections, r.Status, timeVal(created))
		if data.KindOf(mapError("", err)) == data.KindConflict {
			return conflictf("year", "", "this line already has a regular inspection round in %d", r.Year)
		}
		if err != nil {
			return mapError("create inspection round", err)
		}
		r.Created = created
		return nil
	})
}

func scanRound(row scanner) (*data.InspectionRound, error) {
	r := &data.InspectionRound{}
	return r, row.Scan(&r.ID, &r.LineID, &r.Year, (*string)(&r.Type), &r.Reason, jsonCol{&r.Parties}, &r.Phase,
		jsonCol{&r.Sections}, &r.Status, timeCol{&r.Created})
}

// GetInspectionRound returns one round.
func (s *Store) GetInspectionRound(ctx context.Context, id string) (*data.InspectionRound, error) {
	r, err := scanRound(s.queryRow(ctx, "SELECT "+roundCols+" FROM inspection_rounds WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "inspection round", id)
	}
	return r, nil
}

// roundChild checks that the round a validated record belongs to exists.
func (t *Store) roundChild(ctx context.Context, roundID string) error {
	return t.mustExist(ctx, "round_id", "inspection round", "inspection_rounds", "id", roundID)
}

// insertChild runs an insert of a round's record and maps a uniqueness
// failure to a conflict with msg; callers check a used ID first.
func (t *Store) insertChild(ctx context.Context, field, msg, stmt string, args ...any) error {
	_, err := t.exec(ctx, stmt, args...)
	if data.KindOf(mapError("", err)) == data.KindConflict {
		return conflictf(field, "", "%s", msg)
	}
	return mapError("add inspection record", err)
}
