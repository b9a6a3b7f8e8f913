package api

import (
	"context"

	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
)

// collection is one OGC API feature collection: its metadata and how to
// read its features from the store.
type collection struct {
	ID          string
	Title       string // Chinese with English beside
	Description string
	// list returns one page of features matching q and how many match in all.
	list func(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error)
	// get returns one feature; KindNotFound if there is none visible.
	get func(ctx context.Context, st data.Store, id string) (*geojson.Feature, error)
	// queryables are the collection's own filter parameters of /items.
	queryables []queryable
}

// pageOf adapts a store list result to features.
func pageOf[T any](conv func(T) *geojson.Feature) func(data.Page[T], error) ([]*geojson.Feature, int, error) {
	return func(p data.Page[T], err error) ([]*geojson.Feature, int, error) {
		if err != nil {
			return nil, 0, err
		}
		fs := make([]*geojson.Feature, len(p.Items))
		for i, it := range p.Items {
			fs[i] = conv(it)
		}
		return fs, p.Matched, nil
	}
}

// oneOf adapts a store get result to a feature.
func oneOf[T any](conv func(T) *geojson.Feature) func(T, error) (*geojson.Feature, error) {
	return func(v T, err error) (*geojson.Feature, error) {
		if err != nil {
			return nil, err
		}
		return conv(v), nil
	}
}

// catalogue returns the collections in the order they are listed.
func catalogue() []*collection {
	return []*collection{
		{
			ID: "admin-units", Title: "行政区划 Administrative units",
			Description: "Versions of administrative units (province to village) with code, name, type, parent and territory; one feature per span of validity.",
			list: func(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error) {
				return pageOf(adminUnitFeature)(st.ListAdminUnits(ctx, q))
			},
			get: func(ctx context.Context, st data.Store, id string) (*geojson.Feature, error) {
				return oneOf(adminUnitFeature)(st.GetAdminUnit(ctx, id))
			},
			queryables: []queryable{
				codeQueryable("code", "division code (6, 9 or 12 digits) of the version"),
				levelQueryable(data.Levels...),
			},
		},
		{
			ID: "boundary-lines", Title: "行政区域界线 Boundary lines",
			Description: "Administrative boundary lines as fixed by their agreements, with legal and technical status.",
			list: func(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error) {
				return pageOf(boundaryLineFeature)(st.ListBoundaryLines(ctx, q))
			},
			get: func(ctx context.Context, st data.Store, id string) (*geojson.Feature, error) {
				return oneOf(boundaryLineFeature)(st.GetBoundaryLine(ctx, id))
			},
			queryables: []queryable{levelQueryable(data.LevelProvince, data.LevelCounty, data.LevelTownship)},
		},
		{
			ID: "markers", Title: "界桩 Boundary markers",
			Description: "Boundary markers at their registered positions, with number, type and latest status.",
			list: func(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error) {
				return pageOf(markerFeature)(st.ListMarkers(ctx, q))
			},
			get: func(ctx context.Context, st data.Store, id string) (*geojson.Feature, error) {
				return oneOf(markerFeature)(st.GetMarker(ctx, id))
			},
			queryables: []queryable{lineQueryable},
		},
		placeCollection("place-names", "地名 Place names",
			"Published standard place names with their names, pinyin, category and legal class.", data.KindPlaceName),
		placeCollection("pois", "兴趣点 Points of interest",
			"Published points of interest collected and put on the map.", data.KindPOI),
		{
			ID: "signs", Title: "地名标志 Place-name signs",
			Description: "Place-name signs of published places, including historical place-name protection markers.",
			list:        listPublicSigns,
			get:         getPublicSign,
		},
		{
			ID: "tri-junctions", Title: "三交点 Tri-junctions",
			Description: "Points where three boundary lines and three units meet, at their agreed coordinates.",
			list: func(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error) {
				return pageOf(triJunctionFeature)(st.ListTriJunctions(ctx, q))
			},
			get: getTriJunction,
		},
	}
}

// placeCollection is a collection of published named places of one kind.
// Drafts and places under review are not visible: they are absent from
// lists and 404 when asked for by id.
func placeCollection(id, title, desc string, kind data.PlaceKind) *collection {
	return &collection{
		ID: id, Title: title, Description: desc,
		list: func(ctx context.Context, st data.Store, q data.Query) ([]*geojson.Feature, int, error) {
			q.Kind, q.Review = kind, data.ReviewPublished
			return pageOf(placeFeature)(st.ListPlaces(ctx, q))
		},
		get: func(ctx context.Context, st data.Store, fid string) (*geojson.Feature, error) {
			p, err := st.GetPlace(ctx, fid)
			if err != nil {
				return nil, err
			}
			if p.Kind != kind || p.Review != data.ReviewPublished {
				return nil, data.NotFound("feature", fid)
			}
			return placeFeature(p), nil
		},
		queryables: []queryable{codeQueryable("admin_code", "division code of a containing unit (6, 9 or 12 digits)")},
	}
}

// getTriJunction finds a tri-junction by id. The store has no getter for
// tri-junctions, so it pages through the list; there are few of them.
func getTriJunction(ctx context.Context, st data.Store, id string) (*geojson.Feature, error) {
	q := data.Query{Limit: data.MaxLimit}
	for {
		p, err := st.ListTriJunctions(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, t := range p.Items {
			if t.ID == id {
				return triJunctionFeature(t), nil
			}
		}
		q.Offset += len(p.Items)
		if len(p.Items) == 0 || q.Offset >= p.Matched {
			return nil, data.NotFound("feature", id)
		}
	}
}
