package inspection

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/inspect"
)

// Report is a round's report: the round, its line, the marker table, the
// segment checks, the findings and the signatures. Digest is the SHA-256
// of the report's JSON without Signatures, Digest and Generated, and
// without the round's status and the line's last inspection date, which
// signing itself changes: what each party signs.
type Report struct {
	Round           RoundView             `json:"round"`
	Line            LineView              `json:"line"`
	TechnicalStatus data.TechnicalStatus  `json:"technical_status"`
	Counts          map[data.Severity]int `json:"counts"`
	Unresolved      int                   `json:"unresolved_errors"`
	Tolerances      *inspect.Tolerances   `json:"tolerances,omitempty"`
	Markers         []MarkerRow           `json:"markers"`
	SegmentChecks   []SegmentView         `json:"segment_checks"`
	Findings        []FindingView         `json:"findings"`
	Signatures      []SignatureView       `json:"signatures"`
	Digest          string                `json:"digest"`
	Generated       time.Time             `json:"generated"`

	line    *data.BoundaryLine
	records *data.RoundRecords
	markers []*data.Marker
}

// Count returns the number of findings of severity sev.
func (r *Report) Count(sev string) int { return r.Counts[data.Severity(sev)] }

// Report builds the report of a round.
func (s *Service) Report(ctx context.Context, roundID string) (*Report, error) {
	rr, err := s.store.RoundRecords(ctx, roundID)
	if err != nil {
		return nil, err
	}
	rep, err := buildReport(ctx, s.store, rr)
	if err != nil {
		return nil, err
	}
	rep.Generated = s.now().UTC()
	return rep, nil
}

func buildReport(ctx context.Context, st data.Store, rr *data.RoundRecords) (*Report, error) {
	line, err := st.GetBoundaryLine(ctx, rr.Round.LineID)
	if err != nil {
		return nil, err
	}
	markers, err := listAll(func(off int) (data.Page[*data.Marker], error) {
		return st.ListMarkers(ctx, data.Query{LineID: line.ID, Limit: data.MaxLimit, Offset: off})
	})
	if err != nil {
		return nil, err
	}
	SortFindings(rr.Findings)
	rep := &Report{Round: NewRoundView(rr.Round), Line: NewLineView(line), Counts: countSeverities(rr.Findings),
		Unresolved: len(Unresolved(rr.Round, rr.Findings)), line: line, records: rr, markers: markers}
	if tol, err := Tolerances(line); err == nil {
		rep.Tolerances = &tol
	}
	rep.TechnicalStatus = data.TechUnknown
	if rr.Round.Status != data.RoundOpen {
		rep.TechnicalStatus = inspect.TechnicalStatus(derefFindings(rr.Findings))
	}
	rep.Markers = markerRows(line, markers, rr.MarkerChecks)
	rep.SegmentChecks = segmentViews(markers, rr.SegmentChecks)
	for _, f := range rr.Findings {
		rep.Findings = append(rep.Findings, NewFindingView(f))
	}
	rep.Digest, err = rep.digest()
	if err != nil {
		return nil, err
	}
	for _, sg := range rr.Signatures {
		rep.Signatures = append(rep.Signatures, NewSignatureView(sg))
	}
	return rep, nil
}

func derefFindings(fs []*data.Finding) []data.Finding {
	out := make([]data.Finding, len(fs))
	for i, f := range fs {
		out[i] = *f
	}
	return out
}

// digest is the SHA-256 of the report without its signatures, digest and
// time of generation.
func (r *Report) digest() (string, error) {
	c := *r
	c.Signatures, c.Digest, c.Generated = nil, "", time.Time{}
	c.Round.Status, c.Line.LastInspected = "", "" // signing changes these, not what is signed
	b, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// MarkerRow is one line of the marker table: a marker and one party's
// check of it (Party empty when nobody recorded it).
type MarkerRow struct {
	MarkerID      string           `json:"marker_id"`
	Number        string           `json:"number"`
	Registered    orb.Point        `json:"registered"`
	Party         data.Code        `json:"party,omitempty"`
	Status        string           `json:"status"`
	StatusLabel   string           `json:"status_label"`
	Observed      *orb.Point       `json:"observed,omitempty"`
	Method        string           `json:"method,omitempty"`
	AccuracyM     float64          `json:"accuracy_m,omitempty"`
	DisplacementM *float64         `json:"displacement_m,omitempty"`
	Flags         []string         `json:"flags,omitempty"`
	Upkeep        []string         `json:"upkeep,omitempty"`
	Photos        []AttachmentView `json:"photos,omitempty"`
	Surveyor      string           `json:"surveyor,omitempty"`
}

// notRecorded is the status shown for a marker nobody recorded.
const notRecorded = "not_recorded"

// markerRows lists every marker with each check of it, by number; the
// displacement is measured in the line's Gauss-Krüger plane.
func markerRows(line *data.BoundaryLine, ms []*data.Marker, cs []*data.MarkerCheck) []MarkerRow {
	byMarker := map[string][]*data.MarkerCheck{}
	for _, c := range cs {
		byMarker[c.MarkerID] = append(byMarker[c.MarkerID], c)
	}
	for _, mc := range byMarker { // one row per party, in party order
		slices.SortFunc(mc, func(a, b *data.MarkerCheck) int { return cmp.Compare(a.Party, b.Party) })
	}
	zone, zerr := geo.ZoneForGeometry(line.Geometry, false)
	var rows []MarkerRow
	for _, m := range sortedMarkers(ms) {
		base := MarkerRow{MarkerID: m.ID, Number: m.Number, Registered: m.Position}
		if len(byMarker[m.ID]) == 0 {
			base.Status, base.StatusLabel = notRecorded, "未检查 not recorded"
			rows = append(rows, base)
		}
		for _, c := range byMarker[m.ID] {
			r := base
			r.Party, r.Status, r.StatusLabel = c.Party, string(c.Status), c.Status.Label()
			r.Observed, r.Method, r.AccuracyM, r.Flags, r.Upkeep, r.Surveyor = c.Observed, c.Method, c.AccuracyM, c.Flags, c.Upkeep, c.Surveyor
			for _, p := range c.Photos {
				r.Photos = append(r.Photos, AttachmentView(p))
			}
			if c.Observed != nil && zerr == nil && m.Datum != "" && m.Datum != "CGCS2000" {
				r.DisplacementM = nil // legacy datum: C8 refuses it
			} else if c.Observed != nil && zerr == nil {
				d := geo.PlanarDistance(zone.Forward(m.Position), zone.Forward(*c.Observed))
				r.DisplacementM = &d
			}
			rows = append(rows, r)
		}
	}
	return rows
}
