package postgis

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

var _ data.Gazetteer = (*Store)(nil)

const (
	sqlInsertNameKey = `INSERT INTO place_name_key (name_id, place_id, ord, status, text, valid, py_key, ini_key, hz_key)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, daterange($6::date, $7::date, '[)'), $8, $9, $10)`
	// The distinct pinyin keys with their deletion variants (migration
	// 0009), $1 the keys and $2 each key's variants joined by commas (keys
	// are [a-z0-9]+). Keys stored already are left as they are.
	sqlInsertPinyinKeys = `INSERT INTO pinyin_key (py_key, del_keys)
SELECT k, string_to_array(v, ',') FROM unnest($1::text[], $2::text[]) AS t(k, v)
ORDER BY k
ON CONFLICT (py_key) DO NOTHING`
	// The keys of names that pinyin_key lacks: none, unless names were
	// written around the store.
	sqlMissingPinyinKeys = `SELECT DISTINCT k.py_key FROM place_name_key k
WHERE k.py_key <> '' AND NOT EXISTS (SELECT 1 FROM pinyin_key d WHERE d.py_key = k.py_key)`
	// Names without keys: stored before migration 0003.
	sqlNamesWithoutKeys = `SELECT n.place_id::text, n.ord, ` + nameCols + ` FROM place_name n
WHERE NOT EXISTS (SELECT 1 FROM place_name_key k WHERE k.name_id = n.id) ORDER BY n.place_id, n.ord LIMIT 1000`
)

// writeNameKeys stores the search keys of every name of p. The names were
// just inserted; the keys of the names they replaced went with them.
func (s *Store) writeNameKeys(ctx context.Context, p *data.NamedPlace) error {
	keys := make([]string, 0, len(p.Names))
	for i, n := range p.Names {
		k, err := s.insertNameKey(ctx, p.ID, i, n)
		if err != nil {
			return err
		}
		keys = append(keys, k)
	}
	return s.insertPinyinKeys(ctx, keys)
}

// insertNameKey stores the search keys of one name and returns its pinyin
// key, which insertPinyinKeys must then store.
func (s *Store) insertNameKey(ctx context.Context, placeID string, ord int, n data.Name) (string, error) {
	k := gazetteer.NameKeys(n)
	_, err := s.q.Exec(ctx, sqlInsertNameKey, n.ID, placeID, ord, string(n.Status), n.Text,
		dateArg(n.Valid.From), dateArg(n.Valid.To), k.Pinyin, k.Initials, k.Hanzi)
	return k.Pinyin, mapError("place name keys", err)
}

// insertPinyinKeys adds pinyin keys (duplicates and empty keys allowed)
// with their deletion variants to pinyin_key, unless stored already.
func (s *Store) insertPinyinKeys(ctx context.Context, keys []string) error {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if len(keys) > 0 && keys[0] == "" {
		keys = keys[1:]
	}
	if len(keys) == 0 {
		return nil
	}
	variants := make([]string, len(keys))
	for i, k := range keys {
		variants[i] = strings.Join(gazetteer.Variants(k), ",")
	}
	_, err := s.q.Exec(ctx, sqlInsertPinyinKeys, keys, variants)
	return mapError("pinyin keys", err)
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
			if err == nil {
				err = s.addMissingPinyinKeys(ctx)
			}
			return total, err
		}
	}
}

// addMissingPinyinKeys adds to pinyin_key the keys of names it lacks
// (names whose keys were written around the store, by SQL of one's own).
func (s *Store) addMissingPinyinKeys(ctx context.Context) error {
	keys, err := collect(ctx, s, "reindex pinyin keys", func(r pgx.Row, _ ...any) (string, error) {
		var k string
		return k, r.Scan(&k)
	}, sqlMissingPinyinKeys)
	if err != nil {
		return err
	}
	for len(keys) > 0 {
		n := min(len(keys), 10_000)
		if err := s.insertPinyinKeys(ctx, keys[:n]); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
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
		keys := make([]string, 0, len(rows))
		for _, r := range rows {
			k, err := t.insertNameKey(ctx, r.placeID, r.ord, *r.name)
			if err != nil {
				return err
			}
			keys = append(keys, k)
		}
		return t.insertPinyinKeys(ctx, keys)
	})
	return len(rows), err
}

// dayOf returns the civil date of t as a date argument.
func dayOf(t time.Time) time.Time { return data.Date(t.Year(), t.Month(), t.Day()) }
