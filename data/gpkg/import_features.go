package gpkg

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/toponym/toponym/data"
)

const insertFeatures = `INSERT INTO survey_features (upload_id, idx, row_no, layer, geom, source_geom, source_crs,
	datum, z, times, attrs) VALUES`

// importFeatures stores the survey records of next in survey_features.
func (t *Store) importFeatures(ctx context.Context, uploadID string, next func() (*data.SurveyFeature, error)) (
	data.ImportResult, error) {
	g := batchGroup{conn: t.tx.conn, onErr: featureError}
	defer g.close()
	b := g.newBatch("import survey records", insertFeatures, 11)
	var res data.ImportResult
	for {
		f, err := next()
		if err == io.EOF {
			return res, g.flush(ctx)
		}
		if err != nil {
			return data.ImportResult{}, err
		}
		args, err := featureArgs(uploadID, f)
		if err != nil {
			return data.ImportResult{}, err
		}
		if err := g.add(ctx, b, args...); err != nil {
			return data.ImportResult{}, err
		}
		grow(&res, f.Geometry.Bound())
	}
}

// featureError maps a failed insert of survey records: the one uniqueness
// rule of survey_features is a record's index within its upload.
func featureError(b *batch, err error) error {
	if data.KindOf(mapError("", err)) == data.KindConflict {
		return &data.Error{Kind: data.KindConflict, Field: "index",
			Message: "a record with this index is already stored for the upload", Err: fmt.Errorf("gpkg: %s: %w", b.what, err)}
	}
	return mapError(b.what, err)
}

// featureArgs checks a survey record and returns the values of its row.
func featureArgs(uploadID string, f *data.SurveyFeature) ([]any, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	geom, err := geomVal("geometry", f.Geometry)
	if err != nil {
		return nil, err
	}
	if geom == nil {
		return nil, data.Invalidf("geometry", "record %d has an empty geometry", f.Index)
	}
	src, err := EncodeGeometry(f.Source, int32(f.SourceCRS))
	if err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "source", Message: fmt.Sprintf(
			"record %d: the geometry as given cannot be stored", f.Index), Err: err}
	}
	attrs := "{}"
	if len(f.Attrs) > 0 {
		b, err := json.Marshal(f.Attrs)
		if err != nil {
			return nil, fmt.Errorf("gpkg: attrs: %w", err)
		}
		attrs = string(b)
	}
	return []any{uploadID, f.Index, f.Row, f.Layer, geom, src, f.SourceCRS, f.Datum, zVal(f.Z), timesVal(f.Times),
		attrs}, nil
}

// zVal returns heights as a JSON array, NaN (no height) as null; nil for
// none. Infinite heights never get here (SurveyFeature.Validate).
func zVal(zs []float64) any {
	return jsonArray(zs, func(z float64) bool { return math.IsNaN(z) }, func(b []byte, z float64) []byte {
		out, _ := json.Marshal(z) // finite: cannot fail
		return append(b, out...)
	})
}

// timesVal returns times as a JSON array of RFC 3339 UTC instants kept to
// the microsecond, a zero time as null; nil for none.
func timesVal(ts []time.Time) any {
	return jsonArray(ts, time.Time.IsZero, func(b []byte, t time.Time) []byte {
		return append(t.UTC().Truncate(time.Microsecond).AppendFormat(append(b, '"'), time.RFC3339Nano), '"')
	})
}

// jsonArray returns xs as JSON array text, each written by write or, if
// missing, as null; nil (SQL NULL) for a nil slice.
func jsonArray[T any](xs []T, missing func(T) bool, write func([]byte, T) []byte) any {
	if xs == nil {
		return nil
	}
	b := make([]byte, 0, 2+len(xs)*24)
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		if missing(x) {
			b = append(b, "null"...)
			continue
		}
		b = write(b, x)
	}
	return string(append(b, ']'))
}
