package sample

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// lineDef describes one boundary line of the sample.
type lineDef struct {
	Key, Name, Code   string
	Level             data.Level
	A, B              string // unit keys (codes), A with the smaller code
	RegionA, RegionB  string // code prefixes of the counties on each side
	Direction, Prefix string // numbering direction; county-line marker prefix
	Agreed            time.Time
}

var lineDefs = []lineDef{
	{"4350", "湘渝线 (湖南省—重庆市) Hunan–Chongqing", "4350", data.LevelProvince, "430000", "500000", "43", "50", "north_south", "", data.Date(2002, time.June, 18)},
	{"4352", "湘黔线 (湖南省—贵州省) Hunan–Guizhou", "4352", data.LevelProvince, "430000", "520000", "43", "52", "north_south", "", data.Date(2001, time.November, 6)},
	{"5052", "渝黔线 (重庆市—贵州省) Chongqing–Guizhou", "5052", data.LevelProvince, "500000", "520000", "50", "52", "west_east", "", data.Date(2003, time.April, 22)},
	{"500241-500242", "秀山县—酉阳县界线 Xiushan–Youyang", "500241-500242", data.LevelCounty, "500241", "500242", "500241", "500242", "west_east", "秀酉", data.Date(2004, time.September, 8)},
	{"433124-433125", "花垣县—保靖县界线 Huayuan–Baojing", "433124-433125", data.LevelCounty, "433124", "433125", "433124", "433125", "west_east", "花保", data.Date(2004, time.May, 12)},
	{"520625-520628", "印江县—松桃县界线 Yinjiang–Songtao", "520625-520628", data.LevelCounty, "520625", "520628", "520625", "520628", "north_south", "印松", data.Date(2005, time.March, 30)},
}

// lastInspected is when the sample's lines were last jointly inspected
// (the fourth round; the fifth is due).
var lastInspected = data.Date(2019, time.October, 16)

func lineID(key string) string { return ID("line/" + key) }

// geometry returns the shared county edges between the line's two sides.
func (s *shapes) lineGeometry(d lineDef) orb.MultiLineString {
	return sharedEdges(s.countiesOf(d.RegionA), s.countiesOf(d.RegionB))
}

// lines returns the boundary lines and their agreed versions.
func (s *shapes) lines() ([]*data.BoundaryLine, []*data.LineVersion) {
	var ls []*data.BoundaryLine
	var vs []*data.LineVersion
	for _, d := range lineDefs {
		g := s.lineGeometry(d)
		l := &data.BoundaryLine{
			ID: lineID(d.Key), Name: d.Name, Level: d.Level, Code: d.Code,
			UnitA: UnitID(d.A), UnitB: UnitID(d.B), CodeA: data.Code(d.A), CodeB: data.Code(d.B),
			NumberingDirection: d.Direction, LegalStatus: data.LegalAgreed, TechnicalStatus: data.TechUnknown,
			Agreements: []data.Document{{
				Title: "行政区域界线协议书 (示例) " + d.Name + " boundary agreement (sample, synthetic)",
				Date:  d.Agreed,
			}},
			CycleYears: 5, LastInspected: lastInspected, Geometry: g, Valid: data.Period{From: d.Agreed},
		}
		ls = append(ls, l)
		vs = append(vs, &data.LineVersion{
			ID: ID("lineversion/" + d.Key + "/agreed"), LineID: l.ID, Source: data.SourceAgreed,
			Geometry: g, SourceCRS: 4490, Valid: data.Period{From: d.Agreed},
		})
	}
	return ls, vs
}

// triJunction returns the 湘渝黔 tri-junction.
func triJunction() *data.TriJunction {
	return &data.TriJunction{
		ID:      ID("trijunction/湘渝黔"),
		Name:    "湘渝黔三交点 (花垣县·秀山县·松桃县) Hunan–Chongqing–Guizhou tri-junction",
		LineIDs: [3]string{lineID("4350"), lineID("4352"), lineID("5052")},
		UnitIDs: [3]string{UnitID("430000"), UnitID("500000"), UnitID("520000")},
		Agreed:  TriJunctionPoint, SigmaM: 0.05, MarkerID: ID("marker/4350/tj/C"),
	}
}
