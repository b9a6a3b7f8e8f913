package tiles

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
)

// Source produces the uncompressed MVT bytes of one tile of a tileset. An
// unknown tileset gives a KindNotFound data.Error, an invalid tile a
// KindInvalid one. A tile without features is an empty, non-nil slice.
type Source interface {
	Tile(ctx context.Context, tileset string, id TileID) ([]byte, error)
}

// DefaultMaxFeatures bounds the features one layer of one tile lists from
// the store; beyond it the layer is cut short.
const DefaultMaxFeatures = 50000

// chinaTime is the zone (UTC+8, no daylight saving) whose civil date is "today" for validity.
var chinaTime = time.FixedZone("UTC+8", 8*3600)

// StoreSource encodes tiles with orb from any data.Store, one list call per
// layer with the buffered tile as bounding box and today (in China) as the
// "as of" date. It is the source for the embedded store; PostGIS may use
// ST_AsMVT instead.
type StoreSource struct {
	Store       data.Store
	Now         func() time.Time // clock; time.Now when nil
	MaxFeatures int              // per layer and tile; DefaultMaxFeatures when 0
}

var _ Source = (*StoreSource)(nil)

// NewStoreSource returns a StoreSource over s with the default settings.
func NewStoreSource(s data.Store) *StoreSource { return &StoreSource{Store: s} }

// Tile lists and encodes the tile's layers: each catalogue layer of the
// tileset whose zoom range holds id.Z, leaving out layers with no feature.
func (s *StoreSource) Tile(ctx context.Context, tileset string, id TileID) ([]byte, error) {
	if err := CheckTileset(tileset); err != nil {
		return nil, err
	}
	if !id.Valid() {
		return nil, tileErr("tile", id.String(), "tile %s is outside zoom 0–%d or its 2^z columns and rows", id, MaxZoom)
	}
	q := &tileQuery{store: s.Store, id: id, bbox: id.BufferedBound(Buffer), at: s.today(), z: id.Z,
		public: tileset == Public, max: cmp.Or(s.MaxFeatures, DefaultMaxFeatures)}
	tt := newTileTransform(id)
	var layers mvt.Layers
	for _, l := range LayersFor(tileset) {
		if !l.AtZoom(id.Z) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		feats, err := buildLayer(ctx, l, q)
		if err != nil {
			return nil, fmt.Errorf("tiles: layer %s of tile %s: %w", l.ID, id, err)
		}
		if ml := encodeLayer(l, tileset, feats, tt); len(ml.Features) > 0 {
			layers = append(layers, ml)
		}
	}
	if len(layers) == 0 {
		return []byte{}, nil
	}
	b, err := mvt.Marshal(layers)
	if err != nil {
		return nil, fmt.Errorf("tiles: encoding tile %s: %w", id, err)
	}
	return b, nil
}

func (s *StoreSource) today() time.Time {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	y, m, d := now().In(chinaTime).Date()
	return data.Date(y, m, d)
}

func buildLayer(ctx context.Context, l Layer, q *tileQuery) ([]feature, error) {
	build, err := builderFor(l.ID)
	if err != nil {
		return nil, err
	}
	return build(ctx, q)
}

// encodeLayer carries features into tile coordinates, keeps only the
// tileset's fields and sorts by feature id so that equal data give equal
// bytes.
func encodeLayer(l Layer, tileset string, feats []feature, tt *tileTransform) *mvt.Layer {
	allowed := map[string]bool{}
	for _, f := range l.FieldsFor(tileset) {
		allowed[f.Name] = true
	}
	slices.SortStableFunc(feats, func(a, b feature) int { return cmp.Compare(a.id, b.id) })
	ml := &mvt.Layer{Name: l.ID, Version: 2, Extent: Extent}
	for _, f := range feats {
		g := transformGeometry(l.Geometry, f.geom, tt)
		if g == nil {
			continue
		}
		gf := geojson.NewFeature(g)
		gf.ID = f.id
		for k, v := range f.props {
			if allowed[k] {
				gf.Properties[k] = v
			}
		}
		ml.Features = append(ml.Features, gf)
	}
	return ml
}

// transformGeometry brings g into the tile as the layer's geometry kind;
// nil when nothing of it is in the buffered tile.
func transformGeometry(kind string, g orb.Geometry, tt *tileTransform) orb.Geometry {
	switch kind {
	case "Polygon":
		return tt.polygons(asPolygons(g))
	case "LineString":
		return tt.lines(asLines(g))
	}
	return tt.points(asPoints(g))
}

func asPoints(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.MultiPoint:
		return g
	}
	return nil
}

func asLines(g orb.Geometry) orb.MultiLineString {
	switch g := g.(type) {
	case orb.LineString:
		return orb.MultiLineString{g}
	case orb.MultiLineString:
		return g
	}
	return nil
}

func asPolygons(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}
