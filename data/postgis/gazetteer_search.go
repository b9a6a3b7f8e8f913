package postgis

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// The search is one statement. Each match kind's candidates are one CTE
// (c0, c1 …): one index condition on place_name_key (equality and prefix
// ranges on the C-collated key indexes, LIKE '%q%' and % on the trigram
// indexes; typos: && on the deletion variants of the distinct keys, then
// each key's names in order), the place's filters joined, and
// the first gazetteer.MaxCandidates by distance, similarity (fuzzy), key,
// place id and name id. The substring and fuzzy CTEs are gated on the
// primary ones finding fewer than gazetteer.FallbackBelow places, the
// trigram CTE on the deletion CTE finding none: a one-time filter, so a
// gated CTE costs nothing when closed. The statement then ranks as
// gazetteer.Rank does (each place's first kind and best name, by distance,
// similarity, Hanzi and id), pages, and returns the page's places with
// their names, one row per name: one round trip.
//
// pgx prepares the statement and keeps it per connection; its text depends
// only on the kinds and on which filters are set, so there are few of them.
// After five runs PostgreSQL may plan it once for all values (a generic
// plan): the exact, prefix and initials CTEs are then still B-tree range
// scans that stop at the limit (index-only: migration 0008), and the fences
// keep the others on their GIN indexes.
const (
	// One kind's candidates: %[1]s its name, %[2]d its index in the kinds,
	// %[3]s distance expression, %[4]s the join of the place (when filters
	// need it), %[5]s conditions, %[6]s order, %[7]s limit.
	sqlCandidates = `%[1]s AS (SELECT %[2]d AS kind_ix, k.place_id, k.name_id, k.ord, k.text, k.py_key, %[3]s AS dist
FROM place_name_key k%[4]s
WHERE %[5]s
ORDER BY %[6]s
LIMIT %[7]s)`
	// The same for the kinds no B-tree orders (substring, fuzzy): the GIN
	// index finds them all, then the first are sorted out. OFFSET 0 fences
	// the selection off the order, so that even a generic plan (a cached
	// prepared statement, where the pattern is unknown) picks the GIN index,
	// not a walk of a whole key index in order.
	sqlCandidatesFenced = `%[1]s AS (SELECT * FROM (SELECT %[2]d AS kind_ix, k.place_id, k.name_id, k.ord, k.text, k.py_key,
	%[3]s AS dist
FROM place_name_key k%[4]s
WHERE %[5]s
OFFSET 0) k
ORDER BY %[6]s
LIMIT %[7]s)`
	// The typo kind's candidates, in the same columns and order: the
	// distinct keys sharing a deletion variant with the query (pinyin_key,
	// migration 0009; %[3]s the query key, %[4]s its variants, %[5]s the
	// gate), ranked by similarity, and for each the first rows in order
	// (%[6]s distance, %[7]s join, %[8]s conditions, %[9]s the order within
	// a key) read from the key's B-tree; the first %[10]s of them all, in
	// the kinds' order (%[11]s distance first near a point). A
	// common key's thousands of names are not all read and sorted: each key
	// gives at most the limit, and the keys come in rank order, so that
	// (unless near a point) an incremental sort stops at the limit.
	sqlCandidatesTypo = `%[1]s AS (SELECT %[2]d AS kind_ix, k.place_id, k.name_id, k.ord, k.text, k.py_key, k.dist
FROM (SELECT d.py_key, similarity(d.py_key, %[3]s) AS sim FROM pinyin_key d
	WHERE d.del_keys && %[4]s::text[]%[5]s ORDER BY sim DESC, d.py_key OFFSET 0) d,
	LATERAL (SELECT k.place_id, k.name_id, k.ord, k.text, k.py_key, %[6]s AS dist
	FROM place_name_key k%[7]s
	WHERE k.py_key = d.py_key%[8]s
	ORDER BY %[9]sk.place_id, k.name_id
	LIMIT %[10]s) k
ORDER BY %[11]sd.sim DESC, d.py_key, k.place_id, k.name_id
LIMIT %[10]s)`
	joinPlace = ` JOIN named_place p ON p.id = k.place_id`
	// The search's settings: the trigram threshold of % (pg_trgm's
	// similarity_threshold, for this statement's transaction only). Being
	// parallel-unsafe, set_config also keeps the statement serial: a
	// parallel plan, chosen on the planner's overestimate of the GIN
	// candidates, costs more to start than the few rows it reads.
	cteOpts = `opts AS (SELECT set_config('pg_trgm.similarity_threshold', %s::text, true) AS trgm)`
	// The places the primary kinds found (%s their union).
	ctePrimary = `prim AS (SELECT count(DISTINCT place_id) AS n FROM (%s) g)`
	// The gate of the fallback kinds, %s FallbackBelow.
	gateFallback = `(SELECT n FROM prim) < %s`
	// The gate of the trigram CTE, %s the deletion CTE.
	gateTrigram = `(SELECT trgm FROM opts) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s)`
	sqlSearch   = `WITH %[1]s,
cand AS (%[2]s),
best AS (SELECT DISTINCT ON (place_id) kind_ix, place_id, name_id, text, dist, sim
	FROM (SELECT c.*, %[3]s AS sim FROM cand c) c ORDER BY place_id, kind_ix, sim DESC, ord),
page AS (SELECT b.*, count(*) OVER () AS matched FROM best b ORDER BY %[4]s LIMIT %[5]s OFFSET %[6]s)
SELECT p.*, pg.matched, pg.kind_ix, pg.sim, pg.dist, pg.name_id::text, n.*
FROM page pg,
	LATERAL (SELECT ` + placeCols + ` FROM named_place WHERE id = pg.place_id) p,
	LATERAL (SELECT ord, ` + nameCols + ` FROM place_name WHERE place_id = pg.place_id) n
ORDER BY %[7]s, n.ord`

	condNameAt = `k.valid @> %s::date`
	condNear   = `p.geom && ST_Expand(ST_SetSRID(ST_MakePoint(%[1]s, %[2]s), 4490), %[3]s, %[4]s) AND ` +
		`ST_DWithin(p.geom::geography, ST_SetSRID(ST_MakePoint(%[1]s, %[2]s), 4490)::geography, %[5]s)`
	exprDistance = `ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4490)::geography)`
	condCategory = `p.category LIKE %s || '%%'`
	condPlaceAt  = `p.valid @> %s::date`
)

