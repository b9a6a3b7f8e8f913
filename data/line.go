package data

import (
	"time"

	"github.com/paulmach/orb"
)

// LegalStatus is a boundary line's legal status (INSPIRE legalStatus).
type LegalStatus string

const (
	LegalAgreed    LegalStatus = "agreed"
	LegalNotAgreed LegalStatus = "not_agreed"
	LegalDisputed  LegalStatus = "disputed"
)

// TechnicalStatus is derived from the latest validation, never entered.
type TechnicalStatus string

const (
	TechUnknown         TechnicalStatus = "unknown"
	TechEdgeMatched     TechnicalStatus = "edge_matched"
	TechWithinTolerance TechnicalStatus = "within_tolerance"
	TechNotMatched      TechnicalStatus = "not_matched"
)

// BoundaryLine is an administrative boundary between two units, fixed by its
// agreement; Geometry is the agreed line. UnitA has the smaller code.
type BoundaryLine struct {
	ID                 string
	Name               string
	Level              Level  // province, county or township line
	Code               string // provincial line code (5052) or a county/township line code
	UnitA, UnitB       string // UnitIDs, A with the smaller code
	CodeA, CodeB       Code   // their codes when the line was agreed
	NumberingDirection string // "west_east" or "north_south"
	LegalStatus        LegalStatus
	TechnicalStatus    TechnicalStatus
	Agreements         []Document
	CycleYears         int // inspection cycle; 5 by default
	LastInspected      time.Time
	Geometry           orb.MultiLineString
	Valid              Period
	Updated            time.Time
}

// Document is an agreement, ruling or report on file.
type Document struct {
	Title  string
	Number string
	Date   time.Time
	SHA256 string
}

// Validate checks a boundary line before it is stored.
func (l *BoundaryLine) Validate() error {
	if l.Name == "" {
		return Invalidf("name", "name is required")
	}
	switch l.Level {
	case LevelProvince, LevelCounty, LevelTownship:
	default:
		return Invalidf("level", "a boundary line separates provinces, counties or townships, not %q", l.Level)
	}
	if l.Code == "" {
		return Invalidf("code", "line code is required")
	}
	if l.CodeA != "" && l.CodeB != "" && l.CodeA >= l.CodeB {
		return Invalidf("code_a", "side A must have the smaller code (%s ≥ %s)", l.CodeA, l.CodeB)
	}
	switch l.LegalStatus {
	case LegalAgreed, LegalNotAgreed, LegalDisputed:
	default:
		return Invalidf("legal_status", "legal status %q is not agreed, not_agreed or disputed", l.LegalStatus)
	}
	if l.CycleYears < 0 || l.CycleYears > 50 {
		return Invalidf("cycle_years", "inspection cycle of %d years is out of range 1–50", l.CycleYears)
	}
	if err := validGeometry("geometry", l.Geometry); err != nil {
		return err
	}
	return l.Valid.Validate("valid")
}

// VersionSource says whose line a LineVersion is.
type VersionSource string

const (
	SourceAgreed   VersionSource = "agreed"
	SourceSideA    VersionSource = "side_a"
	SourceSideB    VersionSource = "side_b"
	SourceClaim    VersionSource = "claim"
	SourceResurvey VersionSource = "resurvey"
)

// LineVersion is one party's or one survey's geometry of a boundary line.
type LineVersion struct {
	ID        string
	LineID    string
	Source    VersionSource
	Party     Code // the party that supplied it, if any
	Geometry  orb.MultiLineString
	SourceCRS int    // EPSG code the coordinates came in
	UploadID  string // provenance: the SurveyUpload, if any
	Valid     Period
	Created   time.Time
}

// Segment is the part of a line between two consecutive markers.
type Segment struct {
	LineID      string
	FromMarker  string
	ToMarker    string
	Direction   string // 16-point compass, e.g. "NNE"
	Description string
}
