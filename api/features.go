package api

import (
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
)

// Feature builders: one per domain type, each giving the feature id, the
// geometry in lon/lat and the properties in snake_case. Dates are civil
// dates (YYYY-MM-DD) or null; open validity ends are null.

func newFeature(id string, g orb.Geometry, props geojson.Properties) *geojson.Feature {
	f := geojson.NewFeature(geometryOrNil(g))
	f.ID = id
	f.Properties = props
	return f
}

// geometryOrNil returns nil for a missing or empty geometry, which GeoJSON
// writes as "geometry": null.
func geometryOrNil(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case nil:
		return nil
	case orb.MultiPolygon:
		if len(g) == 0 {
			return nil
		}
	case orb.MultiLineString:
		if len(g) == 0 {
			return nil
		}
	case orb.Polygon:
		if len(g) == 0 {
			return nil
		}
	case orb.LineString:
		if len(g) == 0 {
			return nil
		}
	case orb.MultiPoint:
		if len(g) == 0 {
			return nil
		}
	case orb.Collection:
		if len(g) == 0 {
			return nil
		}
	}
	return g
}

// date formats a civil date, or returns nil for the zero time.
func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(data.DateLayout)
}

// timestamp formats an instant in RFC 3339, or returns nil for the zero time.
func timestamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// orEmpty returns s, or an empty list for nil so that JSON shows [].
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func adminUnitFeature(u *data.AdminUnit) *geojson.Feature {
	props := geojson.Properties{
		"unit_id":            u.UnitID,
		"code":               string(u.Code),
		"name":               u.Name,
		"level":              string(u.Level),
		"type":               u.Type,
		"parent_id":          nilIfEmpty(u.ParentID),
		"valid_from":         date(u.Valid.From),
		"valid_to":           date(u.Valid.To),
		"began_by":           nilIfEmpty(u.BeganBy),
		"ended_by":           nilIfEmpty(u.EndedBy),
		"approval_authority": nilIfEmpty(u.Approval.Authority),
		"approval_document":  nilIfEmpty(u.Approval.Document),
		"approval_date":      date(u.Approval.Date),
		"sources":            orEmpty(u.Sources),
		"updated":            timestamp(u.Updated),
	}
	if u.Seat != nil {
		props["seat_lon"], props["seat_lat"] = u.Seat[0], u.Seat[1]
	}
	return newFeature(u.ID, u.Geometry, props)
}

func boundaryLineFeature(l *data.BoundaryLine) *geojson.Feature {
	agreements := make([]map[string]any, 0, len(l.Agreements))
	for _, d := range l.Agreements {
		agreements = append(agreements, map[string]any{
			"title": d.Title, "number": d.Number, "date": date(d.Date), "sha256": d.SHA256,
		})
	}
	return newFeature(l.ID, l.Geometry, geojson.Properties{
		"name":                l.Name,
		"level":               string(l.Level),
		"code":                l.Code,
		"unit_a":              l.UnitA,
		"unit_b":              l.UnitB,
		"code_a":              string(l.CodeA),
		"code_b":              string(l.CodeB),
		"numbering_direction": l.NumberingDirection,
		"legal_status":        string(l.LegalStatus),
		"technical_status":    string(l.TechnicalStatus),
		"agreements":          agreements,
		"cycle_years":         l.CycleYears,
		"last_inspected":      date(l.LastInspected),
		"valid_from":          date(l.Valid.From),
		"valid_to":            date(l.Valid.To),
		"updated":             timestamp(l.Updated),
	})
}

func markerFeature(m *data.Marker) *geojson.Feature {
	refs := make([]map[string]any, 0, len(m.References))
	for _, o := range m.References {
		refs = append(refs, map[string]any{"name": o.Name, "azimuth_deg": o.AzimuthDeg, "distance_m": o.DistanceM})
	}
	props := geojson.Properties{
		"line_id":           m.LineID,
		"number":            m.Number,
		"physical_type":     m.PhysicalType,
		"responsible_party": string(m.ResponsibleParty),
		"source_crs":        m.SourceCRS,
		"datum":             m.Datum,
		"sigma_m":           m.SigmaM,
		"references":        refs,
		"status":            string(m.Status),
		"status_label":      m.Status.Label(),
		"installed":         date(m.Installed),
		"valid_from":        date(m.Valid.From),
		"valid_to":          date(m.Valid.To),
		"updated":           timestamp(m.Updated),
	}
	if m.Parsed.Line != "" {
		props["line_code"], props["sequence"], props["marker_type"] = m.Parsed.Line, m.Parsed.Seq, m.Parsed.Type.String()
	}
	return newFeature(m.ID, m.Position, props)
}