// prefixEnd is appended to a prefix to bound the keys that start with it:
// '{' follows every [a-z0-9]; U+10FFFF follows every character.
const (
	latinPrefixEnd = "{"
	hanPrefixEnd   = "\U0010FFFF"
)

// kindCond adds the condition of match kind k on text t and returns it
// with the key column the candidates are ordered by. Fuzzy matches are
// the keys within one edit of the query's (shared deletion variants:
// typoCTE, not here), or, when there are none (trigram set), the keys
// trigram-similar to it.
func kindCond(f *filter, t gazetteer.Text, k data.MatchKind, trigram bool) (cond, key string) {
	han := t.Han != ""
	switch {
	case k == data.MatchAny:
		return "true", "k.text"
	case k == data.MatchFuzzy && trigram:
		q := f.arg(t.Key)
		return fmt.Sprintf("k.py_key %% %[1]s AND similarity(k.py_key, %[1]s) >= %[2]g", q, data.FuzzyThreshold),
			"similarity(k.py_key, " + q + ") DESC, k.py_key"
	case han && k == data.MatchExact:
		return "k.text = " + f.arg(t.Han), "k.text"
	case han && k == data.MatchPrefix:
		return fmt.Sprintf("k.text >= %s AND k.text < %s AND k.text <> %s", f.arg(t.Han), f.arg(t.Han+hanPrefixEnd),
			f.arg(t.Han)), "k.text"
	case han:
		return fmt.Sprintf("k.hz_key LIKE %s AND NOT (k.text >= %s AND k.text < %s)",
			f.arg("%"+gazetteer.HanziKey(t.Han)+"%"), f.arg(t.Han), f.arg(t.Han+hanPrefixEnd)), "k.text"
	case k == data.MatchExact:
		return "k.py_key = " + f.arg(t.Key), "k.py_key"
	case k == data.MatchPrefix:
		return fmt.Sprintf("k.py_key > %s AND k.py_key < %s", f.arg(t.Key), f.arg(t.Key+latinPrefixEnd)), "k.py_key"
	case k == data.MatchInitials:
		return fmt.Sprintf("k.ini_key >= %s AND k.ini_key < %s", f.arg(t.Key), f.arg(t.Key+latinPrefixEnd)), "k.ini_key"
	}
	return fmt.Sprintf("k.py_key LIKE %s AND NOT (k.py_key >= %s AND k.py_key < %s)",
		f.arg("%"+t.Key+"%"), f.arg(t.Key), f.arg(t.Key+latinPrefixEnd)), "k.py_key"
}

