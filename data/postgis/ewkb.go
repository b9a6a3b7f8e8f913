package postgis

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
)

// SRID is the spatial reference of every geometry column: CGCS2000
// geographic, lon/lat degrees.
const SRID = 4490

// This file is the one place where geometry crosses the PostGIS boundary:
// orb on our side, EWKB (little-endian, SRID 4490) on the wire, go-geom in
// between. SQL writes with ST_GeomFromEWKB($n) and reads with ST_AsEWKB(col).

// encodeEWKB returns g as EWKB with SRID 4490; nil, or an empty geometry at
// the top level, becomes nil (SQL NULL). An orb.Ring is written as a
// LineString and an orb.Bound as a Polygon.
func encodeEWKB(g orb.Geometry) ([]byte, error) {
	if isEmpty(g) {
		return nil, nil
	}
	t, err := toGeom(g)
	if err != nil {
		return nil, err
	}
	if err := setSRID(t); err != nil {
		return nil, err
	}
	b, err := ewkb.Marshal(t, ewkb.NDR)
	if err != nil {
		return nil, fmt.Errorf("postgis: encode EWKB: %w", err)
	}
	return b, nil
}

// decodeEWKB reads EWKB from PostGIS; nil (SQL NULL) gives a nil geometry.
func decodeEWKB(b []byte) (orb.Geometry, error) {
	if b == nil {
		return nil, nil
	}
	if err := checkEWKB(b); err != nil {
		return nil, err
	}
	t, err := ewkb.Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("postgis: decode EWKB: %w", err)
	}
	if t.SRID() != SRID {
		return nil, fmt.Errorf("postgis: geometry has SRID %d, want %d", t.SRID(), SRID)
	}
	return fromGeom(t)
}

func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case nil:
		return true
	case orb.MultiPoint:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.Ring:
		return len(g) == 0
	case orb.Polygon:
		return len(g) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.Collection:
		return len(g) == 0
	}
	return false
}

func setSRID(t geom.T) error {
	switch t := t.(type) {
	case *geom.Point:
		t.SetSRID(SRID)
	case *geom.LineString:
		t.SetSRID(SRID)
	case *geom.Polygon:
		t.SetSRID(SRID)
	case *geom.MultiPoint:
		t.SetSRID(SRID)
	case *geom.MultiLineString:
		t.SetSRID(SRID)
	case *geom.MultiPolygon:
		t.SetSRID(SRID)
	case *geom.GeometryCollection:
		t.SetSRID(SRID)
	default:
		return fmt.Errorf("postgis: unsupported geometry %T", t)
	}
	return nil
}

// toGeom converts orb to go-geom (XY layout).
func toGeom(g orb.Geometry) (geom.T, error) {
	switch g := g.(type) {
	case orb.Point:
		return geom.NewPointFlat(geom.XY, []float64{g[0], g[1]}), nil
	case orb.MultiPoint:
		return geom.NewMultiPointFlat(geom.XY, flat(g)), nil
	case orb.LineString:
		return geom.NewLineStringFlat(geom.XY, flat(g)), nil
	case orb.Ring:
		return geom.NewLineStringFlat(geom.XY, flat(g)), nil
	case orb.Polygon:
		coords, ends := flatRings(g, 0)
		return geom.NewPolygonFlat(geom.XY, coords, ends), nil
	case orb.Bound:
		return toGeom(g.ToPolygon())
	case orb.MultiLineString:
		var coords []float64
		ends := make([]int, 0, len(g))
		for _, l := range g {
			coords = append(coords, flat(l)...)
			ends = append(ends, len(coords))
		}
		return geom.NewMultiLineStringFlat(geom.XY, coords, ends), nil
	case orb.MultiPolygon:
		var coords []float64
		endss := make([][]int, 0, len(g))
		for _, p := range g {
			c, ends := flatRings(p, len(coords))
			coords = append(coords, c...)
			endss = append(endss, ends)
		}
		return geom.NewMultiPolygonFlat(geom.XY, coords, endss), nil
	case orb.Collection:
		return toGeomCollection(g)
	}
	return nil, fmt.Errorf("postgis: unsupported geometry %T", g)
}

func toGeomCollection(c orb.Collection) (geom.T, error) {
	gc := geom.NewGeometryCollection()
	for _, m := range c {
		t, err := toGeom(m)
		if err != nil {
			return nil, err
		}
		if err := gc.Push(t); err != nil {
			return nil, fmt.Errorf("postgis: collection: %w", err)
		}
	}
	return gc, nil
}

func flat(ps []orb.Point) []float64 {
	out := make([]float64, 0, 2*len(ps))
	for _, p := range ps {
		out = append(out, p[0], p[1])
	}
	return out
}

// flatRings flattens a polygon's rings; ends are offsets from base.
func flatRings(p orb.Polygon, base int) ([]float64, []int) {
	var coords []float64
	ends := make([]int, 0, len(p))
	for _, r := range p {
		coords = append(coords, flat(r)...)
		ends = append(ends, base+len(coords))
	}
	return coords, ends
}

