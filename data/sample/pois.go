package sample

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// pois returns the mountain, the bridge, the ferry, the scenic area and two
// schools of the sample.
func (s *shapes) pois() []*data.NamedPlace {
	path := s.pathFrom(s.lineGeometry(lineDefs[0]))
	var ps []*data.NamedPlace

	hill := s.pointIn("500241001", orb.Point{108.99, 28.462})
	p := place("凤凰山", data.KindPlaceName, 1, "陆地地形", "1210", hill, data.ReviewPublished, [2]int{11, 18},
		name("凤凰山", 1, data.NameStandard, "凤凰山", "Fenghuang Shan"))
	p.AdminCodes = s.adminCodes(hill)
	p.Description = "秀山县城旁的山 (位置为示例) / hill by the 秀山 county seat (position illustrative)"
	ps = append(ps, p)

	q, dir := along(path, 1.8)
	bridge := orb.LineString{offsetM(q, dir, 150), offsetM(q, dir, -150)}
	p = place("洪茶大桥", data.KindPlaceName, 7, "交通运输设施", "2520", bridge, data.ReviewReviewed, [2]int{13, 18},
		name("洪茶大桥", 1, data.NameStandard, "洪茶大桥", "Hongcha Daqiao"))
	p.AdminCodes = []data.Code{"433124108", "500241109"}
	p.Meaning = "连接洪安与茶峒 / links 洪安 and 茶峒"
	ps = append(ps, p)

	ferry, _ := along(path, 0.6)
	p = place("拉拉渡", data.KindPOI, 0, "交通运输设施", "2530", ferry, data.ReviewPublished, [2]int{14, 18},
		name("拉拉渡", 1, data.NameStandard, "拉拉渡", "Lala Du"))
	p.AdminCodes = []data.Code{"433124108", "500241109"}
	p.Description = "洪安与茶峒之间的拉绳渡船, 位于界河上 / rope-pulled ferry across the boundary river"
	ps = append(ps, p)

	q, dir = along(path, 2.5)
	c := s.pointIn(codeBiancheng, offsetM(q, dir, -1500))
	var ring orb.Ring
	for _, d := range [][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}} {
		ring = append(ring, orb.Point{round7(c[0] + d[0]*0.003), round7(c[1] + d[1]*0.0027)})
	}
	p = place("边城景区", data.KindPOI, 0, "纪念地旅游景点", "2710", orb.Polygon{ring}, data.ReviewPublished, [2]int{12, 18},
		name("边城景区", 1, data.NameStandard, "边城景区", "Biancheng Jingqu"),
		name("边城景区", 2, data.NameAlias, "茶峒古镇", "Chadong Guzhen"))
	p.AdminCodes = s.adminCodes(c)
	p.Description = "以沈从文小说《边城》命名的景区 (范围为示例) / scenic area named after 沈从文's novel (extent illustrative)"
	ps = append(ps, p)

	for _, sc := range []struct {
		key, text, pinyin, town string
		dx, dy                  float64
	}{
		{"洪安镇中心小学", "洪安镇中心小学", "Hong'an Zhen Zhongxin Xiaoxue", "500241109", -0.004, -0.012},
		{"迓驾镇中学", "迓驾镇中学", "Yajia Zhen Zhongxue", "520628110", 0.014, -0.008},
	} {
		seed := pointOf(rowOf(sc.town))
		pt := s.pointIn(sc.town, orb.Point{seed[0] + sc.dx, seed[1] + sc.dy})
		p = place(sc.key, data.KindPOI, 0, "单位", "2910", pt, data.ReviewDraft, [2]int{15, 18},
			name(sc.key, 1, data.NameStandard, sc.text, sc.pinyin))
		p.Names[0].PinyinReviewed = false
		p.AdminCodes = s.adminCodes(pt)
		p.Description = "示例兴趣点, 名称与位置未核实 / illustrative POI: name and position not verified"
		ps = append(ps, p)
	}
	return ps
}

// listings returns the protection listing of the historical name 茶峒.
func listings() []*data.ProtectionListing {
	return []*data.ProtectionListing{{
		ID: ID("listing/茶峒"), PlaceID: ID("place/茶峒"), Batch: "第一批 (示例) first batch (sample)",
		Category: "历史地名 historical name", Period: "清 Qing", Listed: data.Date(2021, time.December, 10),
		Authority: "花垣县人民政府 (示例) Huayuan County (sample)",
	}}
}

// signs returns a protection marker for 茶峒, a village sign and a bridge
// name sign, one of them damaged.
func (s *shapes) signs(places []*data.NamedPlace) []*data.Sign {
	byKey := map[string]*data.NamedPlace{}
	for _, p := range places {
		byKey[p.ID] = p
	}
	at := func(key string, dx float64) orb.Point {
		p := byKey[ID("place/"+key)].Geometry
		var q orb.Point
		switch g := p.(type) {
		case orb.Point:
			q = g
		case orb.LineString:
			q = g[0]
		}
		return orb.Point{round7(q[0] + dx), round7(q[1])}
	}
	installed := data.Date(2022, time.June, 10)
	return []*data.Sign{
		{ID: ID("sign/茶峒/protection"), PlaceID: ID("place/茶峒"), ListingID: ID("listing/茶峒"),
			Kind: "protection_marker", Position: at("茶峒", 0.0003),
			Text: "历史地名保护标志 · 茶峒 Chadong · 清代称茶洞堡, 2005年前为茶峒镇",
			Spec: "石质 600×900 mm (示例) stone (sample)", Installed: installed, Status: "good",
			History: []data.SignStatus{{At: installed, Status: "good", Note: "设立 installed"}}},
		{ID: ID("sign/踏沙村"), PlaceID: ID("place/village/433124108221"), Kind: "village_sign",
			Position: at("village/433124108221", 0.0002), Text: "踏沙村 Tasha Cun",
			Spec: "铝板 1200×400 mm (示例)", Installed: data.Date(2017, time.May, 3), Status: "good"},
		{ID: ID("sign/洪茶大桥"), PlaceID: ID("place/洪茶大桥"), Kind: "bridge_sign",
			Position: at("洪茶大桥", 0.0002), Text: "洪茶大桥 Hongcha Daqiao",
			Spec: "铝板 (示例)", Installed: data.Date(2016, time.August, 20), Status: "damaged",
			History: []data.SignStatus{{At: data.Date(2016, time.August, 20), Status: "good"},
				{At: data.Date(2023, time.July, 2), Status: "damaged", Note: "洪水冲损 flood damage"}}},
	}
}
