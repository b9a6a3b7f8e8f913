package data

import (
	"strconv"
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
// number is parsed into Parsed and must agree with the line code; on other
// lines Parsed is cleared.
func (m *Marker) Validate(lineLevel Level, lineCode string) error {
	if err := checkTexts(m); err != nil {
		return err
	}
	if m.Number == "" {
		return Invalidf("number", "marker number is required")
	}
	m.Parsed = MarkerNumber{}
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
	if m.Status != "" && !m.Status.Valid() {
		return invalidStatus(m.Status)
	}
	return firstErr(requiredRef("line_id", m.LineID), CheckGeometry("position", m.Position),
		checkMetres("sigma_m", m.SigmaM, 1000), checkCode("responsible_party", m.ResponsibleParty),
		checkEPSG("source_crs", m.SourceCRS), m.Valid.Validate("valid"))
}

func invalidStatus(s MarkerStatus) error {
	return &Error{Kind: KindInvalid, Field: "status", Value: string(s),
		Message: "status " + strconv.Quote(string(s)) + " is not intact, damaged, moved or missing"}
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

// Validate checks a status record before it is stored.
func (r *MarkerStatusRecord) Validate() error {
	if err := checkTexts(r); err != nil {
		return err
	}
	if err := requiredTime("at", "time of the status record", r.At); err != nil {
		return err
	}
	if !r.Status.Valid() {
		return invalidStatus(r.Status)
	}
	return firstErr(requiredRef("marker_id", r.MarkerID), checkRef("round_id", r.RoundID))
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

// Validate checks a tri-junction before it is stored: its lines and its
// units, where given, are three different ones.
func (t *TriJunction) Validate() error {
	if err := checkTexts(t); err != nil {
		return err
	}
	return firstErr(required("name", t.Name), CheckGeometry("agreed", t.Agreed), checkMetres("sigma_m", t.SigmaM, 1000),
		checkRef("marker_id", t.MarkerID),
		checkRefs("line_ids", t.LineIDs[:]...), distinct("line_ids", "a tri-junction joins three different lines", t.LineIDs[:]...),
		checkRefs("unit_ids", t.UnitIDs[:]...), distinct("unit_ids", "a tri-junction joins three different units", t.UnitIDs[:]...))
}
