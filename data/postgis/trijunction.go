package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const (
	triCols = `id::text, name, coalesce(line_1::text, ''), coalesce(line_2::text, ''), coalesce(line_3::text, ''),
	coalesce(unit_1::text, ''), coalesce(unit_2::text, ''), coalesce(unit_3::text, ''), ST_AsEWKB(agreed), sigma_m,
	coalesce(marker_id::text, ''), updated`
	sqlInsertTri = `INSERT INTO tri_junction (id, name, line_1, line_2, line_3, unit_1, unit_2, unit_3, agreed, sigma_m,
	marker_id, updated)
VALUES ($1::uuid, $2, nullif($3::text, '')::uuid, nullif($4::text, '')::uuid, nullif($5::text, '')::uuid,
	nullif($6::text, '')::uuid, nullif($7::text, '')::uuid, nullif($8::text, '')::uuid, ST_GeomFromEWKB($9), $10,
	nullif($11::text, '')::uuid, now())
RETURNING updated`
	sqlListTri  = `SELECT ` + triCols + `, count(*) OVER () FROM tri_junction`
	sqlCountTri = `SELECT count(*) FROM tri_junction`
	colTriPoint = `agreed`
)

func scanTri(row pgx.Row, extra ...any) (*data.TriJunction, error) {
	var t data.TriJunction
	var agreed []byte
	dest := []any{&t.ID, &t.Name, &t.LineIDs[0], &t.LineIDs[1], &t.LineIDs[2], &t.UnitIDs[0], &t.UnitIDs[1],
		&t.UnitIDs[2], &agreed, &t.SigmaM, &t.MarkerID, &t.Updated}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	t.Updated = t.Updated.UTC()
	var err error
	if t.Agreed, err = decodeAs[orb.Point](agreed, "agreed"); err != nil {
		return nil, geomScanErr("agreed", err)
	}
	return &t, nil
}

// CreateTriJunction stores a tri-junction.
func (s *Store) CreateTriJunction(ctx context.Context, t *data.TriJunction) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&t.ID); err != nil {
		return err
	}
	agreed, err := geomArg("agreed", t.Agreed)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Store) error {
		err := tx.q.QueryRow(ctx, sqlInsertTri, t.ID, t.Name, t.LineIDs[0], t.LineIDs[1], t.LineIDs[2],
			t.UnitIDs[0], t.UnitIDs[1], t.UnitIDs[2], agreed, t.SigmaM, t.MarkerID).Scan(&t.Updated)
		return mapError("create tri-junction", err)
	})
}

// ListTriJunctions lists tri-junctions by bbox (they carry no validity).
func (s *Store) ListTriJunctions(ctx context.Context, q data.Query) (data.Page[*data.TriJunction], error) {
	var f filter
	if err := f.bbox(colTriPoint, q); err != nil {
		return data.Page[*data.TriJunction]{}, err
	}
	return list(ctx, s, listSpec[*data.TriJunction]{sqlListTri, sqlCountTri, scanTri}, &f, q)
}
