package gpkg

import (
	"context"

	"github.com/toponym/toponym/data"
)

const uploadCols = `id, team, device, method, crs, accuracy_m, file_name, media_type, sha256, size, status,
	idempotency_key, created`

// CreateSurveyUpload records an uploaded survey file. A non-empty
// idempotency key names at most one upload (KindConflict).
func (s *Store) CreateSurveyUpload(ctx context.Context, u *data.SurveyUpload) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&u.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "survey_uploads", u.ID); err != nil || ok {
			return firstErr(err, conflictf("id", u.ID, "a survey upload with ID %s already exists", u.ID))
		}
		created := now()
		_, err := t.exec(ctx, `INSERT INTO survey_uploads (`+uploadCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			u.ID, u.Team, u.Device, u.Method, u.CRS, u.AccuracyM, u.FileName, u.MediaType, u.SHA256, u.Size, u.Status,
			strVal(u.IdempotencyKey), timeVal(created))
		if data.KindOf(mapError("", err)) == data.KindConflict {
			return conflictf("idempotency_key", u.IdempotencyKey, "an upload with this idempotency key already exists")
		}
		if err != nil {
			return mapError("create survey upload", err)
		}
		u.Created = created
		return nil
	})
}

// GetSurveyUpload returns one upload.
func (s *Store) GetSurveyUpload(ctx context.Context, id string) (*data.SurveyUpload, error) {
	u := &data.SurveyUpload{}
	err := s.queryRow(ctx, "SELECT "+uploadCols+" FROM survey_uploads WHERE id = ?", id).Scan(&u.ID, &u.Team,
		&u.Device, &u.Method, &u.CRS, &u.AccuracyM, &u.FileName, &u.MediaType, &u.SHA256, &u.Size, &u.Status,
		strCol{&u.IdempotencyKey}, timeCol{&u.Created})
	if err != nil {
		return nil, notFound(err, "survey upload", id)
	}
	return u, nil
}
