package data

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// RoundType says why a round of joint inspection was held.
type RoundType string

const (
	RoundRegular RoundType = "regular"
	RoundSpecial RoundType = "special" // after a flood, road works, …
)

// InspectionRound is one joint inspection (联检) of one line.
type InspectionRound struct {
	ID       string
	LineID   string
	Year     int
	Type     RoundType
	Reason   string // for special rounds
	Parties  []Code
	Phase    string // desk (内业) or field (外业)
	Sections []Section
	Status   string // open, validated, signed
	Created  time.Time
}

// Section assigns the markers from FromSeq to ToSeq to one party.
type Section struct {
	Party   Code
	FromSeq int
	ToSeq   int
}

// Attachment is a stored file named by its hash.
type Attachment struct {
	Name   string
	SHA256 string
	Size   int64
}

// MarkerCheck is a party's record of one marker in a round.
type MarkerCheck struct {
	ID            string
	RoundID       string
	MarkerID      string
	Party         Code
	Observed      *orb.Point // nil when the marker was not found
	Method        string     // RTK, total station, …
	AccuracyM     float64
	Device        string
	ObservedAt    time.Time
	Surveyor      string
	Status        MarkerStatus
	Flags         []string
	Upkeep        []string
	DisplacementM *float64 // derived by validation
	Photos        []Attachment
	// References are the marker's reference objects (方位物) as re-measured
	// this round (C9 compares them with the register by name).
	References []ReferenceObject
}

// SegmentCheck is a party's record of one segment in a round.
type SegmentCheck struct {
	ID            string
	RoundID       string
	Party         Code
	FromMarker    string
	ToMarker      string
	TerrainChange bool
	Resurveyed    bool
	Construction  string
	Note          string
	Geometry      orb.LineString
}

// Severity of a finding.
type Severity string

