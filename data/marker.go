package data

import (
	"time"

	"github.com/paulmach/orb"
)

// MarkerStatus is a marker's condition as found.
type MarkerStatus string

const (
	StatusIntact  MarkerStatus = "intact"  // 完好
	StatusDamaged MarkerStatus = "damaged" // 损坏
	StatusMoved   MarkerStatus = "moved"   // 移位
	StatusMissing MarkerStatus = "missing" // 丢失
)

// Label returns the status in Chinese with English beside it.
func (s MarkerStatus) Label() string {
	switch s {
	case StatusIntact:
		return "完好 intact"
	case StatusDamaged:
		return "损坏 damaged"
	case StatusMoved:
		return "移位 moved"
	case StatusMissing:
		return "丢失 missing"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s MarkerStatus) Valid() bool {
	switch s {
	case StatusIntact, StatusDamaged, StatusMoved, StatusMissing:
		return true
	}
	return false
}

// Marker is a boundary marker (界桩) with its registered position.
type Marker struct {
	ID               string
	LineID           string
	Number           string       // as inscribed, e.g. 4352012A
	Parsed           MarkerNumber // for provincial lines; zero otherwise
	PhysicalType     string       // granite, concrete, …
	ResponsibleParty Code
	Position         orb.Point // registered, EPSG:4490
	SourceCRS        int       // EPSG code of the registered coordinates
	Datum            string    // CGCS2000, Xian1980, Beijing1954
	SigmaM           float64   // registered position's standard error, metres
	References       []ReferenceObject
	Status           MarkerStatus // latest known
	Installed        time.Time
	Valid            Period
	Updated          time.Time
}

// ReferenceObject (方位物) locates a marker by azimuth and distance.
type ReferenceObject struct {
	Name       string
	AzimuthDeg float64
	DistanceM  float64
}

// Validate checks a marker before it is stored. On a provincial line the
// number is parsed and must agree with the line code.
func (m *Marker) Validate(lineLevel Level, lineCode string) error {
	if m.Number == "" {
		return Invalidf("number", "marker number is required")
	}
	if lineLevel == LevelProvince {
		n, err := ParseMarkerNumber(m.Number)
		if err != nil {
			return err
		}
		if lineCode != "" && n.Line != lineCode {
			return Invalidf("number", "marker %s carries line code %s but stands on line %s", m.Number, n.Line, lineCode)
		}
		m.Parsed = n
	}
	if err := validPoint("position", m.Position); err != nil {
		return err
	}
	if m.SigmaM < 0 || m.SigmaM > 1000 {
		return Invalidf("sigma_m", "σ of %g m is out of range 0–1000", m.SigmaM)
	}
	if m.Status != "" && !m.Status.Valid() {
		return Invalidf("status", "status %q is not intact, damaged, moved or missing", m.Status)
	}
	return m.Valid.Validate("valid")
}

// MarkerStatusRecord is one entry of a marker's status history.
type MarkerStatusRecord struct {
	MarkerID string
	At       time.Time
	Status   MarkerStatus
	Flags    []string // illegible, tilted, …
	Upkeep   []string // cleared, repainted, straightened, repaired, reset
	RoundID  string   // the inspection round that found it, if any
	Note     string
}

// TriJunction is the point where three lines and three units meet.
type TriJunction struct {
	ID       string
	Name     string
	LineIDs  [3]string
	UnitIDs  [3]string
	Agreed   orb.Point
	SigmaM   float64
	MarkerID string
	Updated  time.Time
}
