package tiles

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// feature is one feature of a layer before encoding: lon/lat geometry of
// the layer's kind (points, lines or polygons) and its attributes.
type feature struct {
	id    uint64
	geom  orb.Geometry
	props map[string]any
	// For POI thinning: the first label point and the first zoom.
	anchor orb.Point
	rank   uint32
}

// tileQuery is what a layer builder needs to list one tile's features.
type tileQuery struct {
	store  data.Store
	id     TileID
	bbox   orb.Bound // the buffered tile, lon/lat
	at     time.Time // "as of" date: today
	z      uint32
	public bool
	max    int // features per layer
}

// FeatureID returns the stable MVT feature id of an entity ID, below 2^53
// so that JavaScript clients hold it exactly: for a UUID in canonical text
// form (every ID the stores assign) its last 53 bits, which are random in
// UUID versions 4, 5 and 7 and which SQL computes cheaply (see
// FeatureIDSQL); for any other string the 64-bit FNV-1a hash cut to 53
// bits. The same entity has the same id in every tile and tileset.
func FeatureID(entityID string) uint64 {
	if data.ValidID(entityID) {
		if v, err := strconv.ParseUint(entityID[19:23]+entityID[24:], 16, 64); err == nil {
			return v & (1<<53 - 1)
		}
	}
	h := fnv.New64a()
	h.Write([]byte(entityID))
	return h.Sum64() & (1<<53 - 1)
}

// FeatureIDSQL is FeatureID in PostgreSQL for a uuid column, with %[1]s
// standing for the column: the last 16 hex digits as a 64-bit string, cast
// to bigint and masked to 53 bits.
const FeatureIDSQL = `(('x' || right(replace(%[1]s::text, '-', ''), 16))::bit(64)::bigint & 9007199254740991)`

// props collects attributes, leaving out empty strings.
type props map[string]any

func (p props) set(name string, v any) props {
	if s, ok := v.(string); ok && s == "" {
		return p
	}
	p[name] = v
	return p
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(data.DateLayout)
}

// listAll pages through a list call until max items or the end.
func listAll[T any](ctx context.Context, q data.Query, max int,
	list func(context.Context, data.Query) (data.Page[T], error)) ([]T, error) {
	var out []T
	for len(out) < max {
		q.Limit = min(data.MaxLimit, max-len(out))
		page, err := list(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if len(page.Items) < q.Limit || (page.Matched > 0 && q.Offset+len(page.Items) >= page.Matched) {
			break
		}
		q.Offset += len(page.Items)
	}
	return out, nil
}

// layerBuilder lists one layer's features in a tile.
type layerBuilder func(ctx context.Context, q *tileQuery) ([]feature, error)

// builderFor returns the builder of a catalogue layer.
func builderFor(layerID string) (layerBuilder, error) {
	switch layerID {
	case LayerProvinces:
		return unitBuilder(data.LevelProvince), nil
	case LayerCounties:
		return unitBuilder(data.LevelCounty), nil
	case LayerTownships:
		return unitBuilder(data.LevelTownship), nil
	case LayerProvinceLines:
		return lineBuilder(data.LevelProvince), nil
	case LayerCountyLines:
		return lineBuilder(data.LevelCounty), nil
	case LayerTownshipLines:
		return lineBuilder(data.LevelTownship), nil
	case LayerMarkers:
		return markerFeatures, nil
	case LayerTriJunctions:
		return triJunctionFeatures, nil
	case LayerPlaceNames:
		return placeBuilder(data.KindPlaceName), nil
	case LayerPOIs:
		return placeBuilder(data.KindPOI), nil
	case LayerSigns:
		return signFeatures, nil
	}
	return nil, fmt.Errorf("tiles: layer %q has no builder", layerID)
}

func unitBuilder(level data.Level) layerBuilder {
	return func(ctx context.Context, q *tileQuery) ([]feature, error) {
		units, err := listAll(ctx, data.Query{BBox: &q.bbox, At: &q.at, Level: level}, q.max, q.store.ListAdminUnits)
		if err != nil {
			return nil, err
		}
		out := make([]feature, 0, len(units))
		for _, u := range units {
			if u.Level != level || len(u.Geometry) == 0 {
				continue
			}
			p := props{}.set("id", u.ID).set("unit_id", u.UnitID).set("code", string(u.Code)).
				set("name", u.Name).set("type", u.Type).set("parent_id", u.ParentID).
				set("valid_from", date(u.Valid.From)).set("approval", u.Approval.Document)
			out = append(out, feature{id: FeatureID(u.ID), geom: u.Geometry, props: p})
		}
		return out, nil
	}
}

// LegalStatusLabel returns a line's legal status in Chinese with English.
func LegalStatusLabel(s data.LegalStatus) string {
	switch s {
	case data.LegalAgreed:
		return "已协议 agreed"
	case data.LegalNotAgreed:
		return "未协议 not agreed"
	case data.LegalDisputed:
		return "争议 disputed"
	}
	return string(s)
}

func lineBuilder(level data.Level) layerBuilder {
	return func(ctx context.Context, q *tileQuery) ([]feature, error) {
		lines, err := listAll(ctx, data.Query{BBox: &q.bbox, At: &q.at, Level: level}, q.max, q.store.ListBoundaryLines)
		if err != nil {
			return nil, err
		}
		out := make([]feature, 0, len(lines))
		for _, l := range lines {
			if l.Level != level || len(l.Geometry) == 0 || (q.public && l.LegalStatus != data.LegalAgreed) {
				continue
			}
			p := props{}.set("id", l.ID).set("name", l.Name).set("code", l.Code).
				set("legal_status", string(l.LegalStatus)).set("legal_status_label", LegalStatusLabel(l.LegalStatus)).
				set("technical_status", string(l.TechnicalStatus)).set("code_a", string(l.CodeA)).
				set("code_b", string(l.CodeB)).set("last_inspected", date(l.LastInspected))
			out = append(out, feature{id: FeatureID(l.ID), geom: l.Geometry, props: p})
		}
		return out, nil
	}
}
