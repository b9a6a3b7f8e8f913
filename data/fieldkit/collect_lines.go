package fieldkit

import (
	"context"
	"fmt"

	"github.com/toponym/toponym/data"
)

func (c *collector) lineID(ctx context.Context, id string) error {
	if c.has(KindBoundaryLine, id) {
		return nil
	}
	l, err := c.s.GetBoundaryLine(ctx, id)
	if err != nil {
		return fmt.Errorf("fieldkit: boundary line %s: %w", id, err)
	}
	return c.line(ctx, l)
}

// line adds a boundary line, its two units and its versions.
func (c *collector) line(ctx context.Context, l *data.BoundaryLine) error {
	if !c.first(KindBoundaryLine, l.ID) {
		return nil
	}
	c.set.Lines = append(c.set.Lines, l)
	for _, u := range []string{l.UnitA, l.UnitB} {
		if err := c.unit(ctx, u); err != nil {
			return err
		}
	}
	versions, err := c.s.LineVersions(ctx, l.ID)
	if err != nil {
		return fmt.Errorf("fieldkit: versions of line %s: %w", l.ID, err)
	}
	for _, v := range versions {
		if !c.first(KindLineVersion, v.ID) {
			continue
		}
		c.set.LineVersions = append(c.set.LineVersions, v)
		if err := c.upload(ctx, v.UploadID); err != nil {
			return err
		}
	}
	return nil
}

func (c *collector) upload(ctx context.Context, id string) error {
	if !c.first(KindSurveyUpload, id) {
		return nil
	}
	u, err := c.s.GetSurveyUpload(ctx, id)
	if err != nil {
		return fmt.Errorf("fieldkit: survey upload %s: %w", id, err)
	}
	c.set.Uploads = append(c.set.Uploads, u)
	return nil
}

func (c *collector) round(ctx context.Context, id string) error {
	if !c.first(KindInspectionRound, id) {
		return nil
	}
	r, err := c.s.GetInspectionRound(ctx, id)
	if err != nil {
		return fmt.Errorf("fieldkit: inspection round %s: %w", id, err)
	}
	c.set.Rounds = append(c.set.Rounds, r)
	return c.lineID(ctx, r.LineID)
}

func (c *collector) markerID(ctx context.Context, id string) error {
	if c.has(KindMarker, id) {
		return nil
	}
	m, err := c.s.GetMarker(ctx, id)
	if err != nil {
		return fmt.Errorf("fieldkit: marker %s: %w", id, err)
	}
	return c.marker(ctx, m)
}

// marker adds a marker, its line and its status history with the rounds
// the history cites.
func (c *collector) marker(ctx context.Context, m *data.Marker) error {
	if !c.first(KindMarker, m.ID) {
		return nil
	}
	c.set.Markers = append(c.set.Markers, m)
	if err := c.lineID(ctx, m.LineID); err != nil {
		return err
	}
	history, err := c.s.MarkerStatusHistory(ctx, m.ID)
	if err != nil {
		return fmt.Errorf("fieldkit: status history of marker %s: %w", m.ID, err)
	}
	for _, r := range history {
		if !c.first(KindMarkerStatus, StatusID(r)) {
			continue
		}
		c.set.MarkerStatus = append(c.set.MarkerStatus, r)
		if err := c.round(ctx, r.RoundID); err != nil {
			return err
		}
	}
	return nil
}

// triJunction adds a tri-junction, its lines, units and marker.
func (c *collector) triJunction(ctx context.Context, t *data.TriJunction) error {
	if !c.first(KindTriJunction, t.ID) {
		return nil
	}
	c.set.TriJunctions = append(c.set.TriJunctions, t)
	for i := range 3 {
		if err := firstErr(c.lineID(ctx, t.LineIDs[i]), c.unit(ctx, t.UnitIDs[i])); err != nil {
			return err
		}
	}
	return c.markerID(ctx, t.MarkerID)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
