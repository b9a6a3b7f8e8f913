package data

import (
	"fmt"
	"math"
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
	ID          string
	RoundID     string
	Rule        string // C1 … C20
	Severity    Severity
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
		err = firstErr(err, checkSHA256("photos", p.SHA256))
	}
	return err
}

// Validate checks a segment check before it is stored. Geometry is
// optional.
func (c *SegmentCheck) Validate() error {
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
	err := firstErr(requiredRef("round_id", f.RoundID), checkRule(f.Rule),
		oneOf("severity", f.Severity, SeverityInfo, SeverityWarning, SeverityError),
		CheckGeometry("location", f.Location))
	if err == nil && f.MessageZH == "" && f.MessageEN == "" {
		err = Invalidf("message_zh", "a finding needs a message")
	}
	for _, a := range f.Acceptances {
		err = firstErr(err, checkCode("acceptances", a.Party))
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
	return firstErr(requiredTime("signed_at", "time of signing", s.SignedAt), requiredRef("round_id", s.RoundID),
		requiredCode("party", s.Party), required("signer", s.Signer), checkSHA256("digest", s.Digest))
}
