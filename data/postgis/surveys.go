package postgis

import (
	"context"
	"io"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
)

const (
	sqlInsertSurvey = `INSERT INTO survey (id, name, team, device, method, crs, accuracy_m, created)
VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, now())
RETURNING created`
	sqlGetSurvey   = `SELECT id::text, name, team, device, method, crs, accuracy_m, created FROM survey WHERE id = $1::uuid`
	storedCols     = uploadCols + `, coalesce(f.survey_id::text, ''), f.target, f.request_hash, f.report`
	sqlStoredBase  = `SELECT ` + storedCols + ` FROM survey_upload JOIN upload_file f ON f.upload_id = survey_upload.id`
	sqlStoredByID  = sqlStoredBase + ` WHERE survey_upload.id = $1::uuid`
	sqlStoredByKey = sqlStoredBase + ` WHERE idempotency_key = $1 AND idempotency_key <> ''`
	sqlSurveyFiles = sqlStoredBase + ` WHERE f.survey_id = $1::uuid ORDER BY created, survey_upload.id`
	sqlRawOID      = `SELECT raw FROM upload_file WHERE upload_id = $1::uuid`
	sqlFeatures    = `SELECT upload_id::text, idx, row_no, layer, ST_AsEWKB(geom), ST_AsEWKB(source_geom), source_crs,
	datum, z, times, attrs FROM survey_feature WHERE upload_id = $1::uuid ORDER BY idx LIMIT $2 OFFSET $3`
)

// CreateSurvey stores a survey; an empty ID gets one.
func (s *Store) CreateSurvey(ctx context.Context, sv *data.Survey) error {
	if err := sv.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&sv.ID); err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlInsertSurvey, sv.ID, sv.Name, sv.Team, sv.Device, sv.Method, sv.CRS,
			sv.AccuracyM).Scan(&sv.Created)
		sv.Created = sv.Created.UTC()
		return mapError("create survey", err)
	})
}

// GetSurvey returns one survey.
func (s *Store) GetSurvey(ctx context.Context, id string) (*data.Survey, error) {
	return getOne(ctx, s, "survey", func(row pgx.Row, _ ...any) (*data.Survey, error) {
		var sv data.Survey
		err := row.Scan(&sv.ID, &sv.Name, &sv.Team, &sv.Device, &sv.Method, &sv.CRS, &sv.AccuracyM, &sv.Created)
		sv.Created = sv.Created.UTC()
		return &sv, err
	}, sqlGetSurvey, id)
}

func scanStored(row pgx.Row, _ ...any) (*data.StoredUpload, error) {
	var st data.StoredUpload
	u, err := scanUpload(row, &st.SurveyID, &st.Target, &st.RequestHash, &st.Report)
	if err != nil {
		return nil, err
	}
	st.Upload = *u
	return &st, nil
}

// SurveyUploads returns the stored uploads of a survey, oldest first.
func (s *Store) SurveyUploads(ctx context.Context, surveyID string) ([]*data.StoredUpload, error) {
	if _, err := s.GetSurvey(ctx, surveyID); err != nil {
		return nil, err
	}
	rows, err := s.q.Query(ctx, sqlSurveyFiles, surveyID)
	if err != nil {
		return nil, mapError("survey uploads", err)
	}
	defer rows.Close()
	var out []*data.StoredUpload
	for rows.Next() {
		st, err := scanStored(rows)
		if err != nil {
			return nil, mapError("survey uploads", err)
		}
		out = append(out, st)
	}
	return out, mapError("survey uploads", rows.Err())
}

// StoredUpload returns one stored upload with its answer.
func (s *Store) StoredUpload(ctx context.Context, uploadID string) (*data.StoredUpload, error) {
	return getOne(ctx, s, "upload", scanStored, sqlStoredByID, uploadID)
}

// UploadByKey returns the upload stored under an idempotency key.
func (s *Store) UploadByKey(ctx context.Context, key string) (*data.StoredUpload, error) {
	st, err := scanStored(s.q.QueryRow(ctx, sqlStoredByKey, key))
	if errNoRows(err) {
		return nil, data.NotFound("upload with idempotency key", key)
	}
	return st, mapError("upload by key", err)
}

// UploadFeatures returns the records of a survey upload in file order.
func (s *Store) UploadFeatures(ctx context.Context, uploadID string, limit, offset int) ([]*data.SurveyFeature, error) {
	if !data.ValidID(uploadID) {
		return nil, data.NotFound("upload", uploadID)
	}
	limit, offset = data.Query{Limit: limit, Offset: offset}.Clamp()
	rows, err := s.q.Query(ctx, sqlFeatures, uploadID, limit, offset)
	if err != nil {
		return nil, mapError("upload features", err)
	}
	defer rows.Close()
	var out []*data.SurveyFeature
	for rows.Next() {
		f, err := scanFeature(rows)
		if err != nil {
			return nil, mapError("upload features", err)
		}
		out = append(out, f)
	}
	return out, mapError("upload features", rows.Err())
}

func scanFeature(row pgx.Row) (*data.SurveyFeature, error) {
	var f data.SurveyFeature
	var g, src []byte
	var z []*float64
	var times []*time.Time
	if err := row.Scan(&f.UploadID, &f.Index, &f.Row, &f.Layer, &g, &src, &f.SourceCRS, &f.Datum, &z, &times,
		&f.Attrs); err != nil {
		return nil, err
	}
	var err error
	if f.Geometry, err = decodeEWKB(g); err != nil {
		return nil, geomScanErr("geometry", err)
	}
	if f.Source, err = decodeAnyEWKB(src); err != nil {
		return nil, geomScanErr("source", err)
	}
	for _, v := range z {
		f.Z = append(f.Z, derefOr(v, nan()))
	}
	for _, t := range times {
		f.Times = append(f.Times, derefOr(t, time.Time{}).UTC())
	}
	return &f, nil
}

// RawFile writes the raw bytes of an upload to w.
func (s *Store) RawFile(ctx context.Context, uploadID string, w io.Writer) error {
	if !data.ValidID(uploadID) {
		return data.NotFound("upload", uploadID)
	}
	return s.atomic(ctx, func(t *Store) error {
		var oid uint32
		err := t.q.QueryRow(ctx, sqlRawOID, uploadID).Scan(&oid)
		if errNoRows(err) {
			return data.NotFound("upload", uploadID)
		}
		if err != nil {
			return mapError("raw file", err)
		}
		los := t.tx.LargeObjects()
		lo, err := los.Open(ctx, oid, pgx.LargeObjectModeRead)
		if err != nil {
			return mapError("raw file", err)
		}
		defer lo.Close()
		_, err = io.CopyBuffer(w, lo, make([]byte, 1<<20))
		return mapError("raw file", err)
	})
}