// placeFilters adds the conditions on the place and the name's date, and
// returns the distance expression.
func placeFilters(f *filter, q data.SearchQuery) (distance string, err error) {
	if err := f.bbox("p.geom", data.Query{BBox: q.BBox}); err != nil {
		return "", err
	}
	if q.At != nil {
		at := dayOf(*q.At)
		f.add(condNameAt, at)
		f.add(condPlaceAt, at)
	}
	if q.Code != "" {
		f.add(condPlaceCode, string(q.Code))
	}
	if q.Kind != "" {
		f.add(condPlaceKind, string(q.Kind))
	}
	if q.Review != "" {
		f.add(condPlaceReview, string(q.Review))
	}
	if q.Category != "" {
		f.add(condCategory, q.Category)
	}
	if q.Near == nil {
		return "0::float8", nil
	}
	p, r := *q.Near, q.Radius()
	dLat := r / 110_000
	dLon := dLat / math.Max(math.Cos(p[1]*math.Pi/180), 0.01)
	f.add(condNear, p[0], p[1], dLon, dLat, r)
	return fmt.Sprintf(exprDistance, f.arg(p[0]), f.arg(p[1])), nil
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
	kinds := gazetteer.Kinds(t)
	limit, offset := q.Clamp()
	var f filter
	sql, err := searchSQL(&f, t, q, kinds, limit, offset)
	if err != nil {
		return page, err
	}
	if err := s.searchPage(ctx, sql, f.args, kinds, &page); err != nil || len(page.Items) > 0 || offset == 0 {
		return page, err
	}
	// Past the last place, no row carries the count: count with the first.
	f.args[len(f.args)-2], f.args[len(f.args)-1] = 1, 0
	var first data.Page[data.SearchHit]
	err = s.searchPage(ctx, sql, f.args, kinds, &first)
	page.Matched = first.Matched
	return page, err
}

// searchSQL returns the search statement; its arguments are f's, the
// last two the limit and the offset.
func searchSQL(f *filter, t gazetteer.Text, q data.SearchQuery, kinds []data.MatchKind, limit, offset int) (string, error) {
	fallbackAt := slices.Index(kinds, data.MatchSubstring)
	if fallbackAt < 0 {
		fallbackAt = len(kinds)
	}
	ctes := []string{fmt.Sprintf(cteOpts, f.arg(strconv.FormatFloat(data.FuzzyThreshold, 'g', -1, 64)))}
	var names []string
	gate := ""
	for i, k := range kinds {
		if i == fallbackAt {
			ctes = append(ctes, fmt.Sprintf(ctePrimary, unionOf(names)))
			gate = fmt.Sprintf(gateFallback, f.arg(gazetteer.FallbackBelow))
		}
		name := "c" + strconv.Itoa(i)
		cte, err := candidatesCTE(f, t, q, name, i, k, false, gate)
		if err != nil {
			return "", err
		}
		ctes, names = append(ctes, cte), append(names, name)
		if k == data.MatchFuzzy && t.Key != "" {
			tri := withGate(gate, fmt.Sprintf(gateTrigram, name))
			cte, err := candidatesCTE(f, t, q, name+"t", i, k, true, tri)
			if err != nil {
				return "", err
			}
			ctes, names = append(ctes, cte), append(names, name+"t")
		}
	}
	sim := "0::real"
	if t.Key != "" {
		sim = "similarity(c.py_key, " + f.arg(t.Key) + ")"
	}
	return fmt.Sprintf(sqlSearch, strings.Join(ctes, ",\n"), unionOf(names), sim, rankOrder("", q.Near != nil),
		f.arg(limit), f.arg(offset), rankOrder("pg.", q.Near != nil)), nil
}

// rankOrder returns the order of gazetteer.Rank on the columns of best,
// qualified by qual: kind, distance (near a point), similarity, Hanzi, id.
func rankOrder(qual string, near bool) string {
	dist := ""
	if near {
		dist = qual + "dist, "
	}
	return qual + "kind_ix, " + dist + qual + "sim DESC, " + qual + "text, " + qual + "place_id"
}

func unionOf(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "SELECT * FROM " + n
	}
	return strings.Join(parts, " UNION ALL ")
}

func withGate(gate, more string) string {
	if gate == "" {
		return more
	}
	return gate + " AND " + more
}

