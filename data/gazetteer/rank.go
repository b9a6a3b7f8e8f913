package gazetteer

import (
	"context"
	"slices"
	"strings"

	"github.com/toponym/toponym/data"
)

// Ranking is shared by the stores: a store only fetches the candidates of
// one match kind (Fetch); Rank asks for the kinds in rank order, keeps the
// best name of each place, ranks and pages. Both stores therefore answer
// alike as long as their fetches do. The PostGIS store runs the same
// ranking inside its one search statement (data/postgis
// gazetteer_search.go): a change here must be made there too;
// TestStoresAgreeGenerated compares them hit by hit.
const (
	// MaxCandidates is how many names a store returns for one match kind:
	// the first by distance (near a point), similarity (fuzzy), key, place
	// id and name id.
	MaxCandidates = 200
	// FallbackBelow: substring and fuzzy matches are sought only when the
	// exact, prefix and initials matches find fewer places than this (none),
	// so a query that plainly names places is not slowed by typo tolerance.
	FallbackBelow = 1
)

// Candidate is one name a store found for one match kind.
type Candidate struct {
	PlaceID, NameID string
	Ord             int    // of the name in its place
	Text            string // Hanzi
	Key             string // the name's pinyin key
	DistanceM       float64
}

// Fetch returns, for each match kind of kinds, up to limit candidates that
// pass the query's filters, in the order MaxCandidates states. A store may
// fetch the kinds in one round trip.
type Fetch func(ctx context.Context, kinds []data.MatchKind, limit int) ([][]Candidate, error)

// Ranked is one place of a result page.
type Ranked struct {
	PlaceID, NameID string
	Match           data.MatchKind
	Similarity      float64
	DistanceM       float64
}

// Kinds returns the match kinds of t in rank order.
func Kinds(t Text) []data.MatchKind {
	switch {
	case t.Empty():
		return []data.MatchKind{data.MatchAny}
	case t.Han != "":
		return []data.MatchKind{data.MatchExact, data.MatchPrefix, data.MatchSubstring, data.MatchFuzzy}
	}
	return []data.MatchKind{data.MatchExact, data.MatchPrefix, data.MatchInitials, data.MatchSubstring, data.MatchFuzzy}
}

// Rank runs the search: for each match kind in rank order it fetches the
// candidates, keeps for every place not yet found its best name (most
// similar, then first), and ranks those places by distance (near a point),
// similarity, Hanzi in code point order and id. It returns the page
// q.Offset, q.Limit and the number of places found.
func Rank(ctx context.Context, t Text, q data.SearchQuery, fetch Fetch) ([]Ranked, int, error) {
	var all []Ranked
	seen := map[string]bool{}
	primary, fallback := splitKinds(Kinds(t))
	for i, batch := range [][]data.MatchKind{primary, fallback} {
		if len(batch) == 0 || i == 1 && len(all) >= FallbackBelow {
			continue
		}
		cands, err := fetch(ctx, batch, MaxCandidates)
		if err != nil {
			return nil, 0, err
		}
		for i, k := range batch {
			for _, r := range rankKind(t, q, k, cands[i]) {
				if !seen[r.PlaceID] {
					seen[r.PlaceID] = true
					all = append(all, r)
				}
			}
		}
	}
	limit, offset := q.Clamp()
	if offset >= len(all) {
		return nil, len(all), nil
	}
	return all[offset:min(len(all), offset+limit)], len(all), nil
}

// splitKinds returns the kinds before substring matches and the rest.
func splitKinds(kinds []data.MatchKind) (primary, fallback []data.MatchKind) {
	i := slices.Index(kinds, data.MatchSubstring)
	if i < 0 {
		return kinds, nil
	}
	return kinds[:i], kinds[i:]
}

// rankKind picks each place's best name among the candidates of one kind
// and orders the places.
func rankKind(t Text, q data.SearchQuery, k data.MatchKind, cands []Candidate) []Ranked {
	type best struct {
		c   Candidate
		sim float64
	}
	byPlace := map[string]*best{}
	var order []string
	for _, c := range cands {
		sim := 0.0
		if t.Key != "" {
			sim = Similarity(c.Key, t.Key)
		}
		b, ok := byPlace[c.PlaceID]
		switch {
		case !ok:
			byPlace[c.PlaceID] = &best{c, sim}
			order = append(order, c.PlaceID)
		case sim > b.sim || sim == b.sim && c.Ord < b.c.Ord:
			*b = best{c, sim}
		}
	}
	out := make([]Ranked, 0, len(order))
	texts := map[string]string{}
	for _, id := range order {
		b := byPlace[id]
		out = append(out, Ranked{PlaceID: id, NameID: b.c.NameID, Match: k, Similarity: b.sim, DistanceM: b.c.DistanceM})
		texts[id] = b.c.Text
	}
	slices.SortStableFunc(out, func(a, b Ranked) int {
		if q.Near != nil && a.DistanceM != b.DistanceM {
			return cmpFloat(a.DistanceM, b.DistanceM)
		}
		if a.Similarity != b.Similarity {
			return cmpFloat(b.Similarity, a.Similarity)
		}
		if c := strings.Compare(texts[a.PlaceID], texts[b.PlaceID]); c != 0 {
			return c
		}
		return strings.Compare(a.PlaceID, b.PlaceID)
	})
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
