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
	// BuiltThroughMarkers says the agreed line was drawn through its single
	// markers (C6 then allows 0.01 m instead of 5/10 m).
	BuiltThroughMarkers bool
	// SideOfA is the side of the agreed line, in its digitised direction,
	// on which unit A lies: "left", "right", or "" to derive it from unit A.
	SideOfA string
	// NumberPattern is the marker numbering pattern of a county or township
	// line: a regular expression with named groups "seq" and "type".
	NumberPattern string
	// Tolerances override the inspection defaults of domain §6 for this
	// line, by name (marker_line_warn_m, version_error_m, …).
	Tolerances map[string]float64
	Geometry   orb.MultiLineString
	Valid      Period
	Updated    time.Time
}

// Document is an agreement, ruling or report on file.
type Document struct {
	Title  string
	Number string
	Date   time.Time
	SHA256 string
}

// Validate checks a boundary line before it is stored, apart from the rules
// that need stored state. An empty TechnicalStatus becomes unknown.
func (l *BoundaryLine) Validate() error {
	if err := checkTexts(l); err != nil {
		return err
	}
	if l.TechnicalStatus == "" {
		l.TechnicalStatus = TechUnknown
	}
	if err := required("name", l.Name); err != nil {
		return err
	}
	switch l.Level {
	case LevelProvince, LevelCounty, LevelTownship:
	default:
		return Invalidf("level", "a boundary line separates provinces, counties or townships, not %q", l.Level)
	}
	if err := l.validateCodes(); err != nil {
		return err
	}
	if l.UnitA != "" && l.UnitA == l.UnitB {
		return Invalidf("unit_b", "a line separates two different units")
	}
	if l.CycleYears < 0 || l.CycleYears > 50 {
		return Invalidf("cycle_years", "inspection cycle of %d years is out of range 0–50", l.CycleYears)
	}
	if err := l.validateInspectionSettings(); err != nil {
		return err
	}
	return firstErr(
		oneOf("legal_status", l.LegalStatus, LegalAgreed, LegalNotAgreed, LegalDisputed),
		oneOf("technical_status", l.TechnicalStatus, TechUnknown, TechEdgeMatched, TechWithinTolerance, TechNotMatched),
		oneOf("numbering_direction", l.NumberingDirection, "", "west_east", "north_south"),
		checkRef("unit_a", l.UnitA), checkRef("unit_b", l.UnitB),
		CheckGeometry("geometry", l.Geometry), l.Valid.Validate("valid"))
}

// validateCodes checks the line code and the codes of the two sides. A
// provincial line code is the two provinces' 2-digit codes, smaller first.
func (l *BoundaryLine) validateCodes() error {
	if l.Code == "" {
		return Invalidf("code", "line code is required")
	}
	if l.Level == LevelProvince && !provincialLineCode(l.Code) {
		return &Error{Kind: KindInvalid, Field: "code", Value: l.Code,
			Message: "provincial line code " + l.Code + " is not two provinces' 2-digit codes, smaller first"}
	}
	if err := firstErr(checkCode("code_a", l.CodeA), checkCode("code_b", l.CodeB)); err != nil {
		return err
	}
	if l.CodeA != "" && l.CodeB != "" && l.CodeA >= l.CodeB {
		return Invalidf("code_a", "side A must have the smaller code (%s ≥ %s)", l.CodeA, l.CodeB)
	}
	return nil
}

func provincialLineCode(c string) bool {
	if len(c) != 4 {
		return false
	}
	_, okA := provinces[c[:2]]
	_, okB := provinces[c[2:]]
	return okA && okB && c[:2] < c[2:]
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
	RoundID   string // the inspection round it was observed in, if any
	Valid     Period
	Created   time.Time
}

// Validate checks a line version before it is stored: it needs its line
// and its geometry.
func (v *LineVersion) Validate() error {
	if err := checkTexts(v); err != nil {
		return err
	}
	if len(v.Geometry) == 0 {
		return Invalidf("geometry", "a line version needs its geometry")
	}
	return firstErr(requiredRef("line_id", v.LineID), checkRef("upload_id", v.UploadID), checkRef("round_id", v.RoundID),
		oneOf("source", v.Source, SourceAgreed, SourceSideA, SourceSideB, SourceClaim, SourceResurvey),
		checkCode("party", v.Party), CheckGeometry("geometry", v.Geometry),
		checkEPSG("source_crs", v.SourceCRS), v.Valid.Validate("valid"))
}

// Segment is the part of a line between two consecutive markers.
type Segment struct {
	LineID      string
	FromMarker  string
	ToMarker    string
	Direction   string // 16-point compass, e.g. "NNE"
	Description string
}
