package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// field is the role of a CSV column or GeoJSON property.
type field int

const (
	fNone field = iota
	fLon
	fLat
	fNorth // survey X, 北坐标
	fEast  // survey Y, 东坐标
	fX     // X: the northing in a projected system, else the longitude
	fY     // Y: the easting in a projected system, else the latitude
	fName
	fPinyin
	fCategory
	fKind
	fMarker
	fPointCode
	fElevation
	fTime
	fSigma
)

// aliases maps normalised header and property names to their roles.
var aliases = buildAliases()

func buildAliases() map[string]field {
	m := make(map[string]field)
	for f, names := range map[field][]string{
		fLon:       {"经度", "东经", "lon", "lng", "long", "longitude"},
		fLat:       {"纬度", "北纬", "lat", "latitude"},
		fNorth:     {"北坐标", "北", "纵坐标", "北坐标x", "x北", "n", "north", "northing"},
		fEast:      {"东坐标", "东", "横坐标", "东坐标y", "y东", "e", "east", "easting"},
		fX:         {"x", "x坐标", "坐标x"},
		fY:         {"y", "y坐标", "坐标y"},
		fName:      {"名称", "地名", "标准名称", "标准地名", "地名名称", "名字", "name"},
		fPinyin:    {"拼音", "汉语拼音", "罗马字母拼写", "罗马字母", "pinyin"},
		fCategory:  {"类别", "类别代码", "地名类别", "地名类别代码", "分类", "category"},
		fKind:      {"类型", "种类", "kind", "type"},
		fMarker:    {"桩号", "界桩编号", "界桩号", "界桩", "marker", "markernumber", "markerno"},
		fPointCode: {"点号", "点名", "点代码", "点编号", "pointcode", "point", "pointid", "code"},
		fElevation: {"高程", "高", "高度", "大地高", "正常高", "h", "z", "ele", "elevation", "height"},
		fTime:      {"时间", "观测时间", "采集时间", "日期", "time", "datetime", "date"},
		fSigma:     {"σ", "中误差", "点位中误差", "精度", "sigma", "sigmam", "accuracy"},
	} {
		for _, n := range names {
			m[n] = f
		}
	}
	return m
}

// fieldOf returns the role of a header or property name.
func fieldOf(name string) field { return aliases[normalise(name)] }

// normalise lowercases name and drops a BOM, spaces, '_' and '-', and a
// bracketed suffix such as a unit: "X坐标(m)" → "x坐标", "sigma_m" → "sigmam".
func normalise(name string) string {
	name = strings.TrimPrefix(name, "\ufeff")
	if i := strings.IndexAny(name, "(（[【"); i > 0 {
		name = name[:i]
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' || r == '-' {
			return -1
		}
		return unicode.ToLower(r)
	}, name)
}

// attrSink gathers one row's attributes and height.
type attrSink struct {
	attrs  Attrs
	height float64 // NaN if none
	loc    *time.Location
}

func newSink(loc *time.Location) attrSink { return attrSink{height: math.NaN(), loc: loc} }

// set stores value v of the column or property key with role f. The error
// names key and v; the caller sets the row.
func (s *attrSink) set(f field, key, v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	a := &s.attrs
	switch f {
	case fName:
		a.Name = v
	case fPinyin:
		a.Pinyin = v
	case fCategory:
		a.Category = v
	case fKind:
		a.Kind = v
	case fMarker:
		a.MarkerNumber = v
	case fPointCode:
		a.PointCode = v
	case fElevation:
		return s.setHeight(key, v)
	case fTime:
		return s.setTime(key, v)
	case fSigma:
		return s.setSigma(key, v)
	default:
		if a.Extra == nil {
			a.Extra = make(map[string]string)
		}
		a.Extra[key] = v
	}
	return nil
}

func (s *attrSink) setHeight(key, v string) error {
	h, err := strconv.ParseFloat(trimUnit(v), 64)
	if err != nil || !finite(h) || math.Abs(h) > 10000 {
		return rowError(0, key, v, "height %q is not a number of metres in -10000…10000", v)
	}
	s.height = h
	return nil
}

func (s *attrSink) setSigma(key, v string) error {
	sg, err := strconv.ParseFloat(trimUnit(v), 64)
	if err != nil || !(sg >= 0 && sg <= 1000) {
		return rowError(0, key, v, "σ %q is not a number of metres in 0–1000", v)
	}
	s.attrs.SigmaM = sg
	return nil
}

// timeLayouts are the time formats accepted, tried in order.
var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006/1/2 15:04:05",
	"2006-01-02 15:04", "2006/1/2 15:04", "2006-01-02", "2006/1/2", "2006年1月2日",
}

func (s *attrSink) setTime(key, v string) error {
	t, err := parseTime(v, s.loc)
	if err != nil {
		return rowError(0, key, v, "time %q is not a date or time such as 2024-05-01 or "+
			"2024-05-01T09:30:00+08:00", v)
	}
	s.attrs.Time = t
	return nil
}

func parseTime(v string, loc *time.Location) (time.Time, error) {
	var err error
	for _, l := range timeLayouts {
		var t time.Time
		if t, err = time.ParseInLocation(l, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// trimUnit drops a trailing metre unit: "1.5m", "1.5 米".
func trimUnit(v string) string {
	v = strings.TrimSuffix(v, "米")
	v = strings.TrimSuffix(v, "m")
	return strings.TrimSpace(v)
}
