package gpkg

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

// Column codecs. Writes turn Go values into SQLite values (nil for NULL);
// reads scan through the small sql.Scanner types below.

// timeLayout is GeoPackage DATETIME text: milliseconds, the precision its
// format fixes (PostGIS keeps microseconds). Its fixed width makes text
// order time order.
const timeLayout = "2006-01-02T15:04:05.000Z"

// now returns the store's clock: UTC to the millisecond, the precision of
// DATETIME text.
func now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// dateVal stores the civil date of t (data.Day) as DATE text.
func dateVal(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return data.Day(t).Format(data.DateLayout)
}

// dayVal stores the civil date of t (data.Day) in a date-only field
// declared DATETIME: its UTC midnight, in the form GeoPackage requires of
// DATETIME text (a DATE there fails GDAL's validator). Read it with
// dateCol.
func dayVal(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return data.Day(t).Format(timeLayout)
}

// timeVal stores an instant as DATETIME text, truncated to the
// millisecond.
func timeVal(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// strVal stores "" as NULL, for references and optional unique keys.
func strVal(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func jsonVal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("gpkg: json: %w", err)
	}
	if string(b) == "null" {
		return "[]", nil
	}
	return string(b), nil
}

// geomVal checks (valid.Check: OGC simple features) and encodes g, or NULL for a nil or empty-slice geometry.
func geomVal(field string, g orb.Geometry) (any, error) {
	if g == nil || isEmpty(g) {
		return nil, nil
	}
	if err := valid.Check(field, g); err != nil {
		return nil, err
	}
	b, err := EncodeGeometry(g, SRID)
	if err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: field, Message: "geometry cannot be stored", Err: err}
	}
	return b, nil
}

// timeCol scans DATE or DATETIME text (or NULL) into a time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	*c.t = time.Time{}
	var s string
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*c.t = v.UTC()
		return nil
	default:
		return fmt.Errorf("gpkg: time column holds %T", v)
	}
	t, err := parseTime(s)
	*c.t = t
	return err
}

// parseTime reads DATE or DATETIME text, with any fraction of a second.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{data.DateLayout, time.RFC3339Nano, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("gpkg: %q is not a date or time", s)
}

// dateCol scans a date-only field into its civil date, UTC midnight. Files
// written before dates were stored as DATE text hold DATETIME text there:
// its UTC date is read, as dateVal would have stored it.
type dateCol struct{ t *time.Time }

func (c dateCol) Scan(v any) error {
	if err := (timeCol{c.t}).Scan(v); err != nil {
		return err
	}
	*c.t = civil(*c.t)
	return nil
}

// civil returns the UTC date of t as UTC midnight; zero stays zero.
func civil(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return data.Date(y, m, d)
}

// strCol scans text or NULL into a string.
type strCol struct{ s *string }

func (c strCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.s = ""
	case string:
		*c.s = v
	case []byte:
		*c.s = string(v)
	default:
		*c.s = fmt.Sprint(v)
	}
	return nil
}

// jsonCol scans JSON text into v.
type jsonCol struct{ v any }

func (c jsonCol) Scan(v any) error {
	var b []byte
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("gpkg: JSON column holds %T", v)
	}
	if string(b) == "[]" || string(b) == "null" {
		return nil // an empty list reads as nil, as it was most likely written
	}
	return json.Unmarshal(b, c.v)
}

// geomCol scans a GeoPackage geometry blob (or NULL) into g.
type geomCol struct{ g *orb.Geometry }

func (c geomCol) Scan(v any) error {
	*c.g = nil
	b, ok := v.([]byte)
	if !ok || v == nil {
		return nil
	}
	g, _, err := DecodeGeometry(b)
	*c.g = g
	return err
}

// floatCol scans a REAL or NULL into a *float64 (nil for NULL).
type floatCol struct{ f **float64 }

func (c floatCol) Scan(v any) error {
	var n sql.NullFloat64
	if err := n.Scan(v); err != nil {
		return err
	}
	*c.f = nil
	if n.Valid {
		f := n.Float64
		*c.f = &f
	}
	return nil
}

func floatVal(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func asMultiPolygon(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.MultiPolygon:
		return g
	case orb.Polygon:
		return orb.MultiPolygon{g}
	}
	return nil
}

func asMultiLineString(g orb.Geometry) orb.MultiLineString {
	switch g := g.(type) {
	case orb.MultiLineString:
		return g
	case orb.LineString:
		return orb.MultiLineString{g}
	}
	return nil
}

func asLineString(g orb.Geometry) orb.LineString {
	ls, _ := g.(orb.LineString)
	return ls
}

func asPoint(g orb.Geometry) (orb.Point, bool) {
	p, ok := g.(orb.Point)
	return p, ok && !math.IsNaN(p[0])
}
