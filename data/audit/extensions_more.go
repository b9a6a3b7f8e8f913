package audit

import (
	"context"

	"github.com/toponym/toponym/data"
)

func (s *Store) gazetteer() (data.Gazetteer, error) {
	return ext[data.Gazetteer](s.Store, "the gazetteer")
}

func (s *Store) inspections() (data.InspectionStore, error) {
	return ext[data.InspectionStore](s.Store, "inspections")
}

// SetReview moves a place along the review workflow and records the hashes
// of the place before and after.
func (s *Store) SetReview(ctx context.Context, c data.ReviewChange) (*data.NamedPlace, error) {
	var out *data.NamedPlace
	err := update(s, ctx, EntityPlace, &c.PlaceID, data.Store.GetPlace, func(tx data.Store) error {
		return call(tx, "the gazetteer", func(g data.Gazetteer) (err error) { out, err = g.SetReview(ctx, c); return err })
	})
	return out, err
}

// AddSignStatus appends to a sign's history and records the hashes of the
// sign before and after.
func (s *Store) AddSignStatus(ctx context.Context, signID string, st data.SignStatus) (*data.Sign, error) {
	var out *data.Sign
	err := update(s, ctx, EntitySign, &signID, data.Store.GetSign, func(tx data.Store) error {
		return call(tx, "the gazetteer", func(g data.Gazetteer) (err error) { out, err = g.AddSignStatus(ctx, signID, st); return err })
	})
	return out, err
}

// Search reads through.
func (s *Store) Search(ctx context.Context, q data.SearchQuery) (data.Page[data.SearchHit], error) {
	g, err := s.gazetteer()
	if err != nil {
		return data.Page[data.SearchHit]{}, err
	}
	return g.Search(ctx, q)
}

// ReviewHistory reads through.
func (s *Store) ReviewHistory(ctx context.Context, placeID string) ([]data.ReviewChange, error) {
	g, err := s.gazetteer()
	if err != nil {
		return nil, err
	}
	return g.ReviewHistory(ctx, placeID)
}

// ListListings reads through.
func (s *Store) ListListings(ctx context.Context, q data.ListingQuery) (data.Page[*data.ProtectionListing], error) {
	g, err := s.gazetteer()
	if err != nil {
		return data.Page[*data.ProtectionListing]{}, err
	}
	return g.ListListings(ctx, q)
}

// FindSigns reads through.
func (s *Store) FindSigns(ctx context.Context, q data.SignQuery) (data.Page[*data.Sign], error) {
	g, err := s.gazetteer()
	if err != nil {
		return data.Page[*data.Sign]{}, err
	}
	return g.FindSigns(ctx, q)
}

// ListInspectionRounds reads through.
func (s *Store) ListInspectionRounds(ctx context.Context, lineID string) ([]*data.InspectionRound, error) {
	i, err := s.inspections()
	if err != nil {
		return nil, err
	}
	return i.ListInspectionRounds(ctx, lineID)
}

// SetRoundStatus sets a round's status and records the hashes of the round
// before and after.
func (s *Store) SetRoundStatus(ctx context.Context, roundID, status string) error {
	return update(s, ctx, EntityInspectionRound, &roundID, data.Store.GetInspectionRound, func(tx data.Store) error {
		return call(tx, "inspections", func(i data.InspectionStore) error { return i.SetRoundStatus(ctx, roundID, status) })
	})
}

// ReplaceFindings replaces a round's findings; the record hashes the
// findings before and after.
func (s *Store) ReplaceFindings(ctx context.Context, roundID string, fs []*data.Finding) error {
	findings := func(tx data.Store) (any, error) {
		rr, err := tx.RoundRecords(ctx, roundID)
		if err != nil {
			return nil, err
		}
		return rr.Findings, nil
	}
	return s.write(ctx, write{action: data.AuditUpdate, entity: EntityRoundFindings, id: func() string { return roundID },
		before: findings, after: findings, do: func(tx data.Store) error {
			return call(tx, "inspections", func(i data.InspectionStore) error { return i.ReplaceFindings(ctx, roundID, fs) })
		}})
}

// SetAcceptances replaces one finding's acceptances; the record hashes the
// finding's acceptances before and after, as stored.
func (s *Store) SetAcceptances(ctx context.Context, roundID, findingID string, as []data.Acceptance) error {
	accepts := func(tx data.Store) (any, error) { return acceptances(ctx, tx, roundID, findingID) }
	return s.write(ctx, write{action: data.AuditUpdate, entity: EntityFindingAccepts,
		id: func() string { return roundID + "/" + findingID }, before: accepts, after: accepts,
		do: func(tx data.Store) error {
			return call(tx, "inspections", func(i data.InspectionStore) error {
				return i.SetAcceptances(ctx, roundID, findingID, as)
			})
		}})
}

// acceptances returns the stored acceptances of one finding of a round,
// nil when it has none.
func acceptances(ctx context.Context, tx data.Store, roundID, findingID string) ([]data.Acceptance, error) {
	rr, err := tx.RoundRecords(ctx, roundID)
	if err != nil {
		return nil, err
	}
	for _, f := range rr.Findings {
		if f.ID == findingID {
			if len(f.Acceptances) == 0 {
				return nil, nil
			}
			return f.Acceptances, nil
		}
	}
	return nil, data.NotFound("finding", findingID)
}
