package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const (
	adminCols = `id::text, unit_id::text, code, name, level, type, coalesce(parent_id::text, ''),
	ST_AsEWKB(seat), ST_AsEWKB(geom), lower(valid), upper(valid), coalesce(began_by::text, ''),
	coalesce(ended_by::text, ''), approval_authority, approval_document, approval_date, sources, updated`
	sqlEnsureUnit  = `INSERT INTO admin_unit_identity (unit_id) VALUES ($1::uuid) ON CONFLICT DO NOTHING`
	sqlInsertAdmin = `INSERT INTO admin_unit (id, unit_id, code, name, level, type, parent_id, seat, geom, valid,
	began_by, ended_by, approval_authority, approval_document, approval_date, sources, updated)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, nullif($7::text, '')::uuid, ST_GeomFromEWKB($8), ST_GeomFromEWKB($9),
	daterange($10::date, $11::date, '[)'), nullif($12::text, '')::uuid, nullif($13::text, '')::uuid,
	$14, $15, $16::date, $17::jsonb, now())
RETURNING updated`
	sqlUpdateAdmin = `UPDATE admin_unit SET unit_id = $2::uuid, code = $3, name = $4, level = $5, type = $6,
	parent_id = nullif($7::text, '')::uuid, seat = ST_GeomFromEWKB($8), geom = ST_GeomFromEWKB($9),
	valid = daterange($10::date, $11::date, '[)'), began_by = nullif($12::text, '')::uuid,
	ended_by = nullif($13::text, '')::uuid, approval_authority = $14, approval_document = $15,
	approval_date = $16::date, sources = $17::jsonb, updated = now()
WHERE id = $1::uuid
RETURNING updated`
	sqlGetAdmin      = `SELECT ` + adminCols + ` FROM admin_unit WHERE id = $1::uuid`
	sqlUnitVersions  = `SELECT ` + adminCols + ` FROM admin_unit WHERE unit_id = $1::uuid ORDER BY lower(valid) NULLS FIRST, id`
	sqlListAdmin     = `SELECT ` + adminCols + `, count(*) OVER () FROM admin_unit`
	sqlCountAdmin    = `SELECT count(*) FROM admin_unit`
	condAdminCode    = `code = %s`
	condAdminLevel   = `level = %s`
	colAdminGeometry = `geom`
)

func scanAdminUnit(row pgx.Row, extra ...any) (*data.AdminUnit, error) {
	var u data.AdminUnit
	var seat, geom, sources []byte
	var from, to, approvalDate *time.Time
	dest := []any{&u.ID, &u.UnitID, &u.Code, &u.Name, &u.Level, &u.Type, &u.ParentID, &seat, &geom,
		&from, &to, &u.BeganBy, &u.EndedBy, &u.Approval.Authority, &u.Approval.Document, &approvalDate,
		&sources, &u.Updated}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	u.Valid = period(from, to)
	u.Approval.Date = ptrTime(approvalDate)
	u.Updated = u.Updated.UTC()
	var err error
	if u.Sources, err = stringList(sources); err != nil {
		return nil, err
	}
	if u.Geometry, err = decodeAs[orb.MultiPolygon](geom, "geometry"); err != nil {
		return nil, geomScanErr("geometry", err)
	}
	p, err := decodeAs[orb.Point](seat, "seat")
	if err != nil {
		return nil, geomScanErr("seat", err)
	}
	if seat != nil {
		u.Seat = &p
	}
	return &u, nil
}

// adminArgs returns the arguments $1…$17 of the insert and update statements.
func adminArgs(u *data.AdminUnit) ([]any, error) {
	seat, err := geomArg("seat", pointGeom(u.Seat))
	if err != nil {
		return nil, err
	}
	geom, err := geomArg("geometry", u.Geometry)
	if err != nil {
		return nil, err
	}
	sources, err := jsonArg(u.Sources)
	if err != nil {
		return nil, err
	}
	return []any{u.ID, u.UnitID, string(u.Code), u.Name, string(u.Level), u.Type, u.ParentID, seat, geom,
		dateArg(u.Valid.From), dateArg(u.Valid.To), u.BeganBy, u.EndedBy, u.Approval.Authority,
		u.Approval.Document, dateArg(u.Approval.Date), sources}, nil
}

// CreateAdminUnit stores a new admin-unit version. An empty ID gets a new
// one; an empty UnitID starts a new unit.
func (s *Store) CreateAdminUnit(ctx context.Context, u *data.AdminUnit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&u.ID); err != nil {
		return err
	}
	if u.UnitID == "" {
		u.UnitID = data.NewID()
	}
	args, err := adminArgs(u)
	if err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if _, err := t.q.Exec(ctx, sqlEnsureUnit, u.UnitID); err != nil {
			return mapError("create admin unit", err)
		}
		return mapError("create admin unit", t.q.QueryRow(ctx, sqlInsertAdmin, args...).Scan(&u.Updated))
	})
}

// GetAdminUnit returns one admin-unit version by ID.
func (s *Store) GetAdminUnit(ctx context.Context, id string) (*data.AdminUnit, error) {
	return getOne(ctx, s, "admin unit", scanAdminUnit, sqlGetAdmin, id)
}

// UpdateAdminUnit replaces a stored admin-unit version.
func (s *Store) UpdateAdminUnit(ctx context.Context, u *data.AdminUnit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if !data.ValidID(u.ID) {
		return data.NotFound("admin unit", u.ID)
	}
	if u.UnitID == "" {
		return data.Invalidf("unit_id", "unit ID is required")
	}
	args, err := adminArgs(u)
	if err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if _, err := t.q.Exec(ctx, sqlEnsureUnit, u.UnitID); err != nil {
			return mapError("update admin unit", err)
		}
		err := t.q.QueryRow(ctx, sqlUpdateAdmin, args...).Scan(&u.Updated)
		if errNoRows(err) {
			return data.NotFound("admin unit", u.ID)
		}
		return mapError("update admin unit", err)
	})
}

// ListAdminUnits lists admin-unit versions by bbox, validity, code and level.
func (s *Store) ListAdminUnits(ctx context.Context, q data.Query) (data.Page[*data.AdminUnit], error) {
	var f filter
	if err := f.bbox(colAdminGeometry, q); err != nil {
		return data.Page[*data.AdminUnit]{}, err
	}
	f.validity(q)
	if q.Code != "" {
		f.add(condAdminCode, string(q.Code))
	}
	if q.Level != "" {
		f.add(condAdminLevel, string(q.Level))
	}
	spec := listSpec[*data.AdminUnit]{sqlListAdmin, sqlCountAdmin, scanAdminUnit}
	return list(ctx, s, spec, &f, q)
}

// UnitVersions returns every version of one unit, oldest first; none for
// an unknown unit.
func (s *Store) UnitVersions(ctx context.Context, unitID string) ([]*data.AdminUnit, error) {
	if !data.ValidID(unitID) {
		return nil, nil
	}
	return collect(ctx, s, "unit versions", scanAdminUnit, sqlUnitVersions, unitID)
}
