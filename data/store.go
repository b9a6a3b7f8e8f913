package data

import (
	"context"
	"math"
	"time"

	"github.com/paulmach/orb"
)

// Query selects features for a list call. The zero Query selects everything
// with the store's default limit.
type Query struct {
	BBox     *orb.Bound // EPSG:4490 lon/lat; features whose geometry intersects it
	At       *time.Time // features valid at this date (From ≤ At < To)
	Interval *Period    // features whose validity overlaps this period
	Limit    int        // 0 means DefaultLimit; at most MaxLimit
	Offset   int

	// Filters; each applies only where the entity has the field.
	Code   Code         // admin units: exact code; places: containing unit code prefix
	Level  Level        // admin units and lines
	LineID string       // markers
	Kind   PlaceKind    // places
	Review ReviewStatus // places: only this review status
}

// Limits of a page.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Page is one page of a list, in ID order, and the number of features that
// match in all.
type Page[T any] struct {
	Items   []T
	Matched int
}

// Store is what every storage adapter provides: the PostGIS store in
// production, the GeoPackage store embedded. Both pass data/storetest.
//
// Create methods assign an ID when it is empty and set Updated; they return
// a KindConflict error when a uniqueness or overlap rule is broken, and
// KindInvalid when a reference does not exist. Get and Update return
// KindNotFound for an unknown ID.
type Store interface {
	// Atomic runs fn in one transaction: every write fn makes through tx
	// lands, or none does. Nested calls join the outer transaction.
	Atomic(ctx context.Context, fn func(tx Store) error) error
	// Ping reports whether the store is reachable (KindUnavailable if not).
	Ping(ctx context.Context) error
	Close() error

	CreateAdminUnit(ctx context.Context, u *AdminUnit) error
	GetAdminUnit(ctx context.Context, id string) (*AdminUnit, error)
	UpdateAdminUnit(ctx context.Context, u *AdminUnit) error
	ListAdminUnits(ctx context.Context, q Query) (Page[*AdminUnit], error)
	// UnitVersions returns every version of one unit, oldest first.
	UnitVersions(ctx context.Context, unitID string) ([]*AdminUnit, error)

	CreateDivisionEvent(ctx context.Context, e *DivisionEvent) error
	GetDivisionEvent(ctx context.Context, id string) (*DivisionEvent, error)
	// UnitEvents returns the events that began or ended any version of a unit, by date.
	UnitEvents(ctx context.Context, unitID string) ([]*DivisionEvent, error)

	CreateBoundaryLine(ctx context.Context, l *BoundaryLine) error
	GetBoundaryLine(ctx context.Context, id string) (*BoundaryLine, error)
	UpdateBoundaryLine(ctx context.Context, l *BoundaryLine) error
	ListBoundaryLines(ctx context.Context, q Query) (Page[*BoundaryLine], error)
	CreateLineVersion(ctx context.Context, v *LineVersion) error
	LineVersions(ctx context.Context, lineID string) ([]*LineVersion, error)

	CreateMarker(ctx context.Context, m *Marker) error
	GetMarker(ctx context.Context, id string) (*Marker, error)
	UpdateMarker(ctx context.Context, m *Marker) error
	ListMarkers(ctx context.Context, q Query) (Page[*Marker], error)
	AddMarkerStatus(ctx context.Context, r *MarkerStatusRecord) error
	MarkerStatusHistory(ctx context.Context, markerID string) ([]*MarkerStatusRecord, error)

	CreateTriJunction(ctx context.Context, t *TriJunction) error
	ListTriJunctions(ctx context.Context, q Query) (Page[*TriJunction], error)

	CreatePlace(ctx context.Context, p *NamedPlace) error
	GetPlace(ctx context.Context, id string) (*NamedPlace, error)
	UpdatePlace(ctx context.Context, p *NamedPlace) error
	ListPlaces(ctx context.Context, q Query) (Page[*NamedPlace], error)

	CreateProtectionListing(ctx context.Context, l *ProtectionListing) error
	CreateSign(ctx context.Context, s *Sign) error
	GetSign(ctx context.Context, id string) (*Sign, error)
	ListSigns(ctx context.Context, q Query) (Page[*Sign], error)

	CreateInspectionRound(ctx context.Context, r *InspectionRound) error
	GetInspectionRound(ctx context.Context, id string) (*InspectionRound, error)
	AddMarkerCheck(ctx context.Context, c *MarkerCheck) error
	AddSegmentCheck(ctx context.Context, c *SegmentCheck) error
	AddFinding(ctx context.Context, f *Finding) error
	AddSignature(ctx context.Context, s *Signature) error
	RoundRecords(ctx context.Context, roundID string) (*RoundRecords, error)

	CreateSurveyUpload(ctx context.Context, u *SurveyUpload) error
	GetSurveyUpload(ctx context.Context, id string) (*SurveyUpload, error)
}

// RoundRecords is everything recorded in one inspection round: checks and
// findings in ID order, signatures by time and party.
type RoundRecords struct {
	Round         *InspectionRound
	MarkerChecks  []*MarkerCheck
	SegmentChecks []*SegmentCheck
	Findings      []*Finding
	Signatures    []*Signature
}

// Clamp returns q's limit and offset within the store's bounds.
func (q Query) Clamp() (limit, offset int) {
	limit, offset = q.Limit, q.Offset
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// Validate checks q before a store runs it: a finite bounding box whose
// minimum does not exceed its maximum, a set At date, an Interval that
// does not end before it begins, and a LineID that is an ID.
func (q Query) Validate() error {
	if b := q.BBox; b != nil {
		for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Invalidf("bbox", "bounding box has a NaN or infinite coordinate")
			}
		}
		if b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
			return Invalidf("bbox", "bounding box minimum %s exceeds its maximum %s", formatPoint(b.Min), formatPoint(b.Max))
		}
	}
	if q.At != nil && q.At.IsZero() {
		return Invalidf("datetime", "date is required")
	}
	if q.Interval != nil {
		if err := q.Interval.Validate("datetime"); err != nil {
			return err
		}
	}
	return checkRef("line_id", q.LineID)
}
