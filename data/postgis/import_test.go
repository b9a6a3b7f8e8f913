package postgis_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
)

// importStore returns a store and a pool on one fresh database.
func importStore(t *testing.T) (*postgis.Store, *pgxpool.Pool) {
	t.Helper()
	u := pgtest.URL(t)
	s, err := postgis.Open(t.Context(), postgis.Config{URL: u, MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	pool, err := pgxpool.New(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return s, pool
}

var importSeq int

// importPlaces imports places in one upload.
func importPlaces(ctx context.Context, s *postgis.Store, places ...*data.NamedPlace) error {
	importSeq++
	raw := []byte("name\n")
	u := storetest.Upload(fmt.Sprintf("import-test-%d.csv", importSeq))
	u.Size, u.Status = int64(len(raw)), ""
	_, err := s.Import(ctx, &data.Import{Upload: u, Target: data.TargetPlaces,
		RequestHash: storetest.Digest(u.FileName),
		Places: func() (*data.NamedPlace, error) {
			if len(places) == 0 {
				return nil, io.EOF
			}
			p := places[0]
			places = places[1:]
			return p, nil
		},
		Raw:    func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil },
		Report: func(stored int) ([]byte, error) { return fmt.Appendf(nil, `{"stored": %d}`, stored), nil }})
	return err
}

// keyRows returns the search-key rows of a place's names, without IDs.
func keyRows(t *testing.T, pool *pgxpool.Pool, placeID string) [][]any {
	t.Helper()
	rows, err := pool.Query(t.Context(), `SELECT ord, status, text, valid::text, py_key, ini_key, hz_key, d.del_keys
FROM place_name_key LEFT JOIN pinyin_key d USING (py_key) WHERE place_id = $1::uuid ORDER BY ord`, placeID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImportWritesTheKeysCreateWrites: an imported place's search keys,
// typo variants included, are the ones CreatePlace writes for it.
func TestImportWritesTheKeysCreateWrites(t *testing.T) {
	s, pool := importStore(t)
	ctx := t.Context()
	created := storetest.Place("洪安镇", "Hong'an Zhen", 109.2, 28.46)
	imported := storetest.Place("洪安镇", "Hong'an Zhen", 109.2, 28.46)
	imported.Review, imported.ReviewedBy, imported.ReviewedAt = "", "", time.Time{}
	imported.Names[0].Approval = nil
	if err := s.CreatePlace(ctx, created); err != nil {
		t.Fatal(err)
	}
	if err := importPlaces(ctx, s, imported); err != nil {
		t.Fatal(err)
	}
	want, got := keyRows(t, pool, created.ID), keyRows(t, pool, imported.ID)
	if len(got) != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("imported keys\n%v\nwant those of CreatePlace\n%v", got, want)
	}
	if dels, _ := got[0][7].([]any); len(dels) < 2 {
		t.Errorf("standard name's typo variants %v, want the key and its deletions", got[0][7])
	}
}

// TestImportStandardNameOverlap: the import refuses two standard names of
// a place in one language whose validities overlap, exactly when
// PostgreSQL's daterange && on the stored dates says they do.
func TestImportStandardNameOverlap(t *testing.T) {
	s, pool := importStore(t)
	ctx := t.Context()
	day := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name   string
		a, b   data.Period
		langB  string
		statB  data.NameStatus
		refuse bool
	}{
		{"both open", data.Period{}, data.Period{}, "zh-Hans", data.NameStandard, true},
		{"adjacent", data.Period{To: day(2010, 1, 1, 0)}, data.Period{From: day(2010, 1, 1, 0)}, "zh-Hans", data.NameStandard, false},
		{"one day shared", data.Period{To: day(2010, 1, 2, 0)}, data.Period{From: day(2010, 1, 1, 0)}, "zh-Hans", data.NameStandard, true},
		{"same day by the hour", data.Period{To: day(2010, 1, 1, 20)}, data.Period{From: day(2010, 1, 1, 8)}, "zh-Hans", data.NameStandard, false},
		{"other language", data.Period{}, data.Period{}, "en", data.NameStandard, false},
		{"alias", data.Period{}, data.Period{}, "zh-Hans", data.NameAlias, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var oracle bool
			err := pool.QueryRow(ctx, `SELECT $5 = 'zh-Hans' AND $6 = 'standard' AND
	daterange($1::date, $2::date, '[)') && daterange($3::date, $4::date, '[)')`,
				dateArg(c.a.From), dateArg(c.a.To), dateArg(c.b.From), dateArg(c.b.To), c.langB, string(c.statB)).Scan(&oracle)
			if err != nil {
				t.Fatal(err)
			}
			if oracle != c.refuse {
				t.Fatalf("case says refuse=%v, PostgreSQL says clash=%v", c.refuse, oracle)
			}
			p := storetest.POI("洪安渡口", 109.2, 28.46)
			p.Names = []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: "洪安渡口", Valid: c.a},
				{Status: c.statB, Lang: c.langB, Text: "洪安码头", Valid: c.b}}
			err = importPlaces(ctx, s, p)
			switch {
			case c.refuse && (data.KindOf(err) != data.KindConflict || data.AsError(err).Field != "names"):
				t.Errorf("import: %v, want a conflict on names", err)
			case !c.refuse && err != nil:
				t.Errorf("import: %v", err)
			}
		})
	}
}

// dateArg is a date argument: nil for an unbounded end.
func dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(data.DateLayout)
}

// TestImportedPlaceStillGuarded: once an imported place is edited, the
// exclusion constraint guards its names again.
func TestImportedPlaceStillGuarded(t *testing.T) {
	s, pool := importStore(t)
	ctx := t.Context()
	p := storetest.POI("洪安渡口", 109.2, 28.46)
	if err := importPlaces(ctx, s, p); err != nil {
		t.Fatal(err)
	}
	p.Names = append(p.Names, data.Name{Status: data.NameStandard, Lang: "zh-Hans", Text: "洪安码头",
		Valid: storetest.Since(2020)})
	err := s.UpdatePlace(ctx, p)
	if data.KindOf(err) != data.KindConflict || data.AsError(err).Field != "names" {
		t.Fatalf("update with two standard names: %v, want a conflict on names", err)
	}
	p.Names[1].Status = data.NameAlias
	if err := s.UpdatePlace(ctx, p); err != nil {
		t.Fatal(err)
	}
	var checked int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM place_name WHERE place_id = $1::uuid AND overlap_checked`,
		p.ID).Scan(&checked); err != nil {
		t.Fatal(err)
	}
	if checked != 0 {
		t.Errorf("%d names of the edited place are still left out of the constraint", checked)
	}
}
