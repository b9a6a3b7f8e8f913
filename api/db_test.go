package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// fixture is what seed stored.
type fixture struct {
	chadong, biancheng *data.AdminUnit // 茶峒镇 until 2005, then 边城镇
	line               *data.BoundaryLine
	marker             *data.Marker
	tri                *data.TriJunction
	published, draft   *data.NamedPlace
	poi                *data.NamedPlace
	sign               *data.Sign
}

// seed stores a small corner of 湘渝黔: one feature or two per collection.
func seed(tb testing.TB, st data.Store) *fixture {
	tb.Helper()
	ctx := context.Background()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	sq := func(x0, y0, x1, y1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
	}
	f := &fixture{}
	f.chadong = &data.AdminUnit{Code: "433124108", Name: "茶峒镇", Level: data.LevelTownship, Type: "镇",
		Geometry: sq(109.20, 28.45, 109.28, 28.52), Valid: data.Period{From: data.Date(1984, 1, 1), To: data.Date(2005, 1, 1)}}
	must(st.CreateAdminUnit(ctx, f.chadong))
	f.biancheng = &data.AdminUnit{UnitID: f.chadong.UnitID, Code: "433124108", Name: "边城镇", Level: data.LevelTownship, Type: "镇",
		Geometry: sq(109.20, 28.45, 109.28, 28.52), Valid: data.Period{From: data.Date(2005, 1, 1)}}
	must(st.CreateAdminUnit(ctx, f.biancheng))
	xiushan := &data.AdminUnit{Code: "500241", Name: "秀山土家族苗族自治县", Level: data.LevelCounty, Type: "自治县",
		Geometry: sq(108.7, 28.1, 109.3, 28.9)}
	must(st.CreateAdminUnit(ctx, xiushan))
	songtao := &data.AdminUnit{Code: "520628", Name: "松桃苗族自治县", Level: data.LevelCounty, Type: "自治县",
		Geometry: sq(108.6, 27.9, 109.3, 28.5)}
	must(st.CreateAdminUnit(ctx, songtao))

	huayuan := &data.AdminUnit{Code: "433124", Name: "花垣县", Level: data.LevelCounty, Type: "县",
		Geometry: sq(109.27, 28.2, 109.7, 28.8)}
	must(st.CreateAdminUnit(ctx, huayuan))
	newLine := func(name, code string, a, b *data.AdminUnit, to orb.Point) *data.BoundaryLine {
		l := &data.BoundaryLine{Name: name, Level: data.LevelProvince, Code: code,
			UnitA: a.UnitID, UnitB: b.UnitID, CodeA: a.Code, CodeB: b.Code,
			NumberingDirection: "west_east", LegalStatus: data.LegalAgreed, TechnicalStatus: data.TechUnknown, CycleYears: 5,
			Geometry: orb.MultiLineString{{to, {109.2702, 28.5035}}}}
		must(st.CreateBoundaryLine(ctx, l))
		return l
	}
	f.line = newLine("渝黔线", "5052", xiushan, songtao, orb.Point{108.9, 28.45})
	xiangyu := newLine("湘渝线", "4350", huayuan, xiushan, orb.Point{109.3, 28.8})
	xiangqian := newLine("湘黔线", "4352", huayuan, songtao, orb.Point{109.3, 28.2})
	f.marker = &data.Marker{LineID: f.line.ID, Number: "5052001Q", Position: orb.Point{109.0, 28.46},
		SourceCRS: 4545, Datum: "CGCS2000", SigmaM: 1, Status: data.StatusIntact}
	must(st.CreateMarker(ctx, f.marker))
	f.tri = &data.TriJunction{Name: "湘渝黔三交点", LineIDs: [3]string{f.line.ID, xiangyu.ID, xiangqian.ID},
		UnitIDs: [3]string{huayuan.UnitID, xiushan.UnitID, songtao.UnitID}, Agreed: orb.Point{109.2702, 28.5035}, SigmaM: 0.05}
	must(st.CreateTriJunction(ctx, f.tri))

	f.published = place(data.KindPlaceName, data.ReviewPublished, "洪安镇", "Hong'an Zhen", orb.Point{109.26, 28.49})
	f.draft = place(data.KindPlaceName, data.ReviewDraft, "草稿村", "Caogao Cun", orb.Point{109.1, 28.3})
	f.poi = place(data.KindPOI, data.ReviewPublished, "洪安渡口", "Hong'an Dukou", orb.Point{109.265, 28.495})
	for _, p := range []*data.NamedPlace{f.published, f.draft, f.poi} {
		must(st.CreatePlace(ctx, p))
	}
	f.sign = &data.Sign{PlaceID: f.published.ID, Kind: "protection_marker", Position: orb.Point{109.261, 28.491},
		Text: "洪安镇 历史地名保护标志", Status: "good", Installed: data.Date(2023, 5, 1)}
	must(st.CreateSign(ctx, f.sign))
	return f
}

