package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

var _ data.Gazetteer = (*Store)(nil)

const (
	sqlInsertNameKey = `INSERT INTO place_name_key (name_id, place_id, ord, status, text, valid, py_key, ini_key, hz_key,
	del_keys)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, daterange($6::date, $7::date, '[)'), $8, $9, $10, $11::text[])`
	// Names without keys: stored before migration 0003.
	sqlNamesWithoutKeys = `SELECT n.place_id::text, n.ord, ` + nameCols + ` FROM place_name n
WHERE NOT EXISTS (SELECT 1 FROM place_name_key k WHERE k.name_id = n.id) ORDER BY n.place_id, n.ord LIMIT 1000`
)

// writeNameKeys stores the search keys of every name of p. The names were
// just inserted; the keys of the names they replaced went with them.
func (s *Store) writeNameKeys(ctx context.Context, p *data.NamedPlace) error {
	for i, n := range p.Names {
		if err := s.insertNameKey(ctx, p.ID, i, n); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) insertNameKey(ctx context.Context, placeID string, ord int, n data.Name) error {
	k := gazetteer.NameKeys(n)
	_, err := s.q.Exec(ctx, sqlInsertNameKey, n.ID, placeID, ord, string(n.Status), n.Text,
		dateArg(n.Valid.From), dateArg(n.Valid.To), k.Pinyin, k.Initials, k.Hanzi, gazetteer.Variants(k.Pinyin))
	return mapError("place name keys", err)
}

// ReindexNames writes the search keys of names that have none (names
// stored before migration 0003) and returns how many it wrote. Run it once
// after migrating; it is harmless to run again.
func (s *Store) ReindexNames(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := s.reindexBatch(ctx)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

func (s *Store) reindexBatch(ctx context.Context) (int, error) {
	type row struct {
		placeID string
		ord     int
		name    *data.Name
	}
	rows, err := collect(ctx, s, "reindex names", func(r pgx.Row, _ ...any) (row, error) {
		var x row
		n, err := scanName(r, &x.placeID, &x.ord)
		x.name = n
		return x, err
	}, sqlNamesWithoutKeys)
	if err != nil {
		return 0, err
	}
	err = s.atomic(ctx, func(t *Store) error {
		for _, r := range rows {
			if err := t.insertNameKey(ctx, r.placeID, r.ord, *r.name); err != nil {
				return err
			}
		}
		return nil
	})
	return len(rows), err
}

// dayOf returns the civil date of t as a date argument.
func dayOf(t time.Time) time.Time { return data.Date(t.Year(), t.Month(), t.Day()) }
