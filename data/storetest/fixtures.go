package storetest

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// Fixture constructors: small, valid records around the 湘渝黔 corner with
// every field set, so a round trip exercises every column. Each returns a
// new value the caller may edit before storing.

// Since returns the period from 1 January of year on, still valid.
func Since(year int) data.Period { return data.Period{From: data.Date(year, 1, 1)} }

// Between returns the period [1 January from, 1 January to).
func Between(from, to int) data.Period {
	return data.Period{From: data.Date(from, 1, 1), To: data.Date(to, 1, 1)}
}

// Stamp returns a UTC timestamp with whole seconds, as stores keep them.
func Stamp(year int, month time.Month, day, hour, min int) time.Time {
	return time.Date(year, month, day, hour, min, 0, 0, time.UTC)
}

// Square returns a counter-clockwise square of side size degrees with its
// south-west corner at (lon, lat), as a one-polygon MultiPolygon.
func Square(lon, lat, size float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}}}}
}

// Unit returns an admin-unit version of the unit with code: a square of
// 0.1° at (lon, lat), seat at its centre, valid since 2000.
func Unit(code, name string, lon, lat float64) *data.AdminUnit {
	c := data.MustCode(code)
	seat := orb.Point{lon + 0.05, lat + 0.05}
	return &data.AdminUnit{
		Code:     c,
		Name:     name,
		Level:    c.Level(),
		Type:     unitType(c),
		Seat:     &seat,
		Geometry: Square(lon, lat, 0.1),
		Valid:    Since(2000),
		Approval: data.Approval{Authority: "国务院 State Council", Document: "国函〔2000〕1号", Date: data.Date(1999, 12, 1)},
		Sources:  []string{"GB/T 2260-2007", "民政部区划公报"},
	}
}

func unitType(c data.Code) string {
	switch c.Level() {
	case data.LevelProvince:
		return "省"
	case data.LevelPrefecture:
		return "地级市"
	case data.LevelCounty:
		return "县"
	case data.LevelTownship:
		return c.TownshipClass()
	}
	return "村"
}

// ProvincialLine returns the 渝黔 line (5052) between the units a (code
// 50…) and b (code 52…), agreed, with a two-part agreed geometry.
func ProvincialLine(a, b *data.AdminUnit) *data.BoundaryLine {
	return &data.BoundaryLine{
		Name:               "渝黔线 Chongqing–Guizhou line",
		Level:              data.LevelProvince,
		Code:               data.LineCode(a.Code.Province(), b.Code.Province()),
		UnitA:              a.UnitID,
		UnitB:              b.UnitID,
		CodeA:              a.Code,
		CodeB:              b.Code,
		NumberingDirection: "west_east",
		LegalStatus:        data.LegalAgreed,
		TechnicalStatus:    data.TechEdgeMatched,
		Agreements: []data.Document{{Title: "渝黔行政区域界线协议书", Number: "渝黔界〔2002〕1号",
			Date: data.Date(2002, 6, 1), SHA256: Digest("agreement")}},
		CycleYears:    5,
		LastInspected: data.Date(2019, 10, 15),
		Geometry: orb.MultiLineString{
			{{109.10, 28.40}, {109.15, 28.42}, {109.2702, 28.5035}},
			{{109.30, 28.55}, {109.35, 28.60}},
		},
		Valid: Since(2002),
	}
}

// CountyLine returns a county line with the given code between two units.
func CountyLine(code string, a, b *data.AdminUnit) *data.BoundaryLine {
	return &data.BoundaryLine{
		Name: "县界 " + code, Level: data.LevelCounty, Code: code,
		UnitA: a.UnitID, UnitB: b.UnitID, CodeA: a.Code, CodeB: b.Code,
		LegalStatus: data.LegalNotAgreed, TechnicalStatus: data.TechUnknown, CycleYears: 5,
		Geometry: orb.MultiLineString{{{108.9, 28.3}, {109.0, 28.35}}},
		Valid:    Since(2005),
	}
}

// Version returns a side's version of a line.
func Version(line *data.BoundaryLine, src data.VersionSource, party data.Code) *data.LineVersion {
	return &data.LineVersion{
		LineID:    line.ID,
		Source:    src,
		Party:     party,
		Geometry:  orb.MultiLineString{{{109.1001, 28.4002}, {109.2703, 28.5036}}},
		SourceCRS: 4545,
		Valid:     Since(2019),
	}
}

