package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const (
	sqlInsertListing = `INSERT INTO protection_listing (id, place_id, batch, category, period, listed, authority, document)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::date, $7, $8)`

	signCols = `id::text, coalesce(place_id::text, ''), coalesce(listing_id::text, ''), kind, ST_AsEWKB(position), text,
	spec, installed, coalesce(status, ''), history, updated`
	sqlInsertSign = `INSERT INTO sign (id, place_id, listing_id, kind, position, text, spec, installed, status, history, updated)
VALUES ($1::uuid, nullif($2::text, '')::uuid, nullif($3::text, '')::uuid, $4, ST_GeomFromEWKB($5), $6, $7, $8::date, $9,
	$10::jsonb, now())
RETURNING updated`
	sqlGetSign      = `SELECT ` + signCols + ` FROM sign WHERE id = $1::uuid`
	sqlListSigns    = `SELECT ` + signCols + `, count(*) OVER () FROM sign`
	sqlCountSigns   = `SELECT count(*) FROM sign`
	colSignPosition = `position`
)

// CreateProtectionListing stores a place's listing on a protection list.
func (s *Store) CreateProtectionListing(ctx context.Context, l *data.ProtectionListing) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&l.ID); err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		_, err := t.q.Exec(ctx, sqlInsertListing, l.ID, l.PlaceID, l.Batch, l.Category, l.Period, dateArg(l.Listed),
			l.Authority, l.Document)
		return mapError("create protection listing", err)
	})
}

func scanSign(row pgx.Row, extra ...any) (*data.Sign, error) {
	var sg data.Sign
	var position, history []byte
	var installed *time.Time
	dest := []any{&sg.ID, &sg.PlaceID, &sg.ListingID, &sg.Kind, &position, &sg.Text, &sg.Spec, &installed,
		&sg.Status, &history, &sg.Updated}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	sg.Installed, sg.Updated = ptrTime(installed), sg.Updated.UTC()
	var err error
	if sg.History, err = scanRows(history, signStatusJSON.domain); err != nil {
		return nil, err
	}
	if sg.Position, err = decodeAs[orb.Point](position, "position"); err != nil {
		return nil, geomScanErr("position", err)
	}
	return &sg, nil
}

// CreateSign stores a place-name sign.
func (s *Store) CreateSign(ctx context.Context, sg *data.Sign) error {
	if err := sg.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&sg.ID); err != nil {
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
		err := t.q.QueryRow(ctx, sqlInsertSign, sg.ID, sg.PlaceID, sg.ListingID, sg.Kind, position, sg.Text, sg.Spec,
			dateArg(sg.Installed), nullStr(sg.Status), history).Scan(&sg.Updated)
		return mapError("create sign", err)
	})
}

// GetSign returns one sign by ID.
func (s *Store) GetSign(ctx context.Context, id string) (*data.Sign, error) {
	return getOne(ctx, s, "sign", scanSign, sqlGetSign, id)
}

// ListSigns lists signs by bbox (they carry no validity).
func (s *Store) ListSigns(ctx context.Context, q data.Query) (data.Page[*data.Sign], error) {
	var f filter
	if err := f.bbox(colSignPosition, q); err != nil {
		return data.Page[*data.Sign]{}, err
	}
	return list(ctx, s, listSpec[*data.Sign]{sqlListSigns, sqlCountSigns, scanSign}, &f, q)
}
