package sample

import (
	"context"
	"fmt"

	"github.com/toponym/toponym/data"
)

// Set is the whole sample, in the order Load writes it.
type Set struct {
	Units        []*data.AdminUnit // parents before children
	Events       []*data.DivisionEvent
	Lines        []*data.BoundaryLine
	LineVersions []*data.LineVersion
	Markers      []*data.Marker
	MarkerStatus []*data.MarkerStatusRecord
	TriJunctions []*data.TriJunction
	Places       []*data.NamedPlace
	Listings     []*data.ProtectionListing
	Signs        []*data.Sign
}

// Dataset builds the sample's records. Every call returns new records with
// the same content and IDs, so callers may change what they get.
func Dataset() *Set {
	s := buildShapes()
	lines, versions := s.lines()
	markers, status := s.markers(lines)
	places := s.places()
	return &Set{
		Units: s.units(), Events: s.events(),
		Lines: lines, LineVersions: versions, Markers: markers, MarkerStatus: status,
		TriJunctions: []*data.TriJunction{triJunction()},
		Places:       places, Listings: listings(), Signs: s.signs(places),
	}
}

// SentinelID is the ID of the record whose presence means the sample is
// loaded: the version of 湖南省.
var SentinelID = VersionID("430000", "current")

// Load writes the sample through s in one transaction. If the sample is
// already there (its 湖南省 record exists) it writes nothing and returns
// nil, so seeding twice is harmless.
func Load(ctx context.Context, s data.Store) error {
	set := Dataset()
	return s.Atomic(ctx, func(tx data.Store) error {
		_, err := tx.GetAdminUnit(ctx, SentinelID)
		switch {
		case err == nil:
			return nil
		case data.KindOf(err) != data.KindNotFound:
			return fmt.Errorf("sample: check for an earlier load: %w", err)
		}
		return set.write(ctx, tx)
	})
}

// write creates every record of the set through tx.
func (set *Set) write(ctx context.Context, tx data.Store) error {
	for _, step := range []func(context.Context, data.Store) error{
		set.writeUnits, set.writeLines, set.writePlaces,
	} {
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

func (set *Set) writeUnits(ctx context.Context, tx data.Store) error {
	for _, u := range set.Units {
		if err := tx.CreateAdminUnit(ctx, u); err != nil {
			return fmt.Errorf("sample: unit %s %s: %w", u.Code, u.Name, err)
		}
	}
	for _, e := range set.Events {
		if err := tx.CreateDivisionEvent(ctx, e); err != nil {
			return fmt.Errorf("sample: event %s %s: %w", e.Type, e.Date.Format(data.DateLayout), err)
		}
	}
	return nil
}

func (set *Set) writeLines(ctx context.Context, tx data.Store) error {
	for _, l := range set.Lines {
		if err := tx.CreateBoundaryLine(ctx, l); err != nil {
			return fmt.Errorf("sample: line %s: %w", l.Code, err)
		}
	}
	for _, v := range set.LineVersions {
		if err := tx.CreateLineVersion(ctx, v); err != nil {
			return fmt.Errorf("sample: line version %s: %w", v.ID, err)
		}
	}
	for _, m := range set.Markers {
		if err := tx.CreateMarker(ctx, m); err != nil {
			return fmt.Errorf("sample: marker %s: %w", m.Number, err)
		}
	}
	for _, r := range set.MarkerStatus {
		if err := tx.AddMarkerStatus(ctx, r); err != nil {
			return fmt.Errorf("sample: marker status %s: %w", r.MarkerID, err)
		}
	}
	for _, t := range set.TriJunctions {
		if err := tx.CreateTriJunction(ctx, t); err != nil {
			return fmt.Errorf("sample: tri-junction: %w", err)
		}
	}
	return nil
}

func (set *Set) writePlaces(ctx context.Context, tx data.Store) error {
	for _, p := range set.Places {
		if err := tx.CreatePlace(ctx, p); err != nil {
			return fmt.Errorf("sample: place %s: %w", p.StandardName().Text, err)
		}
	}
	for _, l := range set.Listings {
		if err := tx.CreateProtectionListing(ctx, l); err != nil {
			return fmt.Errorf("sample: protection listing %s: %w", l.ID, err)
		}
	}
	for _, s := range set.Signs {
		if err := tx.CreateSign(ctx, s); err != nil {
			return fmt.Errorf("sample: sign %s: %w", s.Text, err)
		}
	}
	return nil
}
