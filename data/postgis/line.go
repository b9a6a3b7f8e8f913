package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

const (
	lineCols = `id::text, name, level, code, coalesce(unit_a::text, ''), coalesce(unit_b::text, ''),
	coalesce(code_a, ''), coalesce(code_b, ''), numbering_direction, legal_status, technical_status,
	agreements, cycle_years, last_inspected, ST_AsEWKB(geom), lower(valid), upper(valid), updated,
	built_through_markers, side_of_a, number_pattern, tolerances`
	sqlInsertLine = `INSERT INTO boundary_line (id, name, level, code, unit_a, unit_b, code_a, code_b,
	numbering_direction, legal_status, technical_status, agreements, cycle_years, last_inspected, geom, valid, updated,
	built_through_markers, side_of_a, number_pattern, tolerances)
VALUES ($1::uuid, $2, $3, $4, nullif($5::text, '')::uuid, nullif($6::text, '')::uuid, $7, $8, $9, $10, $11,
	$12::jsonb, $13, $14::date, ST_GeomFromEWKB($15), daterange($16::date, $17::date, '[)'), now(),
	$18, $19, $20, $21::jsonb)
RETURNING updated`
	sqlUpdateLine = `UPDATE boundary_line SET name = $2, level = $3, code = $4, unit_a = nullif($5::text, '')::uuid,
	unit_b = nullif($6::text, '')::uuid, code_a = $7, code_b = $8, numbering_direction = $9, legal_status = $10,
	technical_status = $11, agreements = $12::jsonb, cycle_years = $13, last_inspected = $14::date,
	geom = ST_GeomFromEWKB($15), valid = daterange($16::date, $17::date, '[)'), updated = now(),
	built_through_markers = $18, side_of_a = $19, number_pattern = $20, tolerances = $21::jsonb
WHERE id = $1::uuid
RETURNING updated`
	sqlGetLine       = `SELECT ` + lineCols + ` FROM boundary_line WHERE id = $1::uuid`
	sqlListLines     = `SELECT ` + lineCols + `, count(*) OVER () FROM boundary_line`
	sqlCountLines    = `SELECT count(*) FROM boundary_line`
	condLineLevel    = `level = %s`
	colLineGeom      = `geom`
	versionCols      = `id::text, line_id::text, source, coalesce(party, ''), ST_AsEWKB(geom), source_crs, coalesce(upload_id::text, ''), lower(valid), upper(valid), created, coalesce(round_id::text, '')`
	sqlInsertVersion = `INSERT INTO line_version (id, line_id, source, party, geom, source_crs, upload_id, valid, created, round_id)
VALUES ($1::uuid, $2::uuid, $3, $4, ST_GeomFromEWKB($5), $6, nullif($7::text, '')::uuid,
	daterange($8::date, $9::date, '[)'), now(), nullif($10::text, '')::uuid)
RETURNING created`
	sqlLineVersions = `SELECT ` + versionCols + ` FROM line_version WHERE line_id = $1::uuid ORDER BY created, id`
)

func scanLine(row pgx.Row, extra ...any) (*data.BoundaryLine, error) {
	var l data.BoundaryLine
	var agreements, geom, tolerances []byte
	var lastInspected, from, to *time.Time
	dest := []any{&l.ID, &l.Name, &l.Level, &l.Code, &l.UnitA, &l.UnitB, &l.CodeA, &l.CodeB,
		&l.NumberingDirection, &l.LegalStatus, &l.TechnicalStatus, &agreements, &l.CycleYears,
		&lastInspected, &geom, &from, &to, &l.Updated, &l.BuiltThroughMarkers, &l.SideOfA, &l.NumberPattern, &tolerances}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	l.LastInspected, l.Valid, l.Updated = ptrTime(lastInspected), period(from, to), l.Updated.UTC()
	var err error
	if l.Agreements, err = scanRows(agreements, documentJSON.domain); err != nil {
		return nil, err
	}
	if l.Tolerances, err = tolerancesMap(tolerances); err != nil {
		return nil, err
	}
	if l.Geometry, err = decodeAs[orb.MultiLineString](geom, "geometry"); err != nil {
		return nil, geomScanErr("geometry", err)
	}
	return &l, nil
}