const (
	SeverityInfo    Severity = "info"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// Finding is the result of one check (C1–C20) at one place.
type Finding struct {
	ID       string
	RoundID  string
	Rule     string // C1 … C20
	Severity Severity
	// Subject names what the finding is about: a marker number, a segment
	// "from–to", unit or line names; empty for the line as a whole.
	Subject     string
	Location    orb.Geometry
	Measured    float64
	Tolerance   float64
	MessageZH   string
	MessageEN   string
	Remediation string
	Acceptances []Acceptance
}

// Acceptance is a party's explicit acceptance of an error, with reason.
type Acceptance struct {
	Party  Code
	Reason string
	At     time.Time
}

// Validate checks an acceptance: a party and a reason.
func (a *Acceptance) Validate() error {
	if err := checkTexts(a); err != nil {
		return err
	}
	return firstErr(requiredCode("acceptances", a.Party), required("reason", strings.TrimSpace(a.Reason)))
}

// Signature is one party's sign-off of a round's report.
type Signature struct {
	RoundID  string
	Party    Code
	Signer   string
	SignedAt time.Time
	Digest   string // SHA-256 of the report signed
}

// Validate checks a round before it is stored. An empty Status becomes
// open.
func (r *InspectionRound) Validate() error {
	if err := checkTexts(r); err != nil {
		return err
	}
	if r.Status == "" {
		r.Status = "open"
	}
	if r.Year < 1949 || r.Year > 2200 {
		return Invalidf("year", "year %d is out of range 1949–2200", r.Year)
	}
	if r.Type == RoundSpecial && r.Reason == "" {
		return Invalidf("reason", "a special round needs a reason")
	}
	err := firstErr(requiredRef("line_id", r.LineID),
		oneOf("type", r.Type, RoundRegular, RoundSpecial), oneOf("phase", r.Phase, "", "desk", "field"),
		oneOf("status", r.Status, "open", "validated", "signed"))
	for _, p := range r.Parties {
		err = firstErr(err, requiredCode("parties", p))
	}
	for _, sec := range r.Sections {
		err = firstErr(err, checkCode("sections", sec.Party))
		if err == nil && (sec.FromSeq < 0 || sec.ToSeq < sec.FromSeq) {
			err = Invalidf("sections", "section %d–%d is not an ascending range", sec.FromSeq, sec.ToSeq)
		}
	}
	return err
}

// Validate checks a marker check before it is stored.
func (c *MarkerCheck) Validate() error {
	if err := checkTexts(c); err != nil {
		return err
	}
	err := firstErr(requiredRef("round_id", c.RoundID), requiredRef("marker_id", c.MarkerID),
		requiredCode("party", c.Party), checkMetres("accuracy_m", c.AccuracyM, 1000))
	if err == nil && c.Observed != nil {
		err = CheckGeometry("observed", *c.Observed)
	}
	if err == nil && c.Status != "" && !c.Status.Valid() {
		err = invalidStatus(c.Status)
	}
	if d := c.DisplacementM; err == nil && d != nil && (math.IsNaN(*d) || math.IsInf(*d, 0) || *d < 0) {
		err = Invalidf("displacement_m", "displacement must be a finite distance ≥ 0, not %s", ftoa(*d))
	}
	for _, p := range c.Photos {
		err = firstErr(err, checkSHA256("photos", p.SHA256), required("photos", p.Name))
		if err == nil && p.Size < 0 {
			err = Invalidf("photos", "photo %s has a negative size", p.Name)
		}
	}
	for _, r := range c.References {
		err = firstErr(err, r.validate("references"))
	}
	return err
}

// validate checks a reference object: a name, an azimuth in [0, 360) and a
// distance in metres.
func (r ReferenceObject) validate(field string) error {
	if r.Name == "" {
		return Invalidf(field, "a reference object needs its name")
	}
	if math.IsNaN(r.AzimuthDeg) || r.AzimuthDeg < 0 || r.AzimuthDeg >= 360 {
		return Invalidf(field, "azimuth %s° of %s is out of range 0–360°", ftoa(r.AzimuthDeg), r.Name)
	}
	return checkMetres(field, r.DistanceM, 100000)
}

// Validate checks a segment check before it is stored. Geometry is
// optional.
func (c *SegmentCheck) Validate() error {
	if err := checkTexts(c); err != nil {
		return err
	}
	err := firstErr(requiredRef("round_id", c.RoundID), requiredRef("from_marker", c.FromMarker),
		requiredRef("to_marker", c.ToMarker), requiredCode("party", c.Party))
	if err == nil && c.FromMarker == c.ToMarker {
		err = Invalidf("to_marker", "a segment joins two different markers")
	}
	if err == nil && len(c.Geometry) > 0 {
		err = CheckGeometry("geometry", c.Geometry)
	}
	return err
}

// Validate checks a finding before it is stored: a rule C1–C20, a known
// severity and a message in at least one language.
func (f *Finding) Validate() error {
	if err := checkTexts(f); err != nil {
		return err
	}
	err := firstErr(requiredRef("round_id", f.RoundID), checkRule(f.Rule),
		oneOf("severity", f.Severity, SeverityInfo, SeverityWarning, SeverityError),
		CheckGeometry("location", f.Location))
	if err == nil && f.MessageZH == "" && f.MessageEN == "" {
		err = Invalidf("message_zh", "a finding needs a message")
	}
	for _, a := range f.Acceptances {
		err = firstErr(err, a.Validate())
	}
	return err
}

// checkRule checks a rule name: C1 to C20 (domain checks of an inspection).
func checkRule(rule string) error {
	if n, err := strconv.Atoi(strings.TrimPrefix(rule, "C")); err == nil && "C"+strconv.Itoa(n) == rule && n >= 1 && n <= 20 {
		return nil
	}
	return &Error{Kind: KindInvalid, Field: "rule", Value: rule, Message: fmt.Sprintf("rule %q is not one of C1–C20", rule)}
}

// Validate checks a signature before it is stored. Whether the party is
// one of the round's is for the store to check.
func (s *Signature) Validate() error {
	if err := checkTexts(s); err != nil {
		return err
	}
	return firstErr(requiredTime("signed_at", "time of signing", s.SignedAt), requiredRef("round_id", s.RoundID),
		requiredCode("party", s.Party), required("signer", s.Signer), checkSHA256("digest", s.Digest))
}

// Round statuses.
const (
	RoundOpen      = "open"      // records may be submitted
	RoundValidated = "validated" // findings are current; may be signed
	RoundSigned    = "signed"    // every party signed: immutable
)

// validateInspectionSettings checks a line's inspection settings: the side
// of A, a numbering pattern that compiles, finite tolerances ≥ 0.
func (l *BoundaryLine) validateInspectionSettings() error {
	if err := oneOf("side_of_a", l.SideOfA, "", "left", "right"); err != nil {
		return err
	}
	if l.NumberPattern != "" {
		if _, err := regexp.Compile(l.NumberPattern); err != nil {
			return &Error{Kind: KindInvalid, Field: "number_pattern", Value: l.NumberPattern,
				Message: "numbering pattern is not a regular expression: " + err.Error()}
		}
	}
	for name, v := range l.Tolerances {
		if name == "" || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return &Error{Kind: KindInvalid, Field: "tolerances", Value: name,
				Message: fmt.Sprintf("tolerance %q = %s must be a finite number ≥ 0", name, ftoa(v))}
		}
	}
	return nil
}

// InspectionStore is what the inspection workflow needs of a store beyond
// Store. Both stores implement it; inside Atomic, tx implements it too.
type InspectionStore interface {
	Store
	// ListInspectionRounds returns the rounds of one line (every line if
	// lineID is empty), oldest first.
	ListInspectionRounds(ctx context.Context, lineID string) ([]*InspectionRound, error)
	// SetRoundStatus sets a round's status (open, validated, signed).
	SetRoundStatus(ctx context.Context, roundID, status string) error
	// ReplaceFindings deletes a round's findings and stores fs in their
	// place, in one transaction.
	ReplaceFindings(ctx context.Context, roundID string, fs []*Finding) error
	// SetAcceptances replaces the acceptances of one finding of a round.
	SetAcceptances(ctx context.Context, roundID, findingID string, as []Acceptance) error
}
