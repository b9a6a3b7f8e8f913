package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const adminCols = `id, unit_id, code, name, level, type, parent_id, seat_lon, seat_lat, geom, valid_from, valid_to,
	began_by, ended_by, approval_authority, approval_document, approval_date, sources, updated`

func scanAdminUnit(r scanner) (*data.AdminUnit, error) {
	u := &data.AdminUnit{}
	var lon, lat *float64
	var g orb.Geometry
	err := r.Scan(&u.ID, &u.UnitID, (*string)(&u.Code), &u.Name, (*string)(&u.Level), &u.Type, strCol{&u.ParentID},
		floatCol{&lon}, floatCol{&lat}, geomCol{&g}, timeCol{&u.Valid.From}, timeCol{&u.Valid.To},
		strCol{&u.BeganBy}, strCol{&u.EndedBy}, &u.Approval.Authority, &u.Approval.Document, dateCol{&u.Approval.Date},
		jsonCol{&u.Sources}, timeCol{&u.Updated})
	if lon != nil && lat != nil {
		u.Seat = &orb.Point{*lon, *lat}
	}
	u.Geometry = asMultiPolygon(g)
	return u, err
}

// CreateAdminUnit stores a new version of an administrative unit. An empty
// UnitID starts a new unit. Versions of one unit, and versions holding one
// code, must not overlap in time (KindConflict).
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
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "admin_units", u.ID); err != nil || ok {
			return firstErr(err, conflictf("id", u.ID, "an admin-unit version with ID %s already exists", u.ID))
		}
		if _, err := t.exec(ctx, `INSERT INTO admin_unit_identities (unit_id, created) VALUES (?, ?)
			ON CONFLICT (unit_id) DO NOTHING`, u.UnitID, timeVal(now())); err != nil {
			return mapError("create unit identity", err)
		}
		if err := t.checkAdminRules(ctx, u); err != nil {
			return err
		}
		return t.writeAdminUnit(ctx, u, `INSERT INTO admin_units (id, unit_id, code, name, level, type, parent_id,
			seat_lon, seat_lat, geom, valid_from, valid_to, began_by, ended_by, approval_authority, approval_document,
			approval_date, sources, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
			?16, ?17, ?18, ?19)`)
	})
}

// UpdateAdminUnit replaces a version (KindNotFound for an unknown ID). Its
// UnitID cannot change.
func (s *Store) UpdateAdminUnit(ctx context.Context, u *data.AdminUnit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		var unitID string
		if err := t.queryRow(ctx, "SELECT unit_id FROM admin_units WHERE id = ?", u.ID).Scan(&unitID); err != nil {
			return notFound(err, "admin unit", u.ID)
		}
		if u.UnitID == "" {
			u.UnitID = unitID
			if err := u.Validate(); err != nil { // the parent rule, now that UnitID is known
				return err
			}
		}
		if u.UnitID != unitID {
			return data.Invalidf("unit_id", "a version cannot move to another unit (%s → %s)", unitID, u.UnitID)
		}
		if err := t.checkAdminRules(ctx, u); err != nil {
			return err
		}
		return t.writeAdminUnit(ctx, u, `UPDATE admin_units SET unit_id = ?2, code = ?3, name = ?4, level = ?5,
			type = ?6, parent_id = ?7, seat_lon = ?8, seat_lat = ?9, geom = ?10, valid_from = ?11, valid_to = ?12,
			began_by = ?13, ended_by = ?14, approval_authority = ?15, approval_document = ?16, approval_date = ?17,
			sources = ?18, updated = ?19 WHERE id = ?1`)
	})
}

// checkAdminRules checks the parent and the two overlap rules, and defers
// the check of the events to commit.
func (t *Store) checkAdminRules(ctx context.Context, u *data.AdminUnit) error {
	if err := t.mustExist(ctx, "parent_id", "parent unit", "admin_unit_identities", "unit_id", u.ParentID); err != nil {
		return err
	}
	overlap := `SELECT id FROM admin_units WHERE ` + `%s = ? AND id <> ?
		AND (valid_to IS NULL OR ? IS NULL OR ? < valid_to) AND (valid_from IS NULL OR ? IS NULL OR valid_from < ?) LIMIT 1`
	from, to := dateVal(u.Valid.From), dateVal(u.Valid.To)
	var other string
	for _, c := range []struct{ col, val, msg string }{
		{"unit_id", u.UnitID, "version %s of this unit overlaps this validity period"},
		{"code", string(u.Code), "unit version %s holds this code during this validity period"},
	} {
		err := t.queryRow(ctx, sprintf(overlap, c.col), c.val, u.ID, from, from, to, to).Scan(&other)
		if err == nil {
			field := map[string]string{"unit_id": "valid", "code": "code"}[c.col]
			return conflictf(field, other, c.msg, other)
		}
		if !isNoRows(err) {
			return mapError("check overlap", err)
		}
	}
	t.deferRef("began_by", "division event", "division_events", "id", u.BeganBy)
	t.deferRef("ended_by", "division event", "division_events", "id", u.EndedBy)
	return nil
}

func (t *Store) writeAdminUnit(ctx context.Context, u *data.AdminUnit, stmt string) error {
	geom, err := geomVal("geometry", u.Geometry)
	if err != nil {
		return err
	}
	sources, err := jsonVal(u.Sources)
	if err != nil {
		return err
	}
	var lon, lat any
	if u.Seat != nil {
		lon, lat = u.Seat[0], u.Seat[1]
	}
	updated := now()
	if _, err := t.exec(ctx, stmt, u.ID, u.UnitID, string(u.Code), u.Name, string(u.Level), u.Type,
		strVal(u.ParentID), lon, lat, geom, dateVal(u.Valid.From), dateVal(u.Valid.To), strVal(u.BeganBy),
		strVal(u.EndedBy), u.Approval.Authority, u.Approval.Document, dayVal(u.Approval.Date), sources,
		timeVal(updated)); err != nil {
		return mapError("write admin unit", err)
	}
	u.Updated = updated
	return nil
}

// GetAdminUnit returns one version by its ID.
func (s *Store) GetAdminUnit(ctx context.Context, id string) (*data.AdminUnit, error) {
	u, err := scanAdminUnit(s.queryRow(ctx, "SELECT "+adminCols+" FROM admin_units WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "admin unit", id)
	}
	return u, nil
}

// ListAdminUnits lists versions by bbox, validity, exact code and level.
func (s *Store) ListAdminUnits(ctx context.Context, q data.Query) (data.Page[*data.AdminUnit], error) {
	w := &where{}
	if q.Code != "" {
		w.add("code = ?", string(q.Code))
	}
	if q.Level != "" {
		w.add("level = ?", string(q.Level))
	}
	spec := listSpec{table: "admin_units", columns: adminCols, valid: true, geom: true}
	return listPage(ctx, s, spec, q, w, scanAdminUnit, nil)
}

// UnitVersions returns every version of one unit, oldest first.
func (s *Store) UnitVersions(ctx context.Context, unitID string) ([]*data.AdminUnit, error) {
	return queryAll(ctx, s, "unit versions", "SELECT "+adminCols+` FROM admin_units WHERE unit_id = ?
		ORDER BY valid_from IS NOT NULL, valid_from, fid`, scanAdminUnit, unitID)
}
