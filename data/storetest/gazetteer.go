package storetest

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// RunGazetteer runs the contract of data.Gazetteer: search (Hanzi, pinyin
// with and without tones and spaces, prefix, initials, substring, typos and
// homophones; bbox, near, code, category, kind, review and at filters;
// ranking and paging), the review workflow with its trail, listing and
// sign queries and sign condition history, and division history through
// data/gazetteer over the store. open returns a new, empty store that
// implements data.Gazetteer.
func RunGazetteer(t *testing.T, open func(t *testing.T) data.Store) {
	for _, c := range []struct {
		name string
		fn   func(t *testing.T, s data.Store, g data.Gazetteer)
	}{
		{"SearchText", testSearchText},
		{"SearchHistorical", testSearchHistorical},
		{"SearchFilters", testSearchFilters},
		{"SearchPaging", testSearchPaging},
		{"SearchInvalid", testSearchInvalid},
		{"SearchAfterUpdate", testSearchAfterUpdate},
		{"Review", testReview},
		{"Listings", testListings},
		{"Signs", testGazetteerSigns},
		{"DivisionHistory", testDivisionHistory},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			g, ok := s.(data.Gazetteer)
			if !ok {
				t.Fatalf("%T does not implement data.Gazetteer", s)
			}
			c.fn(t, s, g)
		})
	}
}

// gazPlace returns a published place with one standard name.
func gazPlace(text, py, category string, lon, lat float64, codes ...string) *data.NamedPlace {
	var cs []data.Code
	for _, c := range codes {
		cs = append(cs, data.MustCode(c))
	}
	return &data.NamedPlace{Kind: data.KindPlaceName, Category: category, CensusClass: "居民点", LegalClass: 3,
		Geometry: orb.Point{lon, lat}, AdminCodes: cs, Review: data.ReviewPublished,
		Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: text, Pinyin: py}}}
}

// gazFixture is the places of the search tests.
type gazFixture struct {
	hongan, ferry, chadong, xiushan, wangjia, huangjia, old *data.NamedPlace
}

func seedGazetteer(t *testing.T, s data.Store) *gazFixture {
	t.Helper()
	f := &gazFixture{
		hongan:   gazPlace("洪安镇", "Hong'an Zhen", "1130", 109.26, 28.49, "500241", "500241109"),
		ferry:    gazPlace("洪安渡口", "Hong'an Dukou", "2530", 109.265, 28.495, "500241", "500241109"),
		chadong:  gazPlace("茶洞", "Chadong", "2410", 109.30, 28.51, "433124", "433124108"),
		xiushan:  gazPlace("秀山土家族苗族自治县", "", "1110", 108.99, 28.45, "500241"),
		wangjia:  gazPlace("王家坪", "Wangjiaping", "2420", 109.10, 28.30, "520628", "520628110"),
		huangjia: gazPlace("黄家坪", "Huangjiaping", "2420", 109.12, 28.31, "520628", "520628111"),
		old:      gazPlace("旧场", "Jiuchang", "2410", 109.05, 28.35, "520628"),
	}
	f.ferry.Kind, f.ferry.LegalClass = data.KindPOI, 0
	f.chadong.Names[0].Valid = Since(2005)
	f.chadong.Names = append(f.chadong.Names,
		data.Name{Status: data.NameHistorical, Lang: "zh-Hans", Text: "茶峒", Pinyin: "Chadong", Valid: Between(1950, 2005)},
		data.Name{Status: data.NameAlias, Lang: "zh-Hans", Text: "边城", Pinyin: "Biancheng"})
	f.xiushan.Review = data.ReviewDraft
	f.old.Valid = Between(1950, 2000)
	for _, p := range []*data.NamedPlace{f.hongan, f.ferry, f.chadong, f.xiushan, f.wangjia, f.huangjia, f.old} {
		must(t, s.CreatePlace(t.Context(), p))
	}
	return f
}

// search runs q and fails on error.
func search(t *testing.T, g data.Gazetteer, q data.SearchQuery) data.Page[data.SearchHit] {
	t.Helper()
	page, err := g.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	checkRanked(t, q, page.Items)
	return page
}

// checkRanked checks the ranking rule on a page: match kind, then
// distance, then similarity never improve down the list.
func checkRanked(t *testing.T, q data.SearchQuery, hits []data.SearchHit) {
	t.Helper()
	for i := 1; i < len(hits); i++ {
		a, b := hits[i-1], hits[i]
		switch {
		case a.Match < b.Match:
		case a.Match > b.Match:
			t.Errorf("search %q: hit %d (%s) ranks above %d (%s)", q.Text, i, a.Match, i+1, b.Match)
		case q.Near != nil && a.DistanceM < b.DistanceM:
		case q.Near != nil && a.DistanceM > b.DistanceM+1e-6:
			t.Errorf("search %q: hit %d farther (%.1f m) than %d (%.1f m)", q.Text, i, a.DistanceM, i+1, b.DistanceM)
		case a.Similarity < b.Similarity:
			t.Errorf("search %q: hit %d less similar (%.3f) than %d (%.3f)", q.Text, i, a.Similarity, i+1, b.Similarity)
		}
	}
}

// hitIDs returns the place IDs of the hits.
func hitIDs(hits []data.SearchHit) []string {
	ids := []string{}
	for _, h := range hits {
		ids = append(ids, h.Place.ID)
	}
	return ids
}

// wantHits fails unless the hits are exactly the places want, in order,
// with the match kinds kinds (when given).
func wantHits(t *testing.T, what string, hits []data.SearchHit, want []*data.NamedPlace, kinds ...data.MatchKind) {
	t.Helper()
	var ids []string
	for _, p := range want {
		ids = append(ids, p.ID)
	}
	got := hitIDs(hits)
	if len(got) != len(ids) {
		t.Errorf("%s: %d hits %v, want %d %v", what, len(got), names(hits), len(ids), ids)
		return
	}
	for i := range ids {
		if got[i] != ids[i] {
			t.Errorf("%s: hit %d is %s (%v), want %s", what, i+1, got[i], names(hits), want[i].Names[0].Text)
		}
		if i < len(kinds) && hits[i].Match != kinds[i] {
			t.Errorf("%s: hit %d matched %s, want %s", what, i+1, hits[i].Match, kinds[i])
		}
	}
}

func names(hits []data.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Name.Text+"/"+h.Match.String())
	}
	return out
}

func ctxOf(t *testing.T) context.Context { return t.Context() }
