package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const (
	markerCols = `id::text, line_id::text, number, coalesce(number_line, ''), coalesce(number_seq, 0),
	coalesce(number_type, ''), physical_type, coalesce(responsible_party, ''), ST_AsEWKB(position), source_crs,
	datum, sigma_m, reference_objects, coalesce(status, ''), installed, lower(valid), upper(valid), updated`
	sqlLineOfMarker = `SELECT level, code FROM boundary_line WHERE id = $1::uuid`
	sqlInsertMarker = `INSERT INTO marker (id, line_id, line_level, line_code, number, number_line, number_seq, number_type,
	physical_type, responsible_party, position, source_crs, datum, sigma_m, reference_objects, status, installed, valid, updated)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10, ST_GeomFromEWKB($11), $12, $13, $14, $15::jsonb, $16,
	$17::date, daterange($18::date, $19::date, '[)'), now())
RETURNING updated`
	sqlUpdateMarker = `UPDATE marker SET line_id = $2::uuid, line_level = $3, line_code = $4, number = $5, number_line = $6,
	number_seq = $7, number_type = $8, physical_type = $9, responsible_party = $10, position = ST_GeomFromEWKB($11),
	source_crs = $12, datum = $13, sigma_m = $14, reference_objects = $15::jsonb, status = $16, installed = $17::date,
	valid = daterange($18::date, $19::date, '[)'), updated = now()
WHERE id = $1::uuid
RETURNING updated`
	sqlGetMarker      = `SELECT ` + markerCols + ` FROM marker WHERE id = $1::uuid`
	sqlListMarkers    = `SELECT ` + markerCols + `, count(*) OVER () FROM marker`
	sqlCountMarkers   = `SELECT count(*) FROM marker`
	condMarkerLine    = `line_id = %s::uuid`
	colMarkerPosition = `position`

	sqlInsertMarkerStatus = `INSERT INTO marker_status (marker_id, at, status, flags, upkeep, round_id, note)
VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb, nullif($6::text, '')::uuid, $7)`
	// The marker's status is its latest record's.
	sqlRefreshMarkerStatus = `UPDATE marker SET status = (SELECT status FROM marker_status
	WHERE marker_id = $1::uuid ORDER BY at DESC, id DESC LIMIT 1), updated = now() WHERE id = $1::uuid`
	sqlMarkerStatusHistory = `SELECT marker_id::text, at, status, flags, upkeep, coalesce(round_id::text, ''), note
FROM marker_status WHERE marker_id = $1::uuid ORDER BY at, id`
)

func scanMarker(row pgx.Row, extra ...any) (*data.Marker, error) {
	var m data.Marker
	var position, refs []byte
	var typ string
	var installed, from, to *time.Time
	dest := []any{&m.ID, &m.LineID, &m.Number, &m.Parsed.Line, &m.Parsed.Seq, &typ, &m.PhysicalType,
		&m.ResponsibleParty, &position, &m.SourceCRS, &m.Datum, &m.SigmaM, &refs, &m.Status, &installed,
		&from, &to, &m.Updated}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	if typ != "" {
		m.Parsed.Type = data.MarkerType(typ[0])
	}
	m.Installed, m.Valid, m.Updated = ptrTime(installed), period(from, to), m.Updated.UTC()
	var err error
	if m.References, err = scanRows(refs, referenceJSON.domain); err != nil {
		return nil, err
	}
	if m.Position, err = decodeAs[orb.Point](position, "position"); err != nil {
		return nil, geomScanErr("position", err)
	}
	return &m, nil
}

// lineLevel returns the level and code of the line a marker stands on.
func (s *Store) lineLevel(ctx context.Context, lineID string) (data.Level, string, error) {
	var level data.Level
	var code string
	err := s.q.QueryRow(ctx, sqlLineOfMarker, lineID).Scan(&level, &code)
	if errNoRows(err) {
		return "", "", &data.Error{Kind: data.KindInvalid, Field: "line_id", Value: lineID,
			Message: "boundary line " + lineID + " does not exist"}
	}
	return level, code, mapError("marker line", err)
}

