package tiles

import (
	"context"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// markerFeatures lists the markers; the public tileset keeps only markers
// of agreed lines.
func markerFeatures(ctx context.Context, q *tileQuery) ([]feature, error) {
	markers, err := listAll(ctx, data.Query{BBox: &q.bbox, At: &q.at}, q.max, q.store.ListMarkers)
	if err != nil {
		return nil, err
	}
	var agreed map[string]bool
	if q.public {
		if agreed, err = agreedLines(ctx, q, markers); err != nil {
			return nil, err
		}
	}
	out := make([]feature, 0, len(markers))
	for _, m := range markers {
		if q.public && !agreed[m.LineID] {
			continue
		}
		p := props{}.set("number", m.Number).set("id", m.ID).set("line_id", m.LineID).
			set("status", string(m.Status)).set("status_label", m.Status.Label()).
			set("responsible_party", string(m.ResponsibleParty)).set("datum", m.Datum)
		if m.Parsed.Type != 0 {
			p.set("marker_type", m.Parsed.Type.String())
		}
		if m.SigmaM > 0 {
			p.set("sigma_m", m.SigmaM)
		}
		out = append(out, feature{id: FeatureID(m.ID), geom: m.Position, props: p})
	}
	return out, nil
}

// agreedLines reports for each line of the markers whether it is agreed:
// the lines in the tile come in one list call, any others one by one.
func agreedLines(ctx context.Context, q *tileQuery, markers []*data.Marker) (map[string]bool, error) {
	agreed := map[string]bool{}
	if len(markers) == 0 {
		return agreed, nil
	}
	lines, err := listAll(ctx, data.Query{BBox: &q.bbox, At: &q.at}, q.max, q.store.ListBoundaryLines)
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		agreed[l.ID] = l.LegalStatus == data.LegalAgreed
	}
	for _, m := range markers {
		if _, known := agreed[m.LineID]; known || m.LineID == "" {
			continue
		}
		l, err := q.store.GetBoundaryLine(ctx, m.LineID)
		if data.KindOf(err) == data.KindNotFound {
			agreed[m.LineID] = false
			continue
		} else if err != nil {
			return nil, err
		}
		agreed[m.LineID] = l.LegalStatus == data.LegalAgreed
	}
	return agreed, nil
}

func triJunctionFeatures(ctx context.Context, q *tileQuery) ([]feature, error) {
	tjs, err := listAll(ctx, data.Query{BBox: &q.bbox}, q.max, q.store.ListTriJunctions)
	if err != nil {
		return nil, err
	}
	out := make([]feature, 0, len(tjs))
	for _, t := range tjs {
		p := props{}.set("id", t.ID).set("name", t.Name).set("marker_id", t.MarkerID)
		if t.SigmaM > 0 {
			p.set("sigma_m", t.SigmaM)
		}
		out = append(out, feature{id: FeatureID(t.ID), geom: t.Agreed, props: p})
	}
	return out, nil
}

// Default place zoom ranges by legal class (index 0: POI only).
const (
	placeLayerMinZoom = 6
	poiLayerMinZoom   = 8 // thinned below POIFullZoom
)

var classMinZoom = [9]uint32{15, 8, 6, 11, 10, 13, 14, 13, 14}

// PlaceZooms returns the zooms at which a place's label is drawn: its own
// MinZoom–MaxZoom when either is set (MaxZoom 0 meaning MaxZoom), else the
// default of its legal class (administrative divisions from 6, natural
// features from 8, village and community seats from 11, parks from 10,
// streets and facilities from 13, estates, buildings and others from 14,
// POIs from 15), up to MaxZoom.
func PlaceZooms(p *data.NamedPlace) (minZoom, maxZoom uint32) {
	if p.MinZoom > 0 || p.MaxZoom > 0 {
		minZoom, maxZoom = uint32(max(p.MinZoom, 0)), MaxZoom
		if p.MaxZoom > 0 {
			maxZoom = uint32(min(p.MaxZoom, MaxZoom))
		}
		return minZoom, maxZoom
	}
	c := p.LegalClass
	if c < 0 || c >= len(classMinZoom) {
		c = 0
	}
	return classMinZoom[c], MaxZoom
}