func lineArgs(l *data.BoundaryLine) ([]any, error) {
	if err := valid.CheckSimple("geometry", l.Geometry); err != nil {
		return nil, err
	}
	geom, err := geomArg("geometry", l.Geometry)
	if err != nil {
		return nil, err
	}
	agreements, err := rowsArg(l.Agreements, newDocumentJSON)
	if err != nil {
		return nil, err
	}
	tolerances, err := tolerancesArg(l.Tolerances)
	if err != nil {
		return nil, err
	}
	return []any{l.ID, l.Name, string(l.Level), l.Code, l.UnitA, l.UnitB, nullStr(l.CodeA), nullStr(l.CodeB),
		l.NumberingDirection, string(l.LegalStatus), string(l.TechnicalStatus), agreements, l.CycleYears,
		dateArg(l.LastInspected), geom, dateArg(l.Valid.From), dateArg(l.Valid.To),
		l.BuiltThroughMarkers, l.SideOfA, l.NumberPattern, tolerances}, nil
}

// CreateBoundaryLine stores a new boundary line. An empty technical status
// is stored as unknown.
func (s *Store) CreateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&l.ID); err != nil {
		return err
	}
	args, err := lineArgs(l)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		return mapError("create boundary line", t.q.QueryRow(ctx, sqlInsertLine, args...).Scan(&l.Updated))
	})
}

// GetBoundaryLine returns one boundary line by ID.
func (s *Store) GetBoundaryLine(ctx context.Context, id string) (*data.BoundaryLine, error) {
	return getOne(ctx, s, "boundary line", scanLine, sqlGetLine, id)
}

// UpdateBoundaryLine replaces a stored boundary line. A change of level or
// code carries over to its markers, and fails if their numbers no longer fit.
func (s *Store) UpdateBoundaryLine(ctx context.Context, l *data.BoundaryLine) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if !data.ValidID(l.ID) {
		return data.NotFound("boundary line", l.ID)
	}
	args, err := lineArgs(l)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlUpdateLine, args...).Scan(&l.Updated)
		if errNoRows(err) {
			return data.NotFound("boundary line", l.ID)
		}
		return mapError("update boundary line", err)
	})
}

// ListBoundaryLines lists lines by bbox, validity and level.
func (s *Store) ListBoundaryLines(ctx context.Context, q data.Query) (data.Page[*data.BoundaryLine], error) {
	var f filter
	if err := f.bbox(colLineGeom, q); err != nil {
		return data.Page[*data.BoundaryLine]{}, err
	}
	f.validity(q)
	if q.Level != "" {
		f.add(condLineLevel, string(q.Level))
	}
	return list(ctx, s, listSpec[*data.BoundaryLine]{sqlListLines, sqlCountLines, scanLine}, &f, q)
}

func scanVersion(row pgx.Row, extra ...any) (*data.LineVersion, error) {
	var v data.LineVersion
	var geom []byte
	var from, to *time.Time
	dest := []any{&v.ID, &v.LineID, &v.Source, &v.Party, &geom, &v.SourceCRS, &v.UploadID, &from, &to, &v.Created, &v.RoundID}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	v.Valid, v.Created = period(from, to), v.Created.UTC()
	var err error
	if v.Geometry, err = decodeAs[orb.MultiLineString](geom, "geometry"); err != nil {
		return nil, geomScanErr("geometry", err)
	}
	return &v, nil
}

// CreateLineVersion stores one party's or survey's geometry of a line.
func (s *Store) CreateLineVersion(ctx context.Context, v *data.LineVersion) error {
	if err := v.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&v.ID); err != nil {
		return err
	}
	geom, err := geomArg("geometry", v.Geometry)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlInsertVersion, v.ID, v.LineID, string(v.Source), nullStr(v.Party), geom,
			v.SourceCRS, v.UploadID, dateArg(v.Valid.From), dateArg(v.Valid.To), v.RoundID).Scan(&v.Created)
		return mapError("create line version", err)
	})
}

// LineVersions returns every version of a line, oldest first.
func (s *Store) LineVersions(ctx context.Context, lineID string) ([]*data.LineVersion, error) {
	if !data.ValidID(lineID) {
		return nil, nil
	}
	return collect(ctx, s, "line versions", scanVersion, sqlLineVersions, lineID)
}
