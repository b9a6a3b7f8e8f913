package postgis

import (
	"context"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
)

const (
	roundCols      = `id::text, line_id::text, year, type, reason, parties, phase, sections, status, created`
	sqlInsertRound = `INSERT INTO inspection_round (id, line_id, year, type, reason, parties, phase, sections, status, created)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::text[], $7, $8::jsonb, $9, now())
RETURNING created`
	sqlGetRound        = `SELECT ` + roundCols + ` FROM inspection_round WHERE id = $1::uuid`
	sqlRoundParties    = `SELECT parties FROM inspection_round WHERE id = $1::uuid`
	sqlInsertSignature = `INSERT INTO signature (round_id, party, signer, signed_at, digest) VALUES ($1::uuid, $2, $3, $4, $5)`
	sqlRoundSignatures = `SELECT round_id::text, party, signer, signed_at, digest FROM signature
WHERE round_id = $1::uuid ORDER BY signed_at, party`
)

func scanRound(row pgx.Row, extra ...any) (*data.InspectionRound, error) {
	var r data.InspectionRound
	var parties []string
	var sections []byte
	dest := []any{&r.ID, &r.LineID, &r.Year, &r.Type, &r.Reason, &parties, &r.Phase, &sections, &r.Status, &r.Created}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	r.Parties, r.Created = toCodes(parties), r.Created.UTC()
	var err error
	r.Sections, err = scanRows(sections, sectionJSON.domain)
	return &r, err
}

// CreateInspectionRound stores a round of joint inspection. An empty status
// is stored as open. A line has at most one regular round a year.
func (s *Store) CreateInspectionRound(ctx context.Context, r *data.InspectionRound) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&r.ID); err != nil {
		return err
	}
	sections, err := rowsArg(r.Sections, newSectionJSON)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlInsertRound, r.ID, r.LineID, r.Year, string(r.Type), r.Reason,
			codeStrings(r.Parties), r.Phase, sections, r.Status).Scan(&r.Created)
		return mapError("create inspection round", err)
	})
}

// GetInspectionRound returns one round by ID.
func (s *Store) GetInspectionRound(ctx context.Context, id string) (*data.InspectionRound, error) {
	return getOne(ctx, s, "inspection round", scanRound, sqlGetRound, id)
}

// AddSignature records one party's sign-off of a round's report. The party
// must be one of the round's parties and may sign once.
func (s *Store) AddSignature(ctx context.Context, sg *data.Signature) error {
	if err := sg.Validate(); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		var parties []string
		err := t.q.QueryRow(ctx, sqlRoundParties, sg.RoundID).Scan(&parties)
		if errNoRows(err) {
			return &data.Error{Kind: data.KindInvalid, Field: "round_id", Value: sg.RoundID,
				Message: "inspection round " + sg.RoundID + " does not exist"}
		}
		if err != nil {
			return mapError("add signature", err)
		}
		if !slices.Contains(parties, string(sg.Party)) {
			return &data.Error{Kind: data.KindInvalid, Field: "party", Value: string(sg.Party),
				Message: string(sg.Party) + " is not a party to this round (" + strconv.Itoa(len(parties)) + " parties)"}
		}
		_, err = t.q.Exec(ctx, sqlInsertSignature, sg.RoundID, string(sg.Party), sg.Signer, sg.SignedAt, sg.Digest)
		return mapError("add signature", err)
	})
}

func scanSignature(row pgx.Row, extra ...any) (*data.Signature, error) {
	var sg data.Signature
	if err := row.Scan(append([]any{&sg.RoundID, &sg.Party, &sg.Signer, &sg.SignedAt, &sg.Digest}, extra...)...); err != nil {
		return nil, err
	}
	sg.SignedAt = sg.SignedAt.UTC()
	return &sg, nil
}

// RoundRecords returns a round with everything recorded in it.
func (s *Store) RoundRecords(ctx context.Context, roundID string) (*data.RoundRecords, error) {
	round, err := s.GetInspectionRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	rr := &data.RoundRecords{Round: round}
	if rr.MarkerChecks, err = collect(ctx, s, "marker checks", scanMarkerCheck, sqlRoundMarkerChecks, roundID); err != nil {
		return nil, err
	}
	if rr.SegmentChecks, err = collect(ctx, s, "segment checks", scanSegmentCheck, sqlRoundSegmentChecks, roundID); err != nil {
		return nil, err
	}
	if rr.Findings, err = collect(ctx, s, "findings", scanFinding, sqlRoundFindings, roundID); err != nil {
		return nil, err
	}
	if rr.Signatures, err = collect(ctx, s, "signatures", scanSignature, sqlRoundSignatures, roundID); err != nil {
		return nil, err
	}
	return rr, nil
}
