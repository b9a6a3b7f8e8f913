package tiles

import (
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// corner is the 湘渝黔 common point of the published county boundaries.
var corner = orb.Point{109.2702, 28.5035}

// fixtureNow is the clock of the fixture: "today" for validity.
var fixtureNow = time.Date(2025, 6, 1, 9, 0, 0, 0, chinaTime)

// fixture is a small data set around one zoom-15 tile, with what each
// tileset must show of it in that tile.
type fixture struct {
	tile  TileID
	store *fakeStore
	// expected feature keys ("id", or "number" for markers) per layer
	public, internal map[string][]string
}

func square(minLon, minLat, maxLon, maxLat float64) orb.Ring {
	return orb.Ring{{minLon, minLat}, {maxLon, minLat}, {maxLon, maxLat}, {minLon, maxLat}, {minLon, minLat}}
}

func newFixture() *fixture {
	t := TileAt(corner, 15)
	b := t.Bound()
	c := b.Center()
	px := (b.Max[0] - b.Min[0]) / Extent // degrees of longitude per tile unit
	py := (b.Max[1] - b.Min[1]) / Extent // about that many of latitude
	at := func(dx, dy float64) orb.Point { return orb.Point{c[0] + dx*px, c[1] + dy*py} }
	past := data.Period{From: data.Date(1952, 1, 1), To: data.Date(2011, 10, 22)}
	published, draft := data.ReviewPublished, data.ReviewDraft

	s := &fakeStore{}
	s.units = []*data.AdminUnit{
		{ID: "prov-50", UnitID: "u50", Code: "500000", Name: "重庆市", Level: data.LevelProvince, Type: "直辖市",
			Geometry: orb.MultiPolygon{{square(c[0]-1, c[1]-1, c[0], c[1]+1)}}},
		{ID: "prov-43", UnitID: "u43", Code: "430000", Name: "湖南省", Level: data.LevelProvince, Type: "省",
			Geometry: orb.MultiPolygon{{square(c[0], c[1]-1, c[0]+1, c[1]+1)}}},
		{ID: "prov-52-old", UnitID: "u52", Code: "520000", Name: "贵州省", Level: data.LevelProvince, Type: "省",
			Valid: past, Geometry: orb.MultiPolygon{{square(c[0]-1, c[1]-1, c[0]+1, c[1]+1)}}},
		{ID: "county-500241", UnitID: "u500241", Code: "500241", Name: "秀山土家族苗族自治县", Level: data.LevelCounty,
			Type: "自治县", ParentID: "u50", Valid: data.Period{From: data.Date(1983, 11, 7)},
			Geometry: orb.MultiPolygon{{square(c[0]-0.5, c[1]-0.5, c[0], c[1]+0.5),
				square(at(-1000, -500)[0], at(-1000, -500)[1], at(-200, 500)[0], at(-200, 500)[1])}}},
		{ID: "town-500241109", UnitID: "u500241109", Code: "500241109", Name: "洪安镇", Level: data.LevelTownship,
			Type: "镇", Geometry: orb.MultiPolygon{{square(c[0]-0.5, c[1]-0.5, c[0]-0.4, c[1]-0.4)}}},
		{ID: "town-433124108", UnitID: "u433124108", Code: "433124108", Name: "边城镇", Level: data.LevelTownship,
			Type: "镇", Geometry: orb.MultiPolygon{{square(c[0], c[1]-0.1, c[0]+0.1, c[1]+0.1)}}},
	}
	s.lines = []*data.BoundaryLine{
		{ID: "line-4350", Name: "湘渝线", Level: data.LevelProvince, Code: "4350", CodeA: "430000", CodeB: "500000",
			LegalStatus: data.LegalAgreed, TechnicalStatus: data.TechEdgeMatched,
			Geometry: orb.MultiLineString{{{c[0], c[1] - 0.5}, {c[0], c[1] + 0.5}}}},
		{ID: "line-disputed", Name: "秀山—花垣县界", Level: data.LevelCounty, Code: "C01",
			LegalStatus: data.LegalDisputed, Geometry: orb.MultiLineString{{at(-3000, -3000), at(3000, 3000)}}},
		{ID: "line-town", Name: "洪安—边城乡界", Level: data.LevelTownship, Code: "T01",
			LegalStatus: data.LegalNotAgreed, Geometry: orb.MultiLineString{{at(-3000, 1000), at(3000, 1200)}}},
	}
	east := b.Max[0]
	s.markers = []*data.Marker{
		{ID: "m-in", LineID: "line-4350", Number: "4350012A", Parsed: data.MarkerNumber{Line: "4350", Seq: 12, Type: 'A'},
			Position: c, Status: data.StatusIntact, Datum: "CGCS2000", SigmaM: 0.05, ResponsibleParty: "500241"},
		{ID: "m-ring", LineID: "line-4350", Number: "4350013Q", Parsed: data.MarkerNumber{Line: "4350", Seq: 13, Type: 'Q'},
			Position: orb.Point{east + Buffer/2*px, c[1]}, Status: data.StatusMoved},
		{ID: "m-far", LineID: "line-4350", Number: "4350014Q", Parsed: data.MarkerNumber{Line: "4350", Seq: 14, Type: 'Q'},
			Position: orb.Point{east + 3*Buffer*px, c[1]}, Status: data.StatusMissing},
		{ID: "m-disputed", LineID: "line-disputed", Number: "C01-007", Position: at(100, 100), Status: data.StatusDamaged},
	}
	s.tjs = []*data.TriJunction{{ID: "tj", Name: "湘渝黔三交点", Agreed: at(10, -10), SigmaM: 0.02}}
	name := func(text, pinyin string) []data.Name {
		return []data.Name{{Status: data.NameStandard, Text: text, Pinyin: pinyin, PinyinReviewed: pinyin != ""}}
	}
	s.places = []*data.NamedPlace{
		{ID: "p-village", Kind: data.KindPlaceName, LegalClass: 3, Review: published, Geometry: at(300, 300),
			Names: name("洪安村", "Hong'an Cun")},
		{ID: "p-draft", Kind: data.KindPlaceName, LegalClass: 3, Review: draft, Geometry: at(-300, 300),
			Names: name("茶峒村", "")},
		{ID: "p-deep", Kind: data.KindPlaceName, LegalClass: 3, Review: published, MinZoom: 16, Geometry: at(0, 600),
			Names: name("渡口", "Dukou")},
		{ID: "p-park", Kind: data.KindPlaceName, LegalClass: 4, Review: published,
			Geometry: orb.Polygon{square(at(-200, -200)[0], at(-200, -200)[1], at(200, 200)[0], at(200, 200)[1])},
			Names:    name("边城公园", "Biancheng Gongyuan")},
		{ID: "p-old", Kind: data.KindPlaceName, LegalClass: 2, Review: published, Valid: past, Geometry: at(500, 0),
			Names: name("茶峒镇", "Chadong Zhen")},
		{ID: "poi-shop", Kind: data.KindPOI, Review: published, Geometry: at(-500, -500), Names: name("码头商店", "")},
		{ID: "poi-draft", Kind: data.KindPOI, Review: draft, Geometry: at(-600, -500), Names: name("渡船", "")},
	}
	s.signs = []*data.Sign{
		{ID: "sign-1", PlaceID: "p-old", Kind: "protection_marker", Text: "茶峒", Position: at(700, 0), Status: "good"},
		// A sign's text is its place's name: the sign of a draft place
		// stays out of the public tileset.
		{ID: "sign-draft", PlaceID: "p-draft", Kind: "road_sign", Text: "茶峒村", Position: at(650, 0), Status: "good"},
		{ID: "sign-removed", Kind: "road_sign", Text: "旧路牌", Position: at(800, 0), Status: "removed"},
	}
	public := map[string][]string{
		LayerProvinces: {"prov-50", "prov-43"}, LayerCounties: {"county-500241"}, LayerTownships: {"town-433124108"},
		LayerProvinceLines: {"line-4350"}, LayerMarkers: {"4350012A", "4350013Q"}, LayerTriJunctions: {"tj"},
		LayerPlaceNames: {"p-village", "p-park"}, LayerPOIs: {"poi-shop"}, LayerSigns: {"sign-1"},
	}
	internal := map[string][]string{}
	for k, v := range public {
		internal[k] = v
	}
	internal[LayerCountyLines] = []string{"line-disputed"}
	internal[LayerTownshipLines] = []string{"line-town"}
	internal[LayerMarkers] = []string{"4350012A", "4350013Q", "C01-007"}
	internal[LayerPlaceNames] = []string{"p-village", "p-park", "p-draft"}
	internal[LayerPOIs] = []string{"poi-shop", "poi-draft"}
	internal[LayerSigns] = []string{"sign-1", "sign-draft"}
	return &fixture{tile: t, store: s, public: public, internal: internal}
}

func (f *fixture) source() *StoreSource {
	return &StoreSource{Store: f.store, Now: func() time.Time { return fixtureNow }}
}

func (f *fixture) expected(tileset string) map[string][]string {
	if tileset == Public {
		return f.public
	}
	return f.internal
}