func triJunctionFeature(t *data.TriJunction) *geojson.Feature {
	return newFeature(t.ID, t.Agreed, geojson.Properties{
		"name":      t.Name,
		"line_ids":  t.LineIDs[:],
		"unit_ids":  t.UnitIDs[:],
		"sigma_m":   t.SigmaM,
		"marker_id": nilIfEmpty(t.MarkerID),
		"updated":   timestamp(t.Updated),
	})
}

func placeFeature(p *data.NamedPlace) *geojson.Feature {
	names := make([]map[string]any, 0, len(p.Names))
	for _, n := range p.Names {
		names = append(names, map[string]any{
			"status": string(n.Status), "lang": n.Lang, "text": n.Text, "pinyin": n.Pinyin,
			"pinyin_reviewed": n.PinyinReviewed, "valid_from": date(n.Valid.From), "valid_to": date(n.Valid.To),
		})
	}
	props := geojson.Properties{
		"kind":            string(p.Kind),
		"name":            nil,
		"pinyin":          nil,
		"names":           names,
		"census_code":     p.CensusCode,
		"category":        p.Category,
		"census_class":    p.CensusClass,
		"legal_class":     p.LegalClass,
		"location_method": p.LocationMethod,
		"precision_m":     p.PrecisionM,
		"admin_codes":     orEmpty(p.AdminCodes),
		"meaning":         p.Meaning,
		"history":         p.History,
		"description":     p.Description,
		"min_zoom":        p.MinZoom,
		"max_zoom":        p.MaxZoom,
		"review":          string(p.Review),
		"valid_from":      date(p.Valid.From),
		"valid_to":        date(p.Valid.To),
		"updated":         timestamp(p.Updated),
	}
	if n := p.StandardName(); n != nil {
		props["name"], props["pinyin"] = n.Text, n.Pinyin
	}
	return newFeature(p.ID, p.Geometry, props)
}

func signFeature(s *data.Sign) *geojson.Feature {
	return newFeature(s.ID, s.Position, geojson.Properties{
		"place_id":   nilIfEmpty(s.PlaceID),
		"listing_id": nilIfEmpty(s.ListingID),
		"kind":       s.Kind,
		"text":       s.Text,
		"spec":       s.Spec,
		"installed":  date(s.Installed),
		"status":     s.Status,
		"updated":    timestamp(s.Updated),
	})
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// swapAxes returns a copy of g with every coordinate written latitude
// first, as EPSG:4490 orders its axes.
func swapAxes(g orb.Geometry) orb.Geometry {
	if g == nil {
		return nil
	}
	return swapGeometry(orb.Clone(g))
}

func swapGeometry(g orb.Geometry) orb.Geometry {
	swap := func(ps []orb.Point) {
		for i := range ps {
			ps[i][0], ps[i][1] = ps[i][1], ps[i][0]
		}
	}
	switch g := g.(type) {
	case orb.Point:
		return orb.Point{g[1], g[0]}
	case orb.MultiPoint:
		swap(g)
	case orb.LineString:
		swap(g)
	case orb.Ring:
		swap(g)
	case orb.MultiLineString:
		for _, l := range g {
			swap(l)
		}
	case orb.Polygon:
		for _, r := range g {
			swap(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				swap(r)
			}
		}
	case orb.Collection:
		for i := range g {
			g[i] = swapGeometry(g[i])
		}
	case orb.Bound:
		return orb.Bound{Min: orb.Point{g.Min[1], g.Min[0]}, Max: orb.Point{g.Max[1], g.Max[0]}}
	}
	return g
}
