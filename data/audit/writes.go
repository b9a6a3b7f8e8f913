package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/toponym/toponym/data"
)

// Entity names in the audit log, one per record type written.
const (
	EntityAdminUnit         = "admin_unit"
	EntityDivisionEvent     = "division_event"
	EntityBoundaryLine      = "boundary_line"
	EntityLineVersion       = "line_version"
	EntityMarker            = "marker"
	EntityMarkerStatus      = "marker_status"
	EntityTriJunction       = "tri_junction"
	EntityPlace             = "place"
	EntityProtectionListing = "protection_listing"
	EntitySign              = "sign"
	EntityInspectionRound   = "inspection_round"
	EntityMarkerCheck       = "marker_check"
	EntitySegmentCheck      = "segment_check"
	EntityFinding           = "finding"
	EntitySignature         = "signature"
	EntitySurveyUpload      = "survey_upload"
)

// CreateAdminUnit stores u and its audit record.
func (s *Store) CreateAdminUnit(ctx context.Context, u *data.AdminUnit) error {
	return create(s, ctx, EntityAdminUnit, &u.ID, u, data.Store.GetAdminUnit,
		func(tx data.Store) error { return tx.CreateAdminUnit(ctx, u) })
}

// UpdateAdminUnit replaces u and records the hashes before and after.
func (s *Store) UpdateAdminUnit(ctx context.Context, u *data.AdminUnit) error {
	return update(s, ctx, EntityAdminUnit, &u.ID, data.Store.GetAdminUnit,
		func(tx data.Store) error { return tx.UpdateAdminUnit(ctx, u) })
}

// CreateDivisionEvent stores e and its audit record.
func (s *Store) CreateDivisionEvent(ctx context.Context, e *data.DivisionEvent) error {
	return create(s, ctx, EntityDivisionEvent, &e.ID, e, data.Store.GetDivisionEvent,
		func(tx data.Store) error { return tx.CreateDivisionEvent(ctx, e) })
}

// CreateBoundaryLine stores l and its audit record.
func (s *Store) CreateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	return create(s, ctx, EntityBoundaryLine, &l.ID, l, data.Store.GetBoundaryLine,
		func(tx data.Store) error { return tx.CreateBoundaryLine(ctx, l) })
}

// UpdateBoundaryLine replaces l and records the hashes before and after.
func (s *Store) UpdateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	return update(s, ctx, EntityBoundaryLine, &l.ID, data.Store.GetBoundaryLine,
		func(tx data.Store) error { return tx.UpdateBoundaryLine(ctx, l) })
}

// CreateLineVersion stores v and its audit record.
func (s *Store) CreateLineVersion(ctx context.Context, v *data.LineVersion) error {
	return create[*data.LineVersion](s, ctx, EntityLineVersion, &v.ID, v, nil,
		func(tx data.Store) error { return tx.CreateLineVersion(ctx, v) })
}

// CreateMarker stores m and its audit record.
func (s *Store) CreateMarker(ctx context.Context, m *data.Marker) error {
	return create(s, ctx, EntityMarker, &m.ID, m, data.Store.GetMarker,
		func(tx data.Store) error { return tx.CreateMarker(ctx, m) })
}

// UpdateMarker replaces m and records the hashes before and after.
func (s *Store) UpdateMarker(ctx context.Context, m *data.Marker) error {
	return update(s, ctx, EntityMarker, &m.ID, data.Store.GetMarker,
		func(tx data.Store) error { return tx.UpdateMarker(ctx, m) })
}

// AddMarkerStatus stores r and its audit record, keyed marker@time.
func (s *Store) AddMarkerStatus(ctx context.Context, r *data.MarkerStatusRecord) error {
	key := func() string { return r.MarkerID + "@" + r.At.UTC().Format(time.RFC3339Nano) }
	return add(s, ctx, EntityMarkerStatus, key, r, func(tx data.Store) error { return tx.AddMarkerStatus(ctx, r) })
}

// CreateTriJunction stores t and its audit record.
func (s *Store) CreateTriJunction(ctx context.Context, t *data.TriJunction) error {
	return create[*data.TriJunction](s, ctx, EntityTriJunction, &t.ID, t, nil,
		func(tx data.Store) error { return tx.CreateTriJunction(ctx, t) })
}

