package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// The search mirrors the PostGIS store's (data/postgis
// gazetteer_search.go) kind for kind: equality and prefix ranges on the
// key indexes (keys and text compare in byte order, as PostGIS's C
// collation does), instr for "contains", and for fuzzy matches the names
// sharing enough trigrams with the query (gaz_name_trigrams) whose
// similarity reaches data.FuzzyThreshold. gazetteer.Rank ranks the
// candidates, so both stores answer alike.
const sqlCandidates = `SELECT k.place_id, k.name_id, k.ord, k.text, k.py_key, %[1]s AS dist
FROM gaz_name_keys k JOIN places p ON p.id = k.place_id
WHERE %[2]s
ORDER BY %[3]s
LIMIT @limit`

// Characters that bound the keys starting with a prefix (see postgis).
const (
	latinPrefixEnd = "{"
	hanPrefixEnd   = "\U0010FFFF"
)

// kindCond returns the condition of match kind k and the key column the
// candidates are ordered by; they name their arguments (searchArgs).
func kindCond(t gazetteer.Text, k data.MatchKind, trigram bool) (cond, key string) {
	han := t.Han != ""
	switch {
	case k == data.MatchAny:
		return "1", "k.text"
	case k == data.MatchFuzzy && !trigram:
		return "k.name_id IN (SELECT name_id FROM gaz_name_variants WHERE variant IN (SELECT value FROM json_each(@variants)))",
			"toponym_similarity(k.py_key, @key) DESC, k.py_key"
	case k == data.MatchFuzzy:
		return fmt.Sprintf(`k.name_id IN (SELECT name_id FROM gaz_name_trigrams WHERE trgm IN (SELECT value FROM json_each(@trgms))
			GROUP BY name_id HAVING count(*) >= @common) AND toponym_similarity(k.py_key, @key) >= %g`, data.FuzzyThreshold),
			"toponym_similarity(k.py_key, @key) DESC, k.py_key"
	case han && k == data.MatchExact:
		return "k.text = @han", "k.text"
	case han && k == data.MatchPrefix:
		return "k.text >= @han AND k.text < @hanEnd AND k.text <> @han", "k.text"
	case han:
		return "instr(k.text, @han) > 0 AND NOT (k.text >= @han AND k.text < @hanEnd)", "k.text"
	case k == data.MatchExact:
		return "k.py_key = @key", "k.py_key"
	case k == data.MatchPrefix:
		return "k.py_key > @key AND k.py_key < @keyEnd", "k.py_key"
	case k == data.MatchInitials:
		return "k.ini_key >= @key AND k.ini_key < @keyEnd", "k.ini_key"
	}
	return "instr(k.py_key, @key) > 0 AND NOT (k.py_key >= @key AND k.py_key < @keyEnd)", "k.py_key"
}

// searchArgs returns the named arguments of the candidate statements.
func searchArgs(t gazetteer.Text, q data.SearchQuery) []any {
	trgms, _ := jsonVal(gazetteer.Trigrams(t.Key))
	variants, _ := jsonVal(gazetteer.Variants(t.Key))
	args := []any{sql.Named("key", t.Key), sql.Named("keyEnd", t.Key+latinPrefixEnd),
		sql.Named("han", t.Han), sql.Named("hanEnd", t.Han+hanPrefixEnd), sql.Named("trgms", trgms),
		sql.Named("common", gazetteer.MinCommonTrigrams(len(gazetteer.Trigrams(t.Key)))), sql.Named("variants", variants)}
	if q.At != nil {
		args = append(args, sql.Named("at", dateVal(*q.At)))
	}
	if b := q.BBox; b != nil {
		args = append(args, sql.Named("minx", b.Min[0]), sql.Named("miny", b.Min[1]), sql.Named("maxx", b.Max[0]),
			sql.Named("maxy", b.Max[1]))
	}
	if p := q.Near; p != nil {
		dLat := q.Radius() / 110_000
		dLon := dLat / math.Max(math.Cos(p[1]*math.Pi/180), 0.01)
		args = append(args, sql.Named("lon", p[0]), sql.Named("lat", p[1]), sql.Named("r", q.Radius()),
			sql.Named("dlon", dLon), sql.Named("dlat", dLat))
	}
	return append(args, sql.Named("code", string(q.Code)), sql.Named("codeLen", len(q.Code)),
		sql.Named("kind", string(q.Kind)), sql.Named("review", string(q.Review)),
		sql.Named("category", q.Category), sql.Named("categoryLen", len(q.Category)))
}

