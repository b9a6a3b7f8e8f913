package data

import "strconv"

// Code is an administrative division code: 6 digits (GB/T 2260: province,
// prefecture, county), 9 (GB/T 10114: plus township) or 12 (plus village or
// community). Codes are versioned attributes of a unit, not identities: a
// unit's code may change and a cancelled code is never reused.
type Code string

// Level is the level of an administrative unit.
type Level string

const (
	LevelProvince   Level = "province"
	LevelPrefecture Level = "prefecture"
	LevelCounty     Level = "county"
	LevelTownship   Level = "township"
	LevelVillage    Level = "village"
)

// Levels lists the levels from the top down.
var Levels = []Level{LevelProvince, LevelPrefecture, LevelCounty, LevelTownship, LevelVillage}

// Valid reports whether l is one of Levels.
func (l Level) Valid() bool {
	for _, v := range Levels {
		if l == v {
			return true
		}
	}
	return false
}

// provinces are the GB/T 2260 province-level codes.
var provinces = map[string]string{
	"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
	"21": "辽宁", "22": "吉林", "23": "黑龙江",
	"31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
	"41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
	"50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
	"61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
	"71": "台湾", "81": "香港", "82": "澳门",
}

// ProvinceName returns the short Chinese name of a 2-digit province code.
func ProvinceName(code2 string) (string, bool) {
	n, ok := provinces[code2]
	return n, ok
}

// ParseCode parses and validates a division code. The error says what is
// wrong: length, characters, an unknown province, or a township or village
// part outside its ranges.
func ParseCode(s string) (Code, error) {
	switch len(s) {
	case 6, 9, 12:
	default:
		return "", Invalidf("code", "division code %q has %d characters; want 6 (county), 9 (township) or 12 (village)", s, len(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", Invalidf("code", "division code %q has a non-digit %q at position %d", s, s[i], i+1)
		}
	}
	if _, ok := provinces[s[:2]]; !ok {
		return "", Invalidf("code", "division code %q: %s is not a GB/T 2260 province code", s, s[:2])
	}
	c := Code(s)
	if len(s) >= 6 && s[2:4] == "00" && s[4:6] != "00" {
		return "", Invalidf("code", "division code %q: county part %s under prefecture 00", s, s[4:6])
	}
	if len(s) >= 9 {
		if s[4:6] == "00" {
			return "", Invalidf("code", "division code %q: a township must lie in a county, not %s", s, s[:6])
		}
		if err := checkPart(s, s[6:9], "township"); err != nil {
			return "", err
		}
	}
	if len(s) == 12 {
		if err := checkPart(s, s[9:12], "village"); err != nil {
			return "", err
		}
	}
	return c, nil
}

func checkPart(s, part, what string) error {
	n, _ := strconv.Atoi(part)
	if n < 1 || n > 599 {
		return Invalidf("code", "division code %q: %s part %s is outside 001–599", s, what, part)
	}
	return nil
}

// MustCode parses s and panics if it is invalid; for fixtures and tests.
func MustCode(s string) Code {
	c, err := ParseCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// Level returns the level the code denotes.
func (c Code) Level() Level {
	switch {
	case len(c) == 12:
		return LevelVillage
	case len(c) == 9:
		return LevelTownship
	case c[2:6] == "0000":
		return LevelProvince
	case c[4:6] == "00":
		return LevelPrefecture
	default:
		return LevelCounty
	}
}

// Parent returns the code of the level above, "" for a province. The parent
// of a county directly under a province (such as Chongqing's 5002xx) is the
// province.
func (c Code) Parent() Code {
	switch c.Level() {
	case LevelVillage:
		return c[:9]
	case LevelTownship:
		return c[:6]
	case LevelCounty:
		if c[2:4] == "01" || c[2:4] == "02" {
			if c[:2] == "11" || c[:2] == "12" || c[:2] == "31" || c[:2] == "50" {
				return c[:2] + "0000"
			}
		}
		return c[:4] + "00"
	case LevelPrefecture:
		return c[:2] + "0000"
	}
	return ""
}

// Province returns the 2-digit province part.
func (c Code) Province() string { return string(c[:2]) }

// Contains reports whether d lies under c in the code hierarchy (or is c).
func (c Code) Contains(d Code) bool {
	for x := d; x != ""; x = x.Parent() {
		if x == c {
			return true
		}
	}
	return false
}

// TownshipClass names the class a 9-digit code's township part denotes:
// 街道 (001–099), 镇 (100–199), 乡 (200–399), similar units (400–599).
func (c Code) TownshipClass() string {
	if len(c) < 9 {
		return ""
	}
	n, _ := strconv.Atoi(string(c[6:9]))
	switch {
	case n < 100:
		return "街道"
	case n < 200:
		return "镇"
	case n < 400:
		return "乡"
	default:
		return "类似乡级单位"
	}
}

// VillageClass names the class of a 12-digit code's village part:
// 居委会 (001–199) or 村委会 (200–399), similar units above.
func (c Code) VillageClass() string {
	if len(c) < 12 {
		return ""
	}
	n, _ := strconv.Atoi(string(c[9:12]))
	switch {
	case n < 200:
		return "居委会"
	case n < 400:
		return "村委会"
	default:
		return "类似村级单位"
	}
}

func (c Code) String() string { return string(c) }

// CheckTypeForCode reports whether a township unit type (镇, 乡, 街道…)
// agrees with its code's class (domain check C16).
func CheckTypeForCode(c Code, unitType string) error {
	if c.Level() != LevelTownship || unitType == "" {
		return nil
	}
	want := c.TownshipClass()
	switch unitType {
	case "镇", "乡", "街道":
		if unitType != want {
			return Invalidf("type", "unit type %s does not match code %s, whose class is %s", unitType, c, want)
		}
	case "民族乡":
		if want != "乡" {
			return Invalidf("type", "unit type %s does not match code %s, whose class is %s", unitType, c, want)
		}
	}
	return nil
}

func (l Level) String() string { return string(l) }
