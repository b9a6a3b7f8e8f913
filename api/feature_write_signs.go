package api

import (
	"context"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
)

// signProps are the writable properties of a sign feature; updated is
// accepted and ignored.
type signProps struct {
	PlaceID   *string `json:"place_id"`
	ListingID *string `json:"listing_id"`
	Kind      string  `json:"kind"`
	Text      string  `json:"text"`
	Spec      string  `json:"spec"`
	Installed *string `json:"installed"`
	Status    string  `json:"status"`
	Updated   *string `json:"updated"`
}

// signWriter writes place-name signs.
type signWriter struct{}

func (signWriter) sign(in *featureIn) (*data.Sign, error) {
	var sp signProps
	if err := in.props(&sp); err != nil {
		return nil, err
	}
	pt, ok := in.geom.(orb.Point)
	if !ok {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "geometry", Value: in.geom.GeoJSONType(),
			Message: "a sign's geometry is a Point"}
	}
	sg := &data.Sign{PlaceID: lower(sp.PlaceID), ListingID: lower(sp.ListingID), Kind: sp.Kind, Position: pt,
		Text: sp.Text, Spec: sp.Spec, Status: sp.Status}
	if sp.Installed != nil && *sp.Installed != "" {
		t, err := data.ParseDate(*sp.Installed)
		if err != nil {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "properties.installed", Value: *sp.Installed,
				Message: err.Error()}
		}
		sg.Installed = t
	}
	return sg, sg.Validate()
}

func lower(s *string) string {
	if s == nil {
		return ""
	}
	return strings.ToLower(*s)
}

func (w signWriter) create(ctx context.Context, s *server, in *featureIn) (*geojson.Feature, error) {
	sg, err := w.sign(in)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateSign(ctx, sg); err != nil {
		return nil, err
	}
	return signFeature(sg), nil
}

func (w signWriter) replace(ctx context.Context, s *server, id string, in *featureIn) (*geojson.Feature, error) {
	old, err := s.store.GetSign(ctx, id)
	if err != nil {
		return nil, err
	}
	sg, err := w.sign(in)
	if err != nil {
		return nil, err
	}
	sg.ID, sg.History = id, old.History
	ed, err := s.editor()
	if err != nil {
		return nil, err
	}
	if err := ed.UpdateSign(ctx, sg); err != nil {
		return nil, err
	}
	s.invalidate(old.Position, sg.Position)
	return signFeature(sg), nil
}

func (signWriter) current(ctx context.Context, s *server, id string) (*geojson.Feature, time.Time, error) {
	sg, err := s.store.GetSign(ctx, id)
	if err != nil {
		return nil, time.Time{}, err
	}
	return signFeature(sg), sg.Updated, nil
}

func (signWriter) remove(ctx context.Context, s *server, id string) error {
	old, err := s.store.GetSign(ctx, id)
	if err != nil {
		return err
	}
	ed, err := s.editor()
	if err != nil {
		return err
	}
	if err := ed.DeleteSign(ctx, id); err != nil {
		return err
	}
	s.invalidate(old.Position)
	return nil
}
