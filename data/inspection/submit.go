package inspection

import (
	"context"
	"fmt"

	"github.com/toponym/toponym/data"
)

// Submission is what one party records in a round: marker checks, segment
// checks (a surveyed stretch goes in SegmentCheck.Geometry) and line
// observations (the party's surveyed version of the whole line).
type Submission struct {
	MarkerChecks  []*data.MarkerCheck
	SegmentChecks []*data.SegmentCheck
	LineVersions  []*data.LineVersion
}

// SubmitResult counts what a submission stored.
type SubmitResult struct {
	MarkerChecks  int `json:"marker_checks"`
	SegmentChecks int `json:"segment_checks"`
	LineVersions  int `json:"line_versions"`
}

// Submit stores a party's records in a round, all or nothing. Every record
// is the submitting party's own (a record naming another party is
// refused, KindForbidden); markers and segments must be of the round's
// line and, for marker checks, in the party's sections; a line version is
// the party's own side (side_a for unit A's code, side_b for unit B's,
// resurvey otherwise). A validated round returns to open: its findings no
// longer describe the records. A signed round refuses (KindConflict).
func (s *Service) Submit(ctx context.Context, roundID string, party data.Code, sub Submission) (SubmitResult, error) {
	var res SubmitResult
	if len(sub.MarkerChecks)+len(sub.SegmentChecks)+len(sub.LineVersions) == 0 {
		return res, data.Invalidf("marker_checks", "a submission needs at least one record")
	}
	err := s.atomic(ctx, func(tx data.InspectionStore) error {
		rr, err := mutableRound(ctx, tx, roundID, party)
		if err != nil {
			return err
		}
		line, err := tx.GetBoundaryLine(ctx, rr.Round.LineID)
		if err != nil {
			return err
		}
		sb := submitter{tx: tx, round: rr.Round, line: line, party: party, markers: map[string]*data.Marker{}}
		if err := sb.store(ctx, sub); err != nil {
			return err
		}
		if rr.Round.Status != data.RoundOpen {
			return tx.SetRoundStatus(ctx, roundID, data.RoundOpen)
		}
		return nil
	})
	if err == nil {
		res = SubmitResult{len(sub.MarkerChecks), len(sub.SegmentChecks), len(sub.LineVersions)}
	}
	return res, err
}

// submitter stores one party's records in one round.
type submitter struct {
	tx      data.InspectionStore
	round   *data.InspectionRound
	line    *data.BoundaryLine
	party   data.Code
	markers map[string]*data.Marker
}

func (sb *submitter) store(ctx context.Context, sub Submission) error {
	for i, c := range sub.MarkerChecks {
		if err := sb.markerCheck(ctx, c); err != nil {
			return atRecord("marker_checks", i, err)
		}
	}
	for i, c := range sub.SegmentChecks {
		if err := sb.segmentCheck(ctx, c); err != nil {
			return atRecord("segment_checks", i, err)
		}
	}
	for i, v := range sub.LineVersions {
		if err := sb.lineVersion(ctx, v); err != nil {
			return atRecord("line_versions", i, err)
		}
	}
	return nil
}

// atRecord prefixes a domain error's message with the record it is about.
func atRecord(list string, i int, err error) error {
	if e := data.AsError(err); e != nil {
		c := *e
		c.Message = fmt.Sprintf("%s[%d]: %s", list, i, e.Message)
		return &c
	}
	return err
}

// own sets the record's party to the submitter's, refusing another's.
func (sb *submitter) own(p *data.Code) error {
	if *p != "" && *p != sb.party {
		return &data.Error{Kind: data.KindForbidden, Field: "party", Value: string(*p),
			Message: fmt.Sprintf("%s may submit only its own records, not %s's", sb.party, *p)}
	}
	*p = sb.party
	return nil
}

// marker returns a marker of the round's line.
func (sb *submitter) marker(ctx context.Context, field, id string) (*data.Marker, error) {
	if m, ok := sb.markers[id]; ok {
		return m, nil
	}
	m, err := sb.tx.GetMarker(ctx, id)
	if data.KindOf(err) == data.KindNotFound || err == nil && m.LineID != sb.line.ID {
		return nil, &data.Error{Kind: data.KindInvalid, Field: field, Value: id,
			Message: "marker " + id + " is not a marker of line " + sb.line.Name}
	}
	if err != nil {
		return nil, err
	}
	sb.markers[id] = m
	return m, nil
}

func (sb *submitter) markerCheck(ctx context.Context, c *data.MarkerCheck) error {
	if err := sb.own(&c.Party); err != nil {
		return err
	}
	c.RoundID, c.DisplacementM = sb.round.ID, nil // displacement is derived, never submitted
	m, err := sb.marker(ctx, "marker_id", c.MarkerID)
	if err != nil {
		return err
	}
	if !inSections(sb.round, sb.party, m) {
		return &data.Error{Kind: data.KindForbidden, Field: "marker_id", Value: m.Number,
			Message: fmt.Sprintf("marker %s lies outside the sections assigned to %s", m.Number, sb.party)}
	}
	return sb.tx.AddMarkerCheck(ctx, c)
}

func (sb *submitter) segmentCheck(ctx context.Context, c *data.SegmentCheck) error {
	if err := sb.own(&c.Party); err != nil {
		return err
	}
	c.RoundID = sb.round.ID
	if _, err := sb.marker(ctx, "from_marker", c.FromMarker); err != nil {
		return err
	}
	if _, err := sb.marker(ctx, "to_marker", c.ToMarker); err != nil {
		return err
	}
	return sb.tx.AddSegmentCheck(ctx, c)
}

func (sb *submitter) lineVersion(ctx context.Context, v *data.LineVersion) error {
	if err := sb.own(&v.Party); err != nil {
		return err
	}
	side := data.SourceResurvey
	switch sb.party {
	case sb.line.CodeA:
		side = data.SourceSideA
	case sb.line.CodeB:
		side = data.SourceSideB
	}
	if v.Source != "" && v.Source != side {
		return &data.Error{Kind: data.KindForbidden, Field: "source", Value: string(v.Source),
			Message: fmt.Sprintf("%s submits the %s version, not %s", sb.party, side, v.Source)}
	}
	v.Source, v.LineID, v.RoundID = side, sb.line.ID, sb.round.ID
	return sb.tx.CreateLineVersion(ctx, v)
}
