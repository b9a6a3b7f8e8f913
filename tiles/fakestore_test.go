package tiles

import (
	"context"
	"sync"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// fakeStore is an in-memory data.Store with just the list calls the tile
// source makes; other methods are left to the embedded nil interface (and
// panic if called). It records the queries it is asked.
type fakeStore struct {
	data.Store
	units   []*data.AdminUnit
	lines   []*data.BoundaryLine
	markers []*data.Marker
	tjs     []*data.TriJunction
	places  []*data.NamedPlace
	signs   []*data.Sign

	mu      sync.Mutex
	queries []data.Query
}

func (s *fakeStore) record(q data.Query) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, q)
}

// page applies bbox, date, limit and offset the way the real stores do.
func page[T any](s *fakeStore, q data.Query, all []T, keep func(T) bool, geom func(T) orb.Geometry) data.Page[T] {
	s.record(q)
	var match []T
	for _, v := range all {
		if q.BBox != nil && !q.BBox.Intersects(geom(v).Bound()) {
			continue
		}
		if keep(v) {
			match = append(match, v)
		}
	}
	limit, offset := q.Clamp()
	p := data.Page[T]{Matched: len(match)}
	if offset < len(match) {
		p.Items = match[offset:min(len(match), offset+limit)]
	}
	return p
}

func validAt(q data.Query, v data.Period) bool { return q.At == nil || v.Contains(*q.At) }

func (s *fakeStore) ListAdminUnits(_ context.Context, q data.Query) (data.Page[*data.AdminUnit], error) {
	return page(s, q, s.units, func(u *data.AdminUnit) bool {
		return validAt(q, u.Valid) && (q.Level == "" || q.Level == u.Level)
	}, func(u *data.AdminUnit) orb.Geometry { return u.Geometry }), nil
}

func (s *fakeStore) ListBoundaryLines(_ context.Context, q data.Query) (data.Page[*data.BoundaryLine], error) {
	return page(s, q, s.lines, func(l *data.BoundaryLine) bool {
		return validAt(q, l.Valid) && (q.Level == "" || q.Level == l.Level)
	}, func(l *data.BoundaryLine) orb.Geometry { return l.Geometry }), nil
}

func (s *fakeStore) GetBoundaryLine(_ context.Context, id string) (*data.BoundaryLine, error) {
	for _, l := range s.lines {
		if l.ID == id {
			return l, nil
		}
	}
	return nil, data.NotFound("boundary line", id)
}

func (s *fakeStore) ListMarkers(_ context.Context, q data.Query) (data.Page[*data.Marker], error) {
	return page(s, q, s.markers, func(m *data.Marker) bool {
		return validAt(q, m.Valid) && (q.LineID == "" || q.LineID == m.LineID)
	}, func(m *data.Marker) orb.Geometry { return m.Position }), nil
}

func (s *fakeStore) ListTriJunctions(_ context.Context, q data.Query) (data.Page[*data.TriJunction], error) {
	return page(s, q, s.tjs, func(*data.TriJunction) bool { return true },
		func(t *data.TriJunction) orb.Geometry { return t.Agreed }), nil
}

func (s *fakeStore) ListPlaces(_ context.Context, q data.Query) (data.Page[*data.NamedPlace], error) {
	return page(s, q, s.places, func(p *data.NamedPlace) bool {
		return validAt(q, p.Valid) && (q.Kind == "" || q.Kind == p.Kind) && (q.Review == "" || q.Review == p.Review)
	}, func(p *data.NamedPlace) orb.Geometry { return p.Geometry }), nil
}

func (s *fakeStore) ListSigns(_ context.Context, q data.Query) (data.Page[*data.Sign], error) {
	return page(s, q, s.signs, func(*data.Sign) bool { return true },
		func(s *data.Sign) orb.Geometry { return s.Position }), nil
}

func (s *fakeStore) GetPlace(_ context.Context, id string) (*data.NamedPlace, error) {
	for _, p := range s.places {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, data.NotFound("place", id)
}
