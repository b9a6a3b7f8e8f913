package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// CreateProtectionListing lists a place on a protection list. A place is
// listed once per batch (KindConflict); the place must exist (KindInvalid).
func (s *Store) CreateProtectionListing(ctx context.Context, l *data.ProtectionListing) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&l.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "protection_listings", l.ID); err != nil || ok {
			return firstErr(err, conflictf("id", l.ID, "a protection listing with ID %s already exists", l.ID))
		}
		if err := t.mustExist(ctx, "place_id", "place", "places", "id", l.PlaceID); err != nil {
			return err
		}
		_, err := t.exec(ctx, `INSERT INTO protection_listings (id, place_id, batch, category, period, listed,
			authority, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, l.ID, l.PlaceID, l.Batch, l.Category, l.Period,
			dayVal(l.Listed), l.Authority, l.Document)
		if data.KindOf(mapError("", err)) == data.KindConflict {
			return conflictf("batch", l.Batch, "place %s is already listed in batch %q", l.PlaceID, l.Batch)
		}
		return mapError("create protection listing", err)
	})
}

const signCols = `id, place_id, listing_id, kind, geom, text, spec, installed, status, history, updated`

func scanSign(r scanner) (*data.Sign, error) {
	sg := &data.Sign{}
	var g orb.Geometry
	err := r.Scan(&sg.ID, strCol{&sg.PlaceID}, strCol{&sg.ListingID}, &sg.Kind, geomCol{&g}, &sg.Text, &sg.Spec,
		dateCol{&sg.Installed}, strCol{&sg.Status}, jsonCol{&sg.History}, timeCol{&sg.Updated})
	sg.Position, _ = asPoint(g)
	return sg, err
}

// CreateSign stores a place-name sign; its place and listing, when given,
// must exist (KindInvalid).
func (s *Store) CreateSign(ctx context.Context, sg *data.Sign) error {
	if err := sg.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&sg.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "signs", sg.ID); err != nil || ok {
			return firstErr(err, conflictf("id", sg.ID, "a sign with ID %s already exists", sg.ID))
		}
		return t.writeSign(ctx, sg, `INSERT INTO signs (`+signCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			"create sign")
	})
}

// writeSign runs stmt, an INSERT or UPDATE whose parameters 1–11 are the
// columns of signCols in order, for sg, once its place and listing, when
// given, are found to exist; it sets sg.Updated.
func (t *Store) writeSign(ctx context.Context, sg *data.Sign, stmt, what string) error {
	if err := firstErr(t.mustExist(ctx, "place_id", "place", "places", "id", sg.PlaceID),
		t.mustExist(ctx, "listing_id", "protection listing", "protection_listings", "id", sg.ListingID)); err != nil {
		return err
	}
	geom, err := geomVal("position", sg.Position)
	if err != nil {
		return err
	}
	history, err := jsonVal(sg.History)
	if err != nil {
		return err
	}
	updated := now()
	if _, err := t.exec(ctx, stmt, sg.ID, strVal(sg.PlaceID), strVal(sg.ListingID), sg.Kind, geom, sg.Text, sg.Spec,
		dayVal(sg.Installed), strVal(sg.Status), history, timeVal(updated)); err != nil {
		return mapError(what, err)
	}
	sg.Updated = updated
	return nil
}

// GetSign returns one sign.
func (s *Store) GetSign(ctx context.Context, id string) (*data.Sign, error) {
	sg, err := scanSign(s.queryRow(ctx, "SELECT "+signCols+" FROM signs WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "sign", id)
	}
	return sg, nil
}

// ListSigns lists signs by bbox.
func (s *Store) ListSigns(ctx context.Context, q data.Query) (data.Page[*data.Sign], error) {
	spec := listSpec{table: "signs", columns: signCols, geom: true}
	return listPage(ctx, s, spec, q, &where{}, scanSign, nil)
}
