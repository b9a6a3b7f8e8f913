package api

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

// featureIn is a GeoJSON Feature in a Part 4 request body.
type featureIn struct {
	Type       string          `json:"type"`
	ID         any             `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	Links      json.RawMessage `json:"links"`
	geom       orb.Geometry
}

func (f *featureIn) idString() string {
	if s, ok := f.ID.(string); ok {
		return strings.ToLower(s)
	}
	return fmt.Sprint(f.ID)
}

// decodeFeature reads and checks the GeoJSON Feature of a request: its
// media type, CRS, JSON and geometry (finite, in China, valid as OGC
// simple features: geo/valid).
func decodeFeature(r *http.Request) (*featureIn, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != mediaGeoJSON && mt != mediaJSON {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "Content-Type", Value: ct,
				Message: "send the feature as application/geo+json"}
		}
	}
	latLon := false
	switch crs := strings.Trim(r.Header.Get("Content-Crs"), "<> "); crs {
	case "", CRS84URI:
	case EPSG4490URI:
		latLon = true
	default:
		return nil, &data.Error{Kind: data.KindInvalid, Field: "Content-Crs", Value: crs,
			Message: "Content-Crs must be " + CRS84URI + " or " + EPSG4490URI}
	}
	var in featureIn
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.Type != "Feature" {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "type", Value: in.Type, Message: "the body must be a GeoJSON Feature"}
	}
	if len(in.Geometry) == 0 || string(in.Geometry) == "null" {
		return nil, data.Invalidf("geometry", "a feature needs a geometry")
	}
	g, err := geojson.UnmarshalGeometry(in.Geometry)
	if err != nil {
		return nil, data.Invalidf("geometry", "geometry is not GeoJSON: %v", err)
	}
	in.geom = g.Geometry()
	if latLon {
		in.geom = swapAxes(in.geom)
	}
	if err := valid.Check("geometry", in.geom); err != nil {
		return nil, err
	}
	return &in, nil
}

// props decodes the feature's properties into v, refusing unknown ones.
func (f *featureIn) props(v any) error {
	if len(f.Properties) == 0 || string(f.Properties) == "null" {
		return data.Invalidf("properties", "a feature needs its properties")
	}
	return decodeJSON(f.Properties, v, "properties")
}

// placeProps are the writable properties of a place feature; read-only
// ones that a GET returns (updated) are accepted and ignored.
type placeProps struct {
	Kind           string   `json:"kind"`
	Name           string   `json:"name"`
	Pinyin         string   `json:"pinyin"`
	Names          []nameIn `json:"names"`
	CensusCode     string   `json:"census_code"`
	Category       string   `json:"category"`
	CensusClass    string   `json:"census_class"`
	LegalClass     int      `json:"legal_class"`
	LocationMethod string   `json:"location_method"`
	PrecisionM     float64  `json:"precision_m"`
	AdminCodes     []string `json:"admin_codes"`
	Meaning        string   `json:"meaning"`
	History        string   `json:"history"`
	Description    string   `json:"description"`
	MinZoom        int      `json:"min_zoom"`
	MaxZoom        int      `json:"max_zoom"`
	Review         string   `json:"review"`
	ValidFrom      *string  `json:"valid_from"`
	ValidTo        *string  `json:"valid_to"`
	Updated        *string  `json:"updated"`
	Sources        []string `json:"sources"`
	RegisteredBy   string   `json:"registered_by"`
}

type nameIn struct {
	Status         string  `json:"status"`
	Lang           string  `json:"lang"`
	Text           string  `json:"text"`
	Pinyin         string  `json:"pinyin"`
	PinyinReviewed bool    `json:"pinyin_reviewed"`
	ValidFrom      *string `json:"valid_from"`
	ValidTo        *string `json:"valid_to"`
}

// period reads a validity from optional civil dates.
func period(field string, from, to *string) (data.Period, error) {
	var p data.Period
	for _, d := range []struct {
		s   *string
		dst *time.Time
		f   string
	}{{from, &p.From, field + "from"}, {to, &p.To, field + "to"}} {
		if d.s == nil || *d.s == "" {
			continue
		}
		t, err := data.ParseDate(*d.s)
		if err != nil {
			return p, &data.Error{Kind: data.KindInvalid, Field: "properties." + d.f, Value: *d.s, Message: err.Error()}
		}
		*d.dst = t
	}
	return p, nil
}

// placeWriter writes the places of one kind.
type placeWriter data.PlaceKind

// place builds the place of in; its kind is the collection's. Its review
// status is the one stated, if any: create and replace settle it and then
// validate the place.
func (k placeWriter) place(in *featureIn) (*data.NamedPlace, error) {
	var pp placeProps
	if err := in.props(&pp); err != nil {
		return nil, err
	}
	if pp.Kind != "" && pp.Kind != string(k) {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "properties.kind", Value: pp.Kind,
			Message: "kind must be " + string(k) + " in this collection"}
	}
	p := &data.NamedPlace{Kind: data.PlaceKind(k), CensusCode: pp.CensusCode, Category: pp.Category,
		CensusClass: pp.CensusClass, LegalClass: pp.LegalClass, Geometry: in.geom, LocationMethod: pp.LocationMethod,
		PrecisionM: pp.PrecisionM, Meaning: pp.Meaning, History: pp.History, Description: pp.Description,
		MinZoom: pp.MinZoom, MaxZoom: pp.MaxZoom, Review: data.ReviewStatus(pp.Review), Sources: pp.Sources,
		RegisteredBy: pp.RegisteredBy}
	switch p.Review {
	case "", data.ReviewDraft, data.ReviewReviewed, data.ReviewPublished:
	default:
		return nil, &data.Error{Kind: data.KindInvalid, Field: "properties.review", Value: pp.Review,
			Message: "review status " + quote(pp.Review) + " is not draft, reviewed or published"}
	}
	var err error
	if p.Valid, err = period("valid_", pp.ValidFrom, pp.ValidTo); err != nil {
		return nil, err
	}
	for _, c := range pp.AdminCodes {
		code, err := data.ParseCode(c)
		if err != nil {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "properties.admin_codes", Value: c, Message: err.Error()}
		}
		p.AdminCodes = append(p.AdminCodes, code)
	}
	p.Names, err = names(pp)
	return p, err
}

func names(pp placeProps) ([]data.Name, error) {
	if len(pp.Names) == 0 {
		if pp.Name == "" {
			return nil, data.Invalidf("properties.name", "a place needs a name")
		}
		return []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: pp.Name, Pinyin: pp.Pinyin}}, nil
	}
	out := make([]data.Name, len(pp.Names))
	for i, n := range pp.Names {
		v, err := period("names.valid_", n.ValidFrom, n.ValidTo)
		if err != nil {
			return nil, err
		}
		out[i] = data.Name{Status: data.NameStatus(n.Status), Lang: n.Lang, Text: n.Text, Pinyin: n.Pinyin,
			PinyinReviewed: n.PinyinReviewed, Valid: v}
	}
	return out, nil
}

func (k placeWriter) create(ctx context.Context, s *server, in *featureIn) (*geojson.Feature, error) {
	p, err := k.place(in)
	if err != nil {
		return nil, err
	}
	if p.Review == "" {
		// The collection is the published set. A caller who may not
		// publish has had review set to draft (withDraftReview).
		p.Review = data.ReviewPublished
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := s.store.CreatePlace(ctx, p); err != nil {
		return nil, err
	}
	return placeFeature(p), nil
}

// existing returns the stored place id if it is of this kind.
func (k placeWriter) existing(ctx context.Context, s *server, id string) (*data.NamedPlace, error) {
	old, err := s.store.GetPlace(ctx, id)
	if err != nil {
		return nil, err
	}
	if old.Kind != data.PlaceKind(k) {
		return nil, data.NotFound("feature", id)
	}
	return old, nil
}

func (k placeWriter) replace(ctx context.Context, s *server, id string, in *featureIn) (*geojson.Feature, error) {
	old, err := k.existing(ctx, s, id)
	if err != nil {
		return nil, err
	}
	p, err := k.place(in)
	if err != nil {
		return nil, err
	}
	p.ID = id
	if err := keepReview(p, old); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := s.store.UpdatePlace(ctx, p); err != nil {
		return nil, err
	}
	return placeFeature(p), nil
}

// keepReview gives p, which replaces old, old's review status, reviewer
// and review time: a replacement edits a place, while its review status
// moves only through POST /places/{placeId}/review, which records each
// step and holds the two-person rule. A stated review status other than
// old's is a KindConflict error pointing there; the same status, or none,
// keeps old's.
func keepReview(p, old *data.NamedPlace) error {
	if p.Review != "" && p.Review != old.Review {
		return &data.Error{Kind: data.KindConflict, Field: "properties.review", Value: string(p.Review),
			Message: fmt.Sprintf("place %s is %s: a replacement keeps its review status; to make it %s, "+
				"POST /places/%s/review", old.ID, old.Review, p.Review, old.ID)}
	}
	p.Review, p.ReviewedBy, p.ReviewedAt = old.Review, old.ReviewedBy, old.ReviewedAt
	return nil
}

func (k placeWriter) current(ctx context.Context, s *server, id string) (*geojson.Feature, time.Time, error) {
	p, err := k.existing(ctx, s, id)
	if err != nil {
		return nil, time.Time{}, err
	}
	return placeFeature(p), p.Updated, nil
}

func (k placeWriter) remove(ctx context.Context, s *server, id string) error {
	old, err := k.existing(ctx, s, id)
	if err != nil {
		return err
	}
	ed, err := s.editor()
	if err != nil {
		return err
	}
	if err := ed.DeletePlace(ctx, id); err != nil {
		return err
	}
	s.invalidate(old.Geometry)
	return nil
}
