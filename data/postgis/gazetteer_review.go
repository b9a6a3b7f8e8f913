package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
)

const (
	sqlLockPlace     = `SELECT review FROM named_place WHERE id = $1::uuid FOR UPDATE`
	sqlInsertReview  = `INSERT INTO place_review (place_id, from_status, to_status, by_whom, at, note) VALUES ($1::uuid, $2, $3, $4, $5, $6)`
	sqlReviewHistory = `SELECT place_id::text, from_status, to_status, by_whom, at, note FROM place_review
WHERE place_id = $1::uuid ORDER BY at, id`
)

// SetReview moves a place along the review workflow and records the step;
// see data.Gazetteer.
func (s *Store) SetReview(ctx context.Context, c data.ReviewChange) (*data.NamedPlace, error) {
	if !data.ValidID(c.PlaceID) {
		return nil, data.NotFound("place", c.PlaceID)
	}
	var out *data.NamedPlace
	err := s.atomic(ctx, func(t *Store) error {
		var status string
		err := t.q.QueryRow(ctx, sqlLockPlace, c.PlaceID).Scan(&status)
		if errNoRows(err) {
			return data.NotFound("place", c.PlaceID)
		}
		if err != nil {
			return mapError("set review", err)
		}
		p, err := t.GetPlace(ctx, c.PlaceID)
		if err != nil {
			return err
		}
		if err := data.CheckReviewTransition(p.Review, c, p.ReviewedBy); err != nil {
			return err
		}
		c.From = p.Review
		data.ApplyReview(p, c)
		if err := t.UpdatePlace(ctx, p); err != nil {
			return err
		}
		if _, err := t.q.Exec(ctx, sqlInsertReview, c.PlaceID, string(c.From), string(c.To), c.By, c.At.UTC(),
			c.Note); err != nil {
			return mapError("set review", err)
		}
		out = p
		return nil
	})
	return out, err
}

// ReviewHistory returns the review steps of a place, oldest first.
func (s *Store) ReviewHistory(ctx context.Context, placeID string) ([]data.ReviewChange, error) {
	if !data.ValidID(placeID) {
		return nil, nil
	}
	return collect(ctx, s, "review history", func(r pgx.Row, _ ...any) (data.ReviewChange, error) {
		var c data.ReviewChange
		var at time.Time
		err := r.Scan(&c.PlaceID, &c.From, &c.To, &c.By, &at, &c.Note)
		c.At = at.UTC()
		return c, err
	}, sqlReviewHistory, placeID)
}
