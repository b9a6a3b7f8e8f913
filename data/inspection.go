package data

import (
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