// Marker returns a registered marker with three reference objects.
func Marker(line *data.BoundaryLine, number string, lon, lat float64) *data.Marker {
	return &data.Marker{
		LineID:           line.ID,
		Number:           number,
		PhysicalType:     "granite",
		ResponsibleParty: line.CodeA,
		Position:         orb.Point{lon, lat},
		SourceCRS:        4545,
		Datum:            "CGCS2000",
		SigmaM:           1.0,
		References: []data.ReferenceObject{
			{Name: "清水江大桥 bridge", AzimuthDeg: 12.5, DistanceM: 35.25},
			{Name: "古树 old tree", AzimuthDeg: 140, DistanceM: 18.1},
			{Name: "电杆 pole", AzimuthDeg: 271.75, DistanceM: 9.6},
		},
		Status:    data.StatusIntact,
		Installed: data.Date(2003, 4, 20),
		Valid:     Since(2003),
	}
}

// Place returns a standard place name with three names, in units codes.
func Place(text, pinyin string, lon, lat float64, codes ...string) *data.NamedPlace {
	var cs []data.Code
	for _, c := range codes {
		cs = append(cs, data.MustCode(c))
	}
	return &data.NamedPlace{
		Kind: data.KindPlaceName, Category: "1110", CensusClass: "居民点", LegalClass: 3,
		Geometry: orb.Point{lon, lat}, LocationMethod: "surveyed", PrecisionM: 0.5, AdminCodes: cs,
		Meaning: "因地处清水江畔得名", History: "清代设场", Description: "集镇",
		MinZoom: 10, MaxZoom: 18, Review: data.ReviewReviewed, ReviewedBy: "复核员",
		ReviewedAt: Stamp(2023, 5, 6, 7, 8), Valid: Since(1950),
		Names: []data.Name{
			{Status: data.NameStandard, Lang: "zh-Hans", Text: text, Pinyin: pinyin, PinyinReviewed: true,
				Pronunciation: "https://example.invalid/audio/1.ogg", Valid: Since(2005),
				Citations: []string{"《地名录》"}, Approval: &data.Approval{Authority: "县人民政府", Document: "政发〔2005〕3号", Date: data.Date(2005, 3, 1)}},
			{Status: data.NameHistorical, Lang: "zh-Hans", Text: text + "旧", Valid: Between(1950, 2005)},
			{Status: data.NameAlias, Lang: "zh-Hans", Text: text + "场", Valid: Since(1950)},
		},
		Sources:      []string{"第二次全国地名普查"},
		RegisteredBy: "普查员",
	}
}

// POI returns a point of interest with a polygon geometry.
func POI(text string, lon, lat float64) *data.NamedPlace {
	return &data.NamedPlace{
		Kind: data.KindPOI, Geometry: Square(lon, lat, 0.001)[0], Review: data.ReviewDraft,
		Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: text}},
		Valid: Since(2010),
	}
}

// Round returns a regular inspection round of line in year.
func Round(line *data.BoundaryLine, year int) *data.InspectionRound {
	return &data.InspectionRound{
		LineID: line.ID, Year: year, Type: data.RoundRegular,
		Parties: []data.Code{line.CodeA, line.CodeB}, Phase: "field",
		Sections: []data.Section{{Party: line.CodeA, FromSeq: 1, ToSeq: 40}, {Party: line.CodeB, FromSeq: 41, ToSeq: 80}},
		Status:   "open",
	}
}

// Upload returns a survey upload record.
func Upload(name string) *data.SurveyUpload {
	return &data.SurveyUpload{
		Team: "秀山测绘队", Device: "Trimble R12i", Method: "RTK", CRS: 4545, AccuracyM: 0.02,
		FileName: name, MediaType: "text/csv", SHA256: Digest(name), Size: 12345, Status: "stored",
		IdempotencyKey: "key-" + name,
	}
}

// Digest returns a fixed fake SHA-256 hex digest derived from s.
func Digest(s string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 64)
	for i := range b {
		h := i
		for _, c := range []byte(s) {
			h = h*31 + int(c)
		}
		b[i] = hex[(h%16+16)%16]
	}
	return string(b)
}
