package tiles

import (
	"slices"

	"github.com/toponym/toponym/data"
)

// Tileset names.
const (
	// Public is the tileset for public maps: agreed lines only, published
	// names only, markers without their internal data.
	Public = "public"
	// Internal is the survey-grade tileset for authenticated staff:
	// everything, markers with their status.
	Internal = "internal"
)

// Tilesets lists the tileset names.
func Tilesets() []string { return []string{Public, Internal} }

// CheckTileset returns a KindNotFound data.Error unless name is a tileset.
func CheckTileset(name string) error {
	if name == Public || name == Internal {
		return nil
	}
	e := data.Errorf(data.KindNotFound, "tileset %q not found; want %s or %s", name, Public, Internal)
	e.Field, e.Value = "tileset", name
	return e
}

// Field is one attribute a layer's features carry.
type Field struct {
	Name        string
	Type        string // String, Number or Boolean (TileJSON convention)
	Description string // Chinese with English
	Internal    bool   // carried in the Internal tileset only
}

// Layer describes one vector-tile layer: its zoom range, the attributes of
// its features and the tilesets it belongs to.
type Layer struct {
	ID          string
	Description string // Chinese with English
	Geometry    string // Point, LineString or Polygon
	MinZoom     uint32
	MaxZoom     uint32
	Fields      []Field
	Tilesets    []string
}

// InTileset reports whether the layer belongs to the tileset.
func (l Layer) InTileset(tileset string) bool { return slices.Contains(l.Tilesets, tileset) }

// AtZoom reports whether the layer is drawn at zoom z.
func (l Layer) AtZoom(z uint32) bool { return l.MinZoom <= z && z <= l.MaxZoom }

// FieldsFor returns the fields the layer carries in the tileset.
func (l Layer) FieldsFor(tileset string) []Field {
	var out []Field
	for _, f := range l.Fields {
		if !f.Internal || tileset == Internal {
			out = append(out, f)
		}
	}
	return out
}

// Layer IDs.
const (
	LayerProvinces     = "provinces"
	LayerCounties      = "counties"
	LayerTownships     = "townships"
	LayerProvinceLines = "province-lines"
	LayerCountyLines   = "county-lines"
	LayerTownshipLines = "township-lines"
	LayerMarkers       = "markers"
	LayerTriJunctions  = "tri-junctions"
	LayerPlaceNames    = "place-names"
	LayerPOIs          = "pois"
	LayerSigns         = "signs"
)

func both() []string { return []string{Public, Internal} }

// Catalogue returns every layer, bottom (drawn first) to top. Each call
// returns a fresh copy.
func Catalogue() []Layer {
	return []Layer{
		unitLayer(LayerProvinces, "省级行政区 provinces", 0),
		unitLayer(LayerCounties, "县级行政区 counties", 5),
		unitLayer(LayerTownships, "乡级行政区 townships", 8),
		lineLayer(LayerProvinceLines, "省级界线 provincial boundary lines", 3),
		lineLayer(LayerCountyLines, "县级界线 county boundary lines", 6),
		lineLayer(LayerTownshipLines, "乡级界线 township boundary lines", 9),
		{ID: LayerMarkers, Description: "界桩 boundary markers (公开版仅含协议界线界桩号 public: numbers on agreed lines only)", Geometry: "Point", MinZoom: 12, MaxZoom: MaxZoom,
			Tilesets: both(), Fields: markerFields()},
		{ID: LayerTriJunctions, Description: "三交点 tri-junctions", Geometry: "Point", MinZoom: 10, MaxZoom: MaxZoom,
			Tilesets: both(), Fields: triJunctionFields()},
		{ID: LayerPlaceNames, Description: "地名注记 place-name labels", Geometry: "Point", MinZoom: placeLayerMinZoom,
			MaxZoom: MaxZoom, Tilesets: both(), Fields: placeFields()},
		{ID: LayerPOIs, Description: "兴趣点 points of interest", Geometry: "Point", MinZoom: poiLayerMinZoom,
			MaxZoom: MaxZoom, Tilesets: both(), Fields: placeFields()},
		{ID: LayerSigns, Description: "地名标志 place-name signs", Geometry: "Point", MinZoom: 15, MaxZoom: MaxZoom,
			Tilesets: both(), Fields: signFields()},
	}
}

