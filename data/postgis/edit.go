package postgis

import (
	"context"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	orbewkb "github.com/paulmach/orb/encoding/ewkb"

	"github.com/toponym/toponym/data"
)

const (
	sqlDeletePlace = `DELETE FROM named_place WHERE id = $1::uuid AND ($2::timestamptz IS NULL OR updated = $2)`
	sqlUpdateSign  = `UPDATE sign SET (place_id, listing_id, kind, position, text, spec, installed, status, history,
	updated) = (nullif($2::text, '')::uuid, nullif($3::text, '')::uuid, $4, ST_GeomFromEWKB($5), $6, $7, $8::date, $9,
	$10::jsonb, now())
WHERE id = $1::uuid
RETURNING updated`
	sqlDeleteSign = `DELETE FROM sign WHERE id = $1::uuid AND ($2::timestamptz IS NULL OR updated = $2)`
)

// sqlUpdateSignIf is sqlUpdateSign under a data.IfUpdated precondition ($11, NULL
// for none).
var sqlUpdateSignIf = unchanged(sqlUpdateSign, 11)

var _ data.FeatureEditor = (*Store)(nil)

// DeletePlace removes a place and its names. A place that signs or
// protection listings refer to cannot be deleted (KindConflict).
func (s *Store) DeletePlace(ctx context.Context, id string) error {
	return s.deleteOne(ctx, "named_place", "place", sqlDeletePlace, id)
}

// DeleteSign removes a sign.
func (s *Store) DeleteSign(ctx context.Context, id string) error {
	return s.deleteOne(ctx, "sign", "sign", sqlDeleteSign, id)
}

func (s *Store) deleteOne(ctx context.Context, table, what, sql, id string) error {
	if !data.ValidID(id) {
		return data.NotFound(what, id)
	}
	return s.write(ctx, func(t *Store) error { return t.deleteRow(ctx, table, what, sql, id) })
}

// deleteRow runs deleteOne's statement; a foreign key that refuses it is
// a conflict.
func (s *Store) deleteRow(ctx context.Context, table, what, sql, id string) error {
	tag, err := s.q.Exec(ctx, sql, id, preconditionArg(ctx))
	if err != nil {
		e := mapError("delete "+what, err)
		if de := data.AsError(e); de != nil && de.Kind == data.KindInvalid && de.Field != "" {
			// A foreign key from another record: the delete clashes with it.
			c := *de
			c.Kind, c.Field = data.KindConflict, "id"
			c.Message = fmt.Sprintf("the %s is referred to by other records and cannot be deleted", what)
			return &c
		}
		return e
	}
	if tag.RowsAffected() == 0 {
		return s.missedWrite(ctx, table, what, id)
	}
	return nil
}

// UpdateSign replaces a stored sign.
func (s *Store) UpdateSign(ctx context.Context, sg *data.Sign) error {
	if !data.ValidID(sg.ID) {
		return data.NotFound("sign", sg.ID)
	}
	if err := sg.Validate(); err != nil {
		return err
	}
	position, err := geomArg("position", sg.Position)
	if err != nil {
		return err
	}
	history, err := rowsArg(sg.History, newSignStatusJSON)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlUpdateSignIf, sg.ID, sg.PlaceID, sg.ListingID, sg.Kind, position, sg.Text,
			sg.Spec, dateArg(sg.Installed), nullStr(sg.Status), history, preconditionArg(ctx)).Scan(&sg.Updated)
		if errNoRows(err) {
			return t.missedWrite(ctx, "sign", "sign", sg.ID)
		}
		sg.Updated = sg.Updated.UTC()
		return mapError("update sign", err)
	})
}

// decodeAnyEWKB reads EWKB of any SRID (source geometries keep the SRID
// they came in).
func decodeAnyEWKB(b []byte) (orb.Geometry, error) {
	if b == nil {
		return nil, nil
	}
	g, _, err := orbewkb.Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("postgis: decode EWKB: %w", err)
	}
	return g, nil
}

func derefOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func nan() float64 { return math.NaN() }
