package postgis

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

// Conversions between Go values and SQL arguments and results. Empty
// strings of optional references and codes are SQL NULL; zero times are
// NULL; lists are jsonb arrays, never NULL.

// nullStr returns nil (SQL NULL) for "", else s.
func nullStr[S ~string](s S) any {
	if s == "" {
		return nil
	}
	return string(s)
}

// dateArg returns t as a civil-date argument, nil for the zero time.
func dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return data.Day(t)
}

// tsArg returns t as a timestamp argument, nil for the zero time.
func tsArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// ptrTime returns *t in UTC, or the zero time for nil.
func ptrTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// period reads the bounds of a daterange selected as lower(valid), upper(valid).
func period(from, to *time.Time) data.Period {
	return data.Period{From: ptrTime(from), To: ptrTime(to)}
}

// jsonArg encodes v as a jsonb argument; a nil list is "[]".
func jsonArg(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("postgis: encode json: %w", err)
	}
	if string(b) == "null" {
		return "[]", nil
	}
	return string(b), nil
}

// jsonScan decodes a jsonb result into v; SQL NULL leaves v alone.
func jsonScan(b []byte, v any) error {
	if b == nil {
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("postgis: decode json: %w", err)
	}
	return nil
}

// stringList returns a jsonb list of strings, nil when empty.
func stringList(b []byte) ([]string, error) {
	var out []string
	if err := jsonScan(b, &out); err != nil || len(out) == 0 {
		return nil, err
	}
	return out, nil
}

func codeStrings(cs []data.Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

func toCodes(ss []string) []data.Code {
	if len(ss) == 0 {
		return nil
	}
	out := make([]data.Code, len(ss))
	for i, s := range ss {
		out[i] = data.Code(s)
	}
	return out
}

func collectStrings(rows pgx.Rows) ([]string, error) {
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// geomArg encodes g for ST_GeomFromEWKB, reporting errors against field.
func geomArg(field string, g orb.Geometry) ([]byte, error) {
	if err := valid.Topology(field, g); err != nil {
		return nil, err
	}
	b, err := encodeEWKB(g)
	if err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: field, Message: "unsupported geometry type", Err: err}
	}
	return b, nil
}

// pointGeom returns *p as a geometry, nil for nil.
func pointGeom(p *orb.Point) orb.Geometry {
	if p == nil {
		return nil
	}
	return *p
}

// geomScanErr wraps a geometry decoding error of a stored row.
func geomScanErr(field string, err error) error {
	if err == nil {
		return nil
	}
	return &data.Error{Kind: data.KindInternal, Field: field, Message: "internal error", Err: err}
}