// LayersFor returns the layers of a tileset, bottom to top.
func LayersFor(tileset string) []Layer {
	var out []Layer
	for _, l := range Catalogue() {
		if l.InTileset(tileset) {
			out = append(out, l)
		}
	}
	return out
}

func str(name, desc string) Field     { return Field{Name: name, Type: "String", Description: desc} }
func num(name, desc string) Field     { return Field{Name: name, Type: "Number", Description: desc} }
func internal(f Field) Field          { f.Internal = true; return f }
func boolean(name, desc string) Field { return Field{Name: name, Type: "Boolean", Description: desc} }
func idField(what string) Field       { return str("id", "标识 "+what+" ID in the API") }

func unitLayer(id, desc string, minZoom uint32) Layer {
	return Layer{ID: id, Description: desc + " (现行 current versions)", Geometry: "Polygon",
		MinZoom: minZoom, MaxZoom: MaxZoom, Tilesets: both(), Fields: []Field{
			idField("版本 version"),
			str("unit_id", "单位标识 unit ID across versions"),
			str("code", "区划代码 division code (GB/T 2260, GB/T 10114)"),
			str("name", "名称 Chinese name"),
			str("type", "类型 type (省, 县, 自治县, 镇, 乡, 街道…)"),
			str("parent_id", "上级单位 unit ID of the parent"),
			internal(str("valid_from", "生效日期 valid from (YYYY-MM-DD)")),
			internal(str("approval", "批准文号 approval document number")),
		}}
}

func lineLayer(id, desc string, minZoom uint32) Layer {
	return Layer{ID: id, Description: desc + " (公开版仅含协议界线 public: agreed lines only)",
		Geometry: "LineString", MinZoom: minZoom, MaxZoom: MaxZoom, Tilesets: both(), Fields: []Field{
			idField("界线 line"),
			str("name", "界线名称 Chinese name"),
			str("code", "界线代码 line code"),
			str("legal_status", "法律状态 legal status: agreed, not_agreed, disputed"),
			str("legal_status_label", "法律状态 legal status in Chinese with English"),
			internal(str("technical_status", "技术状态 technical status: edge_matched, within_tolerance, not_matched, unknown")),
			internal(str("code_a", "甲方代码 code of side A (the smaller)")),
			internal(str("code_b", "乙方代码 code of side B")),
			internal(str("last_inspected", "上次联检 last joint inspection (YYYY-MM-DD)")),
		}}
}

func markerFields() []Field {
	return []Field{
		str("number", "界桩号 marker number as inscribed"),
		str("marker_type", "类型 type letter: Q single, A/B pair, C/D/E triple"),
		internal(idField("界桩 marker")),
		internal(str("line_id", "界线标识 line ID")),
		internal(str("status", "状态 status: intact, damaged, moved, missing")),
		internal(str("status_label", "状态 status in Chinese with English")),
		internal(str("responsible_party", "管护方 responsible party's division code")),
		internal(str("datum", "坐标基准 datum of the registered position")),
		internal(num("sigma_m", "中误差 registered position's standard error, metres")),
	}
}

func triJunctionFields() []Field {
	return []Field{
		idField("三交点 tri-junction"),
		str("name", "名称 Chinese name"),
		internal(num("sigma_m", "中误差 agreed point's standard error, metres")),
		internal(str("marker_id", "界桩标识 marker ID")),
	}
}

func placeFields() []Field {
	return []Field{
		idField("地名 place"),
		str("name", "标准地名 standard name in Chinese"),
		str("pinyin", "罗马字母拼写 pinyin (public: reviewed only)"),
		num("legal_class", "法定类别 legal class 1–8; 0 POI only"),
		str("category", "类别代码 category code (GB/T 18521)"),
		str("census_class", "普查大类 census top class"),
		internal(boolean("pinyin_reviewed", "拼写已审 pinyin reviewed")),
		internal(str("review", "复核状态 review status: draft, reviewed, published")),
	}
}

func signFields() []Field {
	return []Field{
		idField("标志 sign"),
		str("kind", "标志类型 kind: protection_marker, road_sign, village_sign…"),
		str("text", "标志文字 text on the sign"),
		internal(str("place_id", "地名标识 place ID")),
		internal(str("status", "状态 status: good, damaged, missing")),
		internal(str("spec", "规格 specification")),
	}
}
