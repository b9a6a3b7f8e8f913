package postgis

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// The search fetches the candidates of one match kind at a time
// (gazetteer.Rank ranks them). Each kind is one index condition on
// place_name_key: equality and prefix ranges on the C-collated key
// indexes, LIKE '%q%' and % (similarity) on the trigram indexes; the
// place's filters are joined; the first gazetteer.MaxCandidates by
// distance, similarity (fuzzy), key, place id and name id are returned.
const (
	// One kind's candidates: %[1]d its index in the batch, %[2]s distance
	// expression, %[3]s the join of the place (when filters need it), %[4]s
	// conditions, %[5]s order, %[6]s limit.
	sqlCandidates = `(SELECT %[1]d AS kind_ix, k.place_id::text, k.name_id::text, k.ord, k.text, k.py_key, %[2]s AS dist
FROM place_name_key k%[3]s
WHERE %[4]s
ORDER BY %[5]s
LIMIT %[6]s)`
	joinPlace = ` JOIN named_place p ON p.id = k.place_id`

	condNameAt = `k.valid @> %s::date`
	condNear   = `p.geom && ST_Expand(ST_SetSRID(ST_MakePoint(%[1]s, %[2]s), 4490), %[3]s, %[4]s) AND ` +
		`ST_DWithin(p.geom::geography, ST_SetSRID(ST_MakePoint(%[1]s, %[2]s), 4490)::geography, %[5]s)`
	exprDistance = `ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4490)::geography)`
	condCategory = `p.category LIKE %s || '%%'`
	condPlaceAt  = `p.valid @> %s::date`
	sqlHitPlaces = `SELECT ` + placeCols + ` FROM named_place WHERE id = ANY($1::text[]::uuid[])`
)

// prefixEnd is appended to a prefix to bound the keys that start with it:
// '{' follows every [a-z0-9]; U+10FFFF follows every character.
const (
	latinPrefixEnd = "{"
	hanPrefixEnd   = "\U0010FFFF"
)

// kindCond adds the condition of match kind k on text t and returns it
// with the key column the candidates are ordered by. Fuzzy matches are
// the keys within one edit of the query's (shared deletion variants), or,
// when there are none (trigram set), the keys trigram-similar to it.
func kindCond(f *filter, t gazetteer.Text, k data.MatchKind, trigram bool) (cond, key string) {
	han := t.Han != ""
	switch {
	case k == data.MatchAny:
		return "true", "k.text"
	case k == data.MatchFuzzy && trigram:
		q := f.arg(t.Key)
		return fmt.Sprintf("k.py_key %% %[1]s AND similarity(k.py_key, %[1]s) >= %[2]g", q, data.FuzzyThreshold),
			"similarity(k.py_key, " + q + ") DESC, k.py_key"
	case k == data.MatchFuzzy:
		q := f.arg(t.Key)
		return "k.del_keys && " + f.arg(gazetteer.Variants(t.Key)) + "::text[]",
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
	var page data.Page[data.SearchHit]
	if err := q.Validate(); err != nil {
		return page, err
	}
	t, err := gazetteer.ParseText(q.Text)
	if err != nil {
		return page, err
	}
	ranked, matched, err := gazetteer.Rank(ctx, t, q, func(ctx context.Context, kinds []data.MatchKind, limit int) ([][]gazetteer.Candidate, error) {
		return s.candidates(ctx, t, q, kinds, limit)
	})
	if err != nil {
		return page, err
	}
	page.Matched = matched
	page.Items, err = s.hits(ctx, ranked)
	return page, err
}

// candidates fetches the candidates of several match kinds in one
// statement (UNION ALL of one capped query per kind). Fuzzy matches are
// those within one edit; when there are none, the trigram-similar ones.
func (s *Store) candidates(ctx context.Context, t gazetteer.Text, q data.SearchQuery, kinds []data.MatchKind, limit int) ([][]gazetteer.Candidate, error) {
	out, err := s.candidatesBy(ctx, t, q, kinds, limit, false)
	if err != nil {
		return nil, err
	}
	for i, k := range kinds {
		if k == data.MatchFuzzy && len(out[i]) == 0 && t.Key != "" {
			more, err := s.candidatesBy(ctx, t, q, []data.MatchKind{k}, limit, true)
			if err != nil {
				return nil, err
			}
			out[i] = more[0]
		}
	}
	return out, nil
}

// filtered reports whether q filters on the place.
func filtered(q data.SearchQuery) bool {
	return q.BBox != nil || q.At != nil || q.Code != "" || q.Kind != "" || q.Review != "" || q.Category != "" || q.Near != nil
}

func (s *Store) candidatesBy(ctx context.Context, t gazetteer.Text, q data.SearchQuery, kinds []data.MatchKind, limit int,
	trigram bool) ([][]gazetteer.Candidate, error) {
	var f filter
	var parts []string
	join := ""
	if filtered(q) {
		join = joinPlace
	}
	for i, k := range kinds {
		cond, key := kindCond(&f, t, k, trigram)
		distance, err := placeFilters(&f, q)
		if err != nil {
			return nil, err
		}
		order := key + ", k.place_id, k.name_id"
		if q.Near != nil {
			order = "dist, " + order
		}
		where := cond
		for _, c := range f.conds {
			where += " AND " + c
		}
		f.conds = nil
		parts = append(parts, fmt.Sprintf(sqlCandidates, i, distance, join, where, order, f.arg(limit)))
	}
	out := make([][]gazetteer.Candidate, len(kinds))
	rows, err := s.q.Query(ctx, strings.Join(parts, "\nUNION ALL\n"), f.args...)
	if err != nil {
		return nil, mapError("search", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c gazetteer.Candidate
		var ix int
		if err := rows.Scan(&ix, &c.PlaceID, &c.NameID, &c.Ord, &c.Text, &c.Key, &c.DistanceM); err != nil {
			return nil, mapError("search", err)
		}
		out[ix] = append(out[ix], c)
	}
	return out, mapError("search", rows.Err())
}

// hits loads the places of a ranked page with their names.
func (s *Store) hits(ctx context.Context, ranked []gazetteer.Ranked) ([]data.SearchHit, error) {
	ids := make([]string, len(ranked))
	for i, r := range ranked {
		ids[i] = r.PlaceID
	}
	places, err := collect(ctx, s, "search places", scanPlace, sqlHitPlaces, ids)
	if err != nil {
		return nil, err
	}
	if err := s.loadNames(ctx, places); err != nil {
		return nil, err
	}
	byID := map[string]*data.NamedPlace{}
	for _, p := range places {
		byID[p.ID] = p
	}
	out := []data.SearchHit{}
	for _, r := range ranked {
		h := data.SearchHit{Place: byID[r.PlaceID], Match: r.Match, Similarity: r.Similarity, DistanceM: r.DistanceM}
		if h.Place == nil {
			continue // deleted meanwhile
		}
		for _, n := range h.Place.Names {
			if n.ID == r.NameID {
				h.Name = n
			}
		}
		out = append(out, h)
	}
	return out, nil
}
