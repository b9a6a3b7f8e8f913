package storetest

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/toponym/toponym/data"
)

func testSearchText(t *testing.T, s data.Store, g data.Gazetteer) {
	f := seedGazetteer(t, s)
	pub := data.ReviewPublished
	for _, text := range []string{"洪安镇", "honganzhen", "Hong'an Zhen", "hong an zhen", "Hóng'ān Zhèn", "HONGANZHEN", " 洪安镇 "} {
		page := search(t, g, data.SearchQuery{Text: text, Review: pub})
		if len(page.Items) == 0 || page.Items[0].Place.ID != f.hongan.ID || page.Items[0].Match != data.MatchExact {
			t.Errorf("search %q: %v, want 洪安镇 first, exact", text, names(page.Items))
			continue
		}
		if h := page.Items[0]; h.Name.Text != "洪安镇" || h.Place.StandardName().Text != "洪安镇" || len(h.Place.Names) != 1 {
			t.Errorf("search %q: hit name %q, place names %v", text, h.Name.Text, h.Place.Names)
		}
	}
	wantHits(t, "prefix hongan", search(t, g, data.SearchQuery{Text: "hongan", Review: pub}).Items,
		[]*data.NamedPlace{f.hongan, f.ferry}, data.MatchPrefix, data.MatchPrefix)
	wantHits(t, "Hanzi prefix 洪安", search(t, g, data.SearchQuery{Text: "洪安", Review: pub}).Items,
		[]*data.NamedPlace{f.hongan, f.ferry}, data.MatchPrefix, data.MatchPrefix)
	wantHits(t, "initials haz", search(t, g, data.SearchQuery{Text: "haz", Review: pub}).Items,
		[]*data.NamedPlace{f.hongan}, data.MatchInitials)
	wantHits(t, "substring jiaping", search(t, g, data.SearchQuery{Text: "jiaping", Review: pub}).Items,
		[]*data.NamedPlace{f.wangjia, f.huangjia}, data.MatchSubstring, data.MatchSubstring)
	wantHits(t, "Hanzi substring 家坪", search(t, g, data.SearchQuery{Text: "家坪"}).Items,
		[]*data.NamedPlace{f.wangjia, f.huangjia}, data.MatchSubstring, data.MatchSubstring)

	typo := search(t, g, data.SearchQuery{Text: "hongnazhen", Review: pub}).Items
	if len(typo) == 0 || typo[0].Place.ID != f.hongan.ID || typo[0].Match != data.MatchFuzzy || typo[0].Similarity < data.FuzzyThreshold {
		t.Errorf("typo hongnazhen: %v, want 洪安镇 first, fuzzy", names(typo))
	}
	homophone := search(t, g, data.SearchQuery{Text: "红安镇", Review: pub}).Items
	if len(homophone) == 0 || homophone[0].Place.ID != f.hongan.ID || homophone[0].Match != data.MatchFuzzy ||
		homophone[0].Similarity != 1 {
		t.Errorf("homophone 红安镇: %v, want 洪安镇 first, fuzzy with similarity 1", names(homophone))
	}
	// A place without pinyin is found by the pinyin its Hanzi read as;
	// drafts only when asked for.
	wantHits(t, "derived pinyin xiushan", search(t, g, data.SearchQuery{Text: "xiushan"}).Items,
		[]*data.NamedPlace{f.xiushan}, data.MatchPrefix)
	wantHits(t, "draft hidden", search(t, g, data.SearchQuery{Text: "xiushan", Review: pub}).Items, nil)
	wantHits(t, "no match", search(t, g, data.SearchQuery{Text: "zzzzqqq"}).Items, nil)
}

