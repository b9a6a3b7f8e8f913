package ingest

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// rawGeometry is a GeoJSON geometry object before validation.
type rawGeometry struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`
}

// geomParser decodes GeoJSON geometries in the source system, counting
// vertices against max and gathering heights (third coordinates) in z.
type geomParser struct {
	max  int
	n    int
	z    []float64
	hasZ bool
}

// parse checks g; depth is the GeometryCollection nesting, at most 1.
// Errors have no row.
func (gp *geomParser) parse(g *rawGeometry, depth int) (orb.Geometry, error) {
	if g.Type != "GeometryCollection" && len(g.Coordinates) == 0 {
		return nil, rowError(0, "geometry", g.Type, "geometry %q has no coordinates", g.Type)
	}
	geom, err := gp.decode(*g, depth)
	if err != nil {
		return nil, err
	}
	if depth == 0 {
		if gp.n == 0 {
			return nil, rowError(0, "geometry", g.Type, "geometry %s is empty", g.Type)
		}
		if !gp.hasZ {
			gp.z = nil
		}
	}
	return geom, nil
}

// parseRaw decodes and checks a geometry member of a GeometryCollection.
func (gp *geomParser) parseRaw(raw json.RawMessage, depth int) (orb.Geometry, error) {
	var g rawGeometry
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, jsonError(err, raw, 0, "geometry")
	}
	return gp.parse(&g, depth)
}

func (gp *geomParser) decode(g rawGeometry, depth int) (orb.Geometry, error) {
	switch g.Type {
	case "Point":
		c, ok := quickPosition(g.Coordinates)
		if !ok {
			if err := gp.unmarshal(g.Coordinates, &c); err != nil {
				return nil, err
			}
		}
		return gp.position(c)
	case "MultiPoint", "LineString":
		var c [][]float64
		if err := gp.unmarshal(g.Coordinates, &c); err != nil {
			return nil, err
		}
		return gp.line(g.Type, c)
	case "MultiLineString", "Polygon":
		var c [][][]float64
		if err := gp.unmarshal(g.Coordinates, &c); err != nil {
			return nil, err
		}
		return gp.lines(g.Type, c)
	case "MultiPolygon":
		return gp.multiPolygon(g.Coordinates)
	case "GeometryCollection":
		return gp.collection(g, depth)
	}
	return nil, rowError(0, "geometry.type", g.Type, "%q is not a GeoJSON geometry type", g.Type)
}

func (gp *geomParser) unmarshal(raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return jsonError(err, raw, 0, "geometry.coordinates")
	}
	return nil
}

// position checks one position and records its height.
func (gp *geomParser) position(c []float64) (orb.Point, error) {
	if len(c) < 2 {
		return orb.Point{}, rowError(0, "geometry.coordinates", "", "a position needs 2 or 3 numbers, got %d", len(c))
	}
	gp.n++
	if gp.n > gp.max {
		return orb.Point{}, rowError(0, "geometry.coordinates", "", "geometry has more than %d vertices", gp.max)
	}
	z := math.NaN()
	if len(c) > 2 {
		z, gp.hasZ = c[2], true
	}
	gp.z = append(gp.z, z)
	return orb.Point{c[0], c[1]}, nil
}

func (gp *geomParser) line(typ string, c [][]float64) (orb.Geometry, error) {
	pts := make([]orb.Point, len(c))
	for i, p := range c {
		var err error
		if pts[i], err = gp.position(p); err != nil {
			return nil, err
		}
	}
	if typ == "MultiPoint" {
		return orb.MultiPoint(pts), nil
	}
	if len(pts) < 2 {
		return nil, rowError(0, "geometry.coordinates", "", "a LineString needs at least 2 positions, got %d", len(pts))
	}
	return orb.LineString(pts), nil
}

func (gp *geomParser) lines(typ string, c [][][]float64) (orb.Geometry, error) {
	if typ == "Polygon" {
		return gp.polygon(c)
	}
	mls := make(orb.MultiLineString, len(c))
	for i, l := range c {
		g, err := gp.line("LineString", l)
		if err != nil {
			return nil, err
		}
		mls[i] = g.(orb.LineString)
	}
	return mls, nil
}

func (gp *geomParser) polygon(c [][][]float64) (orb.Polygon, error) {
	poly := make(orb.Polygon, len(c))
	for i, r := range c {
		g, err := gp.line("MultiPoint", r)
		if err != nil {
			return nil, err
		}
		ring := orb.Ring(g.(orb.MultiPoint))
		if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
			return nil, rowError(0, "geometry.coordinates", "",
				"polygon ring %d must be closed and have at least 4 positions", i+1)
		}
		poly[i] = ring
	}
	return poly, nil
}

func (gp *geomParser) multiPolygon(raw json.RawMessage) (orb.Geometry, error) {
	var c [][][][]float64
	if err := gp.unmarshal(raw, &c); err != nil {
		return nil, err
	}
	mp := make(orb.MultiPolygon, len(c))
	for i, p := range c {
		var err error
		if mp[i], err = gp.polygon(p); err != nil {
			return nil, err
		}
	}
	return mp, nil
}

func (gp *geomParser) collection(g rawGeometry, depth int) (orb.Geometry, error) {
	if depth > 0 {
		return nil, rowError(0, "geometry", "GeometryCollection", "nested GeometryCollections are not accepted")
	}
	col := make(orb.Collection, 0, len(g.Geometries))
	for _, raw := range g.Geometries {
		sub, err := gp.parseRaw(raw, depth+1)
		if err != nil {
			return nil, err
		}
		col = append(col, sub)
	}
	return col, nil
}

// quickPosition parses a plain position such as [109.2,28.5] or
// [109.2, 28.5, 300] without reflection; anything else is left to
// encoding/json, which also explains errors.
func quickPosition(raw []byte) ([]float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil, false
	}
	parts := bytes.Split(raw[1:len(raw)-1], []byte{','})
	if len(parts) < 2 || len(parts) > 3 {
		return nil, false
	}
	c := make([]float64, len(parts))
	for i, p := range parts {
		p = bytes.TrimSpace(p)
		if len(p) == 0 || !(p[0] == '-' || (p[0] >= '0' && p[0] <= '9')) {
			return nil, false
		}
		v, err := strconv.ParseFloat(string(p), 64)
		if err != nil || !finite(v) {
			return nil, false
		}
		c[i] = v
	}
	return c, true
}
