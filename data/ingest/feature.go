package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/toponym/toponym/data"
)

// rawFeature is a GeoJSON Feature, or a bare geometry, before validation:
// one json.Unmarshal pass fills it.
type rawFeature struct {
	Type        string                     `json:"type"`
	ID          json.RawMessage            `json:"id"`
	Geometry    *rawGeometry               `json:"geometry"`
	Properties  map[string]json.RawMessage `json:"properties"`
	Coordinates json.RawMessage            `json:"coordinates"`
	Geometries  []json.RawMessage          `json:"geometries"`
}

// featureParser turns one GeoJSON text into a Record.
type featureParser struct {
	crs  crs
	opts Options
	keys map[string]keyInfo // property names seen, with their roles
	kvs  []kv               // scratch for the fast path
}

// parse validates raw, one Feature or geometry object starting at line
// row, and returns it as a record. Errors are row errors.
func (fp *featureParser) parse(raw []byte, row int) (Record, error) {
	if f, ok := scanFeature(raw, fp.kvs); ok {
		fp.kvs = f.props
		return fp.fastRecord(&f, row)
	}
	if d := jsonDepth(raw); d > MaxJSONDepth {
		return Record{}, rowError(row, "feature", "depth "+strconv.Itoa(d),
			"JSON is nested %d deep; at most %d levels are accepted", d, MaxJSONDepth)
	}
	var f rawFeature
	if err := json.Unmarshal(raw, &f); err != nil {
		return Record{}, jsonError(err, raw, row, "feature")
	}
	if f.Type != "Feature" {
		if !isGeometryType(f.Type) {
			return Record{}, rowError(row, "type", f.Type,
				"type %q is not a GeoJSON Feature or geometry", f.Type)
		}
		g := rawGeometry{Type: f.Type, Coordinates: f.Coordinates, Geometries: f.Geometries}
		return fp.record(&g, nil, nil, row)
	}
	if f.Geometry == nil {
		return Record{}, rowError(row, "geometry", "null", "feature has no geometry")
	}
	return fp.record(f.Geometry, f.Properties, f.ID, row)
}

// record builds the record of geometry g with properties props.
func (fp *featureParser) record(g *rawGeometry, props map[string]json.RawMessage, id json.RawMessage,
	row int) (Record, error) {
	gp := geomParser{max: fp.opts.MaxVertices}
	src, err := gp.parse(g, 0)
	if err != nil {
		return Record{}, atRow(err, row)
	}
	ll, err := fp.crs.convert(src)
	if err != nil {
		return Record{}, atRow(err, row)
	}
	sink := newSink(fp.opts.Location)
	if err := setProperties(&sink, props); err != nil {
		return Record{}, atRow(err, row)
	}
	if len(id) > 0 && string(id) != "null" {
		_ = sink.set(fNone, "id", jsonText(id))
	}
	rec := Record{Row: row, Geometry: ll, Source: src, SourceCRS: fp.crs.epsg, Datum: fp.crs.datum,
		Z: gp.z, Attrs: sink.attrs}
	if len(rec.Z) == 0 && sink.height == sink.height {
		rec.Z = []float64{sink.height}
	}
	return rec, nil
}

// setProperties maps a GeoJSON properties object onto the sink.
func setProperties(sink *attrSink, props map[string]json.RawMessage) error {
	for k, v := range props {
		if string(v) == "null" {
			continue
		}
		if err := sink.set(fieldOf(k), k, jsonText(v)); err != nil {
			e := atRow(err, 0)
			e.Field = "properties." + k
			return e
		}
	}
	return nil
}

// jsonText returns a JSON string's text, or other JSON as written.
func jsonText(v json.RawMessage) string {
	if len(v) > 1 && v[0] == '"' && bytes.IndexByte(v, '\\') < 0 {
		return string(v[1 : len(v)-1])
	}
	if len(v) > 0 && v[0] == '"' {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	return string(v)
}

// jsonDepth returns the deepest nesting of arrays and objects in b.
func jsonDepth(b []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// jsonError explains a JSON decoding error of raw, the text of field.
func jsonError(err error, raw []byte, row int, field string) *data.Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		if syn.Error() == errUnexpectedEnd.Error() {
			return rowError(row, field, "byte "+strconv.FormatInt(syn.Offset, 10),
				"the %s's JSON ends early: truncated at byte %d", field, syn.Offset)
		}
		near := snippet(raw, syn.Offset-1)
		msg := fmt.Sprintf("invalid JSON at byte %d of the %s: %v", syn.Offset, field, syn)
		if bytes.HasPrefix(bytes.TrimLeft(near, "-+"), []byte("NaN")) ||
			bytes.HasPrefix(bytes.TrimLeft(near, "-+"), []byte("Inf")) {
			msg = fmt.Sprintf("NaN and Infinity are not JSON numbers (byte %d of the %s): "+
				"coordinates must be finite", syn.Offset, field)
		}
		return rowError(row, field, string(near), "%s", msg)
	case errors.As(err, &typ):
		if typ.Value == "number" || bytes.HasPrefix([]byte(typ.Value), []byte("number ")) {
			return rowError(row, fieldPath(field, typ.Field), typ.Value,
				"%s is out of range: coordinates must be finite", typ.Value)
		}
		return rowError(row, fieldPath(field, typ.Field), typ.Value, "%s is a JSON %s, want %v",
			fieldPath(field, typ.Field), typ.Value, typ.Type)
	}
	return rowError(row, field, "", "invalid JSON: %v", err)
}

var errUnexpectedEnd = errors.New("unexpected end of JSON input")

func fieldPath(a, b string) string {
	if b == "" {
		return a
	}
	return a + "." + b
}

// snippet returns up to 24 bytes of b from offset off, for error values.
func snippet(b []byte, off int64) []byte {
	if off < 0 || off >= int64(len(b)) {
		return nil
	}
	end := min(int64(len(b)), off+24)
	return bytes.ToValidUTF8(b[off:end], []byte("?"))
}

func isGeometryType(t string) bool {
	switch t {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
		"GeometryCollection":
		return true
	}
	return false
}
