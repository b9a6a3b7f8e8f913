package inspection

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/toponym/toponym/data"
)

// Service runs the inspection workflow on a store.
type Service struct {
	store data.InspectionStore
	now   func() time.Time
}

// New returns the workflow on store. It fails with KindUnavailable if the
// store does not implement data.InspectionStore. now is the clock (nil:
// time.Now).
func New(store data.Store, now func() time.Time) (*Service, error) {
	is, ok := store.(data.InspectionStore)
	if !ok {
		return nil, data.Errorf(data.KindUnavailable, "this store does not support inspection rounds")
	}
	if now == nil {
		now = time.Now
	}
	return &Service{store: is, now: now}, nil
}

// atomic runs fn in one transaction of the store.
func (s *Service) atomic(ctx context.Context, fn func(tx data.InspectionStore) error) error {
	return s.store.Atomic(ctx, func(tx data.Store) error {
		is, ok := tx.(data.InspectionStore)
		if !ok {
			return fmt.Errorf("inspection: transaction of %T is not an inspection store", tx)
		}
		return fn(is)
	})
}

// Records returns a round and everything recorded in it.
func (s *Service) Records(ctx context.Context, roundID string) (*data.RoundRecords, error) {
	return s.store.RoundRecords(ctx, roundID)
}

// Rounds lists the rounds of a line (every line when lineID is empty).
func (s *Service) Rounds(ctx context.Context, lineID string) ([]*data.InspectionRound, error) {
	return s.store.ListInspectionRounds(ctx, lineID)
}

// ensureMutable refuses any change to a round that is signed, even by one
// party: what was signed must stay what it was.
func ensureMutable(rr *data.RoundRecords) error {
	if rr.Round.Status == data.RoundSigned || len(rr.Signatures) > 0 {
		parties := make([]string, len(rr.Signatures))
		for i, sg := range rr.Signatures {
			parties[i] = string(sg.Party)
		}
		return &data.Error{Kind: data.KindConflict, Field: "round_id", Value: rr.Round.ID,
			Message: fmt.Sprintf("inspection round %s is signed (by %v) and cannot change; open a special round "+
				"for a correction", rr.Round.ID, parties)}
	}
	return nil
}

// ensureParty refuses a caller that is not a party of the round.
func ensureParty(r *data.InspectionRound, party data.Code) error {
	if party == "" {
		return &data.Error{Kind: data.KindForbidden, Field: "party",
			Message: "the party acting is not known; say which party you act for"}
	}
	if !slices.Contains(r.Parties, party) {
		return &data.Error{Kind: data.KindForbidden, Field: "party", Value: string(party),
			Message: fmt.Sprintf("%s is not a party of inspection round %s (parties %v)", party, r.ID, r.Parties)}
	}
	return nil
}

// mutableRound loads a round for a change by party: the round must exist,
// party must be one of its parties, and it must not be signed.
func mutableRound(ctx context.Context, st data.Store, roundID string, party data.Code) (*data.RoundRecords, error) {
	rr, err := st.RoundRecords(ctx, roundID)
	if err != nil {
		return nil, err
	}
	if err := ensureParty(rr.Round, party); err != nil {
		return nil, err
	}
	return rr, ensureMutable(rr)
}
