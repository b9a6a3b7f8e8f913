package postgis

import (
	"time"

	"github.com/toponym/toponym/data"
)

// The jsonb shapes of small nested values: snake_case keys, civil dates as
// YYYY-MM-DD, timestamps as RFC 3339 in UTC. Each pair of functions converts
// a domain list to its jsonb rows and back (nil when empty).

type documentJSON struct {
	Title  string `json:"title"`
	Number string `json:"number,omitempty"`
	Date   string `json:"date,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
}

func documentsJSON(ds []data.Document) []documentJSON {
	out := make([]documentJSON, len(ds))
	for i, d := range ds {
		out[i] = documentJSON{d.Title, d.Number, civilDate(d.Date), d.SHA256}
	}
	return out
}

func documentsFromJSON(js []documentJSON) []data.Document {
	if len(js) == 0 {
		return nil
	}
	out := make([]data.Document, len(js))
	for i, j := range js {
		out[i] = data.Document{Title: j.Title, Number: j.Number, Date: parseCivil(j.Date), SHA256: j.SHA256}
	}
	return out
}

type referenceJSON struct {
	Name       string  `json:"name"`
	AzimuthDeg float64 `json:"azimuth_deg"`
	DistanceM  float64 `json:"distance_m"`
}

func referencesJSON(rs []data.ReferenceObject) []referenceJSON {
	out := make([]referenceJSON, len(rs))
	for i, r := range rs {
		out[i] = referenceJSON(r)
	}
	return out
}

func referencesFromJSON(js []referenceJSON) []data.ReferenceObject {
	if len(js) == 0 {
		return nil
	}
	out := make([]data.ReferenceObject, len(js))
	for i, j := range js {
		out[i] = data.ReferenceObject(j)
	}
	return out
}

type sectionJSON struct {
	Party   string `json:"party"`
	FromSeq int    `json:"from_seq"`
	ToSeq   int    `json:"to_seq"`
}

func sectionsJSON(ss []data.Section) []sectionJSON {
	out := make([]sectionJSON, len(ss))
	for i, s := range ss {
		out[i] = sectionJSON{string(s.Party), s.FromSeq, s.ToSeq}
	}
	return out
}

func sectionsFromJSON(js []sectionJSON) []data.Section {
	if len(js) == 0 {
		return nil
	}
	out := make([]data.Section, len(js))
	for i, j := range js {
		out[i] = data.Section{Party: data.Code(j.Party), FromSeq: j.FromSeq, ToSeq: j.ToSeq}
	}
	return out
}

type attachmentJSON struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

func attachmentsJSON(as []data.Attachment) []attachmentJSON {
	out := make([]attachmentJSON, len(as))
	for i, a := range as {
		out[i] = attachmentJSON(a)
	}
	return out
}

func attachmentsFromJSON(js []attachmentJSON) []data.Attachment {
	if len(js) == 0 {
		return nil
	}
	out := make([]data.Attachment, len(js))
	for i, j := range js {
		out[i] = data.Attachment(j)
	}
	return out
}

type acceptanceJSON struct {
	Party  string `json:"party"`
	Reason string `json:"reason"`
	At     string `json:"at,omitempty"`
}

func acceptancesJSON(as []data.Acceptance) []acceptanceJSON {
	out := make([]acceptanceJSON, len(as))
	for i, a := range as {
		out[i] = acceptanceJSON{string(a.Party), a.Reason, timestamp(a.At)}
	}
	return out
}

func acceptancesFromJSON(js []acceptanceJSON) ([]data.Acceptance, error) {
	if len(js) == 0 {
		return nil, nil
	}
	out := make([]data.Acceptance, len(js))
	for i, j := range js {
		at, err := parseTimestamp(j.At)
		if err != nil {
			return nil, err
		}
		out[i] = data.Acceptance{Party: data.Code(j.Party), Reason: j.Reason, At: at}
	}
	return out, nil
}

type signStatusJSON struct {
	At     string `json:"at,omitempty"`
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
}

func signHistoryJSON(hs []data.SignStatus) []signStatusJSON {
	out := make([]signStatusJSON, len(hs))
	for i, h := range hs {
		out[i] = signStatusJSON{timestamp(h.At), h.Status, h.Note}
	}
	return out
}

func signHistoryFromJSON(js []signStatusJSON) ([]data.SignStatus, error) {
	if len(js) == 0 {
		return nil, nil
	}
	out := make([]data.SignStatus, len(js))
	for i, j := range js {
		at, err := parseTimestamp(j.At)
		if err != nil {
			return nil, err
		}
		out[i] = data.SignStatus{At: at, Status: j.Status, Note: j.Note}
	}
	return out, nil
}

type approvalJSON struct {
	Authority string `json:"authority,omitempty"`
	Document  string `json:"document,omitempty"`
	Date      string `json:"date,omitempty"`
}

// approvalArg returns a jsonb argument for an optional approval: nil (SQL
// NULL) for none.
func approvalArg(a *data.Approval) (any, error) {
	if a == nil {
		return nil, nil
	}
	return jsonArg(approvalJSON{a.Authority, a.Document, civilDate(a.Date)})
}

func approvalFromJSON(b []byte) (*data.Approval, error) {
	if b == nil {
		return nil, nil
	}
	var j approvalJSON
	if err := jsonScan(b, &j); err != nil {
		return nil, err
	}
	return &data.Approval{Authority: j.Authority, Document: j.Document, Date: parseCivil(j.Date)}, nil
}

func civilDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(data.DateLayout)
}

func parseCivil(s string) time.Time {
	t, err := data.ParseDate(s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTimestamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t.UTC(), err
}
