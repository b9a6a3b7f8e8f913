package postgis

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const (
	markerCheckCols = `id::text, round_id::text, marker_id::text, party, ST_AsEWKB(observed), method, accuracy_m, device,
	observed_at, surveyor, coalesce(status, ''), flags, upkeep, displacement_m, photos, reference_objects`
	sqlInsertMarkerCheck = `INSERT INTO marker_check (id, round_id, marker_id, party, observed, method, accuracy_m, device,
	observed_at, surveyor, status, flags, upkeep, displacement_m, photos, reference_objects)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4, ST_GeomFromEWKB($5), $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14,
	$15::jsonb, $16::jsonb)`
	sqlRoundMarkerChecks = `SELECT ` + markerCheckCols + ` FROM marker_check WHERE round_id = $1::uuid ORDER BY id`

	segmentCheckCols = `id::text, round_id::text, party, from_marker::text, to_marker::text, terrain_change, resurveyed,
	construction, note, ST_AsEWKB(geom)`
	sqlInsertSegmentCheck = `INSERT INTO segment_check (id, round_id, party, from_marker, to_marker, terrain_change,
	resurveyed, construction, note, geom)
VALUES ($1::uuid, $2::uuid, $3, $4::uuid, $5::uuid, $6, $7, $8, $9, ST_GeomFromEWKB($10))`
	sqlRoundSegmentChecks = `SELECT ` + segmentCheckCols + ` FROM segment_check WHERE round_id = $1::uuid ORDER BY id`

	findingCols = `id::text, round_id::text, rule, severity, ST_AsEWKB(location), measured, tolerance, message_zh,
	message_en, remediation, acceptances, subject`
	sqlInsertFinding = `INSERT INTO finding (id, round_id, rule, severity, location, measured, tolerance, message_zh,
	message_en, remediation, acceptances, subject)
VALUES ($1::uuid, $2::uuid, $3, $4, ST_GeomFromEWKB($5), $6, $7, $8, $9, $10, $11::jsonb, $12)`
	sqlRoundFindings = `SELECT ` + findingCols + ` FROM finding WHERE round_id = $1::uuid ORDER BY id`
)

// AddMarkerCheck records a party's check of one marker in a round.
func (s *Store) AddMarkerCheck(ctx context.Context, c *data.MarkerCheck) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&c.ID); err != nil {
		return err
	}
	observed, err := geomArg("observed", pointGeom(c.Observed))
	if err != nil {
		return err
	}
	flags, err1 := jsonArg(c.Flags)
	upkeep, err2 := jsonArg(c.Upkeep)
	photos, err3 := rowsArg(c.Photos, newAttachmentJSON)
	refs, err4 := rowsArg(c.References, newReferenceJSON)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		_, err := t.q.Exec(ctx, sqlInsertMarkerCheck, c.ID, c.RoundID, c.MarkerID, string(c.Party), observed,
			c.Method, c.AccuracyM, c.Device, tsArg(c.ObservedAt), c.Surveyor, nullStr(c.Status), flags, upkeep,
			c.DisplacementM, photos, refs)
		return mapError("add marker check", err)
	})
}

func scanMarkerCheck(row pgx.Row, extra ...any) (*data.MarkerCheck, error) {
	var c data.MarkerCheck
	var observed, flags, upkeep, photos, refs []byte
	var observedAt *time.Time
	dest := []any{&c.ID, &c.RoundID, &c.MarkerID, &c.Party, &observed, &c.Method, &c.AccuracyM, &c.Device,
		&observedAt, &c.Surveyor, &c.Status, &flags, &upkeep, &c.DisplacementM, &photos, &refs}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	c.ObservedAt = ptrTime(observedAt)
	var err error
	if c.Flags, err = stringList(flags); err != nil {
		return nil, err
	}
	if c.Upkeep, err = stringList(upkeep); err != nil {
		return nil, err
	}
	if c.Photos, err = scanRows(photos, attachmentJSON.domain); err != nil {
		return nil, err
	}
	if c.References, err = scanRows(refs, referenceJSON.domain); err != nil {
		return nil, err
	}
	if observed != nil {
		p, err := decodeAs[orb.Point](observed, "observed")
		if err != nil {
			return nil, geomScanErr("observed", err)
		}
		c.Observed = &p
	}
	return &c, nil
}

// AddSegmentCheck records a party's check of one segment in a round.
func (s *Store) AddSegmentCheck(ctx context.Context, c *data.SegmentCheck) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&c.ID); err != nil {
		return err
	}
	geom, err := geomArg("geometry", c.Geometry)
	if err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		_, err := t.q.Exec(ctx, sqlInsertSegmentCheck, c.ID, c.RoundID, string(c.Party), c.FromMarker, c.ToMarker,
			c.TerrainChange, c.Resurveyed, c.Construction, c.Note, geom)
		return mapError("add segment check", err)
	})
}

func scanSegmentCheck(row pgx.Row, extra ...any) (*data.SegmentCheck, error) {
	var c data.SegmentCheck
	var geom []byte
	dest := []any{&c.ID, &c.RoundID, &c.Party, &c.FromMarker, &c.ToMarker, &c.TerrainChange, &c.Resurveyed,
		&c.Construction, &c.Note, &geom}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	var err error
	if c.Geometry, err = decodeAs[orb.LineString](geom, "geometry"); err != nil {
		return nil, geomScanErr("geometry", err)
	}
	return &c, nil
}

// AddFinding records the result of one check at one place.
func (s *Store) AddFinding(ctx context.Context, f *data.Finding) error {
	return s.write(ctx, func(t *Store) error { return t.addFinding(ctx, f) })
}

// addFinding is AddFinding without a savepoint of its own, for
// ReplaceFindings, which undoes all its findings if one fails.
func (s *Store) addFinding(ctx context.Context, f *data.Finding) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&f.ID); err != nil {
		return err
	}
	location, err := geomArg("location", f.Location)
	if err != nil {
		return err
	}
	acceptances, err := rowsArg(f.Acceptances, newAcceptanceJSON)
	if err != nil {
		return err
	}
	_, err = s.q.Exec(ctx, sqlInsertFinding, f.ID, f.RoundID, f.Rule, string(f.Severity), location, f.Measured,
		f.Tolerance, f.MessageZH, f.MessageEN, f.Remediation, acceptances, f.Subject)
	return mapError("add finding", err)
}

func scanFinding(row pgx.Row, extra ...any) (*data.Finding, error) {
	var f data.Finding
	var location, acceptances []byte
	dest := []any{&f.ID, &f.RoundID, &f.Rule, &f.Severity, &location, &f.Measured, &f.Tolerance, &f.MessageZH,
		&f.MessageEN, &f.Remediation, &acceptances, &f.Subject}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	var err error
	if f.Acceptances, err = scanRows(acceptances, acceptanceJSON.domain); err != nil {
		return nil, err
	}
	if f.Location, err = decodeEWKB(location); err != nil {
		return nil, geomScanErr("location", err)
	}
	return &f, nil
}