func placeBuilder(kind data.PlaceKind) layerBuilder {
	return func(ctx context.Context, q *tileQuery) ([]feature, error) {
		bbox := q.bbox
		if kind == data.KindPOI {
			bbox = poiBound(q.id)
		}
		query := data.Query{BBox: &bbox, At: &q.at, Kind: kind}
		if q.public {
			query.Review = data.ReviewPublished
		}
		places, err := listAll(ctx, query, q.max, q.store.ListPlaces)
		if err != nil {
			return nil, err
		}
		out := make([]feature, 0, len(places))
		for _, pl := range places {
			if f, ok := placeFeature(pl, kind, q); ok {
				out = append(out, f)
			}
		}
		if kind == data.KindPOI {
			out = thinPOIs(out, q.z)
		}
		return out, nil
	}
}

func placeFeature(pl *data.NamedPlace, kind data.PlaceKind, q *tileQuery) (feature, bool) {
	lo, hi := PlaceZooms(pl)
	name := pl.StandardName()
	if pl.Kind != kind || q.z < lo || q.z > hi || name == nil ||
		(q.public && pl.Review != data.ReviewPublished) {
		return feature{}, false
	}
	pts := labelPoints(pl.Geometry)
	if len(pts) == 0 {
		return feature{}, false
	}
	p := props{}.set("id", pl.ID).set("name", name.Text).set("legal_class", pl.LegalClass).
		set("category", pl.Category).set("census_class", pl.CensusClass).
		set("pinyin_reviewed", name.PinyinReviewed).set("review", string(pl.Review))
	if name.PinyinReviewed || !q.public {
		p.set("pinyin", name.Pinyin)
	}
	var g orb.Geometry = orb.MultiPoint(pts)
	if len(pts) == 1 {
		g = pts[0]
	}
	return feature{id: FeatureID(pl.ID), geom: g, props: p, anchor: pts[0], rank: lo}, true
}

// signFeatures lists the signs that still stand. A sign's text is its
// place's name, so the public tileset shows the signs of published places
// only, as GET /signs does.
func signFeatures(ctx context.Context, q *tileQuery) ([]feature, error) {
	signs, err := listAll(ctx, data.Query{BBox: &q.bbox}, q.max, q.store.ListSigns)
	if err != nil {
		return nil, err
	}
	out := make([]feature, 0, len(signs))
	published := map[string]bool{}
	for _, s := range signs {
		if s.Status == "removed" {
			continue
		}
		if q.public {
			ok, err := publishedPlace(ctx, q.store, s.PlaceID, published)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		p := props{}.set("id", s.ID).set("kind", s.Kind).set("text", s.Text).
			set("place_id", s.PlaceID).set("status", s.Status).set("spec", s.Spec)
		out = append(out, feature{id: FeatureID(s.ID), geom: s.Position, props: p})
	}
	return out, nil
}

// ClassMinZoom returns the default first zoom of a place's label by legal
// class (0 for POI only; classes outside 0–8 count as 0), as PlaceZooms
// uses it when the place sets no zoom range of its own.
func ClassMinZoom(legalClass int) uint32 {
	if legalClass < 0 || legalClass >= len(classMinZoom) {
		legalClass = 0
	}
	return classMinZoom[legalClass]
}

// publishedPlace reports whether the place id is published, remembering
// the answers of one tile in seen.
func publishedPlace(ctx context.Context, st data.Store, id string, seen map[string]bool) (bool, error) {
	if id == "" {
		return false, nil
	}
	if ok, found := seen[id]; found {
		return ok, nil
	}
	p, err := st.GetPlace(ctx, id)
	switch {
	case data.KindOf(err) == data.KindNotFound:
		seen[id] = false
	case err != nil:
		return false, err
	default:
		seen[id] = p.Review == data.ReviewPublished
	}
	return seen[id], nil
}
