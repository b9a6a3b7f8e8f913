package sample

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// Dates of the sample's division history. Only the year of the 1952
// transfer and of the 2005 merger is known; their month and day are set to
// 1 January. 2011-10-22 is the State Council's approval of 铜仁市.
var (
	date1952 = data.Date(1952, time.January, 1)
	date2005 = data.Date(2005, time.January, 1)
	date2011 = data.Date(2011, time.October, 22)
)

// Event IDs.
var (
	evTransfer1952 = ID("event/1952/九江")
	evMerge2005    = ID("event/2005/边城镇")
	evAbolish2011  = ID("event/2011/铜仁地区/abolished")
	evEstablish11  = ID("event/2011/铜仁市/established")
	evCode2011     = ID("event/2011/铜仁/code_changed")
	evParent2011   = ID("event/2011/铜仁/parent_changed")
)

// unit builds one admin-unit version.
func unit(key, version string, r unitRow, parentKey string, g orb.MultiPolygon, valid data.Period, sources ...string) *data.AdminUnit {
	u := &data.AdminUnit{
		ID: VersionID(key, version), UnitID: UnitID(key), Code: data.Code(r.Code), Name: r.Name,
		Level: data.Code(r.Code).Level(), Type: r.Type, Geometry: g, Valid: valid, Sources: sources,
	}
	if parentKey != "" {
		u.ParentID = UnitID(parentKey)
	}
	if g == nil {
		u.Sources = append(u.Sources, srcNoGeometry)
	} else {
		u.Sources = append(u.Sources, srcGeometry)
	}
	return u
}

func rowOf(code string) unitRow {
	for _, rows := range [][]unitRow{upperRows, townshipRows, historicalRows, villageRows} {
		for _, r := range rows {
			if r.Code == code {
				return r
			}
		}
	}
	panic("sample: no row for code " + code) // programming error in the tables
}

// units returns every admin-unit version of the sample, parents first.
func (s *shapes) units() []*data.AdminUnit {
	var us []*data.AdminUnit
	for _, r := range upperRows[:5] {
		valid := data.Period{}
		if r.Code == "520600" {
			valid.From = date2011
		}
		u := unit(r.Code, "current", r, r.Parent, nil, valid, srcCodes2023)
		if r.Code == "520600" {
			u.BeganBy = evEstablish11
		}
		us = append(us, u)
	}
	tongren := unit("522200", "old", rowOf("522200"), "520000", nil, data.Period{To: date2011}, srcCodesMCA)
	tongren.EndedBy = evAbolish2011
	us = append(us, tongren)
	us = append(us, s.countyUnits()...)
	return append(us, s.townshipUnits()...)
}

// countyUnits returns the county versions, with the 1952 transfer and the
// 2011 code change as separate versions.
func (s *shapes) countyUnits() []*data.AdminUnit {
	jiujiang := s.towns[codeJiujiang]
	var us []*data.AdminUnit
	for _, r := range upperRows[5:] {
		g := s.county(r.Code)
		switch r.Code {
		case codeXiushan:
			old := unit(r.Code, "pre1952", r, r.Parent, union(s.counties[r.Code], jiujiang).multiPolygon(),
				data.Period{To: date1952}, srcCodes2023,
				"1952年前的版本沿用今代码 500241 (当时尚无 GB/T 2260 代码, 且秀山属四川省); 示例未记录1997年前的隶属 / the pre-1952 version carries today's code and parent for want of the historical ones")
			old.EndedBy = evTransfer1952
			now := unit(r.Code, "1952", r, r.Parent, g, data.Period{From: date1952}, srcCodes2023)
			now.BeganBy = evTransfer1952
			us = append(us, old, now)
		case codeSongtao, "520625", "520627":
			us = append(us, s.tongrenCounty(r)...)
		default:
			us = append(us, unit(r.Code, "current", r, r.Parent, g, data.Period{}, srcCodes2023))
		}
	}
	for _, u := range us {
		if r := rowOf(u.Code.String()); r.Lon != 0 && u.Level == data.LevelCounty {
			p := orb.Point{r.Lon, r.Lat}
			u.Seat = &p
		}
	}
	return us
}

