package ingest

import (
	"strconv"
	"strings"
	"time"

	"github.com/toponym/toponym/data"
)

// PlaceDefaults fill what a register row of places does not say.
type PlaceDefaults struct {
	Kind         data.PlaceKind    // place_name or poi when a row has no kind; default place_name
	LegalClass   int               // legal class of place names whose row has none; 0: the row must say
	Review       data.ReviewStatus // default draft: imported names are proposals until reviewed
	RegisteredBy string
}

// Extra property names read by PlaceOf, normalised as header names are.
var placeExtras = map[string]string{
	"legalclass": "legal_class", "法定类别": "legal_class", "法定分类": "legal_class",
	"censuscode": "census_code", "地名代码": "census_code", "普查代码": "census_code",
	"censusclass": "census_class", "普查类别": "census_class", "大类": "census_class",
	"admincode": "admin_codes", "admincodes": "admin_codes", "行政区划代码": "admin_codes", "所在政区": "admin_codes",
	"meaning": "meaning", "含义": "meaning", "地名含义": "meaning",
	"history": "history", "沿革": "history", "历史沿革": "history",
	"description": "description", "描述": "description", "概况": "description",
	"locationmethod": "location_method", "定位方式": "location_method",
}

// PlaceOf turns a register row into a place name or POI: its name becomes
// the standard name (zh-Hans) with its pinyin, its sigma the precision.
// Errors are row errors naming the field.
func PlaceOf(rec *Record, def PlaceDefaults) (*data.NamedPlace, error) {
	a := &rec.Attrs
	if a.Name == "" {
		return nil, rowError(rec.Row, "name", "", "row has no name (名称)")
	}
	p := &data.NamedPlace{Kind: def.Kind, Category: a.Category, Geometry: rec.Geometry, PrecisionM: a.SigmaM,
		LegalClass: def.LegalClass, Review: def.Review, RegisteredBy: def.RegisteredBy,
		Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: a.Name, Pinyin: a.Pinyin}}}
	if p.Kind == "" {
		p.Kind = data.KindPlaceName
	}
	if p.Review == "" {
		p.Review = data.ReviewDraft
	}
	if k, ok := placeKind(a.Kind); ok {
		p.Kind = k
	} else if a.Kind != "" {
		return nil, rowError(rec.Row, "kind", a.Kind, "kind %q is not place_name (地名) or poi (兴趣点)", a.Kind)
	}
	if p.Kind == data.KindPOI && def.LegalClass > 0 {
		p.LegalClass = 0
	}
	for k, v := range a.Extra {
		if err := setPlaceExtra(p, placeExtras[normalise(k)], k, v); err != nil {
			return nil, atRow(err, rec.Row)
		}
	}
	if err := p.Validate(); err != nil {
		return nil, atRow(err, rec.Row)
	}
	return p, nil
}

func placeKind(s string) (data.PlaceKind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "place_name", "placename", "地名":
		return data.KindPlaceName, true
	case "poi", "兴趣点":
		return data.KindPOI, true
	}
	return "", false
}

func setPlaceExtra(p *data.NamedPlace, role, key, v string) error {
	switch role {
	case "legal_class":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 8 {
			return rowError(0, key, v, "legal class %q is not a number 0–8", v)
		}
		p.LegalClass = n
	case "census_code":
		p.CensusCode = v
	case "census_class":
		p.CensusClass = v
	case "admin_codes":
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(",;| ，；", r) }) {
			c, err := data.ParseCode(f)
			if err != nil {
				return rowError(0, key, f, "division code %q is not 6, 9 or 12 digits", f)
			}
			p.AdminCodes = append(p.AdminCodes, c)
		}
	case "meaning":
		p.Meaning = v
	case "history":
		p.History = v
	case "description":
		p.Description = v
	case "location_method":
		p.LocationMethod = v
	}
	return nil
}

// SurveyFeatureOf turns a record of a survey file into a survey record of
// the upload; its attributes are flattened with snake_case names.
func SurveyFeatureOf(rec *Record, uploadID string) *data.SurveyFeature {
	a := &rec.Attrs
	attrs := make(map[string]string, len(a.Extra)+8)
	for k, v := range a.Extra {
		attrs[k] = v
	}
	for k, v := range map[string]string{"name": a.Name, "pinyin": a.Pinyin, "category": a.Category, "kind": a.Kind,
		"marker_number": a.MarkerNumber, "point_code": a.PointCode} {
		if v != "" {
			attrs[k] = v
		}
	}
	if !a.Time.IsZero() {
		attrs["time"] = a.Time.Format(time.RFC3339Nano)
	}
	if a.SigmaM != 0 {
		attrs["sigma_m"] = strconv.FormatFloat(a.SigmaM, 'f', -1, 64)
	}
	return &data.SurveyFeature{UploadID: uploadID, Index: rec.Index, Row: max(rec.Row, 1), Layer: rec.Layer,
		Geometry: rec.Geometry, Source: rec.Source, SourceCRS: rec.SourceCRS, Datum: rec.Datum, Z: rec.Z,
		Times: rec.Times, Attrs: attrs}
}
