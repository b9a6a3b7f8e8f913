package sample

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/toponym/toponym/data"
)

// Category codes are provisional GB/T 18521-style codes, not checked
// against the standard's table; the census class names are the census's
// top classes.
const srcCategory = "类别代码为示例, 未与 GB/T 18521 表核对 / category code provisional"

// name builds one name of a place.
func name(place string, k int, status data.NameStatus, text, pinyin string, cites ...string) data.Name {
	return data.Name{ID: ID("name/" + place + "/" + pad3(k)), Status: status, Lang: "zh-Hans",
		Text: text, Pinyin: pinyin, PinyinReviewed: pinyin != "", Citations: cites}
}

// townAt returns the code of the township whose polygon contains p, or "".
func (s *shapes) townAt(p orb.Point) string {
	for _, code := range sortedKeys(s.towns) {
		if planar.MultiPolygonContains(s.townPolys()[code], p) {
			return code
		}
	}
	return ""
}

func (s *shapes) townPolys() map[string]orb.MultiPolygon {
	if s.tpolys == nil {
		s.tpolys = map[string]orb.MultiPolygon{}
		for code, r := range s.towns {
			s.tpolys[code] = r.multiPolygon()
		}
	}
	return s.tpolys
}

// pointIn returns the centre of the township's cell nearest to target: a
// point well inside the township.
func (s *shapes) pointIn(town string, target orb.Point) orb.Point {
	best, bd := orb.Point{}, -1.0
	for _, c := range gridCells() {
		if !s.towns[town][c] {
			continue
		}
		if d := distKm(c.centre(), target); bd < 0 || d < bd {
			best, bd = c.centre(), d
		}
	}
	return orb.Point{round7(best[0]), round7(best[1])}
}

// adminCodes returns the county and township codes of a point, county first.
func (s *shapes) adminCodes(p orb.Point) []data.Code {
	var cs []data.Code
	if c := s.countyAt(p); c != "" {
		cs = append(cs, data.Code(c))
	}
	if t := s.townAt(p); t != "" {
		cs = append(cs, data.Code(t))
	}
	return cs
}

func place(key string, kind data.PlaceKind, class int, census, category string, g orb.Geometry,
	review data.ReviewStatus, zoom [2]int, names ...data.Name) *data.NamedPlace {
	return &data.NamedPlace{ID: ID("place/" + key), Kind: kind, LegalClass: class, CensusClass: census,
		Category: category, Geometry: g, LocationMethod: "map", PrecisionM: 50, Review: review,
		MinZoom: zoom[0], MaxZoom: zoom[1], Names: names, RegisteredBy: "示例数据 sample",
		Sources: []string{srcGeometry, srcCategory}}
}

// places returns the sample's place names and points of interest.
func (s *shapes) places() []*data.NamedPlace {
	ps := []*data.NamedPlace{s.river(), s.islet(), s.chadong()}
	ps = append(ps, s.villages()...)
	return append(ps, s.pois()...)
}

// river is the 清水江 through the tri-junction: upstream along the 渝黔
// line, downstream along the 湘渝 line, which the agreement put on it.
func (s *shapes) river() *data.NamedPlace {
	up := cut(s.pathFrom(s.lineGeometry(lineDefs[2])), 5)
	up.Reverse()
	down := cut(s.pathFrom(s.lineGeometry(lineDefs[0])), 12)
	line := append(up, down[1:]...)
	p := place("清水江", data.KindPlaceName, 1, "陆地水系", "1110", line, data.ReviewPublished, [2]int{8, 18},
		name("清水江", 1, data.NameStandard, "清水江", "Qingshui Jiang"))
	p.AdminCodes = []data.Code{"433124", "500241", "520628"}
	p.Meaning = "因江水清澈得名 / named for its clear water"
	p.Description = "流经松桃、秀山、花垣三县交界, 为湘渝、渝黔界河 / boundary river at the tri-junction"
	return p
}

