package postgis

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	orbewkb "github.com/paulmach/orb/encoding/ewkb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/geo/valid"
)

// Rows of COPY text format: tab-separated columns, \N for NULL, and
// backslash, tab, newline and carriage return escaped in values.
// Geometries are hex EWKB, which the geometry type's text input reads.

// grow adds a stored record's bound to res.
func grow(res *data.ImportResult, b orb.Bound) {
	if res.Stored == 0 {
		res.Bound = b
	} else {
		res.Bound = res.Bound.Union(b)
	}
	res.Stored++
}

// placeWriter writes named_place and place_name rows.
type placeWriter struct {
	source  string    // the upload's Sources entry
	updated time.Time // what the rows' updated gets: the transaction's now()
	nbuf    []byte
	srcs    []byte // sources JSON of places without their own
	// pyKeys are the distinct pinyin keys of the names written since the
	// last flush to a spill (copyPlaces); pinyin_key gets them after.
	pyKeys map[string]struct{}
	kbuf   []byte
}

// place appends the named_place row of p to buf. It assigns p's ID and
// sets p.Updated.
func (w *placeWriter) place(buf []byte, p *data.NamedPlace) ([]byte, error) {
	if p.ID == "" {
		p.ID = data.NewID()
	}
	if p.Review == "" {
		p.Review = data.ReviewDraft
	}
	if err := p.Validate(); err != nil { // with data.CheckGeometry
		return buf, err
	}
	if err := valid.Topology("geometry", p.Geometry); err != nil { // the rest of valid.Check
		return buf, err
	}
	if !data.ValidID(p.ID) {
		return buf, data.Invalidf("id", "id %q is not a UUID", p.ID)
	}
	if err := checkStandardNames(p); err != nil {
		return buf, err
	}
	buf = append(buf, p.ID...)
	buf = tab(buf, string(p.Kind))
	buf = tabText(buf, p.CensusCode)
	buf = tabText(buf, p.Category)
	buf = tabText(buf, p.CensusClass)
	buf = strconv.AppendInt(append(buf, '\t'), int64(p.LegalClass), 10)
	var err error
	if buf, err = tabGeom(buf, p.Geometry, SRID); err != nil {
		return buf, err
	}
	buf = tabText(buf, p.LocationMethod)
	buf = strconv.AppendFloat(append(buf, '\t'), p.PrecisionM, 'g', -1, 64)
	buf = append(buf, "\t{"...)
	for i, c := range p.AdminCodes {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, c...)
	}
	buf = append(buf, '}')
	buf = tabText(buf, p.Meaning)
	buf = tabText(buf, p.History)
	buf = tabText(buf, p.Description)
	buf = strconv.AppendInt(append(buf, '\t'), int64(p.MinZoom), 10)
	buf = strconv.AppendInt(append(buf, '\t'), int64(p.MaxZoom), 10)
	buf = tab(buf, string(p.Review))
	buf = tabText(buf, p.ReviewedBy)
	buf = tabTime(buf, p.ReviewedAt)
	buf = tabRange(buf, p.Valid)
	if buf, err = w.sources(buf, p); err != nil {
		return buf, err
	}
	buf = tabText(buf, p.RegisteredBy)
	p.Updated = w.updated
	return append(buf, '\n'), nil
}

// sources appends p's sources with the upload's entry added.
func (w *placeWriter) sources(buf []byte, p *data.NamedPlace) ([]byte, error) {
	if len(p.Sources) == 0 {
		if w.srcs == nil {
			w.srcs, _ = json.Marshal([]string{w.source})
		}
		return tabText(buf, string(w.srcs)), nil
	}
	b, err := json.Marshal(append(p.Sources[:len(p.Sources):len(p.Sources)], w.source))
	if err != nil {
		return buf, fmt.Errorf("postgis: sources: %w", err)
	}
	return tabText(buf, string(b)), nil
}