// candidatesCTE returns the CTE of one match kind's candidates, closed
// unless gate (if any) holds.
func candidatesCTE(f *filter, t gazetteer.Text, q data.SearchQuery, name string, ix int, k data.MatchKind, trigram bool,
	gate string) (string, error) {
	if k == data.MatchFuzzy && !trigram {
		return typoCTE(f, t, q, name, ix, gate)
	}
	cond, key := kindCond(f, t, k, trigram)
	distance, err := placeFilters(f, q)
	if err != nil {
		return "", err
	}
	order := key + ", k.place_id, k.name_id"
	if q.Near != nil {
		order = "dist, " + order
	}
	where := cond
	for _, c := range append(f.conds, gate) {
		if c != "" {
			where += " AND " + c
		}
	}
	f.conds = nil
	join := ""
	if filtered(q) {
		join = joinPlace
	}
	stmt := sqlCandidates
	if k == data.MatchSubstring || k == data.MatchFuzzy {
		stmt = sqlCandidatesFenced
	}
	return fmt.Sprintf(stmt, name, ix, distance, join, where, order, f.arg(gazetteer.MaxCandidates)), nil
}

// typoCTE returns the CTE of the keys within one edit of t's (those that
// share a deletion variant with it), closed unless gate (if any) holds.
func typoCTE(f *filter, t gazetteer.Text, q data.SearchQuery, name string, ix int, gate string) (string, error) {
	key, variants := f.arg(t.Key), f.arg(gazetteer.Variants(t.Key))
	if gate != "" {
		gate = " AND " + gate
	}
	distance, err := placeFilters(f, q)
	if err != nil {
		return "", err
	}
	conds := ""
	for _, c := range f.conds {
		conds += " AND " + c
	}
	f.conds = nil
	join, inner, outer := "", "", ""
	if filtered(q) {
		join = joinPlace
	}
	if q.Near != nil {
		inner, outer = "dist, ", "k.dist, "
	}
	return fmt.Sprintf(sqlCandidatesTypo, name, ix, key, variants, gate, distance, join, conds, inner,
		f.arg(gazetteer.MaxCandidates), outer), nil
}

// filtered reports whether q filters on the place.
func filtered(q data.SearchQuery) bool {
	return q.BBox != nil || q.At != nil || q.Code != "" || q.Kind != "" || q.Review != "" || q.Category != "" || q.Near != nil
}

// searchPage runs the search statement and adds its hits to page.
func (s *Store) searchPage(ctx context.Context, sql string, args []any, kinds []data.MatchKind, page *data.Page[data.SearchHit]) error {
	rows, err := s.q.Query(ctx, sql, args...)
	if err != nil {
		return mapError("search", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanHitRow(rows)
		if err != nil {
			return mapError("search", err)
		}
		page.Matched = r.matched
		n := len(page.Items)
		if n == 0 || page.Items[n-1].Place.ID != r.place.ID {
			if r.kindIx < 0 || r.kindIx >= len(kinds) {
				return fmt.Errorf("postgis: search: kind index %d out of range", r.kindIx)
			}
			page.Items = append(page.Items, data.SearchHit{Place: r.place, Match: kinds[r.kindIx],
				Similarity: float64(r.sim), DistanceM: r.dist})
			n++
		}
		h := &page.Items[n-1]
		h.Place.Names = append(h.Place.Names, *r.name)
		if r.name.ID == r.nameID {
			h.Name = *r.name
		}
	}
	return mapError("search", rows.Err())
}

// hitRow is one row of the search statement: a place of the page, its
// rank, and one of its names.
type hitRow struct {
	place           *data.NamedPlace
	name            *data.Name
	matched, kindIx int
	sim             float32 // pg_trgm's real
	dist            float64
	nameID          string // of the matched name
	ord             int
}

// scanHitRow scans placeCols, the rank columns and ord with nameCols.
func scanHitRow(rows pgx.Rows) (hitRow, error) {
	var r hitRow
	var placeErr error
	name, err := scanName(scanFunc(func(dest ...any) error {
		r.place, placeErr = scanPlace(rows, dest...)
		return placeErr
	}), &r.matched, &r.kindIx, &r.sim, &r.dist, &r.nameID, &r.ord)
	r.name = name
	return r, err
}

// scanFunc is a pgx.Row whose Scan is a function: it lets scanName's
// destinations ride on scanPlace's scan of the same row.
type scanFunc func(dest ...any) error

// Scan calls f.
func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
