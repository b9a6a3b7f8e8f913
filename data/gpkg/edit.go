package gpkg

import (
	"context"
	"time"

	"github.com/toponym/toponym/data"
)

var _ data.FeatureEditor = (*Store)(nil)

// DeletePlace removes a place with its names, search keys and review
// trail. A place that signs or protection listings refer to cannot be
// deleted (KindConflict).
func (s *Store) DeletePlace(ctx context.Context, id string) error {
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "places", id); err != nil || !ok {
			return firstErr(err, data.NotFound("place", id))
		}
		if err := t.unchanged(ctx, "places", id); err != nil {
			return err
		}
		for _, ref := range []string{"signs", "protection_listings"} {
			var one int
			err := t.queryRow(ctx, "SELECT 1 FROM "+ref+" WHERE place_id = ? LIMIT 1", id).Scan(&one)
			if err == nil {
				return conflictf("id", id, "the place is referred to by other records and cannot be deleted")
			}
			if !isNoRows(err) {
				return mapError("delete place", err)
			}
		}
		_, err := t.exec(ctx, "DELETE FROM places WHERE id = ?", id)
		return mapError("delete place", err)
	})
}

// DeleteSign removes a sign.
func (s *Store) DeleteSign(ctx context.Context, id string) error {
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "signs", id); err != nil || !ok {
			return firstErr(err, data.NotFound("sign", id))
		}
		if err := t.unchanged(ctx, "signs", id); err != nil {
			return err
		}
		res, err := t.exec(ctx, "DELETE FROM signs WHERE id = ?", id)
		if err != nil {
			return mapError("delete sign", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return firstErr(mapError("delete sign", err), data.NotFound("sign", id))
		}
		return nil
	})
}

// UpdateSign replaces a stored sign; its place and listing, when given,
// must exist (KindInvalid).
func (s *Store) UpdateSign(ctx context.Context, sg *data.Sign) error {
	if err := sg.Validate(); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "signs", sg.ID); err != nil || !ok {
			return firstErr(err, data.NotFound("sign", sg.ID))
		}
		if err := t.unchanged(ctx, "signs", sg.ID); err != nil {
			return err
		}
		return t.writeSign(ctx, sg, `UPDATE signs SET place_id = ?2, listing_id = ?3, kind = ?4, geom = ?5, text = ?6,
			spec = ?7, installed = ?8, status = ?9, history = ?10, updated = ?11 WHERE id = ?1`, "update sign")
	})
}

// unchanged applies a data.IfUpdated precondition on ctx to the record id
// of table, in the write's transaction: it began IMMEDIATE (tx.go), so no
// other connection or process writes between the check and the write.
func (t *Store) unchanged(ctx context.Context, table, id string) error {
	want, ok := data.UpdatedPrecondition(ctx)
	if !ok {
		return nil
	}
	var updated time.Time
	if err := t.queryRow(ctx, "SELECT updated FROM "+table+" WHERE id = ?", id).Scan(timeCol{&updated}); err != nil {
		return mapError("read "+table, err)
	}
	if timeVal(updated) != timeVal(want) { // both to the millisecond, as stored
		return data.ErrChanged
	}
	return nil
}
