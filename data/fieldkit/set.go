package fieldkit

import (
	"cmp"
	"slices"
	"time"

	"github.com/toponym/toponym/data"
)

// Kind names a kind of record in a manifest and a report.
type Kind string

// The kinds of record the field kit carries.
const (
	KindSurveyUpload    Kind = "survey-upload"
	KindAdminUnit       Kind = "admin-unit" // one version of a unit
	KindDivisionEvent   Kind = "division-event"
	KindBoundaryLine    Kind = "boundary-line"
	KindInspectionRound Kind = "inspection-round"
	KindLineVersion     Kind = "line-version"
	KindMarker          Kind = "marker"
	KindMarkerStatus    Kind = "marker-status" // ID: marker ID @ time (see StatusID)
	KindTriJunction     Kind = "tri-junction"
	KindPlace           Kind = "place" // with its names
	KindListing         Kind = "protection-listing"
	KindSign            Kind = "sign"
)

// Set is a collection of records of every kind the field kit carries, each
// slice in the order Records writes it.
type Set struct {
	Uploads      []*data.SurveyUpload
	Units        []*data.AdminUnit // parents before children
	Events       []*data.DivisionEvent
	Lines        []*data.BoundaryLine
	Rounds       []*data.InspectionRound
	LineVersions []*data.LineVersion
	Markers      []*data.Marker
	MarkerStatus []*data.MarkerStatusRecord
	TriJunctions []*data.TriJunction
	Places       []*data.NamedPlace
	Listings     []*data.ProtectionListing
	Signs        []*data.Sign
}

// Record is one record of a Set with its kind and ID; Value is a pointer to
// the data record (*data.AdminUnit, …).
type Record struct {
	Kind  Kind
	ID    string
	Value any
}

// StatusID is the identity of a marker status record, which has no ID of
// its own: the marker's ID and the record's time, which the stores keep
// unique per marker.
func StatusID(r *data.MarkerStatusRecord) string {
	return r.MarkerID + "@" + r.At.UTC().Format(time.RFC3339Nano)
}

// Records returns every record of the set in an order that writes
// referenced records before the records that reference them.
func (s *Set) Records() []Record {
	var out []Record
	out = appendRecords(out, KindSurveyUpload, s.Uploads, func(u *data.SurveyUpload) string { return u.ID })
	out = appendRecords(out, KindAdminUnit, s.Units, func(u *data.AdminUnit) string { return u.ID })
	out = appendRecords(out, KindDivisionEvent, s.Events, func(e *data.DivisionEvent) string { return e.ID })
	out = appendRecords(out, KindBoundaryLine, s.Lines, func(l *data.BoundaryLine) string { return l.ID })
	out = appendRecords(out, KindInspectionRound, s.Rounds, func(r *data.InspectionRound) string { return r.ID })
	out = appendRecords(out, KindLineVersion, s.LineVersions, func(v *data.LineVersion) string { return v.ID })
	out = appendRecords(out, KindMarker, s.Markers, func(m *data.Marker) string { return m.ID })
	out = appendRecords(out, KindMarkerStatus, s.MarkerStatus, StatusID)
	out = appendRecords(out, KindTriJunction, s.TriJunctions, func(t *data.TriJunction) string { return t.ID })
	out = appendRecords(out, KindPlace, s.Places, func(p *data.NamedPlace) string { return p.ID })
	out = appendRecords(out, KindListing, s.Listings, func(l *data.ProtectionListing) string { return l.ID })
	return appendRecords(out, KindSign, s.Signs, func(sg *data.Sign) string { return sg.ID })
}

func appendRecords[T any](out []Record, k Kind, items []*T, id func(*T) string) []Record {
	for _, it := range items {
		out = append(out, Record{Kind: k, ID: id(it), Value: it})
	}
	return out
}

// Count returns the number of records of each kind.
func (s *Set) Count() map[Kind]int {
	n := map[Kind]int{}
	for _, r := range s.Records() {
		n[r.Kind]++
	}
	return n
}

// sort puts every slice in its canonical order: units by level from the
// top, then by start of validity; status records by marker and time;
// everything else by ID.
func (s *Set) sort() {
	rank := func(l data.Level) int { return slices.Index(data.Levels, l) }
	slices.SortFunc(s.Units, func(a, b *data.AdminUnit) int {
		return cmp.Or(cmp.Compare(rank(a.Level), rank(b.Level)), a.Valid.From.Compare(b.Valid.From), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(s.MarkerStatus, func(a, b *data.MarkerStatusRecord) int {
		return cmp.Or(cmp.Compare(a.MarkerID, b.MarkerID), a.At.Compare(b.At))
	})
	byID(s.Uploads, func(u *data.SurveyUpload) string { return u.ID })
	byID(s.Events, func(e *data.DivisionEvent) string { return e.ID })
	byID(s.Lines, func(l *data.BoundaryLine) string { return l.ID })
	byID(s.Rounds, func(r *data.InspectionRound) string { return r.ID })
	byID(s.LineVersions, func(v *data.LineVersion) string { return v.ID })
	byID(s.Markers, func(m *data.Marker) string { return m.ID })
	byID(s.TriJunctions, func(t *data.TriJunction) string { return t.ID })
	byID(s.Places, func(p *data.NamedPlace) string { return p.ID })
	byID(s.Listings, func(l *data.ProtectionListing) string { return l.ID })
	byID(s.Signs, func(sg *data.Sign) string { return sg.ID })
}

func byID[T any](items []*T, id func(*T) string) {
	slices.SortFunc(items, func(a, b *T) int { return cmp.Compare(id(a), id(b)) })
}