func testSearchHistorical(t *testing.T, s data.Store, g data.Gazetteer) {
	f := seedGazetteer(t, s)
	hit := func(text string, at *int) data.SearchHit {
		t.Helper()
		q := data.SearchQuery{Text: text}
		if at != nil {
			d := data.Date(*at, 6, 1)
			q.At = &d
		}
		hits := search(t, g, q).Items
		if len(hits) == 0 || hits[0].Place.ID != f.chadong.ID {
			t.Fatalf("search %q at %v: %v, want 茶洞 place first", text, at, names(hits))
		}
		return hits[0]
	}
	y2000, y2010 := 2000, 2010
	if h := hit("茶峒", nil); h.Match != data.MatchExact || h.Name.Status != data.NameHistorical {
		t.Errorf("茶峒: matched %s %q (%s), want the historical name, exact", h.Match, h.Name.Text, h.Name.Status)
	}
	if h := hit("茶峒", &y2000); h.Match != data.MatchExact || h.Name.Text != "茶峒" {
		t.Errorf("茶峒 in 2000: matched %s %q", h.Match, h.Name.Text)
	}
	// In 2010 the name 茶峒 is no longer valid; its homophone 茶洞 is.
	if h := hit("茶峒", &y2010); h.Match != data.MatchFuzzy || h.Name.Text != "茶洞" || h.Similarity != 1 {
		t.Errorf("茶峒 in 2010: matched %s %q %.2f, want 茶洞 fuzzy 1.0", h.Match, h.Name.Text, h.Similarity)
	}
	if h := hit("边城", nil); h.Match != data.MatchExact || h.Name.Status != data.NameAlias {
		t.Errorf("边城: matched %s %q", h.Match, h.Name.Text)
	}
	if h := hit("chadong", &y2010); h.Match != data.MatchExact || h.Name.Text != "茶洞" {
		t.Errorf("chadong in 2010: matched %s %q", h.Match, h.Name.Text)
	}
}

func testSearchFilters(t *testing.T, s data.Store, g data.Gazetteer) {
	f := seedGazetteer(t, s)
	any := data.MatchAny
	wantHits(t, "code 520628110", search(t, g, data.SearchQuery{Code: "520628110"}).Items, []*data.NamedPlace{f.wangjia}, any)
	wantHits(t, "code 520628 + jiaping", search(t, g, data.SearchQuery{Text: "jiaping", Code: "520628"}).Items,
		[]*data.NamedPlace{f.wangjia, f.huangjia})
	wantHits(t, "category 24", search(t, g, data.SearchQuery{Category: "24"}).Items,
		[]*data.NamedPlace{f.old, f.wangjia, f.chadong, f.huangjia}) // any: by Hanzi code point
	wantHits(t, "kind poi", search(t, g, data.SearchQuery{Kind: data.KindPOI}).Items, []*data.NamedPlace{f.ferry})
	box := orb.Bound{Min: orb.Point{109.09, 28.29}, Max: orb.Point{109.11, 28.32}}
	wantHits(t, "bbox", search(t, g, data.SearchQuery{Text: "jiaping", BBox: &box}).Items, []*data.NamedPlace{f.wangjia})
	at1999, at2001 := data.Date(1999, 1, 1), data.Date(2001, 1, 1)
	wantHits(t, "place valid in 1999", search(t, g, data.SearchQuery{Text: "jiuchang", At: &at1999}).Items,
		[]*data.NamedPlace{f.old})
	wantHits(t, "place gone by 2001", search(t, g, data.SearchQuery{Text: "jiuchang", At: &at2001}).Items, nil)

	near := orb.Point{109.26, 28.49}
	hits := search(t, g, data.SearchQuery{Near: &near, RadiusM: 2000}).Items
	wantHits(t, "near 洪安镇", hits, []*data.NamedPlace{f.hongan, f.ferry})
	if len(hits) == 2 {
		want := geo.Distance(near, orb.Point{109.265, 28.495})
		if hits[0].DistanceM > 0.01 || math.Abs(hits[1].DistanceM-want) > want*0.005 {
			t.Errorf("distances %.1f, %.1f m; want 0 and %.1f m (±0.5 %%)", hits[0].DistanceM, hits[1].DistanceM, want)
		}
	}
	// Near ranks within a match kind: both are prefix matches of "hongan".
	ferryPt := orb.Point{109.265, 28.495}
	wantHits(t, "hongan near the ferry", search(t, g, data.SearchQuery{Text: "hongan", Near: &ferryPt}).Items,
		[]*data.NamedPlace{f.ferry, f.hongan})
}

