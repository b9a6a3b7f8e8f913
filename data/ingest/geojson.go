package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
)

// NewGeoJSON returns a Stream over a GeoJSON object: a FeatureCollection,
// whose features are decoded one at a time, or a single Feature or
// geometry. The CRS is opts.CRS, else the object's "crs" member (GeoJSON
// 2008), else EPSG:4326 (RFC 7946).
func NewGeoJSON(r io.Reader, opts Options) *Stream {
	opts = opts.withDefaults()
	m := newMeter(r, "GeoJSON feature", opts.MaxLineBytes, true)
	d := json.NewDecoder(m)
	src := &geojsonSource{m: m, d: d, opts: opts, members: map[string]json.RawMessage{}}
	return newStream(FormatGeoJSON, src, opts)
}

const (
	gjStart = iota
	gjMembers
	gjFeatures
	gjSingle
	gjDone
)

// geojsonSource walks the top-level object with Decoder tokens and decodes
// each element of "features" on its own.
type geojsonSource struct {
	m        *meter
	d        *json.Decoder
	opts     Options
	fp       *featureParser
	state    int
	feature  int  // features started
	sawArray bool // a "features" member was read
	members  map[string]json.RawMessage
	pending  []byte // the lone Feature or geometry, rebuilt from members
	declared int    // EPSG code of the "crs" member, if any
}

func (s *geojsonSource) next() (Record, error) {
	for {
		switch s.state {
		case gjStart:
			if err := s.start(); err != nil {
				return Record{}, fatal(err)
			}
		case gjMembers:
			if err := s.member(); err != nil {
				return Record{}, fatal(err)
			}
		case gjFeatures:
			if s.d.More() {
				return s.nextFeature()
			}
			if _, err := s.d.Token(); err != nil { // ']'
				return Record{}, fatal(s.syntax(err))
			}
			s.state = gjMembers
		case gjSingle:
			s.state = gjDone
			return s.fp.parse(s.pending, 1)
		default:
			return Record{}, io.EOF
		}
	}
}

func (s *geojsonSource) start() error {
	tok, err := s.d.Token()
	if err != nil {
		return s.syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return &data.Error{Kind: data.KindInvalid, Row: 1, Field: "type",
			Message: "not a GeoJSON object: the file must start with '{'"}
	}
	s.state = gjMembers
	return nil
}

// member reads one top-level member, or the closing brace.
func (s *geojsonSource) member() error {
	s.m.setMark(s.d.InputOffset())
	tok, err := s.d.Token()
	if err != nil {
		return s.syntax(err)
	}
	key, ok := tok.(string)
	if !ok { // '}'
		return s.end()
	}
	if key == "features" {
		return s.openFeatures()
	}
	var v json.RawMessage
	if err := s.d.Decode(&v); err != nil {
		return s.syntax(err)
	}
	switch key {
	case "type", "geometry", "properties", "coordinates", "geometries", "id":
		s.members[key] = v
	case "crs":
		return s.setCRS(v)
	}
	return nil
}

func (s *geojsonSource) openFeatures() error {
	tok, err := s.d.Token()
	if err != nil {
		return s.syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return s.fail("features", "\"features\" must be an array")
	}
	if err := s.parser(); err != nil {
		return err
	}
	s.sawArray, s.state = true, gjFeatures
	return nil
}

func (s *geojsonSource) nextFeature() (Record, error) {
	s.m.setMark(s.d.InputOffset()) // at the ',' before the feature, if any
	s.feature++
	var raw json.RawMessage
	if err := s.d.Decode(&raw); err != nil {
		return Record{}, fatal(s.syntax(err))
	}
	row := s.m.lineAt(s.d.InputOffset() - int64(len(raw)))
	rec, err := s.fp.parse(raw, row)
	if err != nil {
		e := atRow(err, row)
		e.Message = fmt.Sprintf("feature %d: %s", s.feature, e.Message)
		return Record{}, e
	}
	return rec, nil
}

// end handles the closing brace: a lone Feature or geometry becomes one
// record; trailing data is refused.
func (s *geojsonSource) end() error {
	if _, err := s.d.Token(); err != io.EOF {
		return s.fail("", "unexpected data after the GeoJSON object at byte %d", s.d.InputOffset())
	}
	typ := jsonText(s.members["type"])
	switch {
	case s.sawArray || typ == "FeatureCollection":
		s.state = gjDone
		return nil
	case typ == "Feature" || isGeometryType(typ):
		return s.single()
	}
	return s.fail("type", "type %q is not a GeoJSON FeatureCollection, Feature or geometry", typ)
}

