package tiles

import (
	"context"
	"sync"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// InvalidatingStore wraps a data.Store so that the tile cache is never
// stale: every write that changes what a tile shows invalidates, before
// the write call returns, the tiles of the old and the new geometry at
// every zoom. Writes inside Atomic invalidate after the transaction
// commits (a rolled-back transaction invalidates nothing); the bounds of
// the old geometry are read inside the transaction, before the write.
//
// Reads pass through. Writes that no tile shows (events, line versions,
// inspections, surveys) pass through too, except marker status records
// (the marker's status is drawn) and signs.
type InvalidatingStore struct {
	data.Store
	cache *Cache
	tx    *pending // non-nil inside Atomic
}

// pending collects the bounds a transaction touched.
type pending struct {
	mu     sync.Mutex
	bounds []orb.Bound
}

var _ data.Store = (*InvalidatingStore)(nil)

// NewInvalidatingStore returns s wrapped to invalidate c on writes.
func NewInvalidatingStore(s data.Store, c *Cache) *InvalidatingStore {
	return &InvalidatingStore{Store: s, cache: c}
}

// touched invalidates the bounds of the geometries now, or at commit inside
// Atomic. Nil geometries are skipped.
func (s *InvalidatingStore) touched(gs ...orb.Geometry) {
	for _, g := range gs {
		if g == nil || isEmpty(g) {
			continue
		}
		b := g.Bound()
		if s.tx != nil {
			s.tx.mu.Lock()
			s.tx.bounds = append(s.tx.bounds, b)
			s.tx.mu.Unlock()
			continue
		}
		s.cache.Invalidate(b)
	}
}

func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.Polygon:
		return len(g) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.MultiPoint:
		return len(g) == 0
	case orb.Collection:
		return len(g) == 0
	}
	return false
}

// Atomic runs fn in one transaction of the wrapped store and invalidates
// what fn's writes touched once the transaction has committed. Nested
// calls join the outer transaction and its invalidation.
func (s *InvalidatingStore) Atomic(ctx context.Context, fn func(tx data.Store) error) error {
	if s.tx != nil {
		return s.Store.Atomic(ctx, func(tx data.Store) error {
			return fn(&InvalidatingStore{Store: tx, cache: s.cache, tx: s.tx})
		})
	}
	p := &pending{}
	err := s.Store.Atomic(ctx, func(tx data.Store) error {
		return fn(&InvalidatingStore{Store: tx, cache: s.cache, tx: p})
	})
	if err == nil {
		for _, b := range p.bounds {
			s.cache.Invalidate(b)
		}
	}
	return err
}

// write runs a create or update; on success it invalidates the old
// geometry (read by old before the write) and the new one.
func write[T any](s *InvalidatingStore, ctx context.Context, v T, old func() orb.Geometry,
	geom func(T) orb.Geometry, do func(context.Context, T) error) error {
	var before orb.Geometry
	if old != nil {
		before = old()
	}
	if err := do(ctx, v); err != nil {
		return err
	}
	s.touched(before, geom(v))
	return nil
}

// oldGeom returns the geometry of the stored record with the given id, or
// nil if there is none (the update will fail then anyway).
func oldGeom[T any](ctx context.Context, id string, get func(context.Context, string) (T, error),
	geom func(T) orb.Geometry) func() orb.Geometry {
	return func() orb.Geometry {
		if id == "" {
			return nil
		}
		v, err := get(ctx, id)
		if err != nil {
			return nil
		}
		return geom(v)
	}
}

func unitGeom(u *data.AdminUnit) orb.Geometry       { return nilIfEmpty(u.Geometry) }
func lineGeom(l *data.BoundaryLine) orb.Geometry    { return nilIfEmpty(l.Geometry) }
func markerGeom(m *data.Marker) orb.Geometry        { return m.Position }
func placeGeom(p *data.NamedPlace) orb.Geometry     { return p.Geometry }
func signGeom(g *data.Sign) orb.Geometry            { return g.Position }
func junctionGeom(j *data.TriJunction) orb.Geometry { return j.Agreed }