// searchFilters returns the conditions on the place and the name's date,
// and the distance expression.
func searchFilters(q data.SearchQuery) (where, distance string) {
	var conds []string
	if q.BBox != nil {
		conds = append(conds, `p.fid IN (SELECT id FROM rtree_places_geom WHERE minx <= @maxx AND maxx >= @minx
			AND miny <= @maxy AND maxy >= @miny) AND toponym_intersects(p.geom, @minx, @miny, @maxx, @maxy)`)
	}
	if q.At != nil {
		conds = append(conds, "(k.valid_from IS NULL OR k.valid_from <= @at) AND (k.valid_to IS NULL OR @at < k.valid_to)",
			"(p.valid_from IS NULL OR p.valid_from <= @at) AND (p.valid_to IS NULL OR @at < p.valid_to)")
	}
	for _, c := range []struct {
		set  bool
		cond string
	}{
		{q.Code != "", "EXISTS (SELECT 1 FROM json_each(p.admin_codes) WHERE substr(value, 1, @codeLen) = @code)"},
		{q.Kind != "", "p.kind = @kind"},
		{q.Review != "", "p.review = @review"},
		{q.Category != "", "substr(p.category, 1, @categoryLen) = @category"},
	} {
		if c.set {
			conds = append(conds, c.cond)
		}
	}
	distance = "0.0"
	if q.Near != nil {
		conds = append(conds, `p.fid IN (SELECT id FROM rtree_places_geom WHERE minx <= @lon + @dlon AND maxx >= @lon - @dlon
			AND miny <= @lat + @dlat AND maxy >= @lat - @dlat) AND toponym_distance_m(p.geom, @lon, @lat) <= @r`)
		distance = "toponym_distance_m(p.geom, @lon, @lat)"
	}
	for _, c := range conds {
		where += " AND " + c
	}
	return where, distance
}

// Search finds places by name; see data.Gazetteer.
func (s *Store) Search(ctx context.Context, q data.SearchQuery) (data.Page[data.SearchHit], error) {
	page := data.Page[data.SearchHit]{Items: []data.SearchHit{}}
	if err := q.Validate(); err != nil {
		return page, err
	}
	t, err := gazetteer.ParseText(q.Text)
	if err != nil {
		return page, err
	}
	args := searchArgs(t, q)
	where, distance := searchFilters(q)
	err = s.read(ctx, func(r *Store) error {
		ranked, matched, err := gazetteer.Rank(ctx, t, q, func(ctx context.Context, kinds []data.MatchKind, limit int) ([][]gazetteer.Candidate, error) {
			out := make([][]gazetteer.Candidate, len(kinds))
			for i, k := range kinds {
				cs, err := r.candidates(ctx, t, q, k, limit, args, where, distance)
				if err != nil {
					return nil, err
				}
				out[i] = cs
			}
			return out, nil
		})
		if err != nil {
			return err
		}
		page.Matched = matched
		return r.hits(ctx, ranked, &page)
	})
	return page, err
}

// candidates fetches the candidates of one match kind: for fuzzy matches
// those within one edit, else the trigram-similar ones.
func (s *Store) candidates(ctx context.Context, t gazetteer.Text, q data.SearchQuery, k data.MatchKind, limit int,
	args []any, where, distance string) ([]gazetteer.Candidate, error) {
	fetch := func(trigram bool) ([]gazetteer.Candidate, error) {
		cond, key := kindCond(t, k, trigram)
		order := key + ", k.place_id, k.name_id"
		if q.Near != nil {
			order = "dist, " + order
		}
		stmt := fmt.Sprintf(sqlCandidates, distance, cond+where, order)
		return queryAll(ctx, s, "search", stmt, func(sc scanner) (gazetteer.Candidate, error) {
			var c gazetteer.Candidate
			err := sc.Scan(&c.PlaceID, &c.NameID, &c.Ord, &c.Text, &c.Key, &c.DistanceM)
			return c, err
		}, append(args, sql.Named("limit", limit))...)
	}
	cs, err := fetch(false)
	if err != nil || k != data.MatchFuzzy || len(cs) > 0 || t.Key == "" {
		return cs, err
	}
	return fetch(true) // nothing within one edit: trigram-similar keys
}

// hits loads the places of a ranked page with their names.
func (s *Store) hits(ctx context.Context, ranked []gazetteer.Ranked, page *data.Page[data.SearchHit]) error {
	for _, rk := range ranked {
		p, err := scanPlace(s.queryRow(ctx, "SELECT "+placeCols+" FROM places WHERE id = ?", rk.PlaceID))
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return mapError("search places", err)
		}
		if err := s.loadNames(ctx, []*data.NamedPlace{p}); err != nil {
			return err
		}
		h := data.SearchHit{Place: p, Match: rk.Match, Similarity: rk.Similarity, DistanceM: rk.DistanceM}
		for _, n := range p.Names {
			if n.ID == rk.NameID {
				h.Name = n
			}
		}
		page.Items = append(page.Items, h)
	}
	return nil
}