// single turns the stored members into one record on the next call.
func (s *geojsonSource) single() error {
	if err := s.parser(); err != nil {
		return err
	}
	obj, err := json.Marshal(s.members)
	if err != nil {
		return s.fail("", "GeoJSON object cannot be read: %v", err)
	}
	s.state, s.members, s.pending = gjSingle, nil, obj
	return nil
}

// parser fixes the CRS once the first feature is about to be read.
func (s *geojsonSource) parser() error {
	if s.fp != nil {
		return nil
	}
	epsg := s.opts.CRS
	switch {
	case epsg != 0 && s.declared != 0 && epsg != s.declared:
		return s.fail("crs", "the file declares EPSG:%d but the upload declares EPSG:%d", s.declared, epsg)
	case epsg == 0 && s.declared != 0:
		epsg = s.declared
	case epsg == 0:
		epsg = 4326 // RFC 7946
	}
	c, err := newCRS(epsg)
	if err != nil {
		return err
	}
	s.fp = &featureParser{crs: c, opts: s.opts}
	return nil
}

// setCRS reads a GeoJSON 2008 "crs" member: {"type": "name",
// "properties": {"name": "urn:ogc:def:crs:EPSG::4545"}}.
func (s *geojsonSource) setCRS(v json.RawMessage) error {
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if string(v) == "null" {
		return nil
	}
	if err := json.Unmarshal(v, &c); err != nil {
		return s.fail("crs", "\"crs\" must be {\"type\": \"name\", \"properties\": {\"name\": …}}")
	}
	epsg, ok := parseCRSName(c.Properties.Name)
	if !ok {
		return s.fail("crs", "CRS %q is not an EPSG code such as urn:ogc:def:crs:EPSG::4490", c.Properties.Name)
	}
	if s.fp != nil && epsg != s.fp.crs.epsg {
		return s.fail("crs", "\"crs\" EPSG:%d after the features, which were read as EPSG:%d", epsg, s.fp.crs.epsg)
	}
	s.declared = epsg
	return nil
}

// parseCRSName reads an EPSG code from a CRS name: EPSG:4545,
// urn:ogc:def:crs:EPSG::4545, urn:ogc:def:crs:OGC:1.3:CRS84 (EPSG:4326).
func parseCRSName(name string) (int, bool) {
	u := strings.ToUpper(strings.TrimSpace(name))
	if strings.HasSuffix(u, "CRS84") {
		return 4326, true
	}
	i := strings.LastIndexByte(u, ':')
	if !strings.Contains(u, "EPSG") || i < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(u[i+1:])
	return n, err == nil
}

// syntax explains a decoder error: truncation, bad JSON, a limit, or I/O.
func (s *geojsonSource) syntax(err error) error {
	if e := data.AsError(err); e != nil {
		return e
	}
	where := s.where(s.m.off)
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		e := s.fail("", "GeoJSON is truncated: it ends at byte %d%s", s.m.off, where)
		e.Value = "byte " + strconv.FormatInt(s.m.off, 10)
		return e
	case errors.As(err, &syn):
		msg := fmt.Sprintf("invalid JSON at byte %d%s: %v", syn.Offset, s.where(syn.Offset), syn)
		if strings.Contains(syn.Error(), "'N'") || strings.Contains(syn.Error(), "'I'") {
			msg += " (NaN and Infinity are not JSON numbers: coordinates must be finite)"
		}
		e := s.fail("", "%s", msg)
		e.Row, e.Value = s.m.lineAt(syn.Offset), "byte "+strconv.FormatInt(syn.Offset, 10)
		return e
	}
	if s.m.isIO(err) {
		return fmt.Errorf("ingest: read GeoJSON: %w", err)
	}
	return s.fail("", "invalid JSON%s: %v", where, err)
}

// where names the feature being read, if any, and the line of off.
func (s *geojsonSource) where(off int64) string {
	if s.state == gjFeatures && s.feature > 0 {
		return fmt.Sprintf(" inside feature %d (line %d)", s.feature, s.m.lineAt(off))
	}
	return fmt.Sprintf(" (line %d)", s.m.lineAt(off))
}

func (s *geojsonSource) fail(field, format string, args ...any) *data.Error {
	return &data.Error{Kind: data.KindInvalid, Row: s.m.lineAt(s.m.off), Field: field,
		Message: fmt.Sprintf(format, args...)}
}