// fromGeom converts go-geom to orb, keeping X and Y of any layout.
func fromGeom(t geom.T) (orb.Geometry, error) {
	switch t := t.(type) {
	case *geom.Point:
		if t.Empty() {
			return nil, fmt.Errorf("postgis: empty point")
		}
		return orb.Point{t.X(), t.Y()}, nil
	case *geom.MultiPoint:
		return orb.MultiPoint(points(t.Coords())), nil
	case *geom.LineString:
		return orb.LineString(points(t.Coords())), nil
	case *geom.Polygon:
		return polygon(t.Coords()), nil
	case *geom.MultiLineString:
		out := make(orb.MultiLineString, 0, t.NumLineStrings())
		for _, l := range t.Coords() {
			out = append(out, orb.LineString(points(l)))
		}
		return out, nil
	case *geom.MultiPolygon:
		out := make(orb.MultiPolygon, 0, t.NumPolygons())
		for _, p := range t.Coords() {
			out = append(out, polygon(p))
		}
		return out, nil
	case *geom.GeometryCollection:
		out := make(orb.Collection, 0, t.NumGeoms())
		for _, m := range t.Geoms() {
			g, err := fromGeom(m)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		return out, nil
	}
	return nil, fmt.Errorf("postgis: unsupported geometry %T", t)
}

func points(cs []geom.Coord) []orb.Point {
	out := make([]orb.Point, len(cs))
	for i, c := range cs {
		out[i] = orb.Point{c[0], c[1]}
	}
	return out
}

func polygon(rings [][]geom.Coord) orb.Polygon {
	out := make(orb.Polygon, len(rings))
	for i, r := range rings {
		out[i] = orb.Ring(points(r))
	}
	return out
}

// decodeAs decodes EWKB that must hold a T (or be NULL, giving T's zero).
func decodeAs[T orb.Geometry](b []byte, what string) (T, error) {
	var zero T
	g, err := decodeEWKB(b)
	if err != nil || g == nil {
		return zero, err
	}
	t, ok := g.(T)
	if !ok {
		return zero, fmt.Errorf("postgis: %s is a %s, want %T", what, g.GeoJSONType(), zero)
	}
	return t, nil
}

// errEWKBSize reports element counts that the bytes cannot hold.
var errEWKBSize = errors.New("postgis: EWKB element count exceeds its length")

// checkEWKB walks the EWKB structure and checks every element count against
// the bytes left, so a corrupt count cannot make the decoder allocate
// gigabytes before it notices the input is short.
func checkEWKB(b []byte) error {
	rest, err := walkEWKB(b, 0)
	if err == nil && len(rest) != 0 {
		err = fmt.Errorf("postgis: %d bytes after the EWKB geometry", len(rest))
	}
	return err
}

func walkEWKB(b []byte, depth int) ([]byte, error) {
	if depth > 32 || len(b) < 5 {
		return nil, errEWKBSize
	}
	var order binary.ByteOrder = binary.LittleEndian
	if b[0] == 0 {
		order = binary.BigEndian
	}
	typ := order.Uint32(b[1:5])
	b = b[5:]
	if typ&0x20000000 != 0 { // SRID
		if len(b) < 4 {
			return nil, errEWKBSize
		}
		b = b[4:]
	}
	stride := 16
	for _, flag := range []uint32{0x80000000, 0x40000000} { // Z, M
		if typ&flag != 0 {
			stride += 8
		}
	}
	return walkBody(b, typ&0xff, stride, order, depth)
}

func walkBody(b []byte, kind uint32, stride int, order binary.ByteOrder, depth int) ([]byte, error) {
	switch kind {
	case 1: // Point
		return skip(b, stride)
	case 2: // LineString
		return walkCoords(b, stride, order)
	case 3: // Polygon
		n, b, err := count(b, 4, order)
		for i := 0; err == nil && i < n; i++ {
			b, err = walkCoords(b, stride, order)
		}
		return b, err
	case 4, 5, 6, 7: // Multi*, GeometryCollection: nested EWKB of ≥ 5 bytes
		n, b, err := count(b, 5, order)
		for i := 0; err == nil && i < n; i++ {
			b, err = walkEWKB(b, depth+1)
		}
		return b, err
	}
	return nil, fmt.Errorf("postgis: EWKB geometry type %d is not supported", kind)
}

func walkCoords(b []byte, stride int, order binary.ByteOrder) ([]byte, error) {
	n, b, err := count(b, stride, order)
	if err != nil {
		return nil, err
	}
	return skip(b, n*stride)
}

// count reads an element count and checks that n elements of at least
// size bytes each fit in what is left.
func count(b []byte, size int, order binary.ByteOrder) (int, []byte, error) {
	if len(b) < 4 {
		return 0, nil, errEWKBSize
	}
	n := int(order.Uint32(b))
	if n > (len(b)-4)/size {
		return 0, nil, errEWKBSize
	}
	return n, b[4:], nil
}

func skip(b []byte, n int) ([]byte, error) {
	if n > len(b) {
		return nil, errEWKBSize
	}
	return b[n:], nil
}
