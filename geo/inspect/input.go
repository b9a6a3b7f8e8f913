package inspect

import (
	"regexp"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// Input is everything one inspection run looks at. Every field may be left
// empty; the checks that need it then report nothing. All geometry is in
// EPSG:4490 (orb.Point{lon, lat}).
type Input struct {
	Line          *data.BoundaryLine // the line; Geometry is the agreed line
	Versions      []*data.LineVersion
	Markers       []*data.Marker
	Round         *data.InspectionRound // the round inspected; nil outside a round
	MarkerChecks  []*data.MarkerCheck
	SegmentChecks []*data.SegmentCheck
	Signatures    []*data.Signature // signatures of Round's report (C18)
	// ObservedReferences are the reference objects (方位物) measured this
	// round, by marker ID, matched to the registered ones by name (C9).
	ObservedReferences map[string][]data.ReferenceObject
	TriJunctions       []TriJunctionInput
	// SideA is a unit lying on side A of the line (unit A itself, or a
	// county or township of it next to the line): it tells C4 which side of
	// the line is A's when Settings.SideOfA is not set.
	SideA     *data.AdminUnit
	Townships []*data.AdminUnit // the townships of County (C13–C16)
	County    *data.AdminUnit
	Places    []*data.NamedPlace // their stated township is the 9-digit prefix of AdminCodes (C19)
	// References are rivers or roads the line follows (C17).
	References []ReferenceFeature
	Settings   Settings
	Now        time.Time // the clock for C18; zero skips C18
}

// TriJunctionInput is a tri-junction with the agreed geometries of its
// three lines, in the order of Junction.LineIDs.
type TriJunctionInput struct {
	Junction *data.TriJunction
	Lines    [3]orb.MultiLineString
}

// ReferenceFeature is a river or road a boundary line follows, as mapped
// today (C17): the line is never moved to it, the divergence is reported.
type ReferenceFeature struct {
	Name     string // e.g. 清水江
	Kind     string // river or road
	Geometry orb.MultiLineString
}

// Settings are the per-line settings that are not tolerances.
type Settings struct {
	// BuiltThroughMarkers says the agreed line was drawn through the
	// single markers, so C6 uses Tolerances.MarkerLineBuiltM.
	BuiltThroughMarkers bool
	// SideOfA is the side of the agreed line (in its digitised direction)
	// on which unit A lies; geo.SideOn means "derive it from Input.SideA".
	SideOfA geo.Side
	// NumberPattern is the marker numbering pattern of a county or township
	// line. Named groups "seq" (digits) and "type" (one of Q A B C D E)
	// give the sequence and type; without them C4 and C5 skip the line.
	// Provincial lines use the national 8-character numbers instead.
	NumberPattern *regexp.Regexp
	// Transforms are the configured datum transformations to CGCS2000, by
	// source datum name (Xian1980, Beijing1954). Without one, C8 refuses
	// legacy-datum markers and the other checks skip them.
	Transforms map[string]DatumTransform
}

// DatumTransform is a named transformation of lon/lat from a legacy datum
// to CGCS2000, e.g. a published seven-parameter set.
type DatumTransform struct {
	Name  string
	Apply func(orb.Point) orb.Point
}