// names appends the place_name rows of p to buf. It assigns name IDs.
func (w *placeWriter) names(buf []byte, p *data.NamedPlace) []byte {
	for i := range p.Names {
		n := &p.Names[i]
		if n.ID == "" {
			n.ID = data.NewID()
		}
		buf = append(buf, n.ID...)
		buf = tab(buf, p.ID)
		buf = strconv.AppendInt(append(buf, '\t'), int64(i), 10)
		buf = tab(buf, string(n.Status))
		buf = tabText(buf, n.Lang)
		buf = tabText(buf, n.Text)
		buf = tabText(buf, n.Pinyin)
		buf = tab(buf, strconv.FormatBool(n.PinyinReviewed))
		buf = tabText(buf, n.Pronunciation)
		buf = tabRange(buf, n.Valid)
		cit, _ := json.Marshal(orEmptyList(n.Citations))
		buf = tabText(buf, string(cit))
		buf = tabApproval(buf, n.Approval)
		buf = append(buf, "\ttrue\n"...) // overlap_checked: see checkStandardNames
	}
	w.nbuf = buf
	return buf
}

// tabApproval appends a name's approval as the JSON document the store keeps
// (jsondoc.go), or NULL for none.
func tabApproval(buf []byte, a *data.Approval) []byte {
	if a == nil {
		return append(buf, "\t\\N"...)
	}
	b, _ := json.Marshal(approvalJSON{a.Authority, a.Document, civilDate(a.Date)})
	return tabText(buf, string(b))
}

// tabKeys appends a tab and a text[] literal of search keys, each quoted
// (a key is [a-z0-9]*, but an unquoted NULL would be a null element).
func tabKeys(buf []byte, keys []string) []byte {
	buf = append(buf, "\t{"...)
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(append(append(buf, '"'), k...), '"')
	}
	return append(buf, '}')
}

// keys appends the place_name_key rows (search keys, data/gazetteer) of
// p's names to buf; names must have been written first.
func (w *placeWriter) keys(buf []byte, p *data.NamedPlace) []byte {
	for i, n := range p.Names {
		k := gazetteer.NameKeys(n)
		buf = append(buf, n.ID...)
		buf = tab(buf, p.ID)
		buf = strconv.AppendInt(append(buf, '\t'), int64(i), 10)
		buf = tab(buf, string(n.Status))
		buf = tabText(buf, n.Text)
		buf = tabRange(buf, n.Valid)
		buf = tabText(buf, k.Pinyin)
		buf = tabText(buf, k.Initials)
		buf = tabText(buf, k.Hanzi)
		buf = append(buf, '\n')
		if k.Pinyin != "" {
			if w.pyKeys == nil {
				w.pyKeys = map[string]struct{}{}
			}
			w.pyKeys[k.Pinyin] = struct{}{}
		}
	}
	w.nbuf = buf
	return buf
}

func orEmptyList(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// featureWriter writes survey_feature rows.
type featureWriter struct{ uploadID string }

// feature appends the survey_feature row of f to buf.
func (w *featureWriter) feature(buf []byte, f *data.SurveyFeature) ([]byte, error) {
	if err := f.Validate(); err != nil { // with data.CheckGeometry
		return buf, err
	}
	if err := valid.Topology("geometry", f.Geometry); err != nil { // the rest of valid.Check
		return buf, err
	}
	buf = append(buf, w.uploadID...)
	buf = strconv.AppendInt(append(buf, '\t'), int64(f.Index), 10)
	buf = strconv.AppendInt(append(buf, '\t'), int64(f.Row), 10)
	buf = tabText(buf, f.Layer)
	var err error
	if buf, err = tabGeom(buf, f.Geometry, SRID); err != nil {
		return buf, err
	}
	if buf, err = tabGeom(buf, f.Source, f.SourceCRS); err != nil {
		return buf, err
	}
	buf = strconv.AppendInt(append(buf, '\t'), int64(f.SourceCRS), 10)
	buf = tab(buf, f.Datum)
	buf = tabFloats(buf, f.Z)
	buf = tabTimes(buf, f.Times)
	attrs, err := json.Marshal(orEmptyMap(f.Attrs))
	if err != nil {
		return buf, fmt.Errorf("postgis: attrs: %w", err)
	}
	buf = tabText(buf, string(attrs))
	return append(buf, '\n'), nil
}

func orEmptyMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// tab appends a tab and v, which needs no escaping.
func tab(buf []byte, v string) []byte { return append(append(buf, '\t'), v...) }

// tabText appends a tab and v escaped for COPY text format.
func tabText(buf []byte, v string) []byte {
	buf = append(buf, '\t')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\':
			buf = append(buf, '\\', '\\')
		case '\t':
			buf = append(buf, '\\', 't')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		default:
			buf = append(buf, c)
		}
	}
	return buf
}

