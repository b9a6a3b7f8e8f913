package gpkg

import (
	"context"
	"math"
	"regexp"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const roundCols = `id, line_id, year, type, reason, parties, phase, sections, status, created`

// CreateInspectionRound stores a round of joint inspection of an existing
// line. A line has one regular round a year (KindConflict).
func (s *Store) CreateInspectionRound(ctx context.Context, r *data.InspectionRound) error {
	if r.Status == "" {
		r.Status = "open"
	}
	if err := checkRound(r); err != nil {
		return err
	}
	if err := newID(&r.ID); err != nil {
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

func checkRound(r *data.InspectionRound) error {
	switch {
	case r.LineID == "":
		return data.Invalidf("line_id", "line is required")
	case r.Year < 1949 || r.Year > 2200:
		return data.Invalidf("year", "year %d is out of range 1949–2200", r.Year)
	case r.Type == data.RoundSpecial && r.Reason == "":
		return data.Invalidf("reason", "a special round needs a reason")
	}
	for _, p := range r.Parties {
		if err := checkCode("parties", p); err != nil {
			return err
		}
	}
	return firstErr(oneOf("type", r.Type, data.RoundRegular, data.RoundSpecial),
		oneOf("phase", r.Phase, "", "desk", "field"), oneOf("status", r.Status, "open", "validated", "signed"),
		checkIDs(idField{"id", r.ID}, idField{"line_id", r.LineID}))
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

// roundChild checks the round a record belongs to.
func (t *Store) roundChild(ctx context.Context, roundID string) error {
	if roundID == "" {
		return data.Invalidf("round_id", "round is required")
	}
	if err := checkIDs(idField{"round_id", roundID}); err != nil {
		return err
	}
	return t.mustExist(ctx, "round_id", "inspection round", "inspection_rounds", "id", roundID)
}

// insertChild runs an insert of a round's record and maps a uniqueness
// failure to a conflict with msg.
func (t *Store) insertChild(ctx context.Context, field, msg, stmt string, args ...any) error {
	_, err := t.exec(ctx, stmt, args...)
	if data.KindOf(mapError("", err)) == data.KindConflict {
		return conflictf(field, "", "%s", msg)
	}
	return mapError("add inspection record", err)
}

func checkGeometry(field string, g orb.Geometry) error {
	var err error
	eachPoint(g, func(p orb.Point) {
		if err == nil {
			err = checkPoint(field, p)
		}
	})
	return err
}

var ruleID = regexp.MustCompile(`^C([1-9]|1[0-9]|20)$`)

func finiteNonNeg(field string, f *float64) error {
	if f != nil && (math.IsNaN(*f) || math.IsInf(*f, 0) || *f < 0) {
		return data.Invalidf(field, "%g is not a non-negative number", *f)
	}
	return nil
}
