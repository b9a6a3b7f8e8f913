package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const (
	eventCols      = `id::text, type, date, authority, document, description, ST_AsEWKB(transferred)`
	sqlInsertEvent = `INSERT INTO division_event (id, type, date, authority, document, description, transferred)
VALUES ($1::uuid, $2, $3::date, $4, $5, $6, ST_GeomFromEWKB($7))`
	sqlInsertEventUnit = `INSERT INTO division_event_unit (event_id, role, unit_version_id, ord)
VALUES ($1::uuid, $2, $3::uuid, $4)`
	sqlGetEvent    = `SELECT ` + eventCols + ` FROM division_event WHERE id = $1::uuid`
	sqlEventsLinks = `SELECT event_id::text, role, unit_version_id::text FROM division_event_unit
WHERE event_id = ANY($1::text[]::uuid[]) ORDER BY event_id, role, ord`
	sqlUnitEvents = `SELECT ` + eventCols + ` FROM division_event WHERE id IN (
	SELECT l.event_id FROM division_event_unit l JOIN admin_unit u ON u.id = l.unit_version_id WHERE u.unit_id = $1::uuid
	UNION SELECT began_by FROM admin_unit WHERE unit_id = $1::uuid
	UNION SELECT ended_by FROM admin_unit WHERE unit_id = $1::uuid)
ORDER BY date, id`
)

const (
	rolePredecessor = "predecessor"
	roleSuccessor   = "successor"
)

func scanEvent(row pgx.Row, extra ...any) (*data.DivisionEvent, error) {
	var e data.DivisionEvent
	var date time.Time
	var transferred []byte
	dest := []any{&e.ID, &e.Type, &date, &e.Authority, &e.Document, &e.Description, &transferred}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	e.Date = date.UTC()
	var err error
	if e.Transferred, err = decodeAs[orb.MultiPolygon](transferred, "transferred"); err != nil {
		return nil, geomScanErr("transferred", err)
	}
	return &e, nil
}

// CreateDivisionEvent stores an event with its predecessor and successor
// versions, in one transaction. The versions may be created later in the
// same transaction: the references are checked at commit.
func (s *Store) CreateDivisionEvent(ctx context.Context, e *data.DivisionEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&e.ID); err != nil {
		return err
	}
	transferred, err := geomArg("transferred", e.Transferred)
	if err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if _, err := t.q.Exec(ctx, sqlInsertEvent, e.ID, string(e.Type), e.Date, e.Authority, e.Document,
			e.Description, transferred); err != nil {
			return mapError("create division event", err)
		}
		if err := t.insertEventUnits(ctx, e.ID, rolePredecessor, e.Predecessors); err != nil {
			return err
		}
		return t.insertEventUnits(ctx, e.ID, roleSuccessor, e.Successors)
	})
}

func (s *Store) insertEventUnits(ctx context.Context, eventID, role string, ids []string) error {
	for i, id := range ids {
		if _, err := s.q.Exec(ctx, sqlInsertEventUnit, eventID, role, id, i); err != nil {
			return mapError("create division event", err)
		}
	}
	return nil
}

// GetDivisionEvent returns one event with its predecessors and successors.
func (s *Store) GetDivisionEvent(ctx context.Context, id string) (*data.DivisionEvent, error) {
	e, err := getOne(ctx, s, "division event", scanEvent, sqlGetEvent, id)
	if err != nil {
		return nil, err
	}
	return e, s.loadEventUnits(ctx, []*data.DivisionEvent{e})
}

// UnitEvents returns the events that began or ended any version of a unit,
// by date.
func (s *Store) UnitEvents(ctx context.Context, unitID string) ([]*data.DivisionEvent, error) {
	if !data.ValidID(unitID) {
		return nil, nil
	}
	events, err := collect(ctx, s, "unit events", scanEvent, sqlUnitEvents, unitID)
	if err != nil {
		return nil, err
	}
	return events, s.loadEventUnits(ctx, events)
}

func (s *Store) loadEventUnits(ctx context.Context, events []*data.DivisionEvent) error {
	if len(events) == 0 {
		return nil
	}
	byID := make(map[string]*data.DivisionEvent, len(events))
	ids := make([]string, len(events))
	for i, e := range events {
		byID[e.ID], ids[i] = e, e.ID
	}
	rows, err := s.q.Query(ctx, sqlEventsLinks, ids)
	if err != nil {
		return mapError("division event units", err)
	}
	defer rows.Close()
	var eventID, role, versionID string
	_, err = pgx.ForEachRow(rows, []any{&eventID, &role, &versionID}, func() error {
		e := byID[eventID]
		if role == rolePredecessor {
			e.Predecessors = append(e.Predecessors, versionID)
		} else {
			e.Successors = append(e.Successors, versionID)
		}
		return nil
	})
	return mapError("division event units", err)
}