// CreatePlace stores p and its audit record.
func (s *Store) CreatePlace(ctx context.Context, p *data.NamedPlace) error {
	return create(s, ctx, EntityPlace, &p.ID, p, data.Store.GetPlace,
		func(tx data.Store) error { return tx.CreatePlace(ctx, p) })
}

// UpdatePlace replaces p and records the hashes before and after.
func (s *Store) UpdatePlace(ctx context.Context, p *data.NamedPlace) error {
	return update(s, ctx, EntityPlace, &p.ID, data.Store.GetPlace,
		func(tx data.Store) error { return tx.UpdatePlace(ctx, p) })
}

// CreateProtectionListing stores l and its audit record.
func (s *Store) CreateProtectionListing(ctx context.Context, l *data.ProtectionListing) error {
	return create[*data.ProtectionListing](s, ctx, EntityProtectionListing, &l.ID, l, nil,
		func(tx data.Store) error { return tx.CreateProtectionListing(ctx, l) })
}

// CreateSign stores g and its audit record.
func (s *Store) CreateSign(ctx context.Context, g *data.Sign) error {
	return create(s, ctx, EntitySign, &g.ID, g, data.Store.GetSign,
		func(tx data.Store) error { return tx.CreateSign(ctx, g) })
}

// CreateInspectionRound stores r and its audit record.
func (s *Store) CreateInspectionRound(ctx context.Context, r *data.InspectionRound) error {
	return create(s, ctx, EntityInspectionRound, &r.ID, r, data.Store.GetInspectionRound,
		func(tx data.Store) error { return tx.CreateInspectionRound(ctx, r) })
}

// AddMarkerCheck stores c and its audit record. The observation time is
// first truncated to the millisecond, a precision both stores keep, so
// that the audited hash of c is the hash of the check as stored.
func (s *Store) AddMarkerCheck(ctx context.Context, c *data.MarkerCheck) error {
	c.ObservedAt = c.ObservedAt.Truncate(time.Millisecond)
	return add(s, ctx, EntityMarkerCheck, func() string { return c.ID }, c,
		func(tx data.Store) error { return tx.AddMarkerCheck(ctx, c) })
}

// AddSegmentCheck stores c and its audit record.
func (s *Store) AddSegmentCheck(ctx context.Context, c *data.SegmentCheck) error {
	return add(s, ctx, EntitySegmentCheck, func() string { return c.ID }, c,
		func(tx data.Store) error { return tx.AddSegmentCheck(ctx, c) })
}

// AddFinding stores f and its audit record.
func (s *Store) AddFinding(ctx context.Context, f *data.Finding) error {
	return add(s, ctx, EntityFinding, func() string { return f.ID }, f,
		func(tx data.Store) error { return tx.AddFinding(ctx, f) })
}

// AddSignature stores g and its audit record, keyed round/party; the
// after hash is of the signature as stored (its time at the store's
// precision), read back from the round's records.
func (s *Store) AddSignature(ctx context.Context, g *data.Signature) error {
	key := func() string { return g.RoundID + "/" + string(g.Party) }
	stored := func(tx data.Store) (any, error) {
		rr, err := tx.RoundRecords(ctx, g.RoundID)
		if err != nil {
			return nil, err
		}
		for _, sg := range rr.Signatures {
			if sg.Party == g.Party {
				return sg, nil
			}
		}
		return nil, fmt.Errorf("audit: signature of %s not stored in round %s", g.Party, g.RoundID)
	}
	return s.write(ctx, write{action: data.AuditAdd, entity: EntitySignature, id: key, after: stored,
		do: func(tx data.Store) error { return tx.AddSignature(ctx, g) }})
}

// CreateSurveyUpload stores u and its audit record.
func (s *Store) CreateSurveyUpload(ctx context.Context, u *data.SurveyUpload) error {
	return create(s, ctx, EntitySurveyUpload, &u.ID, u, data.Store.GetSurveyUpload,
		func(tx data.Store) error { return tx.CreateSurveyUpload(ctx, u) })
}
