package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// RoundRecords returns a round and everything recorded in it, checks and
// findings by ID and signatures by time and party, as PostGIS returns them
// (KindNotFound for an unknown round).
func (s *Store) RoundRecords(ctx context.Context, roundID string) (*data.RoundRecords, error) {
	rr := &data.RoundRecords{}
	err := s.read(ctx, func(r *Store) error {
		var err error
		if rr.Round, err = scanRound(r.queryRow(ctx, "SELECT "+roundCols+" FROM inspection_rounds WHERE id = ?", roundID)); err != nil {
			return notFound(err, "inspection round", roundID)
		}
		if rr.MarkerChecks, err = queryAll(ctx, r, "marker checks", `SELECT id, round_id, marker_id, party, geom, method,
			accuracy_m, device, observed_at, surveyor, status, flags, upkeep, displacement_m, photos, reference_objects FROM marker_checks
			WHERE round_id = ? ORDER BY id`, scanMarkerCheck, roundID); err != nil {
			return err
		}
		if rr.SegmentChecks, err = queryAll(ctx, r, "segment checks", `SELECT id, round_id, party, from_marker,
			to_marker, terrain_change, resurveyed, construction, note, geom FROM segment_checks WHERE round_id = ?
			ORDER BY id`, scanSegmentCheck, roundID); err != nil {
			return err
		}
		if rr.Findings, err = queryAll(ctx, r, "findings", `SELECT id, round_id, rule, severity, geom, measured,
			tolerance, message_zh, message_en, remediation, acceptances, subject FROM findings WHERE round_id = ? ORDER BY id`,
			scanFinding, roundID); err != nil {
			return err
		}
		rr.Signatures, err = queryAll(ctx, r, "signatures", `SELECT round_id, party, signer, signed_at, digest
			FROM signatures WHERE round_id = ? ORDER BY signed_at, party`, func(row scanner) (*data.Signature, error) {
			sg := &data.Signature{}
			return sg, row.Scan(&sg.RoundID, (*string)(&sg.Party), &sg.Signer, timeCol{&sg.SignedAt}, &sg.Digest)
		}, roundID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rr, nil
}

func scanMarkerCheck(r scanner) (*data.MarkerCheck, error) {
	c := &data.MarkerCheck{}
	var g orb.Geometry
	err := r.Scan(&c.ID, &c.RoundID, &c.MarkerID, (*string)(&c.Party), geomCol{&g}, &c.Method, &c.AccuracyM,
		&c.Device, timeCol{&c.ObservedAt}, &c.Surveyor, strCol{(*string)(&c.Status)}, jsonCol{&c.Flags},
		jsonCol{&c.Upkeep}, floatCol{&c.DisplacementM}, jsonCol{&c.Photos}, jsonCol{&c.References})
	if p, ok := asPoint(g); ok {
		c.Observed = &p
	}
	return c, err
}

func scanSegmentCheck(r scanner) (*data.SegmentCheck, error) {
	c := &data.SegmentCheck{}
	var g orb.Geometry
	err := r.Scan(&c.ID, &c.RoundID, (*string)(&c.Party), &c.FromMarker, &c.ToMarker, &c.TerrainChange,
		&c.Resurveyed, &c.Construction, &c.Note, geomCol{&g})
	c.Geometry = asLineString(g)
	return c, err
}

func scanFinding(r scanner) (*data.Finding, error) {
	f := &data.Finding{}
	err := r.Scan(&f.ID, &f.RoundID, &f.Rule, (*string)(&f.Severity), geomCol{&f.Location}, &f.Measured,
		&f.Tolerance, &f.MessageZH, &f.MessageEN, &f.Remediation, jsonCol{&f.Acceptances}, &f.Subject)
	return f, err
}
