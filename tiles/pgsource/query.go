package pgsource

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// The tile statement's parameters.
//
//	$1 z, $2 x, $3 y     the tile (int)
//	$4 public            the public tileset: internal attributes become NULL
//	                     (ST_AsMVT leaves NULL attributes out) and the
//	                     public filters apply
//	$5 at                the "as of" date (today in China)
//	$6 grid factor       multiplies tiles.GridSize (1; more to shrink a tile
//	                     over the byte cap)
//	$7 max features      per layer
//
// The statement returns one bytea column per catalogue layer, bottom to
// top, NULL for a layer outside its zoom range: an MVT tile is the
// concatenation of its layers, so the caller can leave a layer out.
const (
	// envSQL is the tile's EPSG:3857 extent.
	envSQL = "ST_TileEnvelope($1, $2, $3)"
)

// boxSQL is the tile grown by margin tile units, transformed to the tables'
// SRID 4490: Web Mercator maps a lon/lat box to a box, so the transformed
// envelope is exactly the buffered tile in degrees, and a && test against
// it uses the GiST index of the geometry column.
func boxSQL(margin int) string {
	return fmt.Sprintf("ST_Transform(ST_TileEnvelope($1, $2, $3, margin => %g), 4490)", float64(margin)/tiles.Extent)
}

// bboxCond is the store's bounding-box condition (data/postgis) on the
// buffered tile: the same features as StoreSource's list calls.
func bboxCond(col string) string {
	b := boxSQL(tiles.Buffer)
	return col + " && " + b + " AND ST_Intersects(" + col + ", " + b + ")"
}

// shapeSQL generalises and encodes a line or polygon column in tile space,
// the same steps as tiles.StoreSource: clip in 4490 to a box twice the
// buffer (to transform fewer vertices), transform to EPSG:3857, map the
// tile onto 0–4096 (y down), clip to the buffered tile, snap every vertex
// to the zoom's integer grid (tiles.GridSize, aligned with the world's
// origin, so a vertex two neighbours share lands on the same point in
// both), drop repeats and wind polygons as MVT 2.1 wants.
//
// Lines and polygons do not go through ST_AsMVTGeom: it simplifies each
// geometry on its own (Douglas-Peucker at half a tile unit in PostGIS 3.3),
// which can drop a vertex of a shared edge on one side and keep it on the
// other, a sliver the per-vertex grid otherwise rules out. Points do.
func shapeSQL(col string, polygon bool) string {
	clipped := "ST_ClipByBox2D(" + col + ", " + boxSQL(2*tiles.Buffer) + ")"
	scale := "(4096 / (ST_XMax(" + envSQL + ") - ST_XMin(" + envSQL + ")))"
	tile := "ST_Affine(ST_Transform(" + clipped + ", 3857), " + scale + ", 0, 0, -" + scale + ", -ST_XMin(" + envSQL +
		") * " + scale + ", ST_YMax(" + envSQL + ") * " + scale + ")"
	b := strconv.Itoa(tiles.Buffer)
	e := strconv.Itoa(tiles.Extent + tiles.Buffer)
	inBox := "ST_ClipByBox2D(" + tile + ", ST_MakeEnvelope(-" + b + ", -" + b + ", " + e + ", " + e + "))"
	grid := "($6::float8 * (CASE WHEN $1 <= 7 THEN 8 WHEN $1 <= 10 THEN 4 WHEN $1 <= 13 THEN 2 ELSE 1 END))"
	snapped := "ST_RemoveRepeatedPoints(ST_SnapToGrid(" + inBox + ", 0, 0, " + grid + ", " + grid + "))"
	if polygon {
		return "ST_ForcePolygonCCW(" + snapped + ")"
	}
	return snapped
}

// pointSQL encodes a point geometry.
func pointSQL(expr string) string {
	return "ST_AsMVTGeom(ST_Transform(" + expr + ", 3857), " + envSQL + ", 4096, " + strconv.Itoa(tiles.Buffer) + ", true)"
}

// attr is one attribute column: its catalogue name and SQL expression.
type attr struct{ name, expr string }

// text leaves an empty string out, as StoreSource does.
func text(name, expr string) attr { return attr{name, "NULLIF(" + expr + ", '')"} }

// value is an attribute kept even when zero.
func value(name, expr string) attr { return attr{name, expr} }

// layerSQL is one layer's part of the statement.
type layerSQL struct {
	from  string // FROM … WHERE … of the rows, alias t
	id    string // uuid column
	geom  string // geometry expression in tile units
	attrs []attr
}

