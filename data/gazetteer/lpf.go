package gazetteer

import (
	"encoding/json"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
)

// Linked Places Format (LPF, GeoJSON-LD; World Historical Gazetteer,
// https://github.com/LinkedPasts/linked-places-format): every place a
// feature with its names, types, geometries and relations, each with a
// time span ("when") and citations.

// LPFContext is the JSON-LD context of Linked Places Format v1.1.
const LPFContext = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"

// LPF relation types used here: part-of (GVP) and the successions of the
// division history.
const (
	relPartOf = "gvp:broaderPartitive"
	relAfter  = "gvp:tgn3000_related_to"
)

// LPFCollection wraps features in an LPF FeatureCollection.
func LPFCollection(features []map[string]any) map[string]any {
	if features == nil {
		features = []map[string]any{}
	}
	return map[string]any{"@context": LPFContext, "type": "FeatureCollection", "features": features}
}

// when returns an LPF when of one period, nil when it is unbounded both
// ways. Open ends are left out.
func when(p data.Period) map[string]any {
	if p.From.IsZero() && p.To.IsZero() {
		return nil
	}
	span := map[string]any{}
	if !p.From.IsZero() {
		span["start"] = map[string]string{"in": p.From.Format(data.DateLayout)}
	}
	if !p.To.IsZero() {
		// LPF ends are inclusive; the store's are exclusive.
		span["end"] = map[string]string{"in": p.To.AddDate(0, 0, -1).Format(data.DateLayout)}
	}
	return map[string]any{"timespans": []any{span}}
}

func withWhen(m map[string]any, p data.Period) map[string]any {
	if w := when(p); w != nil {
		m["when"] = w
	}
	return m
}

func citations(labels []string) []map[string]string {
	out := []map[string]string{}
	for _, l := range labels {
		out = append(out, map[string]string{"label": l})
	}
	return out
}

func geometryJSON(g orb.Geometry, p data.Period, certainty string) map[string]any {
	var m map[string]any
	b, _ := json.Marshal(geojson.NewGeometry(g))
	_ = json.Unmarshal(b, &m)
	m["certainty"] = certainty
	return withWhen(m, p)
}

// PlaceLPF returns the LPF feature of a place: its names (Hanzi and pinyin,
// each with its validity and citations), its GB/T 18521 type, its geometry,
// its stated containing units as part-of relations and its texts. base is
// the URL prefix of the API; the place's URI is base/places/{id}.
func PlaceLPF(p *data.NamedPlace, base string) map[string]any {
	var names []map[string]any
	for _, n := range p.Names {
		lang := n.Lang
		if lang == "" {
			lang = "zh-Hans"
		}
		names = append(names, withWhen(map[string]any{"toponym": n.Text, "lang": lang,
			"citations": citations(n.Citations), "status": string(n.Status)}, n.Valid))
		if n.Pinyin != "" {
			names = append(names, withWhen(map[string]any{"toponym": n.Pinyin, "lang": "zh-Latn-pinyin",
				"citations": citations(n.Citations), "status": string(n.Status)}, n.Valid))
		}
	}
	title := ""
	if sn := p.StandardName(); sn != nil {
		title = sn.Text
	}
	relations := []map[string]any{}
	for _, c := range p.AdminCodes {
		relations = append(relations, map[string]any{"relationType": relPartOf,
			"relationTo": base + "/admin-units/" + string(c), "label": string(c)})
	}
	certainty := "certain"
	if p.LocationMethod == "map" {
		certainty = "less-certain"
	}
	f := map[string]any{
		"@id": base + "/places/" + p.ID, "type": "Feature",
		"properties": map[string]any{"title": title, "ccodes": []string{"CN"}, "kind": string(p.Kind),
			"legal_class": p.LegalClass, "census_code": p.CensusCode},
		"names":     names,
		"types":     []map[string]any{{"identifier": "gbt18521:" + p.Category, "label": p.CensusClass}},
		"geometry":  map[string]any{"type": "GeometryCollection", "geometries": []any{geometryJSON(p.Geometry, p.Valid, certainty)}},
		"relations": relations,
		"descriptions": descriptions(map[string]string{"meaning 含义": p.Meaning, "history 沿革": p.History,
			"description": p.Description}),
		"citations": citations(p.Sources),
	}
	return withWhen(f, p.Valid)
}

func descriptions(texts map[string]string) []map[string]string {
	out := []map[string]string{}
	for _, k := range []string{"meaning 含义", "history 沿革", "description"} {
		if v := texts[k]; v != "" {
			out = append(out, map[string]string{"value": v, "lang": "zh", "type": k})
		}
	}
	return out
}

// UnitLPF returns the LPF feature of an administrative unit across its
// versions: each version's name and code with its validity, its parent as
// a part-of relation with the same validity, its territory per version,
// and the units of its lineage as related places.
func UnitLPF(l *Lineage, base string) map[string]any {
	vs := l.Versions
	last := vs[len(vs)-1]
	var names, geoms []any
	relations := []map[string]any{}
	span := data.Period{From: vs[0].Valid.From, To: last.Valid.To}
	for _, v := range vs {
		names = append(names, withWhen(map[string]any{"toponym": v.Name, "lang": "zh-Hans",
			"citations": citations(v.Sources), "code": string(v.Code)}, v.Valid))
		if len(v.Geometry) > 0 {
			geoms = append(geoms, geometryJSON(v.Geometry, v.Valid, "certain"))
		}
		if v.ParentID != "" {
			relations = append(relations, withWhen(map[string]any{"relationType": relPartOf,
				"relationTo": base + "/admin-units/by-id/" + v.ParentID}, v.Valid))
		}
	}
	for _, s := range append(append([]Step{}, l.Predecessors...), l.Successors...) {
		for _, v := range s.Versions {
			relations = append(relations, map[string]any{"relationType": relAfter,
				"relationTo": base + "/admin-units/" + string(v.Code) + "?at=" + dateAt(v.Valid),
				"label":      string(s.Event.Type) + " " + s.Event.Date.Format(data.DateLayout) + ": " + v.Name,
				"when":       map[string]any{"timespans": []any{map[string]any{"start": map[string]string{"in": s.Event.Date.Format(data.DateLayout)}}}}})
		}
	}
	f := map[string]any{
		"@id": base + "/admin-units/by-id/" + last.UnitID, "type": "Feature",
		"properties": map[string]any{"title": last.Name, "ccodes": []string{"CN"}, "code": string(last.Code),
			"level": string(last.Level)},
		"names":     names,
		"types":     []map[string]any{{"identifier": "level:" + string(last.Level), "label": last.Type}},
		"geometry":  map[string]any{"type": "GeometryCollection", "geometries": orEmpty(geoms)},
		"relations": relations,
	}
	return withWhen(f, span)
}

// dateAt returns a date inside p: its start, or the day before its end.
func dateAt(p data.Period) string {
	if !p.From.IsZero() {
		return p.From.Format(data.DateLayout)
	}
	if !p.To.IsZero() {
		return p.To.AddDate(0, 0, -1).Format(data.DateLayout)
	}
	return time.Now().UTC().Format(data.DateLayout)
}

func orEmpty(xs []any) []any {
	if xs == nil {
		return []any{}
	}
	return xs
}
