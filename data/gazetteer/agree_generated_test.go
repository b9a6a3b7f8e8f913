package gazetteer_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
)

// TestStoresAgreeGenerated loads generated places whose names repeat (so
// that prefixes find more than gazetteer.MaxCandidates names and ties are
// common) into both stores, and checks that hundreds of searches of every
// kind, with filters and pages, answer hit by hit alike: the PostGIS store
// ranks in SQL, the GeoPackage store through gazetteer.Rank.
func TestStoresAgreeGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("loads two stores")
	}
	ctx := context.Background()
	g, err := gpkg.Open(ctx, filepath.Join(t.TempDir(), "gen.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	pg := pgtest.Store(t)
	r := rand.New(rand.NewPCG(11, 12))
	places := genPlaces(r, 300)
	for _, p := range places {
		for _, st := range []data.Store{g, pg} { // gpkg sets the IDs, PostGIS keeps them
			if err := st.CreatePlace(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range genQueries(r, places) {
		pa, errA := g.Search(ctx, q)
		pb, errB := pg.Search(ctx, q)
		if errA != nil || errB != nil {
			t.Fatalf("search %s: %v / %v", describe(q), errA, errB)
		}
		compareHits(t, q, pa, pb)
	}
}

var (
	genFirsts  = [][2]string{{"王", "wang"}, {"汪", "wang"}, {"黄", "huang"}, {"洪", "hong"}, {"红", "hong"}, {"茶", "cha"}, {"张", "zhang"}, {"安", "an"}}
	genSeconds = [][2]string{{"家", "jia"}, {"安", "an"}, {"木", "mu"}, {"", ""}, {"", ""}}
	genForms   = [][2]string{{"坪", "ping"}, {"峒", "dong"}, {"洞", "dong"}, {"湾", "wan"}, {"坝", "ba"}, {"镇", "zhen"}}
)

// genPlaces returns n places near 109.2°E 28.4°N whose names draw on a
// small vocabulary; storetest.Place gives each a historical and an alias
// name too.
func genPlaces(r *rand.Rand, n int) []*data.NamedPlace {
	codes := []string{"500241", "433124", "520628"}
	out := make([]*data.NamedPlace, n)
	for i := range out {
		f, s, m := genFirsts[r.IntN(len(genFirsts))], genSeconds[r.IntN(len(genSeconds))], genForms[r.IntN(len(genForms))]
		py := f[1] + s[1] + m[1]
		if r.IntN(4) == 0 {
			py = "" // spelled from the Hanzi
		}
		p := storetest.Place(f[0]+s[0]+m[0], py, 109.1+r.Float64()*0.2, 28.3+r.Float64()*0.2, codes[r.IntN(len(codes))])
		if r.IntN(5) == 0 {
			p.Review = data.ReviewDraft
		}
		if r.IntN(6) == 0 {
			p.Category = "2420"
		}
		out[i] = p
	}
	return out
}

// genQueries returns searches of every kind drawn from the places' names.
func genQueries(r *rand.Rand, places []*data.NamedPlace) []data.SearchQuery {
	var texts []string
	for range 40 {
		n := places[r.IntN(len(places))].Names[r.IntN(3)]
		key := gazetteer.NameKeys(n).Pinyin
		han := []rune(n.Text)
		texts = append(texts, key, key[:min(len(key), 1+r.IntN(5))], genTypo(r, key), n.Text, string(han[:1]),
			string(han[:min(len(han), 2)]), string(han[len(han)-min(len(han), 2):]), strings.ToUpper(key))
	}
	texts = append(texts, "", "wj", "hj", "zzzz", "jiaping", "家", "旧", "场", "wangjiapign", "hongan zhen")
	at2000, at2010 := data.Date(2000, 1, 1), data.Date(2010, 6, 1)
	var qs []data.SearchQuery
	for _, text := range texts {
		q := data.SearchQuery{Text: text, Limit: 10}
		qs = append(qs, q)
		switch r.IntN(6) {
		case 0:
			q.At = &[]time.Time{at2000, at2010}[r.IntN(2)]
		case 1:
			q.Code, q.Review = "500241", data.ReviewReviewed
		case 2:
			q.Category = "24"
		case 3:
			q.BBox = &orb.Bound{Min: orb.Point{109.15, 28.35}, Max: orb.Point{109.25, 28.45}}
		case 4:
			q.Offset, q.Limit = []int{7, 30, 300}[r.IntN(3)], 7
		case 5:
			p := orb.Point{109.1 + r.Float64()*0.2, 28.3 + r.Float64()*0.2}
			q.Near, q.RadiusM, q.Limit = &p, 2000+r.Float64()*2000, 100
		}
		qs = append(qs, q)
	}
	return qs
}

// genTypo swaps, drops or doubles a letter of key.
func genTypo(r *rand.Rand, key string) string {
	if len(key) < 3 {
		return key + "x"
	}
	i := 1 + r.IntN(len(key)-2)
	switch r.IntN(3) {
	case 0:
		return key[:i] + key[i+1:i+2] + key[i:i+1] + key[i+2:]
	case 1:
		return key[:i] + key[i+1:]
	}
	return key[:i] + key[i:i+1] + key[i:]
}

// compareHits checks two pages hit by hit. Near a point, the stores
// measure distances each its own way (within 0.5 %), so places at nearly
// equal distances may swap: there the hits are compared in id order.
func compareHits(t *testing.T, q data.SearchQuery, a, b data.Page[data.SearchHit]) {
	t.Helper()
	if a.Matched != b.Matched || len(a.Items) != len(b.Items) {
		t.Errorf("search %s: gpkg %d of %d, postgis %d of %d", describe(q), len(a.Items), a.Matched, len(b.Items), b.Matched)
		return
	}
	x, y := a.Items, b.Items
	if q.Near != nil && a.Matched <= len(a.Items) {
		x, y = byID(x), byID(y)
	}
	for i := range x {
		h, k := x[i], y[i]
		if h.Place.ID != k.Place.ID || h.Name.ID != k.Name.ID || h.Match != k.Match || h.Similarity != k.Similarity ||
			math.Abs(h.DistanceM-k.DistanceM) > 0.005*math.Max(1, k.DistanceM) || len(h.Place.Names) != len(k.Place.Names) {
			t.Errorf("search %s hit %d: gpkg %s %s %s %.4f %.1f m; postgis %s %s %s %.4f %.1f m", describe(q), i+1,
				h.Place.ID, h.Name.Text, h.Match, h.Similarity, h.DistanceM, k.Place.ID, k.Name.Text, k.Match, k.Similarity, k.DistanceM)
		}
	}
}

func byID(hits []data.SearchHit) []data.SearchHit {
	out := slices.Clone(hits)
	slices.SortFunc(out, func(a, b data.SearchHit) int { return strings.Compare(a.Place.ID, b.Place.ID) })
	return out
}

func describe(q data.SearchQuery) string {
	s := fmt.Sprintf("%q limit %d offset %d", q.Text, q.Limit, q.Offset)
	if q.Near != nil {
		s += fmt.Sprintf(" near %v r %.0f", *q.Near, q.RadiusM)
	}
	if q.BBox != nil {
		s += " bbox"
	}
	if q.At != nil {
		s += " at " + q.At.Format(time.DateOnly)
	}
	return s + " " + string(q.Code) + " " + string(q.Review) + " " + q.Category
}
