package data

import (
	"time"

	"github.com/paulmach/orb"
)

// AdminUnit is one version of an administrative unit: the span in which its
// code, name, type, parent and territory are unchanged (one row per span, as
// in CHGIS). UnitID is the unit's identity across versions; ID names this
// version and is the feature id in the API.
type AdminUnit struct {
	ID       string
	UnitID   string
	Code     Code
	Name     string
	Level    Level
	Type     string // 省, 直辖市, 县, 自治县, 镇, 乡, 街道, 村, 社区…
	ParentID string // UnitID of the containing unit during Valid; "" at the top
	Seat     *orb.Point
	Geometry orb.MultiPolygon
	Valid    Period
	BeganBy  string // DivisionEvent ID that began this version, if recorded
	EndedBy  string // DivisionEvent ID that ended it
	Approval Approval
	Sources  []string
	Updated  time.Time // set by the store
}

// Approval records who approved something and by which document.
type Approval struct {
	Authority string
	Document  string // document number (文号)
	Date      time.Time
}

// Validate checks what an admin-unit version must satisfy before it is
// stored, apart from the rules that need stored state (overlaps, whether
// referenced records exist).
func (u *AdminUnit) Validate() error {
	if err := checkTexts(u); err != nil {
		return err
	}
	if u.Name == "" {
		return Invalidf("name", "name is required")
	}
	if _, err := ParseCode(string(u.Code)); err != nil {
		return err
	}
	if !u.Level.Valid() {
		return Invalidf("level", "level %q is not one of province, prefecture, county, township, village", u.Level)
	}
	if u.Code.Level() != u.Level {
		return Invalidf("level", "level %s does not match code %s, which denotes a %s", u.Level, u.Code, u.Code.Level())
	}
	if err := CheckTypeForCode(u.Code, u.Type); err != nil {
		return err
	}
	if u.Seat != nil {
		if err := CheckGeometry("seat", *u.Seat); err != nil {
			return err
		}
	}
	if u.ParentID != "" && u.ParentID == u.UnitID {
		return Invalidf("parent_id", "a unit cannot be its own parent")
	}
	return firstErr(CheckGeometry("geometry", u.Geometry), u.Valid.Validate("valid"),
		checkRef("unit_id", u.UnitID), checkRef("parent_id", u.ParentID),
		checkRef("began_by", u.BeganBy), checkRef("ended_by", u.EndedBy))
}

// EventType is the type of a division event (沿革).
type EventType string

const (
	EventEstablished   EventType = "established"
	EventAbolished     EventType = "abolished"
	EventRenamed       EventType = "renamed"
	EventMerged        EventType = "merged"
	EventSplit         EventType = "split"
	EventParentChanged EventType = "parent_changed"
	EventBoundary      EventType = "boundary_changed"
	EventSeatMoved     EventType = "seat_moved"
	EventTypeChanged   EventType = "type_changed"
	EventCodeChanged   EventType = "code_changed"
	EventTransferred   EventType = "territory_transferred"
)

// EventTypes lists every event type.
var EventTypes = []EventType{EventEstablished, EventAbolished, EventRenamed, EventMerged, EventSplit,
	EventParentChanged, EventBoundary, EventSeatMoved, EventTypeChanged, EventCodeChanged, EventTransferred}

// DivisionEvent is a change in the administrative divisions: it ends the
// predecessor versions and begins the successor versions on Date.
type DivisionEvent struct {
	ID           string
	Type         EventType
	Date         time.Time
	Authority    string
	Document     string
	Description  string
	Predecessors []string // AdminUnit (version) IDs ended by the event
	Successors   []string // AdminUnit (version) IDs begun by the event
	Transferred  orb.MultiPolygon
}

// Validate checks the event's type, date, geometry and version references.
// The date lies after 0001-01-01 (Go's zero time, which means "no date")
// and before 2200, the range the stores keep: division
// history reaches back centuries (秀山 became a county in 1735).
func (e *DivisionEvent) Validate() error {
	if err := checkTexts(e); err != nil {
		return err
	}
	ok := false
	for _, t := range EventTypes {
		ok = ok || t == e.Type
	}
	if !ok {
		return Invalidf("type", "event type %q is not a known division event type", e.Type)
	}
	if err := requiredTime("date", "date", e.Date); err != nil {
		return err
	}
	if d := Day(e.Date); !d.After(eventDateMin) || !d.Before(eventDateMax) {
		return &Error{Kind: KindInvalid, Field: "date", Value: e.Date.Format(DateLayout),
			Message: "event date " + e.Date.Format(DateLayout) + " is out of range 0001-01-02 to 2199-12-31"}
	}
	return firstErr(CheckGeometry("transferred", e.Transferred),
		checkRefs("predecessors", e.Predecessors...), checkRefs("successors", e.Successors...))
}

// The stores' range of event dates, both ends excluded.
var (
	eventDateMin = Date(1, 1, 1)
	eventDateMax = Date(2200, 1, 1)
)
