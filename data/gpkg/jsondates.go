package gpkg

import (
	"encoding/json"
	"time"

	"github.com/toponym/toponym/data"
)

// The JSON documents that hold civil dates: a line's agreements and a
// name's approval. Their keys are the Go field names, as files before kept
// them; their dates are YYYY-MM-DD, as PostGIS keeps them.

// jsonDate is a civil date in a JSON document: "YYYY-MM-DD", null for none.
// It reads the RFC 3339 instants files written before held, as their UTC
// date.
type jsonDate time.Time

// MarshalJSON writes the civil date of d (data.Day), as dateVal does.
func (d jsonDate) MarshalJSON() ([]byte, error) {
	t := time.Time(d)
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(data.Day(t).Format(data.DateLayout))
}

// UnmarshalJSON reads a date or an instant; null and "" are none.
func (d *jsonDate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*d = jsonDate{}
	if s == "" {
		return nil
	}
	t, err := parseTime(s)
	*d = jsonDate(civil(t))
	return err
}

type documentJSON struct {
	Title  string
	Number string
	Date   jsonDate
	SHA256 string
}

// documentsVal returns documents as a JSON array ("[]" for none).
func documentsVal(ds []data.Document) (string, error) {
	rows := make([]documentJSON, len(ds))
	for i, d := range ds {
		rows[i] = documentJSON{d.Title, d.Number, jsonDate(d.Date), d.SHA256}
	}
	return jsonVal(rows)
}

// documentsCol scans a JSON array of documents; an empty one reads as nil.
type documentsCol struct{ ds *[]data.Document }

func (c documentsCol) Scan(v any) error {
	var rows []documentJSON
	if err := (jsonCol{&rows}).Scan(v); err != nil {
		return err
	}
	*c.ds = nil
	for _, r := range rows {
		*c.ds = append(*c.ds, data.Document{Title: r.Title, Number: r.Number, Date: time.Time(r.Date), SHA256: r.SHA256})
	}
	return nil
}

type approvalJSON struct {
	Authority string
	Document  string
	Date      jsonDate
}

// approvalVal returns an approval as a JSON object, NULL for none.
func approvalVal(a *data.Approval) (any, error) {
	if a == nil {
		return nil, nil
	}
	return jsonVal(approvalJSON{a.Authority, a.Document, jsonDate(a.Date)})
}

// approvalCol scans a JSON approval or NULL (nil).
type approvalCol struct{ a **data.Approval }

func (c approvalCol) Scan(v any) error {
	*c.a = nil
	var j *approvalJSON
	if err := (jsonCol{&j}).Scan(v); err != nil || j == nil {
		return err
	}
	*c.a = &data.Approval{Authority: j.Authority, Document: j.Document, Date: time.Time(j.Date)}
	return nil
}