func testSearchPaging(t *testing.T, s data.Store, g data.Gazetteer) {
	seedGazetteer(t, s)
	all := search(t, g, data.SearchQuery{})
	if all.Matched != 7 || len(all.Items) != 7 {
		t.Fatalf("all: %d of %d, want 7", len(all.Items), all.Matched)
	}
	var paged []data.SearchHit
	for off := 0; off < 7; off += 3 {
		p := search(t, g, data.SearchQuery{Limit: 3, Offset: off})
		if p.Matched != 7 {
			t.Errorf("offset %d: matched %d, want 7", off, p.Matched)
		}
		paged = append(paged, p.Items...)
	}
	if a, b := hitIDs(all.Items), hitIDs(paged); len(a) != len(b) {
		t.Errorf("pages give %d hits, want %d", len(b), len(a))
	} else {
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("paged hit %d differs", i)
			}
		}
	}
	past := search(t, g, data.SearchQuery{Limit: 3, Offset: 10})
	if len(past.Items) != 0 || past.Matched != 7 {
		t.Errorf("past the end: %d items, matched %d; want 0 and 7", len(past.Items), past.Matched)
	}
}

func testSearchInvalid(t *testing.T, s data.Store, g data.Gazetteer) {
	ctx := t.Context()
	near := orb.Point{109.2, 28.4}
	bad := orb.Point{200, 28}
	inverted := orb.Bound{Min: orb.Point{110, 29}, Max: orb.Point{109, 28}}
	for _, c := range []struct {
		name  string
		q     data.SearchQuery
		field string
	}{
		{"punctuation only", data.SearchQuery{Text: "!!! ···"}, "q"},
		{"too long", data.SearchQuery{Text: string(make([]rune, 65))}, "q"},
		{"negative radius", data.SearchQuery{Near: &near, RadiusM: -1}, "radius"},
		{"huge radius", data.SearchQuery{Near: &near, RadiusM: 1e9}, "radius"},
		{"point off the globe", data.SearchQuery{Near: &bad}, "near"},
		{"bad code", data.SearchQuery{Code: "12"}, "code"},
		{"bad category", data.SearchQuery{Category: "1%"}, "category"},
		{"bad kind", data.SearchQuery{Kind: "river"}, "kind"},
		{"bad review", data.SearchQuery{Review: "approved"}, "review"},
		{"inverted bbox", data.SearchQuery{BBox: &inverted}, "bbox"},
	} {
		_, err := g.Search(ctx, c.q)
		wantKind(t, c.name, err, data.KindInvalid, c.field)
	}
}

func testSearchAfterUpdate(t *testing.T, s data.Store, g data.Gazetteer) {
	f := seedGazetteer(t, s)
	p, err := s.GetPlace(t.Context(), f.wangjia.ID)
	must(t, err)
	p.Names[0].Text, p.Names[0].Pinyin = "王家湾", "Wangjiawan"
	must(t, s.UpdatePlace(t.Context(), p))
	wantHits(t, "new name", search(t, g, data.SearchQuery{Text: "wangjiawan"}).Items, []*data.NamedPlace{f.wangjia}, data.MatchExact)
	for _, h := range search(t, g, data.SearchQuery{Text: "王家坪"}).Items {
		if h.Name.Text == "王家坪" || h.Match == data.MatchExact {
			t.Errorf("old name 王家坪 still found: %v", h.Name.Text)
		}
	}
}
