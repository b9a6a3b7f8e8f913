package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

const lineCols = `id, name, level, code, unit_a, unit_b, code_a, code_b, numbering_direction, legal_status,
	technical_status, agreements, cycle_years, last_inspected, geom, valid_from, valid_to, updated,
	built_through_markers, side_of_a, number_pattern, tolerances`

func scanLine(r scanner) (*data.BoundaryLine, error) {
	l := &data.BoundaryLine{}
	var g orb.Geometry
	err := r.Scan(&l.ID, &l.Name, (*string)(&l.Level), &l.Code, strCol{&l.UnitA}, strCol{&l.UnitB},
		strCol{(*string)(&l.CodeA)}, strCol{(*string)(&l.CodeB)}, &l.NumberingDirection, (*string)(&l.LegalStatus),
		(*string)(&l.TechnicalStatus), documentsCol{&l.Agreements}, &l.CycleYears, dateCol{&l.LastInspected}, geomCol{&g},
		timeCol{&l.Valid.From}, timeCol{&l.Valid.To}, timeCol{&l.Updated}, &l.BuiltThroughMarkers, &l.SideOfA,
		&l.NumberPattern, jsonCol{&l.Tolerances})
	l.Geometry = asMultiLineString(g)
	if len(l.Tolerances) == 0 {
		l.Tolerances = nil
	}
	return l, err
}

// CreateBoundaryLine stores a new line. Two lines holding one code must
// not overlap in time (KindConflict); its units must exist (KindInvalid).
func (s *Store) CreateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&l.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "boundary_lines", l.ID); err != nil || ok {
			return firstErr(err, conflictf("id", l.ID, "a boundary line with ID %s already exists", l.ID))
		}
		if err := t.checkLineRules(ctx, l); err != nil {
			return err
		}
		return t.writeLine(ctx, l, `INSERT INTO boundary_lines (id, name, level, code, unit_a, unit_b, code_a, code_b,
			numbering_direction, legal_status, technical_status, agreements, cycle_years, last_inspected, geom,
			valid_from, valid_to, updated, built_through_markers, side_of_a, number_pattern, tolerances)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)`)
	})
}

// UpdateBoundaryLine replaces a line (KindNotFound for an unknown ID).
func (s *Store) UpdateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "boundary_lines", l.ID); err != nil || !ok {
			return firstErr(err, data.NotFound("boundary line", l.ID))
		}
		if err := t.checkLineRules(ctx, l); err != nil {
			return err
		}
		return t.writeLine(ctx, l, `UPDATE boundary_lines SET name = ?2, level = ?3, code = ?4, unit_a = ?5,
			unit_b = ?6, code_a = ?7, code_b = ?8, numbering_direction = ?9, legal_status = ?10, technical_status = ?11,
			agreements = ?12, cycle_years = ?13, last_inspected = ?14, geom = ?15, valid_from = ?16, valid_to = ?17,
			updated = ?18, built_through_markers = ?19, side_of_a = ?20, number_pattern = ?21, tolerances = ?22
			WHERE id = ?1`)
	})
}

func (t *Store) checkLineRules(ctx context.Context, l *data.BoundaryLine) error {
	if err := firstErr(t.mustExist(ctx, "unit_a", "unit", "admin_unit_identities", "unit_id", l.UnitA),
		t.mustExist(ctx, "unit_b", "unit", "admin_unit_identities", "unit_id", l.UnitB)); err != nil {
		return err
	}
	from, to := dateVal(l.Valid.From), dateVal(l.Valid.To)
	var other string
	err := t.queryRow(ctx, `SELECT id FROM boundary_lines WHERE code = ? AND id <> ?
		AND (valid_to IS NULL OR ? IS NULL OR ? < valid_to) AND (valid_from IS NULL OR ? IS NULL OR valid_from < ?)
		LIMIT 1`, l.Code, l.ID, from, from, to, to).Scan(&other)
	if err == nil {
		return conflictf("code", l.Code, "boundary line %s holds code %s during this validity period", other, l.Code)
	}
	if !isNoRows(err) {
		return mapError("check line code", err)
	}
	return nil
}