// caseOf returns a CASE mapping expr's values to labels.
func caseOf(expr string, labels map[string]string) string {
	var b strings.Builder
	b.WriteString("CASE " + expr)
	for _, k := range sortedKeys(labels) {
		b.WriteString(" WHEN " + quote(k) + " THEN " + quote(labels[k]))
	}
	b.WriteString(" ELSE " + expr + " END")
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func legalLabels() map[string]string {
	m := map[string]string{}
	for _, s := range []data.LegalStatus{data.LegalAgreed, data.LegalNotAgreed, data.LegalDisputed} {
		m[string(s)] = tiles.LegalStatusLabel(s)
	}
	return m
}

func statusLabels() map[string]string {
	m := map[string]string{}
	for _, s := range []data.MarkerStatus{data.StatusIntact, data.StatusDamaged, data.StatusMoved, data.StatusMissing} {
		m[string(s)] = s.Label()
	}
	return m
}

const dateFmt = "'YYYY-MM-DD'"

func unitLayer(level data.Level) layerSQL {
	return layerSQL{
		from: "admin_unit t WHERE t.level = " + quote(string(level)) + " AND t.valid @> $5::date AND " + bboxCond("t.geom"),
		id:   "t.id", geom: shapeSQL("t.geom", true),
		attrs: []attr{
			text("id", "t.id::text"), text("unit_id", "t.unit_id::text"), text("code", "t.code"),
			text("name", "t.name"), text("type", "t.type"), text("parent_id", "t.parent_id::text"),
			text("valid_from", "to_char(lower(t.valid), "+dateFmt+")"), text("approval", "t.approval_document"),
		},
	}
}

func lineLayer(level data.Level) layerSQL {
	return layerSQL{
		from: "boundary_line t WHERE t.level = " + quote(string(level)) + " AND t.valid @> $5::date AND " +
			bboxCond("t.geom") + " AND (NOT $4 OR t.legal_status = 'agreed')",
		id: "t.id", geom: shapeSQL("t.geom", false),
		attrs: []attr{
			text("id", "t.id::text"), text("name", "t.name"), text("code", "t.code"),
			text("legal_status", "t.legal_status"), text("legal_status_label", caseOf("t.legal_status", legalLabels())),
			text("technical_status", "t.technical_status"), text("code_a", "t.code_a"), text("code_b", "t.code_b"),
			text("last_inspected", "to_char(t.last_inspected, "+dateFmt+")"),
		},
	}
}

func markerLayer() layerSQL {
	return layerSQL{
		from: "marker t WHERE t.valid @> $5::date AND " + bboxCond("t.position") +
			" AND (NOT $4 OR EXISTS (SELECT 1 FROM boundary_line l WHERE l.id = t.line_id AND l.legal_status = 'agreed'))",
		id: "t.id", geom: pointSQL("t.position"),
		attrs: []attr{
			text("number", "t.number"), text("marker_type", "t.number_type"), text("id", "t.id::text"),
			text("line_id", "t.line_id::text"), text("status", "t.status"),
			text("status_label", caseOf("t.status", statusLabels())),
			text("responsible_party", "t.responsible_party"), text("datum", "t.datum"),
			value("sigma_m", "NULLIF(t.sigma_m, 0)"),
		},
	}
}

func triJunctionLayer() layerSQL {
	return layerSQL{
		from: "tri_junction t WHERE " + bboxCond("t.agreed"),
		id:   "t.id", geom: pointSQL("t.agreed"),
		attrs: []attr{
			text("id", "t.id::text"), text("name", "t.name"), text("marker_id", "t.marker_id::text"),
			value("sigma_m", "NULLIF(t.sigma_m, 0)"),
		},
	}
}

// labelSQL is labelPoints in SQL: points as they are, the middle of a line
// (its longest part), the centroid of a polygon (its largest part) when it
// lies inside, else a point on its surface.
const labelSQL = `CASE GeometryType(t.geom)
  WHEN 'POINT' THEN t.geom WHEN 'MULTIPOINT' THEN t.geom
  WHEN 'LINESTRING' THEN ST_LineInterpolatePoint(t.geom, 0.5)
  WHEN 'MULTILINESTRING' THEN (SELECT ST_LineInterpolatePoint(d.geom, 0.5) FROM ST_Dump(t.geom) d
    ORDER BY ST_Length(d.geom) DESC, d.path LIMIT 1)
  ELSE (SELECT CASE WHEN ST_Contains(d.geom, ST_Centroid(d.geom)) THEN ST_Centroid(d.geom) ELSE ST_PointOnSurface(d.geom) END
    FROM ST_Dump(t.geom) d WHERE GeometryType(d.geom) = 'POLYGON' ORDER BY ST_Area(d.geom) DESC, d.path LIMIT 1) END`

// placeZoomsSQL is tiles.PlaceZooms in SQL: a place's first and last zoom.
func placeZoomsSQL() (lo, hi string) {
	var classes []string
	for c := 0; c <= 8; c++ {
		classes = append(classes, strconv.Itoa(int(tiles.ClassMinZoom(c))))
	}
	lo = "CASE WHEN t.min_zoom > 0 OR t.max_zoom > 0 THEN t.min_zoom ELSE (ARRAY[" + strings.Join(classes, ",") +
		"])[t.legal_class + 1] END"
	hi = "CASE WHEN t.max_zoom > 0 THEN least(t.max_zoom, " + strconv.Itoa(tiles.MaxZoom) + ") ELSE " +
		strconv.Itoa(tiles.MaxZoom) + " END"
	return lo, hi
}

// standardNameSQL joins a place's standard name: the first current
// standard name, else the first.
const standardNameSQL = `CROSS JOIN LATERAL (SELECT n.text, n.pinyin, n.pinyin_reviewed FROM place_name n WHERE n.place_id = t.id
    ORDER BY (n.status = 'standard' AND upper(n.valid) IS NULL) DESC, n.ord LIMIT 1) n`

// placeWhere is the filter of a place layer's rows on the box.
func placeWhere(kind data.PlaceKind, box string) string {
	lo, hi := placeZoomsSQL()
	return "t.kind = " + quote(string(kind)) + " AND t.valid @> $5::date AND t.geom && " + box +
		" AND ST_Intersects(t.geom, " + box + ") AND (NOT $4 OR t.review = 'published') AND " + lo +
		" <= $1 AND $1 <= " + hi
}

func placeAttrs(name, pinyin, reviewed string) []attr {
	return []attr{
		text("id", "t.id::text"), text("name", name), value("legal_class", "t.legal_class"),
		text("category", "t.category"), text("census_class", "t.census_class"),
		value("pinyin_reviewed", reviewed), text("review", "t.review"),
		text("pinyin", "CASE WHEN "+reviewed+" OR NOT $4 THEN "+pinyin+" END"),
	}
}

func placeLayer(kind data.PlaceKind) layerSQL {
	if kind == data.KindPOI {
		return poiLayer()
	}
	return layerSQL{
		from: "named_place t " + standardNameSQL + " WHERE " + placeWhere(kind, boxSQL(tiles.Buffer)),
		id:   "t.id", geom: pointSQL(labelSQL),
		attrs: placeAttrs("n.text", "n.pinyin", "n.pinyin_reviewed"),
	}
}

// poiCellSQL is tiles.POICell($1) in SQL.
func poiCellSQL() string {
	var b strings.Builder
	b.WriteString("(CASE")
	for z := uint32(0); z < tiles.POIFullZoom; z++ {
		if z+1 == tiles.POIFullZoom || tiles.POICell(z) != tiles.POICell(z+1) {
			fmt.Fprintf(&b, " WHEN $1 <= %d THEN %g", z, tiles.POICell(z))
		}
	}
	b.WriteString(" ELSE 0 END)::float8")
	return b.String()
}

// poiLayer is the POI layer, thinned as tiles.StoreSource thins it: below
// tiles.POIFullZoom the candidates come from the tile grown by one cell,
// and DISTINCT ON keeps per world cell (of the label point's first point,
// in tile units of the zoom) the first by first zoom and feature id. From
// tiles.POIFullZoom on every row is its own cell.
func poiLayer() layerSQL {
	lo, _ := placeZoomsSQL()
	cell := poiCellSQL()
	box := "ST_Transform(ST_TileEnvelope($1, $2, $3, margin => greatest(" + cell + ", " +
		strconv.Itoa(tiles.Buffer) + ") / " + strconv.Itoa(tiles.Extent) + "), 4490)"
	world := fmt.Sprintf("(power(2, $1) * %d / %v)", tiles.Extent, 2*tiles.OriginShift)
	fid := fmt.Sprintf(tiles.FeatureIDSQL, "t.id")
	cx := "CASE WHEN " + cell + " > 0 THEN floor((ST_X(m.p) + " + fmt.Sprint(tiles.OriginShift) + ") * " + world +
		" / " + cell + ")::bigint ELSE " + fid + " END"
	cy := "CASE WHEN " + cell + " > 0 THEN floor((" + fmt.Sprint(tiles.OriginShift) + " - ST_Y(m.p)) * " + world +
		" / " + cell + ")::bigint ELSE 0 END"
	inner := "(SELECT DISTINCT ON (k.cx, k.cy) t.id, t.legal_class, t.category, t.census_class, t.review, " +
		"n.text AS n_text, n.pinyin AS n_pinyin, n.pinyin_reviewed AS n_reviewed, l.label\n" +
		"  FROM named_place t " + standardNameSQL + "\n" +
		"  CROSS JOIN LATERAL (SELECT " + labelSQL + " AS label) l\n" +
		"  CROSS JOIN LATERAL (SELECT ST_Transform(ST_GeometryN(l.label, 1), 3857) AS p) m\n" +
		"  CROSS JOIN LATERAL (SELECT " + cx + " AS cx, " + cy + " AS cy) k\n" +
		"  WHERE " + placeWhere(data.KindPOI, box) + "\n" +
		"  ORDER BY k.cx, k.cy, " + lo + ", " + fid + ") t"
	return layerSQL{
		from: inner, id: "t.id", geom: pointSQL("t.label"),
		attrs: placeAttrs("t.n_text", "t.n_pinyin", "t.n_reviewed"),
	}
}

func signLayer() layerSQL {
	return layerSQL{
		from: "sign t WHERE " + bboxCond("t.position") + " AND t.status IS DISTINCT FROM 'removed'" +
			// A sign's text is its place's name: the public tileset shows
			// the signs of published places only, as GET /signs does.
			" AND (NOT $4 OR EXISTS (SELECT 1 FROM named_place p WHERE p.id = t.place_id AND p.review = 'published'))",
		id: "t.id", geom: pointSQL("t.position"),
		attrs: []attr{
			text("id", "t.id::text"), text("kind", "t.kind"), text("text", "t.text"),
			text("place_id", "t.place_id::text"), text("status", "t.status"), text("spec", "t.spec"),
		},
	}
}

// layerFor returns the SQL of a catalogue layer.
func layerFor(id string) (layerSQL, error) {
	switch id {
	case tiles.LayerProvinces:
		return unitLayer(data.LevelProvince), nil
	case tiles.LayerCounties:
		return unitLayer(data.LevelCounty), nil
	case tiles.LayerTownships:
		return unitLayer(data.LevelTownship), nil
	case tiles.LayerProvinceLines:
		return lineLayer(data.LevelProvince), nil
	case tiles.LayerCountyLines:
		return lineLayer(data.LevelCounty), nil
	case tiles.LayerTownshipLines:
		return lineLayer(data.LevelTownship), nil
	case tiles.LayerMarkers:
		return markerLayer(), nil
	case tiles.LayerTriJunctions:
		return triJunctionLayer(), nil
	case tiles.LayerPlaceNames:
		return placeLayer(data.KindPlaceName), nil
	case tiles.LayerPOIs:
		return placeLayer(data.KindPOI), nil
	case tiles.LayerSigns:
		return signLayer(), nil
	}
	return layerSQL{}, fmt.Errorf("pgsource: layer %q has no SQL", id)
}

// layerColumn returns one layer's column of the statement: the layer's
// features as ST_AsMVT, ordered by feature id so that equal data give
// equal bytes; NULL outside the layer's zoom range. Attributes only the
// internal tileset carries are NULL for the public one.
func layerColumn(l tiles.Layer, q layerSQL) string {
	internal := map[string]bool{}
	for _, f := range l.Fields {
		internal[f.Name] = f.Internal
	}
	cols := []string{fmt.Sprintf(tiles.FeatureIDSQL, q.id) + " AS fid", q.geom + " AS geom"}
	for _, a := range q.attrs {
		expr := a.expr
		if internal[a.name] {
			expr = "CASE WHEN $4 THEN NULL ELSE " + expr + " END"
		}
		cols = append(cols, expr+" AS "+pgIdent(a.name))
	}
	return fmt.Sprintf(`CASE WHEN $1 BETWEEN %d AND %d THEN (SELECT ST_AsMVT(f, %s, %d, 'geom', 'fid') FROM (
  SELECT * FROM (SELECT %s FROM %s ORDER BY 1 LIMIT $7) f0 WHERE NOT ST_IsEmpty(f0.geom)) f) END AS %s`,
		l.MinZoom, l.MaxZoom, quote(l.ID), tiles.Extent, strings.Join(cols, ",\n    "), q.from, pgIdent(l.ID))
}

// pgIdent quotes an identifier from the catalogue.
func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// tileSQL builds the one statement that returns every layer of a tile.
func tileSQL(layers []tiles.Layer) (string, error) {
	cols := make([]string, 0, len(layers))
	for _, l := range layers {
		q, err := layerFor(l.ID)
		if err != nil {
			return "", err
		}
		cols = append(cols, layerColumn(l, q))
	}
	return "SELECT\n" + strings.Join(cols, ",\n"), nil
}
