package postgis

import (
	"time"

	"github.com/toponym/toponym/data"
)

// The jsonb shapes of small nested values: snake_case keys, civil dates as
// YYYY-MM-DD, timestamps as RFC 3339 in UTC. Each row type has a new…JSON
// function from its domain value and a domain method back; rowsArg and
// scanRows apply them to whole lists.

// rowsArg encodes a domain list as a jsonb array argument ("[]" when empty).
func rowsArg[T, J any](xs []T, toRow func(T) J) (string, error) {
	rows := make([]J, len(xs))
	for i, x := range xs {
		rows[i] = toRow(x)
	}
	return jsonArg(rows)
}

// scanRows decodes a jsonb array result into a domain list, nil when empty.
func scanRows[J, T any](b []byte, fromRow func(J) (T, error)) ([]T, error) {
	var rows []J
	if err := jsonScan(b, &rows); err != nil || len(rows) == 0 {
		return nil, err
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = fromRow(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

type documentJSON struct {
	Title  string `json:"title"`
	Number string `json:"number,omitempty"`
	Date   string `json:"date,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
}

func newDocumentJSON(d data.Document) documentJSON {
	return documentJSON{d.Title, d.Number, civilDate(d.Date), d.SHA256}
}

func (j documentJSON) domain() (data.Document, error) {
	return data.Document{Title: j.Title, Number: j.Number, Date: parseCivil(j.Date), SHA256: j.SHA256}, nil
}

type referenceJSON struct {
	Name       string  `json:"name"`
	AzimuthDeg float64 `json:"azimuth_deg"`
	DistanceM  float64 `json:"distance_m"`
}

func newReferenceJSON(r data.ReferenceObject) referenceJSON { return referenceJSON(r) }

func (j referenceJSON) domain() (data.ReferenceObject, error) { return data.ReferenceObject(j), nil }

type sectionJSON struct {
	Party   string `json:"party"`
	FromSeq int    `json:"from_seq"`
	ToSeq   int    `json:"to_seq"`
}

func newSectionJSON(s data.Section) sectionJSON {
	return sectionJSON{string(s.Party), s.FromSeq, s.ToSeq}
}

func (j sectionJSON) domain() (data.Section, error) {
	return data.Section{Party: data.Code(j.Party), FromSeq: j.FromSeq, ToSeq: j.ToSeq}, nil
}

type attachmentJSON struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

func newAttachmentJSON(a data.Attachment) attachmentJSON { return attachmentJSON(a) }

func (j attachmentJSON) domain() (data.Attachment, error) { return data.Attachment(j), nil }

type acceptanceJSON struct {
	Party  string `json:"party"`
	Reason string `json:"reason"`
	At     string `json:"at,omitempty"`
}

func newAcceptanceJSON(a data.Acceptance) acceptanceJSON {
	return acceptanceJSON{string(a.Party), a.Reason, timestamp(a.At)}
}

func (j acceptanceJSON) domain() (data.Acceptance, error) {
	at, err := parseTimestamp(j.At)
	return data.Acceptance{Party: data.Code(j.Party), Reason: j.Reason, At: at}, err
}

type signStatusJSON struct {
	At     string `json:"at,omitempty"`
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
}

func newSignStatusJSON(h data.SignStatus) signStatusJSON {
	return signStatusJSON{timestamp(h.At), h.Status, h.Note}
}

func (j signStatusJSON) domain() (data.SignStatus, error) {
	at, err := parseTimestamp(j.At)
	return data.SignStatus{At: at, Status: j.Status, Note: j.Note}, err
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