func (t *Store) writeLine(ctx context.Context, l *data.BoundaryLine, stmt string) error {
	if err := valid.CheckSimple("geometry", l.Geometry); err != nil {
		return err
	}
	geom, err := geomVal("geometry", l.Geometry)
	if err != nil {
		return err
	}
	agreements, err := documentsVal(l.Agreements)
	if err != nil {
		return err
	}
	tolerances := "{}"
	if len(l.Tolerances) > 0 {
		if tolerances, err = jsonVal(l.Tolerances); err != nil {
			return err
		}
	}
	updated := now()
	if _, err := t.exec(ctx, stmt, l.ID, l.Name, string(l.Level), l.Code, strVal(l.UnitA), strVal(l.UnitB),
		strVal(string(l.CodeA)), strVal(string(l.CodeB)), l.NumberingDirection, string(l.LegalStatus),
		string(l.TechnicalStatus), agreements, l.CycleYears, dayVal(l.LastInspected), geom,
		dateVal(l.Valid.From), dateVal(l.Valid.To), timeVal(updated), l.BuiltThroughMarkers, l.SideOfA,
		l.NumberPattern, tolerances); err != nil {
		return mapError("write boundary line", err)
	}
	l.Updated = updated
	return nil
}

// GetBoundaryLine returns one line.
func (s *Store) GetBoundaryLine(ctx context.Context, id string) (*data.BoundaryLine, error) {
	l, err := scanLine(s.queryRow(ctx, "SELECT "+lineCols+" FROM boundary_lines WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "boundary line", id)
	}
	return l, nil
}

// ListBoundaryLines lists lines by bbox, validity and level.
func (s *Store) ListBoundaryLines(ctx context.Context, q data.Query) (data.Page[*data.BoundaryLine], error) {
	w := &where{}
	if q.Level != "" {
		w.add("level = ?", string(q.Level))
	}
	spec := listSpec{table: "boundary_lines", columns: lineCols, valid: true, geom: true}
	return listPage(ctx, s, spec, q, w, scanLine, nil)
}

const versionCols = `id, line_id, source, party, geom, source_crs, upload_id, valid_from, valid_to, created, round_id`

func scanLineVersion(r scanner) (*data.LineVersion, error) {
	v := &data.LineVersion{}
	var g orb.Geometry
	err := r.Scan(&v.ID, &v.LineID, (*string)(&v.Source), strCol{(*string)(&v.Party)}, geomCol{&g}, &v.SourceCRS,
		strCol{&v.UploadID}, timeCol{&v.Valid.From}, timeCol{&v.Valid.To}, timeCol{&v.Created}, strCol{&v.RoundID})
	v.Geometry = asMultiLineString(g)
	return v, err
}

// CreateLineVersion stores one party's or survey's geometry of a line.
func (s *Store) CreateLineVersion(ctx context.Context, v *data.LineVersion) error {
	if err := v.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&v.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "line_versions", v.ID); err != nil || ok {
			return firstErr(err, conflictf("id", v.ID, "a line version with ID %s already exists", v.ID))
		}
		if err := firstErr(t.mustExist(ctx, "line_id", "boundary line", "boundary_lines", "id", v.LineID),
			t.mustExist(ctx, "upload_id", "survey upload", "survey_uploads", "id", v.UploadID),
			t.mustExist(ctx, "round_id", "inspection round", "inspection_rounds", "id", v.RoundID)); err != nil {
			return err
		}
		geom, err := geomVal("geometry", v.Geometry)
		if err != nil {
			return err
		}
		created := now()
		if _, err := t.exec(ctx, `INSERT INTO line_versions (id, line_id, source, party, geom, source_crs, upload_id,
			valid_from, valid_to, created, round_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.ID, v.LineID,
			string(v.Source), strVal(string(v.Party)), geom, v.SourceCRS, strVal(v.UploadID), dateVal(v.Valid.From),
			dateVal(v.Valid.To), timeVal(created), strVal(v.RoundID)); err != nil {
			return mapError("create line version", err)
		}
		v.Created = created
		return nil
	})
}

// LineVersions returns the versions of a line in the order they were stored.
func (s *Store) LineVersions(ctx context.Context, lineID string) ([]*data.LineVersion, error) {
	return queryAll(ctx, s, "line versions", "SELECT "+versionCols+" FROM line_versions WHERE line_id = ? ORDER BY fid",
		scanLineVersion, lineID)
}