func nilIfEmpty[G interface {
	orb.Geometry
	~[]E
}, E any](g G) orb.Geometry {
	if len(g) == 0 {
		return nil
	}
	return g
}

// CreateAdminUnit creates u and invalidates its territory.
func (s *InvalidatingStore) CreateAdminUnit(ctx context.Context, u *data.AdminUnit) error {
	return write(s, ctx, u, nil, unitGeom, s.Store.CreateAdminUnit)
}

// UpdateAdminUnit updates u and invalidates its old and new territory.
func (s *InvalidatingStore) UpdateAdminUnit(ctx context.Context, u *data.AdminUnit) error {
	return write(s, ctx, u, oldGeom(ctx, u.ID, s.Store.GetAdminUnit, unitGeom), unitGeom, s.Store.UpdateAdminUnit)
}

// CreateBoundaryLine creates l and invalidates its geometry.
func (s *InvalidatingStore) CreateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	return write(s, ctx, l, nil, lineGeom, s.Store.CreateBoundaryLine)
}

// UpdateBoundaryLine updates l and invalidates its old and new geometry and
// its markers, whose public visibility follows the line's legal status.
func (s *InvalidatingStore) UpdateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	old := func() orb.Geometry {
		var c orb.Collection
		if g := oldGeom(ctx, l.ID, s.Store.GetBoundaryLine, lineGeom)(); g != nil {
			c = append(c, g)
		}
		return append(c, s.linePoints(ctx, l.ID)...)
	}
	return write(s, ctx, l, old, lineGeom, s.Store.UpdateBoundaryLine)
}

// linePoints returns the positions of a line's markers (at most MaxLimit).
func (s *InvalidatingStore) linePoints(ctx context.Context, lineID string) []orb.Geometry {
	if lineID == "" {
		return nil
	}
	page, err := s.Store.ListMarkers(ctx, data.Query{LineID: lineID, Limit: data.MaxLimit})
	if err != nil {
		return nil
	}
	out := make([]orb.Geometry, 0, len(page.Items))
	for _, m := range page.Items {
		out = append(out, m.Position)
	}
	return out
}

// CreateMarker creates m and invalidates its position.
func (s *InvalidatingStore) CreateMarker(ctx context.Context, m *data.Marker) error {
	return write(s, ctx, m, nil, markerGeom, s.Store.CreateMarker)
}

// UpdateMarker updates m and invalidates its old and new position.
func (s *InvalidatingStore) UpdateMarker(ctx context.Context, m *data.Marker) error {
	return write(s, ctx, m, oldGeom(ctx, m.ID, s.Store.GetMarker, markerGeom), markerGeom, s.Store.UpdateMarker)
}

// AddMarkerStatus adds r and invalidates the marker's position: its status
// is drawn in the internal tileset.
func (s *InvalidatingStore) AddMarkerStatus(ctx context.Context, r *data.MarkerStatusRecord) error {
	if err := s.Store.AddMarkerStatus(ctx, r); err != nil {
		return err
	}
	s.touched(oldGeom(ctx, r.MarkerID, s.Store.GetMarker, markerGeom)())
	return nil
}

// CreateTriJunction creates j and invalidates its agreed point.
func (s *InvalidatingStore) CreateTriJunction(ctx context.Context, j *data.TriJunction) error {
	return write(s, ctx, j, nil, junctionGeom, s.Store.CreateTriJunction)
}

// CreatePlace creates p and invalidates its geometry.
func (s *InvalidatingStore) CreatePlace(ctx context.Context, p *data.NamedPlace) error {
	return write(s, ctx, p, nil, placeGeom, s.Store.CreatePlace)
}

// UpdatePlace updates p and invalidates its old and new geometry.
func (s *InvalidatingStore) UpdatePlace(ctx context.Context, p *data.NamedPlace) error {
	return write(s, ctx, p, oldGeom(ctx, p.ID, s.Store.GetPlace, placeGeom), placeGeom, s.Store.UpdatePlace)
}

// CreateSign creates g and invalidates its position.
func (s *InvalidatingStore) CreateSign(ctx context.Context, g *data.Sign) error {
	return write(s, ctx, g, nil, signGeom, s.Store.CreateSign)
}