// tongrenCounty returns the versions of a county of 铜仁: under 铜仁地区 with
// its 522xxx code until 2011, under 铜仁市 with its 5206xx code since; for
// 松桃 also the version before it received 九江 in 1952.
func (s *shapes) tongrenCounty(r unitRow) []*data.AdminUnit {
	oldCode := map[string]string{"520628": "522229", "520625": "522226", "520627": "522228"}[r.Code]
	g := s.county(r.Code)
	var us []*data.AdminUnit
	from := time.Time{}
	if r.Code == codeSongtao {
		pre := unit(r.Code, "pre1952", rowOf(oldCode), "522200",
			minus(s.counties[r.Code], s.towns[codeJiujiang]).multiPolygon(), data.Period{To: date1952}, srcCodesMCA,
			"1952年前的版本沿用1980年代起的代码 522229 / the pre-1952 version carries the earliest known code")
		pre.EndedBy = evTransfer1952
		us = append(us, pre)
		from = date1952
	}
	old := unit(r.Code, "old", rowOf(oldCode), "522200", g, data.Period{From: from, To: date2011}, srcCodesMCA)
	old.EndedBy = evCode2011
	if r.Code == codeSongtao {
		old.BeganBy = evTransfer1952
	}
	now := unit(r.Code, "2011", r, "520600", g, data.Period{From: date2011}, srcCodes2023)
	now.BeganBy = evCode2011
	return append(us, old, now)
}

// townshipUnits returns the township versions of 秀山, 花垣 and 松桃, with
// 茶峒镇 and 大河坪乡 until 2005 and 九江街道 in 松桃 from 1952.
func (s *shapes) townshipUnits() []*data.AdminUnit {
	var us []*data.AdminUnit
	for _, r := range townshipRows {
		u := unit(r.Code, "current", r, r.Parent, s.towns[r.Code].multiPolygon(), data.Period{}, srcCodes2023,
			"示例未记录2023年代码表之前的乡镇沿革 (除边城镇、九江) / township history before the 2023 table is not recorded except where stated")
		switch r.Code {
		case codeBiancheng:
			u.Valid.From, u.BeganBy = date2005, evMerge2005
		case codeJiujiang:
			u.Valid.From = date1952
			u.Sources = append(u.Sources, "1952年由秀山县划入松桃县的九江乡 / 九江乡 was transferred from 秀山 to 松桃 in 1952")
		}
		us = append(us, u)
	}
	for _, code := range []string{codeChadong, codeDahepin} {
		r := rowOf(code)
		u := unit(code, "old", r, r.Parent, s.sub[code].multiPolygon(), data.Period{To: date2005},
			"2005年茶峒镇与大河坪乡合并更名为边城镇 (花垣县乡镇区划调整) / merged into 边城镇 in 2005",
			"代码为示例占位, 未查到2005年前的乡镇代码 / placeholder code: the code before 2005 was not found")
		u.EndedBy = evMerge2005
		us = append(us, u)
	}
	return us
}

// events returns the sample's division events.
func (s *shapes) events() []*data.DivisionEvent {
	v := VersionID
	tongren := []string{"520628", "520625", "520627"}
	var olds, news []string
	for _, k := range tongren {
		olds, news = append(olds, v(k, "old")), append(news, v(k, "2011"))
	}
	return []*data.DivisionEvent{
		{ID: evTransfer1952, Type: data.EventTransferred, Date: date1952,
			Description:  "1952年四川省秀山县九江乡划归贵州省松桃县 (跨省划转; 仅知年份; 划转范围为合成几何) / 九江 transferred from 秀山 (Sichuan) to 松桃 (Guizhou); year only; the transferred territory is synthetic",
			Predecessors: []string{v(codeXiushan, "pre1952"), v(codeSongtao, "pre1952")},
			Successors:   []string{v(codeXiushan, "1952"), v(codeSongtao, "old"), v(codeJiujiang, "current")},
			Transferred:  s.towns[codeJiujiang].multiPolygon()},
		{ID: evMerge2005, Type: data.EventMerged, Date: date2005,
			Description:  "花垣县茶峒镇与大河坪乡合并, 更名为边城镇 (仅知年份) / 茶峒镇 and 大河坪乡 merged and renamed 边城镇; year only",
			Predecessors: []string{v(codeChadong, "old"), v(codeDahepin, "old")},
			Successors:   []string{v(codeBiancheng, "current")}},
		{ID: evAbolish2011, Type: data.EventAbolished, Date: date2011, Authority: "国务院 State Council",
			Description:  "撤销铜仁地区 / 铜仁地区 abolished",
			Predecessors: []string{v("522200", "old")}},
		{ID: evEstablish11, Type: data.EventEstablished, Date: date2011, Authority: "国务院 State Council",
			Description: "设立地级铜仁市 / prefecture-level 铜仁市 established",
			Successors:  []string{v("520600", "current")}},
		{ID: evCode2011, Type: data.EventCodeChanged, Date: date2011, Authority: "国务院 State Council",
			Description:  "铜仁撤地设市, 县级代码由 5222xx 改为 5206xx (松桃 522229→520628) / county codes changed with the new prefecture",
			Predecessors: olds, Successors: news},
		{ID: evParent2011, Type: data.EventParentChanged, Date: date2011, Authority: "国务院 State Council",
			Description:  "所属由铜仁地区改为铜仁市 / parent changed from 铜仁地区 to 铜仁市",
			Predecessors: olds, Successors: news},
	}
}
