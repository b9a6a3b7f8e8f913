package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const markerCols = `id, line_id, number, number_line, number_seq, number_type, physical_type, responsible_party, geom,
	source_crs, datum, sigma_m, reference_objects, status, installed, valid_from, valid_to, updated`

func scanMarker(r scanner) (*data.Marker, error) {
	m := &data.Marker{}
	var g orb.Geometry
	var numLine, numType string
	var numSeq *float64
	err := r.Scan(&m.ID, &m.LineID, &m.Number, strCol{&numLine}, floatCol{&numSeq}, strCol{&numType},
		&m.PhysicalType, strCol{(*string)(&m.ResponsibleParty)}, geomCol{&g}, &m.SourceCRS, &m.Datum, &m.SigmaM,
		jsonCol{&m.References}, strCol{(*string)(&m.Status)}, dateCol{&m.Installed}, timeCol{&m.Valid.From},
		timeCol{&m.Valid.To}, timeCol{&m.Updated})
	if numLine != "" && numSeq != nil && len(numType) == 1 {
		m.Parsed = data.MarkerNumber{Line: numLine, Seq: int(*numSeq), Type: data.MarkerType(numType[0])}
	}
	m.Position, _ = asPoint(g)
	return m, err
}

// CreateMarker stores a marker of an existing line (KindInvalid if the line
// is missing). On a provincial line the number must carry the line's code.
// Two markers of one line with one number must not overlap in time.
func (s *Store) CreateMarker(ctx context.Context, m *data.Marker) error {
	if err := data.EnsureID(&m.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "markers", m.ID); err != nil || ok {
			return firstErr(err, conflictf("id", m.ID, "a marker with ID %s already exists", m.ID))
		}
		if err := t.checkMarker(ctx, m); err != nil {
			return err
		}
		return t.writeMarker(ctx, m, `INSERT INTO markers (id, line_id, number, number_line, number_seq, number_type,
			physical_type, responsible_party, geom, source_crs, datum, sigma_m, reference_objects, status, installed,
			valid_from, valid_to, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
			?16, ?17, ?18)`)
	})
}

// UpdateMarker replaces a marker (KindNotFound for an unknown ID).
func (s *Store) UpdateMarker(ctx context.Context, m *data.Marker) error {
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "markers", m.ID); err != nil || !ok {
			return firstErr(err, data.NotFound("marker", m.ID))
		}
		if err := t.checkMarker(ctx, m); err != nil {
			return err
		}
		return t.writeMarker(ctx, m, `UPDATE markers SET line_id = ?2, number = ?3, number_line = ?4,
			number_seq = ?5, number_type = ?6, physical_type = ?7, responsible_party = ?8, geom = ?9,
			source_crs = ?10, datum = ?11, sigma_m = ?12, reference_objects = ?13, status = ?14, installed = ?15,
			valid_from = ?16, valid_to = ?17, updated = ?18 WHERE id = ?1`)
	})
}

// checkMarker validates m against its line and the number-overlap rule.
func (t *Store) checkMarker(ctx context.Context, m *data.Marker) error {
	if !data.ValidID(m.LineID) {
		return m.Validate("", "") // reports the missing or malformed line_id
	}
	var level data.Level
	var code string
	err := t.queryRow(ctx, "SELECT level, code FROM boundary_lines WHERE id = ?", m.LineID).Scan((*string)(&level), &code)
	if isNoRows(err) {
		return &data.Error{Kind: data.KindInvalid, Field: "line_id", Value: m.LineID,
			Message: "boundary line " + m.LineID + " does not exist"}
	}
	if err != nil {
		return mapError("check marker line", err)
	}
	if err := m.Validate(level, code); err != nil {
		return err
	}
	from, to := dateVal(m.Valid.From), dateVal(m.Valid.To)
	var other string
	err = t.queryRow(ctx, `SELECT id FROM markers WHERE line_id = ? AND number = ? AND id <> ?
		AND (valid_to IS NULL OR ? IS NULL OR ? < valid_to) AND (valid_from IS NULL OR ? IS NULL OR valid_from < ?)
		LIMIT 1`, m.LineID, m.Number, m.ID, from, from, to, to).Scan(&other)
	if err == nil {
		return conflictf("number", m.Number, "marker %s of this line holds number %s during this validity period", other, m.Number)
	}
	if !isNoRows(err) {
		return mapError("check marker number", err)
	}
	return nil
}