// tabRange appends a daterange [from, to) of civil dates (data.Day); zero
// ends are unbounded.
func tabRange(buf []byte, p data.Period) []byte {
	buf = append(buf, "\t["...)
	if !p.From.IsZero() {
		buf = data.Day(p.From).AppendFormat(buf, data.DateLayout)
	}
	buf = append(buf, ',')
	if !p.To.IsZero() {
		buf = data.Day(p.To).AppendFormat(buf, data.DateLayout)
	}
	return append(buf, ')')
}

// tabFloats appends a float8[] literal, or NULL for none.
func tabFloats(buf []byte, vs []float64) []byte {
	if vs == nil {
		return append(buf, "\t\\N"...)
	}
	buf = append(buf, "\t{"...)
	for i, v := range vs {
		if i > 0 {
			buf = append(buf, ',')
		}
		if math.IsNaN(v) {
			buf = append(buf, "NaN"...)
			continue
		}
		buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
	}
	return append(buf, '}')
}

// timestampLayout writes a timestamptz to the microsecond, the server's
// precision. Times are truncated to it first, as pgx's binary encoding
// does: the server would round the nanoseconds of text input instead.
const timestampLayout = "2006-01-02T15:04:05.999999Z07:00"

// tabTime appends a timestamptz, or NULL for the zero time.
func tabTime(buf []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(buf, "\t\\N"...)
	}
	return t.UTC().Truncate(time.Microsecond).AppendFormat(append(buf, '\t'), timestampLayout)
}

// tabTimes appends a timestamptz[] literal, or NULL for none; zero times
// are NULL elements.
func tabTimes(buf []byte, ts []time.Time) []byte {
	if ts == nil {
		return append(buf, "\t\\N"...)
	}
	buf = append(buf, "\t{"...)
	for i, t := range ts {
		if i > 0 {
			buf = append(buf, ',')
		}
		if t.IsZero() {
			buf = append(buf, "NULL"...)
			continue
		}
		buf = append(buf, '"')
		buf = t.UTC().Truncate(time.Microsecond).AppendFormat(buf, timestampLayout)
		buf = append(buf, '"')
	}
	return append(buf, '}')
}

// tabGeom appends a tab and g as hex EWKB with srid. Points, by far the
// most common, are written directly; other types through orb's encoder.
func tabGeom(buf []byte, g orb.Geometry, srid int) ([]byte, error) {
	buf = append(buf, '\t')
	if p, ok := g.(orb.Point); ok {
		var b [25]byte
		b[0] = 1 // little-endian
		binary.LittleEndian.PutUint32(b[1:], 1|0x20000000)
		binary.LittleEndian.PutUint32(b[5:], uint32(srid))
		binary.LittleEndian.PutUint64(b[9:], math.Float64bits(p[0]))
		binary.LittleEndian.PutUint64(b[17:], math.Float64bits(p[1]))
		return hex.AppendEncode(buf, b[:]), nil
	}
	b, err := orbewkb.Marshal(g, srid, binary.LittleEndian)
	if err != nil {
		return buf, data.Invalidf("geometry", "geometry cannot be written: %v", err)
	}
	return hex.AppendEncode(buf, b), nil
}
