package fieldkit

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// collector gathers records from a store with their referential closure.
// Every add method records a record once, then what it references and
// what travels with it: a unit with all its versions and events, a line
// with its versions, a marker with its status history, a place with its
// listings when that layer is selected.
type collector struct {
	s    data.Store
	lr   ListingReader // nil if the store cannot read listings
	sel  Selection
	set  Set
	seen map[string]bool
}

// collect returns the records sel selects in bbox (everything when bbox is
// nil) with their closure, in canonical order.
func collect(ctx context.Context, s data.Store, lr ListingReader, sel Selection, bbox *orb.Bound) (*Set, error) {
	c := &collector{s: s, lr: lr, sel: sel, seen: map[string]bool{}}
	if err := c.seed(ctx, data.Query{BBox: bbox}); err != nil {
		return nil, err
	}
	c.set.sort()
	return &c.set, nil
}

// first reports whether the record k/id is new to the collector, and
// marks it seen.
func (c *collector) first(k Kind, id string) bool {
	key := string(k) + "\x00" + id
	if id == "" || c.seen[key] {
		return false
	}
	c.seen[key] = true
	return true
}

func (c *collector) has(k Kind, id string) bool { return id == "" || c.seen[string(k)+"\x00"+id] }

// seed adds the records of every selected layer that q selects.
func (c *collector) seed(ctx context.Context, q data.Query) error {
	steps := []struct {
		layer Layer
		run   func() error
	}{
		{LayerAdminUnits, func() error {
			return each(ctx, q, c.s.ListAdminUnits, func(u *data.AdminUnit) error { return c.unit(ctx, u.UnitID) })
		}},
		{LayerBoundaryLines, func() error {
			return each(ctx, q, c.s.ListBoundaryLines, func(l *data.BoundaryLine) error { return c.line(ctx, l) })
		}},
		{LayerMarkers, func() error {
			return each(ctx, q, c.s.ListMarkers, func(m *data.Marker) error { return c.marker(ctx, m) })
		}},
		{LayerTriJunctions, func() error {
			return each(ctx, q, c.s.ListTriJunctions, func(t *data.TriJunction) error { return c.triJunction(ctx, t) })
		}},
		{LayerPlaces, func() error {
			return each(ctx, q, c.s.ListPlaces, func(p *data.NamedPlace) error { return c.place(ctx, p) })
		}},
		{LayerSigns, func() error { return each(ctx, q, c.s.ListSigns, func(sg *data.Sign) error { return c.sign(ctx, sg) }) }},
	}
	for _, st := range steps {
		if c.sel.has(st.layer) {
			if err := st.run(); err != nil {
				return err
			}
		}
	}
	if c.sel.has(LayerListings) && !c.sel.has(LayerPlaces) {
		return each(ctx, q, c.s.ListPlaces, func(p *data.NamedPlace) error { return c.placeListings(ctx, p.ID) })
	}
	return nil
}

// each calls fn on every item list returns for q, page by page.
func each[T any](ctx context.Context, q data.Query, list func(context.Context, data.Query) (data.Page[T], error), fn func(T) error) error {
	q.Limit, q.Offset = data.MaxLimit, 0
	for {
		p, err := list(ctx, q)
		if err != nil {
			return fmt.Errorf("fieldkit: list: %w", err)
		}
		for _, it := range p.Items {
			if err := fn(it); err != nil {
				return err
			}
		}
		q.Offset += len(p.Items)
		if len(p.Items) == 0 || q.Offset >= p.Matched {
			return nil
		}
	}
}

// unit adds every version and every event of the unit unitID.
func (c *collector) unit(ctx context.Context, unitID string) error {
	if !c.first("unit", unitID) {
		return nil
	}
	versions, err := c.s.UnitVersions(ctx, unitID)
	if err != nil {
		return fmt.Errorf("fieldkit: versions of unit %s: %w", unitID, err)
	}
	for _, v := range versions {
		if err := c.version(ctx, v); err != nil {
			return err
		}
	}
	events, err := c.s.UnitEvents(ctx, unitID)
	if err != nil {
		return fmt.Errorf("fieldkit: events of unit %s: %w", unitID, err)
	}
	for _, e := range events {
		if err := c.event(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// version adds one unit version, its parent unit and its events.
func (c *collector) version(ctx context.Context, v *data.AdminUnit) error {
	if !c.first(KindAdminUnit, v.ID) {
		return nil
	}
	c.set.Units = append(c.set.Units, v)
	if err := c.unit(ctx, v.ParentID); err != nil {
		return err
	}
	for _, id := range []string{v.BeganBy, v.EndedBy} {
		if err := c.eventID(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func (c *collector) eventID(ctx context.Context, id string) error {
	if c.has(KindDivisionEvent, id) {
		return nil
	}
	e, err := c.s.GetDivisionEvent(ctx, id)
	if err != nil {
		return fmt.Errorf("fieldkit: division event %s: %w", id, err)
	}
	return c.event(ctx, e)
}

// event adds a division event and the units of its predecessor and
// successor versions.
func (c *collector) event(ctx context.Context, e *data.DivisionEvent) error {
	if !c.first(KindDivisionEvent, e.ID) {
		return nil
	}
	c.set.Events = append(c.set.Events, e)
	for _, id := range append(append([]string(nil), e.Predecessors...), e.Successors...) {
		if c.has(KindAdminUnit, id) {
			continue
		}
		v, err := c.s.GetAdminUnit(ctx, id)
		if err != nil {
			return fmt.Errorf("fieldkit: unit version %s of event %s: %w", id, e.ID, err)
		}
		if err := c.unit(ctx, v.UnitID); err != nil {
			return err
		}
	}
	return nil
}
