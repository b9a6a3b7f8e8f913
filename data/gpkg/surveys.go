package gpkg

import (
	"context"
	"io"
	"math"
	"time"

	"github.com/toponym/toponym/data"
)

var _ data.Importer = (*Store)(nil)

const (
	surveyCols = `id, name, team, device, method, crs, accuracy_m, created`
	storedCols = `u.id, u.team, u.device, u.method, u.crs, u.accuracy_m, u.file_name, u.media_type, u.sha256, u.size,
	u.status, u.idempotency_key, u.created, f.survey_id, f.target, f.request_hash, f.report`
	sqlStoredBase = `SELECT ` + storedCols + ` FROM survey_uploads u JOIN upload_files f ON f.upload_id = u.id`
	sqlFeatures   = `SELECT upload_id, idx, row_no, layer, geom, source_geom, source_crs, datum, z, times, attrs
	FROM survey_features WHERE upload_id = ? ORDER BY idx LIMIT ? OFFSET ?`
)

// CreateSurvey stores a survey; an empty ID gets one.
func (s *Store) CreateSurvey(ctx context.Context, sv *data.Survey) error {
	if err := sv.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&sv.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "surveys", sv.ID); err != nil || ok {
			return firstErr(err, conflictf("id", sv.ID, "a survey with ID %s already exists", sv.ID))
		}
		created := now()
		if _, err := t.exec(ctx, `INSERT INTO surveys (`+surveyCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sv.ID,
			sv.Name, sv.Team, sv.Device, sv.Method, sv.CRS, sv.AccuracyM, timeVal(created)); err != nil {
			return mapError("create survey", err)
		}
		sv.Created = created
		return nil
	})
}

// GetSurvey returns one survey.
func (s *Store) GetSurvey(ctx context.Context, id string) (*data.Survey, error) {
	sv := &data.Survey{}
	err := s.queryRow(ctx, "SELECT "+surveyCols+" FROM surveys WHERE id = ?", id).Scan(&sv.ID, &sv.Name, &sv.Team,
		&sv.Device, &sv.Method, &sv.CRS, &sv.AccuracyM, timeCol{&sv.Created})
	if err != nil {
		return nil, notFound(err, "survey", id)
	}
	return sv, nil
}

func scanStored(r scanner) (*data.StoredUpload, error) {
	st := &data.StoredUpload{}
	u := &st.Upload
	var report string
	err := r.Scan(&u.ID, &u.Team, &u.Device, &u.Method, &u.CRS, &u.AccuracyM, &u.FileName, &u.MediaType, &u.SHA256,
		&u.Size, &u.Status, strCol{&u.IdempotencyKey}, timeCol{&u.Created}, strCol{&st.SurveyID}, &st.Target,
		&st.RequestHash, &report)
	st.Report = []byte(report)
	return st, err
}

// SurveyUploads returns the stored uploads of a survey, oldest first.
func (s *Store) SurveyUploads(ctx context.Context, surveyID string) ([]*data.StoredUpload, error) {
	var out []*data.StoredUpload
	err := s.read(ctx, func(r *Store) error {
		if _, err := r.GetSurvey(ctx, surveyID); err != nil {
			return err
		}
		var err error
		out, err = queryAll(ctx, r, "survey uploads", sqlStoredBase+` WHERE f.survey_id = ? ORDER BY u.created, u.id`,
			scanStored, surveyID)
		return err
	})
	if len(out) == 0 {
		out = nil
	}
	return out, err
}

// StoredUpload returns one stored upload with its answer.
func (s *Store) StoredUpload(ctx context.Context, uploadID string) (*data.StoredUpload, error) {
	st, err := scanStored(s.queryRow(ctx, sqlStoredBase+` WHERE u.id = ?`, uploadID))
	if err != nil {
		return nil, notFound(err, "upload", uploadID)
	}
	return st, nil
}

// UploadByKey returns the upload stored under an idempotency key.
func (s *Store) UploadByKey(ctx context.Context, key string) (*data.StoredUpload, error) {
	if key == "" {
		return nil, data.NotFound("upload with idempotency key", key)
	}
	st, err := scanStored(s.queryRow(ctx, sqlStoredBase+` WHERE u.idempotency_key = ?`, key))
	if err != nil {
		return nil, notFound(err, "upload with idempotency key", key)
	}
	return st, nil
}

// UploadFeatures returns the records of a survey upload in file order, at
// most limit from offset.
func (s *Store) UploadFeatures(ctx context.Context, uploadID string, limit, offset int) ([]*data.SurveyFeature, error) {
	if !data.ValidID(uploadID) {
		return nil, data.NotFound("upload", uploadID)
	}
	limit, offset = data.Query{Limit: limit, Offset: offset}.Clamp()
	out, err := queryAll(ctx, s, "upload features", sqlFeatures, scanFeature, uploadID, limit, offset)
	if len(out) == 0 {
		out = nil
	}
	return out, err
}

func scanFeature(r scanner) (*data.SurveyFeature, error) {
	f := &data.SurveyFeature{}
	var z []*float64
	var times []*time.Time
	if err := r.Scan(&f.UploadID, &f.Index, &f.Row, &f.Layer, geomCol{&f.Geometry}, geomCol{&f.Source},
		&f.SourceCRS, &f.Datum, jsonCol{&z}, jsonCol{&times}, jsonCol{&f.Attrs}); err != nil {
		return nil, err
	}
	for _, v := range z {
		if v == nil {
			f.Z = append(f.Z, math.NaN())
		} else {
			f.Z = append(f.Z, *v)
		}
	}
	for _, t := range times {
		if t == nil {
			f.Times = append(f.Times, time.Time{})
		} else {
			f.Times = append(f.Times, t.UTC())
		}
	}
	return f, nil
}

// RawFile writes the raw bytes of an upload to w, one piece at a time.
func (s *Store) RawFile(ctx context.Context, uploadID string, w io.Writer) error {
	return s.read(ctx, func(r *Store) error {
		if err := r.mustExist(ctx, "upload", "upload", "upload_files", "upload_id", uploadID); err != nil {
			if data.KindOf(err) == data.KindInvalid {
				return data.NotFound("upload", uploadID)
			}
			return err
		}
		rows, err := r.query(ctx, `SELECT chunk FROM upload_raw WHERE upload_id = ? ORDER BY seq`, uploadID)
		if err != nil {
			return mapError("raw file", err)
		}
		defer rows.Close()
		for rows.Next() {
			var chunk []byte
			if err := rows.Scan(&chunk); err != nil {
				return mapError("raw file", err)
			}
			if _, err := w.Write(chunk); err != nil {
				return mapError("raw file", err)
			}
		}
		return mapError("raw file", rows.Err())
	})
}
