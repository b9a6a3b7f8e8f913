package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
)

const (
	uploadCols = `id::text, team, device, method, crs, accuracy_m, file_name, media_type, sha256, size, status,
	idempotency_key, created`
	sqlInsertUpload = `INSERT INTO survey_upload (id, team, device, method, crs, accuracy_m, file_name, media_type,
	sha256, size, status, idempotency_key, created)
VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
RETURNING created`
	sqlGetUpload = `SELECT ` + uploadCols + ` FROM survey_upload WHERE id = $1::uuid`
)

func scanUpload(row pgx.Row, extra ...any) (*data.SurveyUpload, error) {
	var u data.SurveyUpload
	dest := []any{&u.ID, &u.Team, &u.Device, &u.Method, &u.CRS, &u.AccuracyM, &u.FileName, &u.MediaType,
		&u.SHA256, &u.Size, &u.Status, &u.IdempotencyKey, &u.Created}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	u.Created = u.Created.UTC()
	return &u, nil
}

// CreateSurveyUpload records an uploaded file. An empty status is stored as
// received; a repeated non-empty idempotency key is a conflict.
func (s *Store) CreateSurveyUpload(ctx context.Context, u *data.SurveyUpload) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&u.ID); err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlInsertUpload, u.ID, u.Team, u.Device, u.Method, u.CRS, u.AccuracyM,
			u.FileName, u.MediaType, u.SHA256, u.Size, u.Status, u.IdempotencyKey).Scan(&u.Created)
		return mapError("create survey upload", err)
	})
}

// GetSurveyUpload returns one upload record by ID.
func (s *Store) GetSurveyUpload(ctx context.Context, id string) (*data.SurveyUpload, error) {
	return getOne(ctx, s, "survey upload", scanUpload, sqlGetUpload, id)
}