// islet is the river islet at the tri-junction that none of the three
// provinces historically claimed; it has no stated containing unit.
func (s *shapes) islet() *data.NamedPlace {
	c, _ := along(s.pathFrom(s.lineGeometry(lineDefs[0])), 0.3)
	var ring orb.Ring
	for k := 0; k <= 6; k++ {
		a := float64(k%6) * 60
		q := offsetM(c, [2]float64{cosd(a), sind(a)}, 60)
		ring = append(ring, q)
	}
	p := place("三不管岛", data.KindPlaceName, 1, "陆地地形", "1240", orb.Polygon{ring}, data.ReviewDraft, [2]int{13, 18},
		name("三不管岛", 1, data.NameStandard, "三不管岛", "Sanbuguan Dao"))
	p.History = "河心小岛, 旧时湘渝黔三方均未划入 / historically assigned to none of the three provinces"
	p.Description = "示例的县级多边形未表现其未划入状态 / the sample's county polygons do not model this"
	return p
}

// chadong is the old town of 边城镇, whose historical name 茶峒 is listed
// for protection.
func (s *shapes) chadong() *data.NamedPlace {
	path := s.pathFrom(s.lineGeometry(lineDefs[0]))
	q, dir := along(path, 0.8)
	pt := s.pointIn(codeBiancheng, offsetM(q, dir, -600))
	cite := "花垣县2005年乡镇区划调整: 茶峒镇与大河坪乡合并更名为边城镇"
	chadong := name("茶峒", 2, data.NameHistorical, "茶峒", "Chadong", cite)
	chadong.Valid.To = date2005
	bao := name("茶峒", 3, data.NameHistorical, "茶洞堡", "")
	p := place("茶峒", data.KindPlaceName, 3, "居民点", "2410", pt, data.ReviewPublished, [2]int{11, 18},
		name("茶峒", 1, data.NameStandard, "茶洞", "Chadong", srcCodes2023+": 433124108001 茶洞社区"),
		chadong, bao, name("茶峒", 4, data.NameAlias, "边城", "Biancheng", "沈从文《边城》"))
	p.AdminCodes = s.adminCodes(pt)
	p.History = "清代称茶洞堡; 1950年代起设茶峒乡、镇; 2005年并入边城镇 / 茶洞堡 under the Qing; town of 茶峒 until 2005 (outline; dates other than 2005 not verified)"
	p.Meaning = "苗语“茶”指汉人, “峒”指山间平地 / Miao: flat land in the hills where Han people live (as reported)"
	return p
}

func cosd(a float64) float64 { return math.Cos(a * math.Pi / 180) }
func sind(a float64) float64 { return math.Sin(a * math.Pi / 180) }

// cut returns the first km kilometres of l.
func cut(l orb.LineString, km float64) orb.LineString {
	out := orb.LineString{l[0]}
	for i := 1; i < len(l); i++ {
		d := distKm(l[i-1], l[i])
		if d >= km {
			p, _ := along(orb.LineString{l[i-1], l[i]}, km)
			return append(out, p)
		}
		out = append(out, l[i])
		km -= d
	}
	return out
}

// villages are village committees and communities named in the 2023 codes.
func (s *shapes) villages() []*data.NamedPlace {
	pinyin := map[string]string{
		"边城社区": "Biancheng Shequ", "茶洞社区": "Chadong Shequ", "新田沟村": "Xintiangou Cun",
		"码头社区": "Matou Shequ", "踏沙村": "Tasha Cun", "迓驾社区": "Yajia Shequ",
		"迓驾村": "Yajia Cun", "岑硐村": "Cendong Cun",
	}
	var ps []*data.NamedPlace
	for k, r := range villageRows {
		seed := pointOf(rowOf(r.Parent))
		target := orb.Point{seed[0] + 0.01*cosd(float64(k*75)), seed[1] + 0.01*sind(float64(k*75))}
		pt := s.pointIn(r.Parent, target)
		p := place("village/"+r.Code, data.KindPlaceName, 3, "群众自治组织", "2310", pt, data.ReviewPublished,
			[2]int{12, 18}, name("village/"+r.Code, 1, data.NameStandard, r.Name, pinyin[r.Name],
				srcCodes2023+": "+r.Code))
		p.AdminCodes = s.adminCodes(pt)
		p.Description = "村(居)民委员会驻地位置为示例 / seat position is illustrative"
		p.Sources = append(p.Sources, srcCodes2023+": "+r.Code)
		ps = append(ps, p)
	}
	return ps
}
