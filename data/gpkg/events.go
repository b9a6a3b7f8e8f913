package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const eventCols = `id, type, date, authority, document, description, geom`

func scanEvent(r scanner) (*data.DivisionEvent, error) {
	e := &data.DivisionEvent{}
	var g orb.Geometry
	err := r.Scan(&e.ID, (*string)(&e.Type), timeCol{&e.Date}, &e.Authority, &e.Document, &e.Description, geomCol{&g})
	e.Transferred = asMultiPolygon(g)
	return e, err
}

// CreateDivisionEvent stores an event with its predecessor and successor
// versions. The versions may be created later in the same transaction:
// they are checked at commit (KindInvalid if missing).
func (s *Store) CreateDivisionEvent(ctx context.Context, e *data.DivisionEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&e.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "division_events", e.ID); err != nil || ok {
			return firstErr(err, conflictf("id", e.ID, "a division event with ID %s already exists", e.ID))
		}
		geom, err := geomVal("transferred", e.Transferred)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO division_events (id, type, date, authority, document, description, geom)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, e.ID, string(e.Type), dateVal(e.Date), e.Authority, e.Document,
			e.Description, geom); err != nil {
			return mapError("create division event", err)
		}
		for _, link := range []struct {
			role, field string
			ids         []string
		}{{"predecessor", "predecessors", e.Predecessors}, {"successor", "successors", e.Successors}} {
			for i, id := range link.ids {
				if _, err := t.exec(ctx, `INSERT INTO division_event_units (event_id, role, version_id, ord)
					VALUES (?, ?, ?, ?)`, e.ID, link.role, id, i); err != nil {
					if data.KindOf(mapError("", err)) == data.KindConflict {
						return conflictf(link.field, id, "version %s is listed twice", id)
					}
					return mapError("create division event", err)
				}
				t.deferRef(link.field, "admin-unit version", "admin_units", "id", id)
			}
		}
		return nil
	})
}

// GetDivisionEvent returns one event with its versions.
func (s *Store) GetDivisionEvent(ctx context.Context, id string) (*data.DivisionEvent, error) {
	var e *data.DivisionEvent
	err := s.read(ctx, func(r *Store) error {
		var err error
		e, err = scanEvent(r.queryRow(ctx, "SELECT "+eventCols+" FROM division_events WHERE id = ?", id))
		if err != nil {
			return notFound(err, "division event", id)
		}
		return r.loadEventUnits(ctx, []*data.DivisionEvent{e})
	})
	return e, err
}

func (s *Store) loadEventUnits(ctx context.Context, events []*data.DivisionEvent) error {
	for _, e := range events {
		type link struct{ role, id string }
		links, err := queryAll(ctx, s, "event units", `SELECT role, version_id FROM division_event_units
			WHERE event_id = ? ORDER BY role, ord`, func(r scanner) (link, error) {
			var l link
			return l, r.Scan(&l.role, &l.id)
		}, e.ID)
		if err != nil {
			return err
		}
		for _, l := range links {
			if l.role == "predecessor" {
				e.Predecessors = append(e.Predecessors, l.id)
			} else {
				e.Successors = append(e.Successors, l.id)
			}
		}
	}
	return nil
}

// UnitEvents returns the events that began or ended any version of a unit,
// by date: those listing a version of it, and those its versions name in
// BeganBy and EndedBy.
func (s *Store) UnitEvents(ctx context.Context, unitID string) ([]*data.DivisionEvent, error) {
	var events []*data.DivisionEvent
	err := s.read(ctx, func(r *Store) error {
		var err error
		events, err = queryAll(ctx, r, "unit events", "SELECT "+eventCols+` FROM division_events WHERE id IN (
			SELECT eu.event_id FROM division_event_units eu JOIN admin_units u ON u.id = eu.version_id WHERE u.unit_id = ?1
			UNION SELECT began_by FROM admin_units WHERE unit_id = ?1
			UNION SELECT ended_by FROM admin_units WHERE unit_id = ?1) ORDER BY date, fid`, scanEvent, unitID)
		if err != nil {
			return err
		}
		return r.loadEventUnits(ctx, events)
	})
	return events, err
}
