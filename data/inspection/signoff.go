package inspection

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/toponym/toponym/data"
)

// Accept records party's acceptance of a finding with a reason, replacing
// the party's earlier acceptance of it. A signed round refuses
// (KindConflict).
func (s *Service) Accept(ctx context.Context, roundID, findingID string, party data.Code, reason string) (*data.Finding, error) {
	var out *data.Finding
	err := s.atomic(ctx, func(tx data.InspectionStore) error {
		rr, err := mutableRound(ctx, tx, roundID, party)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(rr.Findings, func(f *data.Finding) bool { return f.ID == findingID })
		if i < 0 {
			return data.NotFound("finding", findingID)
		}
		f := rr.Findings[i]
		a := data.Acceptance{Party: party, Reason: strings.TrimSpace(reason), At: s.now().UTC()}
		if err := a.Validate(); err != nil {
			return err
		}
		f.Acceptances = append(slices.DeleteFunc(f.Acceptances, func(x data.Acceptance) bool { return x.Party == party }), a)
		out = f
		return tx.SetAcceptances(ctx, roundID, findingID, f.Acceptances)
	})
	return out, err
}

// Unresolved returns the error findings of a round that some party has
// not accepted.
func Unresolved(r *data.InspectionRound, fs []*data.Finding) []*data.Finding {
	var out []*data.Finding
	for _, f := range fs {
		if f.Severity == data.SeverityError && len(missingAcceptances(r, f)) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func missingAcceptances(r *data.InspectionRound, f *data.Finding) []data.Code {
	var out []data.Code
	for _, p := range r.Parties {
		if !slices.ContainsFunc(f.Acceptances, func(a data.Acceptance) bool { return a.Party == p && a.Reason != "" }) {
			out = append(out, p)
		}
	}
	return out
}

// Sign records party's signature of the round's report. The round must be
// validated (KindConflict otherwise) and not yet signed by party
// (KindConflict); every error must be accepted by every party
// (KindConflict, naming the first). The signature's digest is the
// SHA-256 of the report as signed. When the last party signs, the round
// becomes signed and the line's last inspection date is the signing date.
func (s *Service) Sign(ctx context.Context, roundID string, party data.Code, signer string) (*data.Signature, error) {
	var sig *data.Signature
	err := s.atomic(ctx, func(tx data.InspectionStore) error {
		rr, err := tx.RoundRecords(ctx, roundID)
		if err != nil {
			return err
		}
		if err := checkSignable(rr, party); err != nil {
			return err
		}
		rep, err := buildReport(ctx, tx, rr)
		if err != nil {
			return err
		}
		sig = &data.Signature{RoundID: roundID, Party: party, Signer: strings.TrimSpace(signer), SignedAt: s.now().UTC(),
			Digest: rep.Digest}
		if err := tx.AddSignature(ctx, sig); err != nil {
			return err
		}
		if len(rr.Signatures)+1 < len(rr.Round.Parties) {
			return nil
		}
		return s.complete(ctx, tx, rr.Round, sig)
	})
	return sig, err
}

func checkSignable(rr *data.RoundRecords, party data.Code) error {
	if err := ensureParty(rr.Round, party); err != nil {
		return err
	}
	conflict := func(format string, args ...any) error {
		return &data.Error{Kind: data.KindConflict, Field: "round_id", Value: rr.Round.ID, Message: fmt.Sprintf(format, args...)}
	}
	if slices.ContainsFunc(rr.Signatures, func(sg *data.Signature) bool { return sg.Party == party }) {
		return conflict("%s has already signed inspection round %s", party, rr.Round.ID)
	}
	if rr.Round.Status != data.RoundValidated {
		return conflict("inspection round %s is %s; validate it before signing", rr.Round.ID, rr.Round.Status)
	}
	if open := Unresolved(rr.Round, rr.Findings); len(open) > 0 {
		f := open[0]
		return conflict("%d error(s) are not accepted by every party; first: %s %s (%s), not accepted by %v",
			len(open), f.Rule, f.MessageEN, f.ID, missingAcceptances(rr.Round, f))
	}
	return nil
}

// complete marks the round signed and records the inspection on the line.
func (s *Service) complete(ctx context.Context, tx data.InspectionStore, r *data.InspectionRound, last *data.Signature) error {
	if err := tx.SetRoundStatus(ctx, r.ID, data.RoundSigned); err != nil {
		return err
	}
	line, err := tx.GetBoundaryLine(ctx, r.LineID)
	if err != nil {
		return err
	}
	day := data.Date(last.SignedAt.Year(), last.SignedAt.Month(), last.SignedAt.Day())
	if !line.LastInspected.Before(day) {
		return nil
	}
	line.LastInspected = day
	return tx.UpdateBoundaryLine(ctx, line)
}
