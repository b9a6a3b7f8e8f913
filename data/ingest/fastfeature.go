package ingest

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// The fast path of featureParser: most register rows are a Feature with a
// Point and flat properties, like
//
//	{"type":"Feature","id":1,"geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"名称":"洪安镇"}}
//
// scanFeature reads exactly that shape with no reflection and no
// intermediate maps. Anything else (another geometry, nested or escaped
// values, bad JSON) makes it give up, and the general path, which also
// explains errors, reads the text instead. It accepts only valid JSON.

// fastFeature is what scanFeature found.
type fastFeature struct {
	point orb.Point
	z     float64 // NaN if none
	id    []byte  // as written; nil if none or null
	props []kv    // properties in file order, null values dropped
}

// kv is one property: its key and its text (a string's content, or a
// number or boolean as written). Both alias the scanned text.
type kv struct{ k, v []byte }

var trueText, falseText = []byte("true"), []byte("false")

// jsonScanner walks one JSON text.
type jsonScanner struct {
	b []byte
	i int
}

func (s *jsonScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// eat skips whitespace and consumes c.
func (s *jsonScanner) eat(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// str reads a string without escapes or control characters, in valid
// UTF-8, and returns its content.
func (s *jsonScanner) str() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	start, ascii := s.i, true
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			v := s.b[start:s.i]
			s.i++
			return v, ascii || utf8.Valid(v)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
		s.i++
	}
	return nil, false
}

// num reads a JSON number and returns its text.
func (s *jsonScanner) num() ([]byte, bool) {
	s.ws()
	start := s.i
	b := s.b
	if s.i < len(b) && b[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(b) && b[s.i] == '0':
		s.i++
	case s.i < len(b) && b[s.i] >= '1' && b[s.i] <= '9':
		s.digits()
	default:
		return nil, false
	}
	if s.i < len(b) && b[s.i] == '.' {
		s.i++
		if !s.digits() {
			return nil, false
		}
	}
	if s.i < len(b) && (b[s.i] == 'e' || b[s.i] == 'E') {
		s.i++
		if s.i < len(b) && (b[s.i] == '+' || b[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			return nil, false
		}
	}
	return b[start:s.i], true
}

func (s *jsonScanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

// lit consumes the literal word.
func (s *jsonScanner) lit(word string) bool {
	if len(s.b)-s.i >= len(word) && string(s.b[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return true
	}
	return false
}

// scalar reads a string, number, true, false or null; null gives nil text
// and ok.
func (s *jsonScanner) scalar() (v []byte, null, ok bool) {
	s.ws()
	if s.i >= len(s.b) {
		return nil, false, false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		v, ok = s.str()
		return v, false, ok
	case c == 't':
		return trueText, false, s.lit("true")
	case c == 'f':
		return falseText, false, s.lit("false")
	case c == 'n':
		return nil, true, s.lit("null")
	}
	v, ok = s.num()
	return v, false, ok
}

// members calls fn for each member of an object; fn reads the value.
func (s *jsonScanner) members(fn func(key []byte) bool) bool {
	if !s.eat('{') {
		return false
	}
	if s.eat('}') {
		return true
	}
	for {
		k, ok := s.str()
		if !ok || !s.eat(':') || !fn(k) {
			return false
		}
		if s.eat('}') {
			return true
		}
		if !s.eat(',') {
			return false
		}
	}
}

// scanFeature reads raw if it has the common shape; ok false means use the
// general path.
func scanFeature(raw []byte, props []kv) (f fastFeature, ok bool) {
	s := jsonScanner{b: raw}
	f.props, f.z = props[:0], math.NaN()
	var typ, geom, propsSeen bool
	ok = s.members(func(k []byte) bool {
		switch string(k) {
		case "type":
			v, ok := s.str()
			typ = ok && !typ && string(v) == "Feature"
			return typ
		case "id":
			v, null, ok := s.scalar()
			if !null {
				f.id = v
			}
			return ok
		case "geometry":
			geom = !geom && s.point(&f)
			return geom
		case "properties":
			propsSeen = !propsSeen && s.properties(&f)
			return propsSeen
		}
		return false // bbox, crs, foreign members: the general path
	})
	s.ws()
	return f, ok && typ && geom && s.i == len(s.b)
}

// point reads {"type":"Point","coordinates":[x,y(,z)]}.
func (s *jsonScanner) point(f *fastFeature) bool {
	var typ, coords bool
	return s.members(func(k []byte) bool {
		switch string(k) {
		case "type":
			v, ok := s.str()
			typ = ok && !typ && string(v) == "Point"
			return typ
		case "coordinates":
			coords = !coords && s.position(f)
			return coords
		}
		return false
	}) && typ && coords
}

func (s *jsonScanner) position(f *fastFeature) bool {
	if !s.eat('[') {
		return false
	}
	var c [3]float64
	n := 0
	for n < 3 {
		t, ok := s.num()
		if !ok {
			return false
		}
		v, err := strconv.ParseFloat(string(t), 64)
		if err != nil || !finite(v) {
			return false
		}
		c[n] = v
		n++
		if s.eat(']') {
			break
		}
		if !s.eat(',') {
			return false
		}
	}
	if n < 2 || s.b[s.i-1] != ']' {
		return false
	}
	f.point = orb.Point{c[0], c[1]}
	if n == 3 {
		f.z = c[2]
	}
	return true
}

func (s *jsonScanner) properties(f *fastFeature) bool {
	s.ws()
	if s.lit("null") {
		return true
	}
	return s.members(func(k []byte) bool {
		v, null, ok := s.scalar()
		if ok && !null {
			f.props = append(f.props, kv{k, v})
		}
		return ok
	})
}

// keyInfo is a property name with its role, cached per parser.
type keyInfo struct {
	name string
	f    field
}

// maxKeyCache bounds the property names a parser remembers.
const maxKeyCache = 256

// key returns the name and role of property k.
func (fp *featureParser) key(k []byte) keyInfo {
	if ki, ok := fp.keys[string(k)]; ok {
		return ki
	}
	ki := keyInfo{name: string(k), f: fieldOf(string(k))}
	if fp.keys == nil {
		fp.keys = make(map[string]keyInfo)
	}
	if len(fp.keys) < maxKeyCache {
		fp.keys[ki.name] = ki
	}
	return ki
}

// fastRecord builds the record of a feature read by scanFeature; it gives
// the same record and errors as the general path.
func (fp *featureParser) fastRecord(f *fastFeature, row int) (Record, error) {
	if fp.opts.MaxVertices < 1 {
		return Record{}, rowError(row, "geometry.coordinates", "", "geometry has more than %d vertices", fp.opts.MaxVertices)
	}
	ll, err := fp.crs.convert(f.point)
	if err != nil {
		return Record{}, atRow(err, row)
	}
	sink := newSink(fp.opts.Location)
	for _, p := range f.props {
		ki := fp.key(p.k)
		if err := sink.set(ki.f, ki.name, string(p.v)); err != nil {
			e := atRow(err, row)
			e.Field = "properties." + ki.name
			return Record{}, e
		}
	}
	if f.id != nil {
		_ = sink.set(fNone, "id", string(f.id))
	}
	rec := Record{Row: row, Geometry: ll, Source: f.point, SourceCRS: fp.crs.epsg, Datum: fp.crs.datum,
		Attrs: sink.attrs}
	switch {
	case f.z == f.z:
		rec.Z = []float64{f.z}
	case sink.height == sink.height:
		rec.Z = []float64{sink.height}
	}
	return rec, nil
}
