package gazetteer

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// OnBoundaryM is the distance from a unit's boundary within which a place
// is "on boundary" rather than inside or outside (C19).
const OnBoundaryM = 1.0

// Containment statuses of a place in a unit.
const (
	Inside     = "inside"      // every vertex inside, farther than OnBoundaryM from the boundary
	OnBoundary = "on_boundary" // a vertex within OnBoundaryM of the boundary
	Partly     = "partly"      // some vertices inside, some outside (a bridge across a line)
)

// Containment is a unit that contains a place, derived from geometry.
type Containment struct {
	Unit   *data.AdminUnit
	Status string
	// BoundaryDistanceM is the least distance from a vertex of the place to
	// the unit's boundary, metres in the Gauss-Krüger plane.
	BoundaryDistanceM float64
}

// marginDeg widens the search box so that units whose boundary passes
// within OnBoundaryM of the place are found (1 m ≈ 1e-5°; the margin is
// generous).
const marginDeg = 1e-4

// Locate derives the units, valid on at, that contain the place geometry
// g, smallest level last: each unit with geometry that has a vertex of g
// inside it or within OnBoundaryM of its boundary.
func Locate(ctx context.Context, st data.Store, g orb.Geometry, at time.Time) ([]Containment, error) {
	if err := data.CheckGeometry("geometry", g); err != nil || g == nil {
		return nil, firstNonNil(err, data.Invalidf("geometry", "geometry is required"))
	}
	b := g.Bound().Pad(marginDeg)
	page, err := st.ListAdminUnits(ctx, data.Query{BBox: &b, At: &at, Limit: data.MaxLimit})
	if err != nil {
		return nil, err
	}
	var out []Containment
	for _, u := range page.Items {
		if len(u.Geometry) == 0 {
			continue
		}
		if c, ok := contain(u, g); ok {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Containment) int {
		if d := len(a.Unit.Code) - len(b.Unit.Code); d != 0 {
			return d
		}
		return compareStrings(string(a.Unit.Code), string(b.Unit.Code))
	})
	return out, nil
}

// contain measures every vertex of g against unit u.
func contain(u *data.AdminUnit, g orb.Geometry) (Containment, bool) {
	c := Containment{Unit: u, BoundaryDistanceM: math.Inf(1)}
	in, out := 0, 0
	eachPath(g, func(path []orb.Point, _ bool) {
		for _, p := range path {
			d, inside := BoundaryDistanceM(u.Geometry, p)
			c.BoundaryDistanceM = math.Min(c.BoundaryDistanceM, d)
			switch {
			case d <= OnBoundaryM:
				in++
			case inside:
				in++
			default:
				out++
			}
		}
	})
	switch {
	case in == 0:
		return c, false
	case c.BoundaryDistanceM <= OnBoundaryM:
		c.Status = OnBoundary
	case out > 0:
		c.Status = Partly
	default:
		c.Status = Inside
	}
	return c, true
}

// Check is the result of C19 for one stated containing unit.
type Check struct {
	Code    data.Code
	Status  string      // ok, on_boundary, mismatch, unchecked
	Derived []data.Code // the derived units of the same level
	Message string      // Chinese with English
}

// C19 results.
const (
	CheckOK         = "ok"
	CheckOnBoundary = "on_boundary"
	CheckMismatch   = "mismatch"
	CheckUnchecked  = "unchecked" // no unit of that level with geometry contains the place
)

// CheckStated compares the stated containing units of a place with the
// derived ones (C19): a stated unit must be among the derived units of
// its level; within OnBoundaryM of the boundary it is "on boundary".
func CheckStated(stated []data.Code, derived []Containment) []Check {
	var out []Check
	for _, code := range stated {
		c := Check{Code: code}
		var found *Containment
		for i, d := range derived {
			if d.Unit.Level == code.Level() {
				c.Derived = append(c.Derived, d.Unit.Code)
				if d.Unit.Code == code {
					found = &derived[i]
				}
			}
		}
		switch {
		case found != nil && found.Status == OnBoundary:
			c.Status = CheckOnBoundary
			c.Message = fmt.Sprintf("位于 %s 边界 %.2f 米内 / on the boundary of %s (%.2f m)", code,
				found.BoundaryDistanceM, code, found.BoundaryDistanceM)
		case found != nil:
			c.Status, c.Message = CheckOK, "位于所述单位内 / inside the stated unit"
		case len(c.Derived) == 0:
			c.Status = CheckUnchecked
			c.Message = "无该级别带几何的单位可核对 / no unit of this level with geometry to check against"
		default:
			c.Status = CheckMismatch
			c.Message = fmt.Sprintf("所述 %s 与几何所在 %v 不符 / stated %s but the geometry lies in %v", code,
				c.Derived, code, c.Derived)
		}
		out = append(out, c)
	}
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func firstNonNil(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
