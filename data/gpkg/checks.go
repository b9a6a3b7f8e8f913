package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// AddMarkerCheck records a party's check of a marker in a round; a party
// records a marker once a round, and an ID once (KindConflict).
func (s *Store) AddMarkerCheck(ctx context.Context, c *data.MarkerCheck) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&c.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if err := firstErr(t.roundChild(ctx, c.RoundID),
			t.mustExist(ctx, "marker_id", "marker", "markers", "id", c.MarkerID)); err != nil {
			return err
		}
		var observed orb.Geometry
		if c.Observed != nil {
			observed = *c.Observed
		}
		geom, err := geomVal("observed", observed)
		flags, err1 := jsonVal(c.Flags)
		upkeep, err2 := jsonVal(c.Upkeep)
		photos, err3 := jsonVal(c.Photos)
		refs, err4 := jsonVal(c.References)
		if err := firstErr(err, err1, err2, err3, err4); err != nil {
			return err
		}
		if ok, err := t.exists(ctx, "marker_checks", c.ID); err != nil || ok {
			return firstErr(err, conflictf("id", c.ID, "a marker check with this ID already exists"))
		}
		return t.insertChild(ctx, "marker_id", "this party already recorded this marker in this round",
			`INSERT INTO marker_checks (id, round_id, marker_id, party, geom, method, accuracy_m, device, observed_at,
			surveyor, status, flags, upkeep, displacement_m, photos, reference_objects)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.RoundID, c.MarkerID, string(c.Party), geom, c.Method, c.AccuracyM, c.Device, timeVal(c.ObservedAt),
			c.Surveyor, strVal(string(c.Status)), flags, upkeep, floatVal(c.DisplacementM), photos, refs)
	})
}

// AddSegmentCheck records a party's check of a segment in a round.
func (s *Store) AddSegmentCheck(ctx context.Context, c *data.SegmentCheck) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&c.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if err := firstErr(t.roundChild(ctx, c.RoundID),
			t.mustExist(ctx, "from_marker", "marker", "markers", "id", c.FromMarker),
			t.mustExist(ctx, "to_marker", "marker", "markers", "id", c.ToMarker)); err != nil {
			return err
		}
		geom, err := geomVal("geometry", c.Geometry)
		if err != nil {
			return err
		}
		if ok, err := t.exists(ctx, "segment_checks", c.ID); err != nil || ok {
			return firstErr(err, conflictf("id", c.ID, "a segment check with this ID already exists"))
		}
		return t.insertChild(ctx, "from_marker", "this party already recorded this segment in this round",
			`INSERT INTO segment_checks (id, round_id, party, from_marker, to_marker, terrain_change, resurveyed,
			construction, note, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.RoundID, string(c.Party),
			c.FromMarker, c.ToMarker, c.TerrainChange, c.Resurveyed, c.Construction, c.Note, geom)
	})
}

// AddFinding records the result of one check in a round.
func (s *Store) AddFinding(ctx context.Context, f *data.Finding) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&f.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if err := t.roundChild(ctx, f.RoundID); err != nil {
			return err
		}
		geom, err := geomVal("location", f.Location)
		acc, err1 := jsonVal(f.Acceptances)
		if err := firstErr(err, err1); err != nil {
			return err
		}
		return t.insertChild(ctx, "id", "a finding with this ID already exists",
			`INSERT INTO findings (id, round_id, rule, severity, geom, measured, tolerance, message_zh, message_en,
			remediation, acceptances, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.ID, f.RoundID, f.Rule,
			string(f.Severity), geom, f.Measured, f.Tolerance, f.MessageZH, f.MessageEN, f.Remediation, acc, f.Subject)
	})
}

// AddSignature records a party's sign-off; one per party (KindConflict).
func (s *Store) AddSignature(ctx context.Context, sg *data.Signature) error {
	if err := sg.Validate(); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if err := t.roundChild(ctx, sg.RoundID); err != nil {
			return err
		}
		if err := t.checkRoundParty(ctx, sg.RoundID, sg.Party); err != nil {
			return err
		}
		return t.insertChild(ctx, "party", "this party has already signed this round",
			`INSERT INTO signatures (round_id, party, signer, signed_at, digest) VALUES (?, ?, ?, ?, ?)`,
			sg.RoundID, string(sg.Party), sg.Signer, timeVal(sg.SignedAt), sg.Digest)
	})
}

// checkRoundParty refuses a party that is not one of the round's parties.
func (t *Store) checkRoundParty(ctx context.Context, roundID string, party data.Code) error {
	var n int
	err := t.queryRow(ctx, `SELECT count(*) FROM inspection_rounds, json_each(inspection_rounds.parties)
		WHERE inspection_rounds.id = ? AND json_each.value = ?`, roundID, string(party)).Scan(&n)
	if err != nil {
		return mapError("check round party", err)
	}
	if n == 0 {
		return &data.Error{Kind: data.KindInvalid, Field: "party", Value: string(party),
			Message: "party " + string(party) + " is not a party of this inspection round"}
	}
	return nil
}
