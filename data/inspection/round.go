package inspection

import (
	"context"
	"fmt"
	"slices"

	"github.com/toponym/toponym/data"
)

// CreateRound opens a round of inspection of a line. Its parties are the
// line's two sides (CodeA, CodeB), who manage the line jointly and sign its
// report, by default; given, each must be a side or the division above one,
// and each side must have one (sidesOnly). Each section belongs to a party
// and sections of one party do not overlap another's. The status is always
// open.
func (s *Service) CreateRound(ctx context.Context, r *data.InspectionRound) error {
	line, err := s.store.GetBoundaryLine(ctx, r.LineID)
	if data.KindOf(err) == data.KindNotFound {
		return &data.Error{Kind: data.KindInvalid, Field: "line_id", Value: r.LineID,
			Message: "boundary line " + r.LineID + " does not exist"}
	}
	if err != nil {
		return err
	}
	if len(r.Parties) == 0 {
		r.Parties = []data.Code{line.CodeA, line.CodeB}
	}
	r.Status = data.RoundOpen
	if err := checkParties(r); err != nil {
		return err
	}
	if err := sidesOnly(r, line); err != nil {
		return err
	}
	return s.store.CreateInspectionRound(ctx, r)
}

func checkParties(r *data.InspectionRound) error {
	seen := map[data.Code]bool{}
	for _, p := range r.Parties {
		if p == "" || seen[p] {
			return &data.Error{Kind: data.KindInvalid, Field: "parties", Value: string(p),
				Message: "parties must be distinct division codes"}
		}
		seen[p] = true
	}
	if len(seen) < 2 {
		return data.Invalidf("parties", "a joint inspection has at least two parties, not %d", len(seen))
	}
	for i, a := range r.Sections {
		if !seen[a.Party] {
			return &data.Error{Kind: data.KindInvalid, Field: "sections", Value: string(a.Party),
				Message: fmt.Sprintf("section %d–%d is assigned to %s, not a party of the round", a.FromSeq, a.ToSeq, a.Party)}
		}
		for _, b := range r.Sections[i+1:] {
			if a.Party != b.Party && a.FromSeq <= b.ToSeq && b.FromSeq <= a.ToSeq {
				return data.Invalidf("sections", "sections %d–%d (%s) and %d–%d (%s) overlap",
					a.FromSeq, a.ToSeq, a.Party, b.FromSeq, b.ToSeq, b.Party)
			}
		}
	}
	return nil
}

// sidesOnly refuses a round whose parties are not the line's two sides:
// each party is a side or the division above one (the provinces hold the
// rounds of a provincial line recorded between counties), and each side
// has a party.
func sidesOnly(r *data.InspectionRound, line *data.BoundaryLine) error {
	for _, p := range r.Parties {
		if !p.Contains(line.CodeA) && !p.Contains(line.CodeB) {
			return &data.Error{Kind: data.KindInvalid, Field: "parties", Value: string(p), Message: fmt.Sprintf(
				"%s is not a side of line %s, which lies between %s and %s", p, line.Code, line.CodeA, line.CodeB)}
		}
	}
	for _, side := range []data.Code{line.CodeA, line.CodeB} {
		if !slices.ContainsFunc(r.Parties, func(p data.Code) bool { return p.Contains(side) }) {
			return &data.Error{Kind: data.KindInvalid, Field: "parties", Value: string(side), Message: fmt.Sprintf(
				"side %s of line %s has no party in the round", side, line.Code)}
		}
	}
	return nil
}

// inSections reports whether a party may record marker m: when the round
// assigns sections to the party, m's sequence number must lie in one of
// them; markers without a parsed sequence and rounds without sections for
// the party are open to it.
func inSections(r *data.InspectionRound, party data.Code, m *data.Marker) bool {
	own := slices.DeleteFunc(slices.Clone(r.Sections), func(sec data.Section) bool { return sec.Party != party })
	if len(own) == 0 || m.Parsed.Seq == 0 {
		return true
	}
	for _, sec := range own {
		if sec.FromSeq <= m.Parsed.Seq && m.Parsed.Seq <= sec.ToSeq {
			return true
		}
	}
	return false
}