// markerArgs validates m against its line and returns $1…$19.
func (s *Store) markerArgs(ctx context.Context, m *data.Marker) ([]any, error) {
	if !data.ValidID(m.LineID) {
		return nil, m.Validate("", "") // reports the missing or malformed line_id
	}
	level, code, err := s.lineLevel(ctx, m.LineID)
	if err != nil {
		return nil, err
	}
	if err := m.Validate(level, code); err != nil {
		return nil, err
	}
	position, err := geomArg("position", m.Position)
	if err != nil {
		return nil, err
	}
	refs, err := rowsArg(m.References, newReferenceJSON)
	if err != nil {
		return nil, err
	}
	var numLine, numSeq, numType any
	if m.Parsed.Line != "" {
		numLine, numSeq, numType = m.Parsed.Line, m.Parsed.Seq, m.Parsed.Type.String()
	}
	return []any{m.ID, m.LineID, string(level), code, m.Number, numLine, numSeq, numType, m.PhysicalType,
		nullStr(m.ResponsibleParty), position, m.SourceCRS, m.Datum, m.SigmaM, refs, nullStr(m.Status),
		dateArg(m.Installed), dateArg(m.Valid.From), dateArg(m.Valid.To)}, nil
}

// CreateMarker stores a new marker. On a provincial line its number is
// parsed (Parsed is set) and must carry the line's code.
func (s *Store) CreateMarker(ctx context.Context, m *data.Marker) error {
	if err := data.EnsureID(&m.ID); err != nil {
		return err
	}
	args, err := s.markerArgs(ctx, m)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		return mapError("create marker", t.q.QueryRow(ctx, sqlInsertMarker, args...).Scan(&m.Updated))
	})
}

// GetMarker returns one marker by ID.
func (s *Store) GetMarker(ctx context.Context, id string) (*data.Marker, error) {
	return getOne(ctx, s, "marker", scanMarker, sqlGetMarker, id)
}

// UpdateMarker replaces a stored marker.
func (s *Store) UpdateMarker(ctx context.Context, m *data.Marker) error {
	if !data.ValidID(m.ID) {
		return data.NotFound("marker", m.ID)
	}
	args, err := s.markerArgs(ctx, m)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlUpdateMarker, args...).Scan(&m.Updated)
		if errNoRows(err) {
			return data.NotFound("marker", m.ID)
		}
		return mapError("update marker", err)
	})
}

// ListMarkers lists markers by bbox, validity and line.
func (s *Store) ListMarkers(ctx context.Context, q data.Query) (data.Page[*data.Marker], error) {
	var f filter
	if err := f.bbox(colMarkerPosition, q); err != nil {
		return data.Page[*data.Marker]{}, err
	}
	f.validity(q)
	if q.LineID != "" {
		f.add(condMarkerLine, q.LineID)
	}
	return list(ctx, s, listSpec[*data.Marker]{sqlListMarkers, sqlCountMarkers, scanMarker}, &f, q)
}

// AddMarkerStatus appends a record to a marker's status history and sets
// the marker's status to that of its latest record.
func (s *Store) AddMarkerStatus(ctx context.Context, r *data.MarkerStatusRecord) error {
	if err := r.Validate(); err != nil {
		return err
	}
	flags, err := jsonArg(r.Flags)
	if err != nil {
		return err
	}
	upkeep, err := jsonArg(r.Upkeep)
	if err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if _, err := t.q.Exec(ctx, sqlInsertMarkerStatus, r.MarkerID, r.At, string(r.Status), flags, upkeep,
			r.RoundID, r.Note); err != nil {
			return mapError("add marker status", err)
		}
		_, err := t.q.Exec(ctx, sqlRefreshMarkerStatus, r.MarkerID)
		return mapError("add marker status", err)
	})
}

func scanStatusRecord(row pgx.Row, extra ...any) (*data.MarkerStatusRecord, error) {
	var r data.MarkerStatusRecord
	var flags, upkeep []byte
	dest := []any{&r.MarkerID, &r.At, &r.Status, &flags, &upkeep, &r.RoundID, &r.Note}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	r.At = r.At.UTC()
	var err error
	if r.Flags, err = stringList(flags); err != nil {
		return nil, err
	}
	r.Upkeep, err = stringList(upkeep)
	return &r, err
}

// MarkerStatusHistory returns a marker's status records, oldest first.
func (s *Store) MarkerStatusHistory(ctx context.Context, markerID string) ([]*data.MarkerStatusRecord, error) {
	if !data.ValidID(markerID) {
		return nil, nil
	}
	return collect(ctx, s, "marker status history", scanStatusRecord, sqlMarkerStatusHistory, markerID)
}