// place returns a new place with one standard name.
func place(kind data.PlaceKind, review data.ReviewStatus, name, pinyin string, at orb.Point) *data.NamedPlace {
	legal := 3
	if kind == data.KindPOI {
		legal = 0
	}
	return &data.NamedPlace{Kind: kind, LegalClass: legal, Review: review, Geometry: at, Category: "1100",
		Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: name, Pinyin: pinyin}}}
}

// dbServer returns the API over a fresh PostGIS store and the store.
func dbServer(tb testing.TB) (http.Handler, *postgis.Store) {
	tb.Helper()
	st := pgtest.Store(tb)
	h, _ := newStubServer(tb, Config{Version: "test"}, st)
	return h, st
}

// featureCollection is the part of an /items response the tests read.
type featureCollection struct {
	Type     string `json:"type"`
	Features []struct {
		ID         string          `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	} `json:"features"`
	Links          []link `json:"links"`
	NumberMatched  int    `json:"numberMatched"`
	NumberReturned int    `json:"numberReturned"`
	TimeStamp      string `json:"timeStamp"`
}

func (fc featureCollection) ids() []string {
	var ids []string
	for _, f := range fc.Features {
		ids = append(ids, f.ID)
	}
	slices.Sort(ids)
	return ids
}

func (fc featureCollection) link(rel string) (link, bool) {
	for _, l := range fc.Links {
		if l.Rel == rel {
			return l, true
		}
	}
	return link{}, false
}

// getJSON GETs target, checks the status and decodes the body into v.
func getJSON(tb testing.TB, h http.Handler, target string, status int, v any) http.Header {
	tb.Helper()
	rec := do(tb, h, "GET", target, nil)
	if rec.Code != status {
		tb.Fatalf("GET %s = %d, want %d: %s", target, rec.Code, status, rec.Body)
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			tb.Fatalf("GET %s: decode: %v", target, err)
		}
	}
	return rec.Header()
}

func sortedIDs(ids ...string) []string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

func TestItemsPerCollection(t *testing.T) {
	h, st := dbServer(t)
	f := seed(t, st)
	want := map[string][]string{
		"admin-units":    nil, // five versions; checked by count below
		"boundary-lines": nil, // three lines
		"markers":        {f.marker.ID},
		"place-names":    {f.published.ID}, // the draft stays hidden
		"pois":           {f.poi.ID},
		"signs":          {f.sign.ID},
		"tri-junctions":  {f.tri.ID},
	}
	for id, ids := range want {
		var fc featureCollection
		hdr := getJSON(t, h, "/collections/"+id+"/items", 200, &fc)
		if ct := hdr.Get("Content-Type"); ct != mediaGeoJSON || hdr.Get("Content-Crs") != "<"+CRS84URI+">" {
			t.Errorf("%s: Content-Type %q, Content-Crs %q", id, ct, hdr.Get("Content-Crs"))
		}
		if n := map[string]int{"admin-units": 5, "boundary-lines": 3}[id]; n > 0 {
			if fc.NumberMatched != n || len(fc.Features) != n {
				t.Errorf("%s: %d matched, %d returned, want %d", id, fc.NumberMatched, len(fc.Features), n)
			}
			continue
		}
		if !slices.Equal(fc.ids(), sortedIDs(ids...)) || fc.NumberMatched != len(ids) || fc.NumberReturned != len(ids) {
			t.Errorf("%s: ids %v matched %d returned %d, want %v", id, fc.ids(), fc.NumberMatched, fc.NumberReturned, ids)
		}
		if fc.Type != "FeatureCollection" || fc.TimeStamp == "" {
			t.Errorf("%s: type %q timeStamp %q", id, fc.Type, fc.TimeStamp)
		}
		for _, rel := range []string{"self", "alternate", "collection"} {
			if _, ok := fc.link(rel); !ok {
				t.Errorf("%s: no %s link", id, rel)
			}
		}
	}
	var fc featureCollection
	getJSON(t, h, "/collections/place-names/items", 200, &fc)
	p := fc.Features[0].Properties
	if p["name"] != "洪安镇" || p["pinyin"] != "Hong'an Zhen" || p["kind"] != "place_name" || p["review"] != "published" {
		t.Errorf("place properties = %v", p)
	}
}

func TestCollectionsDocument(t *testing.T) {
	h, _ := dbServer(t)
	var doc struct {
		Collections []map[string]any `json:"collections"`
	}
	getJSON(t, h, "/collections", 200, &doc)
	var ids []string
	for _, c := range doc.Collections {
		ids = append(ids, c["id"].(string))
		crs, _ := c["crs"].([]any)
		if c["itemType"] != "feature" || c["storageCrs"] != EPSG4490URI || len(crs) != 2 || c["extent"] == nil {
			t.Errorf("collection %v", c)
		}
	}
	for _, c := range catalogue() {
		if !slices.Contains(ids, c.ID) {
			t.Errorf("/collections lacks %s", c.ID)
		}
		var one map[string]any
		getJSON(t, h, "/collections/"+c.ID, 200, &one)
		if one["id"] != c.ID || one["title"] != c.Title {
			t.Errorf("/collections/%s = %v", c.ID, one)
		}
	}
}

func TestPagingFollowsNextLinks(t *testing.T) {
	h, st := dbServer(t)
	const n = 25
	want := make([]string, 0, n)
	for i := range n {
		p := place(data.KindPlaceName, data.ReviewPublished, "村"+strconv.Itoa(i), "Cun", orb.Point{109 + float64(i)/100, 28.5})
		if err := st.CreatePlace(context.Background(), p); err != nil {
			t.Fatal(err)
		}
		want = append(want, p.ID)
	}
	target := "/collections/place-names/items?limit=10"
	var got []string
	var pages []int
	for target != "" {
		var fc featureCollection
		getJSON(t, h, target, 200, &fc)
		if fc.NumberMatched != n {
			t.Errorf("numberMatched = %d, want %d", fc.NumberMatched, n)
		}
		got = append(got, fc.ids()...)
		pages = append(pages, fc.NumberReturned)
		target = ""
		if next, ok := fc.link("next"); ok {
			u, err := url.Parse(next.Href)
			if err != nil {
				t.Fatal(err)
			}
			target = u.RequestURI()
		}
		if len(pages) > 5 {
			t.Fatal("too many pages")
		}
	}
	if !slices.Equal(pages, []int{10, 10, 5}) {
		t.Errorf("page sizes %v, want [10 10 5]", pages)
	}
	slices.Sort(got)
	if !slices.Equal(got, sortedIDs(want...)) {
		t.Errorf("paging read %d ids, want the %d created", len(got), n)
	}
	var fc featureCollection
	getJSON(t, h, "/collections/place-names/items?limit=10&offset=10", 200, &fc)
	if prev, ok := fc.link("prev"); !ok || !containsQuery(prev.Href, "offset", "0") {
		t.Errorf("prev link = %+v", prev)
	}
	getJSON(t, h, "/collections/place-names/items?offset=1000", 200, &fc)
	if fc.NumberReturned != 0 || fc.NumberMatched != n || len(fc.Features) != 0 {
		t.Errorf("past the end: %d returned, %d matched", fc.NumberReturned, fc.NumberMatched)
	}
}

func containsQuery(href, key, val string) bool {
	u, err := url.Parse(href)
	return err == nil && u.Query().Get(key) == val
}

func TestBBoxAndCRS(t *testing.T) {
	h, st := dbServer(t)
	f := seed(t, st)
	var fc featureCollection
	// The published place (109.26, 28.49) lies in the box; the POI and the
	// draft are in other collections.
	getJSON(t, h, "/collections/place-names/items?bbox=109.25,28.48,109.27,28.50", 200, &fc)
	if !slices.Equal(fc.ids(), []string{f.published.ID}) {
		t.Errorf("bbox hit = %v", fc.ids())
	}
	getJSON(t, h, "/collections/place-names/items?bbox=109.0,28.0,109.1,28.1", 200, &fc)
	if len(fc.Features) != 0 || fc.NumberMatched != 0 {
		t.Errorf("bbox miss = %v", fc.ids())
	}
	// The same box with lat,lon axis order in EPSG:4490.
	getJSON(t, h, "/collections/place-names/items?bbox=28.48,109.25,28.50,109.27&bbox-crs="+url.QueryEscape(EPSG4490URI), 200, &fc)
	if !slices.Equal(fc.ids(), []string{f.published.ID}) {
		t.Errorf("bbox-crs EPSG:4490 hit = %v", fc.ids())
	}
	// Six numbers: heights are ignored.
	getJSON(t, h, "/collections/place-names/items?bbox=109.25,28.48,0,109.27,28.50,100", 200, &fc)
	if !slices.Equal(fc.ids(), []string{f.published.ID}) {
		t.Errorf("6-number bbox hit = %v", fc.ids())
	}
	// Output in EPSG:4490 writes latitude first.
	hdr := getJSON(t, h, "/collections/place-names/items?crs="+url.QueryEscape(EPSG4490URI), 200, &fc)
	if hdr.Get("Content-Crs") != "<"+EPSG4490URI+">" {
		t.Errorf("Content-Crs = %q", hdr.Get("Content-Crs"))
	}
	assertPoint(t, fc.Features[0].Geometry, 28.49, 109.26)
	var one struct {
		Geometry json.RawMessage `json:"geometry"`
		Links    []link          `json:"links"`
	}
	hdr = getJSON(t, h, "/collections/place-names/items/"+f.published.ID+"?crs="+url.QueryEscape(EPSG4490URI), 200, &one)
	assertPoint(t, one.Geometry, 28.49, 109.26)
	hdr = getJSON(t, h, "/collections/place-names/items/"+f.published.ID, 200, &one)
	assertPoint(t, one.Geometry, 109.26, 28.49)
	if hdr.Get("Content-Crs") != "<"+CRS84URI+">" || len(one.Links) < 3 {
		t.Errorf("Content-Crs %q, links %v", hdr.Get("Content-Crs"), one.Links)
	}
	// A polygon swaps every vertex.
	getJSON(t, h, "/collections/admin-units/items/"+f.chadong.ID+"?crs="+url.QueryEscape(EPSG4490URI), 200, &one)
	var poly struct{ Coordinates [][][][2]float64 }
	if err := json.Unmarshal(one.Geometry, &poly); err != nil || poly.Coordinates[0][0][0] != [2]float64{28.45, 109.20} {
		t.Errorf("polygon in EPSG:4490 = %s (%v)", one.Geometry, err)
	}
}

func assertPoint(tb testing.TB, raw json.RawMessage, x, y float64) {
	tb.Helper()
	var g struct {
		Type        string
		Coordinates [2]float64
	}
	if err := json.Unmarshal(raw, &g); err != nil || g.Type != "Point" || g.Coordinates != [2]float64{x, y} {
		tb.Errorf("geometry %s, want Point [%g, %g]", raw, x, y)
	}
}

func TestDatetime(t *testing.T) {
	h, st := dbServer(t)
	f := seed(t, st)
	for _, tt := range []struct {
		datetime string
		want     []*data.AdminUnit
	}{
		{"2004-06-01", []*data.AdminUnit{f.chadong}},
		{"2004-12-31T23:59:59Z", []*data.AdminUnit{f.chadong}},
		{"2005-01-01", []*data.AdminUnit{f.biancheng}},
		{"2010-01-01T08:00:00%2B08:00", []*data.AdminUnit{f.biancheng}},
		{"2004-01-01/2005-06-01", []*data.AdminUnit{f.chadong, f.biancheng}},
		{"../2004-12-31", []*data.AdminUnit{f.chadong}},
		{"2005-01-01/..", []*data.AdminUnit{f.biancheng}},
		{"1900-01-01", nil},
	} {
		var fc featureCollection
		getJSON(t, h, "/collections/admin-units/items?bbox=109.21,28.46,109.22,28.47&datetime="+tt.datetime, 200, &fc)
		// The counties, valid throughout, overlap the box too: look only at
		// the township's two versions.
		var want, got []string
		for _, u := range tt.want {
			want = append(want, u.ID)
		}
		for _, id := range fc.ids() {
			if id == f.chadong.ID || id == f.biancheng.ID {
				got = append(got, id)
			}
		}
		if !slices.Equal(got, sortedIDs(want...)) || fc.NumberMatched != len(want)+2 {
			t.Errorf("datetime=%s: %v of %d, want %v and the 2 counties", tt.datetime, got, fc.NumberMatched, want)
		}
	}
}

func TestGetItem(t *testing.T) {
	h, st := dbServer(t)
	f := seed(t, st)
	for coll, id := range map[string]string{
		"admin-units": f.biancheng.ID, "boundary-lines": f.line.ID, "markers": f.marker.ID,
		"place-names": f.published.ID, "pois": f.poi.ID, "signs": f.sign.ID, "tri-junctions": f.tri.ID,
	} {
		var feat struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		}
		getJSON(t, h, "/collections/"+coll+"/items/"+id, 200, &feat)
		if feat.Type != "Feature" || feat.ID != id {
			t.Errorf("%s/%s = %+v", coll, id, feat)
		}
	}
	for _, target := range []string{
		"/collections/place-names/items/" + f.draft.ID,     // not published
		"/collections/place-names/items/" + f.poi.ID,       // a POI, not a place name
		"/collections/pois/items/" + f.published.ID,        // a place name, not a POI
		"/collections/tri-junctions/items/" + f.marker.ID,  // another collection's id
		"/collections/markers/items/" + data.NewID(),       // nothing
		"/collections/admin-units/items/" + f.published.ID, // another collection's id
	} {
		rec := do(t, h, "GET", target, nil)
		decodeProblem(t, 404, rec.Header().Get("Content-Type"), rec.Body)
	}
}

func TestBadInputPostGIS(t *testing.T) {
	h, st := dbServer(t)
	seed(t, st)
	checkBadInput(t, h)
}

func TestReadyzPostGIS(t *testing.T) {
	h, st := dbServer(t)
	getJSON(t, h, "/readyz", 200, nil)
	st.Close()
	rec := do(t, h, "GET", "/readyz", nil)
	decodeProblem(t, 503, rec.Header().Get("Content-Type"), rec.Body)
	getJSON(t, h, "/healthz", 200, nil)
}
