package postgis_test

import (
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/storetest"
)

// sqlVariants is migration 0009's SQL for the deletion variants of a key:
// an oracle written apart from gazetteer.Variants.
const sqlVariants = `ARRAY[py_key] || CASE WHEN length(py_key) < 4 THEN '{}'::text[] ELSE ARRAY(
	SELECT DISTINCT overlay(py_key PLACING '' FROM i FOR 1) FROM generate_series(1, length(py_key)) i) END`

// pinyinKeys returns pinyin_key's rows: each key with its variants sorted,
// and the same from migration 0009's SQL.
func pinyinKeys(t *testing.T, pool *pgxpool.Pool) (stored, oracle map[string][]string) {
	t.Helper()
	rows, err := pool.Query(t.Context(), `SELECT py_key, del_keys, `+sqlVariants+` FROM pinyin_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	stored, oracle = map[string][]string{}, map[string][]string{}
	for rows.Next() {
		var k string
		var dels, sql []string
		if err := rows.Scan(&k, &dels, &sql); err != nil {
			t.Fatal(err)
		}
		slices.Sort(dels)
		slices.Sort(sql)
		stored[k], oracle[k] = dels, sql
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return stored, oracle
}

// nameKeys returns the distinct non-empty pinyin keys of place_name_key.
func nameKeys(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(t.Context(), `SELECT DISTINCT py_key FROM place_name_key WHERE py_key <> '' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return keys
}

// TestPinyinKeysOfEveryWriter: the per-place writer, the bulk import and
// ReindexNames store every distinct pinyin key of the names once in
// pinyin_key, with the variants gazetteer.Variants makes, which migration
// 0009's SQL makes too; the typo search finds names through them.
func TestPinyinKeysOfEveryWriter(t *testing.T) {
	s, pool := importStore(t)
	ctx := t.Context()
	created := storetest.Place("洪安镇", "Hong'an Zhen", 109.2, 28.46)
	again := storetest.Place("洪安镇", "Hong'an Zhen", 109.3, 28.47) // the same keys
	short := storetest.Place("溪", "Xi", 109.1, 28.4)              // a key of fewer than 4 letters
	imported := []*data.NamedPlace{storetest.Place("茶洞村", "Chadong Cun", 109.0, 28.5),
		storetest.Place("边城", "Biancheng", 109.05, 28.45), storetest.Place("洪安镇", "Hong'an Zhen", 109.4, 28.48),
		storetest.Place("茶洞村", "Chadong Cun", 109.01, 28.51)} // keys stored, keys of this import again
	for _, p := range imported {
		p.Review, p.ReviewedBy, p.ReviewedAt = "", "", time.Time{}
		p.Names[0].Approval = nil
	}
	for _, p := range []*data.NamedPlace{created, again, short} {
		if err := s.CreatePlace(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	held := *postgis.PinyinKeysHeld
	*postgis.PinyinKeysHeld = 2 // spilled twice or more, some keys in two spills
	t.Cleanup(func() { *postgis.PinyinKeysHeld = held })
	if err := importPlaces(ctx, s, imported...); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		stored, oracle := pinyinKeys(t, pool)
		keys := nameKeys(t, pool)
		if len(stored) != len(keys) {
			t.Errorf("%s: pinyin_key holds %d keys, the names have %d distinct", when, len(stored), len(keys))
		}
		for _, k := range keys {
			want := gazetteer.Variants(k)
			slices.Sort(want)
			if !slices.Equal(stored[k], want) || !slices.Equal(oracle[k], want) {
				t.Errorf("%s: key %q has variants %v (SQL %v), want %v", when, k, stored[k], oracle[k], want)
			}
		}
	}
	check("written")
	if _, err := pool.Exec(ctx, `DELETE FROM pinyin_key WHERE py_key LIKE 'c%' OR py_key LIKE 'h%'`); err != nil {
		t.Fatal(err)
	}
	if n, err := s.ReindexNames(ctx); err != nil || n != 0 {
		t.Fatalf("ReindexNames = %d, %v; want 0 names (all have keys), nil", n, err)
	}
	check("reindexed")
	page, err := s.Search(ctx, data.SearchQuery{Text: "cahdongcun", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 2 || page.Items[0].Match != data.MatchFuzzy || page.Items[1].Match != data.MatchFuzzy {
		t.Errorf("search for a typo of chadongcun: %+v, want the two imported 茶洞村 as fuzzy matches", page.Items)
	}
}