func (t *Store) writeMarker(ctx context.Context, m *data.Marker, stmt string) error {
	geom, err := geomVal("position", m.Position)
	if err != nil {
		return err
	}
	refs, err := jsonVal(m.References)
	if err != nil {
		return err
	}
	var numLine, numSeq, numType any
	if m.Parsed.Line != "" {
		numLine, numSeq, numType = m.Parsed.Line, m.Parsed.Seq, m.Parsed.Type.String()
	}
	updated := now()
	if _, err := t.exec(ctx, stmt, m.ID, m.LineID, m.Number, numLine, numSeq, numType, m.PhysicalType,
		strVal(string(m.ResponsibleParty)), geom, m.SourceCRS, m.Datum, m.SigmaM, refs, strVal(string(m.Status)),
		dayVal(m.Installed), dateVal(m.Valid.From), dateVal(m.Valid.To), timeVal(updated)); err != nil {
		return mapError("write marker", err)
	}
	m.Updated = updated
	return nil
}

// GetMarker returns one marker.
func (s *Store) GetMarker(ctx context.Context, id string) (*data.Marker, error) {
	m, err := scanMarker(s.queryRow(ctx, "SELECT "+markerCols+" FROM markers WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "marker", id)
	}
	return m, nil
}

// ListMarkers lists markers by bbox, validity and line.
func (s *Store) ListMarkers(ctx context.Context, q data.Query) (data.Page[*data.Marker], error) {
	w := &where{}
	if q.LineID != "" {
		w.add("line_id = ?", q.LineID)
	}
	spec := listSpec{table: "markers", columns: markerCols, valid: true, geom: true}
	return listPage(ctx, s, spec, q, w, scanMarker, nil)
}

// AddMarkerStatus appends to a marker's status history; the newest record
// becomes the marker's Status.
func (s *Store) AddMarkerStatus(ctx context.Context, r *data.MarkerStatusRecord) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if err := firstErr(t.mustExist(ctx, "marker_id", "marker", "markers", "id", r.MarkerID),
			t.mustExist(ctx, "round_id", "inspection round", "inspection_rounds", "id", r.RoundID)); err != nil {
			return err
		}
		flags, err1 := jsonVal(r.Flags)
		upkeep, err2 := jsonVal(r.Upkeep)
		if err := firstErr(err1, err2); err != nil {
			return err
		}
		at := timeVal(r.At)
		if _, err := t.exec(ctx, `INSERT INTO marker_status (marker_id, at, status, flags, upkeep, round_id, note)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.MarkerID, at, string(r.Status), flags, upkeep, strVal(r.RoundID),
			r.Note); err != nil {
			if data.KindOf(mapError("", err)) == data.KindConflict {
				return conflictf("at", at.(string), "this marker already has a status record at %s", at)
			}
			return mapError("add marker status", err)
		}
		_, err := t.exec(ctx, `UPDATE markers SET status = ?1 WHERE id = ?2
			AND NOT EXISTS (SELECT 1 FROM marker_status WHERE marker_id = ?2 AND at > ?3)`, string(r.Status), r.MarkerID, at)
		return mapError("update marker status", err)
	})
}

// MarkerStatusHistory returns a marker's status records, oldest first.
func (s *Store) MarkerStatusHistory(ctx context.Context, markerID string) ([]*data.MarkerStatusRecord, error) {
	return queryAll(ctx, s, "marker status", `SELECT marker_id, at, status, flags, upkeep, round_id, note
		FROM marker_status WHERE marker_id = ? ORDER BY at, fid`, func(r scanner) (*data.MarkerStatusRecord, error) {
		m := &data.MarkerStatusRecord{}
		return m, r.Scan(&m.MarkerID, timeCol{&m.At}, (*string)(&m.Status), jsonCol{&m.Flags}, jsonCol{&m.Upkeep},
			strCol{&m.RoundID}, &m.Note)
	}, markerID)
}
