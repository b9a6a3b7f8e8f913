package gpkg

import (
	"context"
	"fmt"
	"io"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// Bulk imports: one transaction on the writer connection per upload. The
// upload row goes in first, then the records as they are read (places one
// prepared INSERT each, so a clash names its record; their names, search
// keys and survey records in batched multi-row INSERTs), then the raw file
// in pieces of rawChunk and the answer. Nothing is held in memory beyond
// one batch of rows and one piece of the file.

const (
	sqlInsertUploadFile = `INSERT INTO upload_files (upload_id, survey_id, target, request_hash, report)
	VALUES (?, ?, ?, ?, ?)`
	sqlInsertRaw = `INSERT INTO upload_raw (upload_id, seq, chunk) VALUES (?, ?, ?)`
)

// Import stores imp in one transaction: the upload record (status stored),
// every record, the raw file and the answer. Any error rolls it all back;
// a repeated idempotency key is a KindConflict error.
func (s *Store) Import(ctx context.Context, imp *data.Import) (data.ImportResult, error) {
	if err := imp.Prepare(); err != nil {
		return data.ImportResult{}, err
	}
	var res data.ImportResult
	err := s.atomic(ctx, func(t *Store) error {
		var err error
		res, err = t.importTx(ctx, imp)
		return err
	})
	if err != nil {
		return data.ImportResult{}, err
	}
	return res, nil
}

func (t *Store) importTx(ctx context.Context, imp *data.Import) (data.ImportResult, error) {
	if imp.SurveyID != "" {
		if ok, err := t.exists(ctx, "surveys", imp.SurveyID); err != nil || !ok {
			return data.ImportResult{}, firstErr(err, data.NotFound("survey", imp.SurveyID))
		}
	}
	if err := t.CreateSurveyUpload(ctx, imp.Upload); err != nil {
		return data.ImportResult{}, err
	}
	var res data.ImportResult
	var err error
	if imp.Target == data.TargetPlaces {
		res, err = t.importPlaces(ctx, imp.Upload.ID, imp.Places)
	} else {
		res, err = t.importFeatures(ctx, imp.Upload.ID, imp.Features)
	}
	if err != nil {
		return data.ImportResult{}, err
	}
	return res, t.keepUpload(ctx, imp, res.Stored)
}

// keepUpload stores the raw file and the answer of an import.
func (t *Store) keepUpload(ctx context.Context, imp *data.Import, stored int) error {
	if err := t.writeRaw(ctx, imp.Upload.ID, imp.Raw); err != nil {
		return err
	}
	report, err := imp.Report(stored)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, sqlInsertUploadFile, imp.Upload.ID, strVal(imp.SurveyID), imp.Target, imp.RequestHash,
		string(report))
	return mapError("import", err)
}

// writeRaw copies the raw file into upload_raw, one piece at a time.
func (t *Store) writeRaw(ctx context.Context, uploadID string, open func() (io.ReadCloser, error)) error {
	r, err := open()
	if err != nil {
		return fmt.Errorf("gpkg: open raw file: %w", err)
	}
	defer r.Close()
	st, err := t.tx.conn.PrepareContext(ctx, sqlInsertRaw)
	if err != nil {
		return mapError("store raw file", err)
	}
	defer st.Close()
	buf := make([]byte, rawChunk)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if _, err := st.ExecContext(ctx, uploadID, seq, buf[:n]); err != nil {
				return mapError("store raw file", err)
			}
		}
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF:
			return nil
		default:
			return fmt.Errorf("gpkg: read raw file: %w", err)
		}
	}
}

// grow adds a stored record's bound to res.
func grow(res *data.ImportResult, b orb.Bound) {
	if res.Stored == 0 {
		res.Bound = b
	} else {
		res.Bound = res.Bound.Union(b)
	}
	res.Stored++
}

// importPlaces stores the places of next with their names and search
// keys; each keeps the upload among its sources.
func (t *Store) importPlaces(ctx context.Context, uploadID string, next func() (*data.NamedPlace, error)) (
	data.ImportResult, error) {
	st, err := t.tx.conn.PrepareContext(ctx, sqlInsertPlace)
	if err != nil {
		return data.ImportResult{}, mapError("import places", err)
	}
	defer st.Close()
	w := newPlaceWriter(t.tx.conn)
	defer w.close()
	source := data.UploadSource(uploadID)
	var res data.ImportResult
	for {
		p, err := next()
		if err == io.EOF {
			return res, w.flush(ctx)
		}
		if err != nil {
			return data.ImportResult{}, err
		}
		if err := preparePlace(p); err != nil {
			return data.ImportResult{}, err
		}
		args, updated, err := placeArgs(p, append(p.Sources[:len(p.Sources):len(p.Sources)], source))
		if err != nil {
			return data.ImportResult{}, err
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return data.ImportResult{}, placeClash(p, err)
		}
		if err := w.addNames(ctx, p); err != nil {
			return data.ImportResult{}, err
		}
		p.Updated = updated
		grow(&res, p.Geometry.Bound())
	}
}

// preparePlace completes and checks an imported place: an ID and draft
// review unless set.
func preparePlace(p *data.NamedPlace) error {
	if p.ID == "" {
		p.ID = data.NewID()
	}
	if p.Review == "" {
		p.Review = data.ReviewDraft
	}
	if err := checkPlace(p); err != nil {
		return err
	}
	if !data.ValidID(p.ID) {
		return data.Invalidf("id", "id %q is not a UUID", p.ID)
	}
	return nil
}

// placeClash names the record whose places row was refused.
func placeClash(p *data.NamedPlace, err error) error {
	e := data.AsError(mapError("import places", err))
	if e == nil || e.Kind != data.KindConflict {
		return mapError("import places", err)
	}
	if e.Field == "census_code" {
		return conflictf("census_code", p.CensusCode, "census code %s already names another place", p.CensusCode)
	}
	return conflictf("id", p.ID, "a place with ID %s already exists", p.ID)
}
