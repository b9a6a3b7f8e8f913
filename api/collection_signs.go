package api

import (
	"context"

	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// The public signs collection shows the signs of published places only,
// as GET /signs does: a sign's text is its place's name, and a draft name
// must not reach the public before it is reviewed and published.

// listPublicSigns lists the signs of published places, paged in the store.
func listPublicSigns(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error) {
	g, ok := gazetteerOf(st)
	if !ok {
		return listPublicSignsSlow(ctx, st, q)
	}
	if err := q.Validate(); err != nil {
		return nil, 0, err
	}
	limit, offset := q.Clamp()
	return pageOf(signFeature)(g.FindSigns(ctx, data.SignQuery{BBox: q.BBox, Review: data.ReviewPublished,
		Limit: limit, Offset: offset}))
}

// listPublicSignsSlow serves stores without a gazetteer: it drops the signs
// whose place is not published from the store's page (the page may come
// out short).
func listPublicSignsSlow(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error) {
	page, err := st.ListSigns(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	var fs []*geojson.Feature
	for _, sg := range page.Items {
		if ok, err := publicSign(ctx, st, sg); err != nil {
			return nil, 0, err
		} else if ok {
			fs = append(fs, signFeature(sg))
		}
	}
	return fs, page.Matched - (len(page.Items) - len(fs)), nil
}

// getPublicSign returns a sign of a published place; any other is not
// found.
func getPublicSign(ctx context.Context, st data.Store, id string) (*geojson.Feature, error) {
	sg, err := st.GetSign(ctx, id)
	if err != nil {
		return nil, err
	}
	if ok, err := publicSign(ctx, st, sg); err != nil || !ok {
		return nil, firstError(err, data.NotFound("feature", id))
	}
	return signFeature(sg), nil
}

// publicSign reports whether sg belongs to a published place.
func publicSign(ctx context.Context, st data.Store, sg *data.Sign) (bool, error) {
	if sg.PlaceID == "" {
		return false, nil
	}
	p, err := st.GetPlace(ctx, sg.PlaceID)
	if data.KindOf(err) == data.KindNotFound {
		return false, nil
	}
	return err == nil && p.Review == data.ReviewPublished, err
}

// gazetteerOf returns the gazetteer of st beneath the tile wrapper.
func gazetteerOf(st data.Store) (data.Gazetteer, bool) {
	if is, ok := st.(*tiles.InvalidatingStore); ok {
		st = is.Store
	}
	g, ok := st.(data.Gazetteer)
	return g, ok
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
