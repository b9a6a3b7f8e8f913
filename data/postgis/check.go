package postgis

import (
	"context"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const (
	markerCheckCols = `id::text, round_id::text, marker_id::text, party, ST_AsEWKB(observed), method, accuracy_m, device,
	observed_at, surveyor, coalesce(status, ''), flags, upkeep, displacement_m, photos`
	sqlInsertMarkerCheck = `INSERT INTO marker_check (id, round_id, marker_id, party, observed, method, accuracy_m, device,
	observed_at, surveyor, status, flags, upkeep, displacement_m, photos)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4, ST_GeomFromEWKB($5), $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14,
	$15::jsonb)`
	sqlRoundMarkerChecks = `SELECT ` + markerCheckCols + ` FROM marker_check WHERE round_id = $1::uuid ORDER BY id`

	segmentCheckCols = `id::text, round_id::text, party, from_marker::text, to_marker::text, terrain_change, resurveyed,
	construction, note, ST_AsEWKB(geom)`
	sqlInsertSegmentCheck = `INSERT INTO segment_check (id, round_id, party, from_marker, to_marker, terrain_change,
	resurveyed, construction, note, geom)
VALUES ($1::uuid, $2::uuid, $3, $4::uuid, $5::uuid, $6, $7, $8, $9, ST_GeomFromEWKB($10))`
	sqlRoundSegmentChecks = `SELECT ` + segmentCheckCols + ` FROM segment_check WHERE round_id = $1::uuid ORDER BY id`

	findingCols = `id::text, round_id::text, rule, severity, ST_AsEWKB(location), measured, tolerance, message_zh,
	message_en, remediation, acceptances`
	sqlInsertFinding = `INSERT INTO finding (id, round_id, rule, severity, location, measured, tolerance, message_zh,
	message_en, remediation, acceptances)
VALUES ($1::uuid, $2::uuid, $3, $4, ST_GeomFromEWKB($5), $6, $7, $8, $9, $10, $11::jsonb)`
	sqlRoundFindings = `SELECT ` + findingCols + ` FROM finding WHERE round_id = $1::uuid ORDER BY id`
)

func validateMarkerCheck(c *data.MarkerCheck) error {
	err := firstErr(required("round_id", c.RoundID), required("marker_id", c.MarkerID),
		checkRefs("round_id", c.RoundID, "marker_id", c.MarkerID), required("party", string(c.Party)),
		checkCodeField("party", c.Party), checkMetres("accuracy_m", c.AccuracyM, 1000))
	if err == nil && c.Observed != nil {
		err = checkGeometry("observed", *c.Observed)
	}
	if err == nil && c.Status != "" && !c.Status.Valid() {
		err = data.Invalidf("status", "status %q is not intact, damaged, moved or missing", c.Status)
	}
	if d := c.DisplacementM; err == nil && d != nil && (math.IsNaN(*d) || math.IsInf(*d, 0) || *d < 0) {
		err = data.Invalidf("displacement_m", "displacement must be a finite distance ≥ 0")
	}
	for _, p := range c.Photos {
		err = firstErr(err, checkSHA256("photos", p.SHA256))
	}
	return err
}

// AddMarkerCheck records a party's check of one marker in a round.
func (s *Store) AddMarkerCheck(ctx context.Context, c *data.MarkerCheck) error {
	if err := validateMarkerCheck(c); err != nil {
		return err
	}
	if err := newID(&c.ID); err != nil {
		return err
	}
	observed, err := geomArg("observed", pointGeom(c.Observed))
	if err != nil {
		return err
	}
	flags, err1 := jsonArg(c.Flags)
	upkeep, err2 := jsonArg(c.Upkeep)
	photos, err3 := jsonArg(attachmentsJSON(c.Photos))
	if err := firstErr(err1, err2, err3); err != nil {
		return err
	}
	_, err = s.q.Exec(ctx, sqlInsertMarkerCheck, c.ID, c.RoundID, c.MarkerID, string(c.Party), observed, c.Method,
		c.AccuracyM, c.Device, tsArg(c.ObservedAt), c.Surveyor, nullStr(c.Status), flags, upkeep, c.DisplacementM, photos)
	return mapError("add marker check", err)
}

func scanMarkerCheck(row pgx.Row, extra ...any) (*data.MarkerCheck, error) {
	var c data.MarkerCheck
	var observed, flags, upkeep, photos []byte
	var observedAt *time.Time
	dest := []any{&c.ID, &c.RoundID, &c.MarkerID, &c.Party, &observed, &c.Method, &c.AccuracyM, &c.Device,
		&observedAt, &c.Surveyor, &c.Status, &flags, &upkeep, &c.DisplacementM, &photos}
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
	var as []attachmentJSON
	if err := jsonScan(photos, &as); err != nil {
		return nil, err
	}
	c.Photos = attachmentsFromJSON(as)
	if observed != nil {
		p, err := decodeAs[orb.Point](observed, "observed")
		if err != nil {
			return nil, geomScanErr("observed", err)
		}
		c.Observed = &p
	}
	return &c, nil
}

func validateSegmentCheck(c *data.SegmentCheck) error {
	err := firstErr(required("round_id", c.RoundID), required("from_marker", c.FromMarker),
		required("to_marker", c.ToMarker),
		checkRefs("round_id", c.RoundID, "from_marker", c.FromMarker, "to_marker", c.ToMarker),
		required("party", string(c.Party)), checkCodeField("party", c.Party))
	if err == nil && c.FromMarker == c.ToMarker {
		err = data.Invalidf("to_marker", "a segment joins two different markers")
	}
	if err == nil && len(c.Geometry) > 0 {
		err = checkGeometry("geometry", c.Geometry)
	}
	return err
}

// AddSegmentCheck records a party's check of one segment in a round.
func (s *Store) AddSegmentCheck(ctx context.Context, c *data.SegmentCheck) error {
	if err := validateSegmentCheck(c); err != nil {
		return err
	}
	if err := newID(&c.ID); err != nil {
		return err
	}
	geom, err := geomArg("geometry", c.Geometry)
	if err != nil {
		return err
	}
	_, err = s.q.Exec(ctx, sqlInsertSegmentCheck, c.ID, c.RoundID, string(c.Party), c.FromMarker, c.ToMarker,
		c.TerrainChange, c.Resurveyed, c.Construction, c.Note, geom)
	return mapError("add segment check", err)
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

var rules = func() []string {
	out := make([]string, 20)
	for i := range out {
		out[i] = "C" + ftoa(float64(i+1))
	}
	return out
}()

func validateFinding(f *data.Finding) error {
	err := firstErr(required("round_id", f.RoundID), checkRef("round_id", f.RoundID),
		oneOf("rule", f.Rule, rules...),
		oneOf("severity", f.Severity, data.SeverityInfo, data.SeverityWarning, data.SeverityError),
		checkGeometry("location", f.Location))
	if err == nil && f.MessageZH == "" && f.MessageEN == "" {
		err = data.Invalidf("message_zh", "a finding needs a message")
	}
	for _, a := range f.Acceptances {
		err = firstErr(err, checkCodeField("acceptances", a.Party))
	}
	return err
}

// AddFinding records the result of one check at one place.
func (s *Store) AddFinding(ctx context.Context, f *data.Finding) error {
	if err := validateFinding(f); err != nil {
		return err
	}
	if err := newID(&f.ID); err != nil {
		return err
	}
	location, err := geomArg("location", f.Location)
	if err != nil {
		return err
	}
	acceptances, err := jsonArg(acceptancesJSON(f.Acceptances))
	if err != nil {
		return err
	}
	_, err = s.q.Exec(ctx, sqlInsertFinding, f.ID, f.RoundID, f.Rule, string(f.Severity), location, f.Measured,
		f.Tolerance, f.MessageZH, f.MessageEN, f.Remediation, acceptances)
	return mapError("add finding", err)
}

func scanFinding(row pgx.Row, extra ...any) (*data.Finding, error) {
	var f data.Finding
	var location, acceptances []byte
	dest := []any{&f.ID, &f.RoundID, &f.Rule, &f.Severity, &location, &f.Measured, &f.Tolerance, &f.MessageZH,
		&f.MessageEN, &f.Remediation, &acceptances}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	var as []acceptanceJSON
	if err := jsonScan(acceptances, &as); err != nil {
		return nil, err
	}
	var err error
	if f.Acceptances, err = acceptancesFromJSON(as); err != nil {
		return nil, err
	}
	if f.Location, err = decodeEWKB(location); err != nil {
		return nil, geomScanErr("location", err)
	}
	return &f, nil
}
