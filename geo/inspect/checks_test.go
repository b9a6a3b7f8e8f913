package inspect

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// checkCase mutates a clean scenario and runs one check on it.
type checkCase struct {
	name  string
	check func(Input, Tolerances) ([]data.Finding, error)
	edit  func(s sc, in *Input, tol *Tolerances)
	want  []want
}

func runCheckCases(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			z, _ := geo.ZoneByEPSG(4545)
			s := sc{tb: t, zone: z}
			in, tol := s.input(), DefaultTolerances()
			c.edit(s, &in, &tol)
			got, err := c.check(in, tol)
			if err != nil {
				t.Fatal(err)
			}
			assertFindings(t, got, c.want)
		})
	}
}

func marker(in *Input, number string) *data.Marker {
	for _, m := range in.Markers {
		if m.Number == number {
			return m
		}
	}
	panic("no marker " + number)
}

// moveMarker moves a marker's registered position by (dx, dy) metres.
func (s sc) moveMarker(in *Input, number string, dx, dy float64) {
	m := marker(in, number)
	p := s.zone.Forward(m.Position)
	m.Position = s.ll(orb.Point{p[0] + dx, p[1] + dy})
}

func TestC1Validity(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"figure eight", C1Validity, func(s sc, in *Input, _ *Tolerances) {
			in.Versions[0].Geometry = orb.MultiLineString{s.llLine(orb.LineString{{e0, n0}, {e0 + 100, n0 + 100}, {e0 + 100, n0}, {e0, n0 + 100}})}
		}, []want{{RuleValidity, data.SeverityError, 1, 0, "intersects itself at 1 places"}}},
		{"spike folding back", C1Validity, func(s sc, in *Input, _ *Tolerances) {
			in.Versions[0].Geometry = orb.MultiLineString{s.llLine(orb.LineString{{e0, n0}, {e0 + 100, n0}, {e0 + 50, n0}})}
		}, []want{{RuleValidity, data.SeverityError, 1, 0, "intersects itself"}}},
		{"parts meeting at ends are simple", C1Validity, func(s sc, in *Input, _ *Tolerances) {
			in.Versions[0].Geometry = orb.MultiLineString{s.llLine(orb.LineString{{e0, n0}, {e0 + 100, n0}}),
				s.llLine(orb.LineString{{e0 + 100, n0}, {e0 + 200, n0 + 50}})}
		}, nil},
		{"parts crossing", C1Validity, func(s sc, in *Input, _ *Tolerances) {
			in.Versions[0].Geometry = orb.MultiLineString{s.llLine(orb.LineString{{e0, n0}, {e0 + 100, n0}}),
				s.llLine(orb.LineString{{e0 + 50, n0 - 50}, {e0 + 50, n0 + 50}})}
		}, []want{{RuleValidity, data.SeverityError, 1, 0, "intersects itself"}}},
		{"NaN and one point", C1Validity, func(s sc, in *Input, _ *Tolerances) {
			in.Versions[0].Geometry = orb.MultiLineString{{{math.NaN(), 28}, {109, 28}}, {{109, 28}}}
		}, []want{{RuleValidity, data.SeverityError, 1, 0, "point 1 of part 1 is NaN"},
			{RuleValidity, data.SeverityError, 1, 0, "part 2 has fewer than two distinct points"}}},
		{"open and bow-tie rings", C1Validity, func(s sc, in *Input, _ *Tolerances) {
			in.Townships[0].Geometry[0][0] = in.Townships[0].Geometry[0][0][1:]
			in.Townships[1].Geometry = s.llPoly(orb.Ring{{e0, n0}, {e0 + 10, n0 + 10}, {e0 + 10, n0}, {e0, n0 + 10}, {e0, n0}})
		}, []want{{RuleValidity, data.SeverityError, 1, 0, "ring 1 of polygon 1 is not closed"},
			{RuleValidity, data.SeverityError, 1, 0, "its rings intersect at 1 places"}}},
		{"marker outside China", C1Validity, func(_ sc, in *Input, _ *Tolerances) {
			in.Markers[0].Position = orb.Point{28.5, 109.2}
		}, []want{{RuleValidity, data.SeverityError, 1, 0, "outside China"}}},
	})
}

func TestC2CRS(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"zone too far", C2CRS, func(_ sc, in *Input, _ *Tolerances) { in.Versions[1].SourceCRS = 4546 },
			[]want{{RuleCRS, data.SeverityError, 111 - westLon(), 1e-9, "use EPSG:4545"}}},
		{"unknown code", C2CRS, func(_ sc, in *Input, _ *Tolerances) { in.Versions[0].SourceCRS = 3857 },
			[]want{{RuleCRS, data.SeverityError, 0, 0, "EPSG:3857, which is not an accepted CRS"}}},
		{"legacy zone fits", C2CRS, func(_ sc, in *Input, _ *Tolerances) { in.Versions[0].SourceCRS = 2381 }, nil},
		{"swapped axes", C2CRS, func(_ sc, in *Input, _ *Tolerances) {
			in.Versions[0].Geometry = orb.MultiLineString{{{28.5, 109.2}, {28.6, 109.3}}}
		}, []want{{RuleCRS, data.SeverityError, 2, 0, "swapped"}}},
		{"datum disagrees", C2CRS, func(_ sc, in *Input, _ *Tolerances) { in.Markers[0].Datum = "Xian1980" },
			[]want{{RuleCRS, data.SeverityError, 0, 0, "records datum Xian1980 but EPSG:4490 is CGCS2000"}}},
	})
}

func TestC3C4MarkerNumbers(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"bad letter", C3MarkerNumber, func(_ sc, in *Input, _ *Tolerances) { in.Markers[0].Number = "4350001X" },
			[]want{{RuleMarkerNumber, data.SeverityError, 0, 0, "type letter"}}},
		{"other line", C3MarkerNumber, func(_ sc, in *Input, _ *Tolerances) { in.Markers[0].Number = "4352001Q" },
			[]want{{RuleMarkerNumber, data.SeverityError, 0, 0, "carries line code 4352 but stands on line 4350"}}},
		{"duplicate", C3MarkerNumber, func(_ sc, in *Input, _ *Tolerances) { in.Markers[1].Number = in.Markers[0].Number },
			[]want{{RuleMarkerNumber, data.SeverityError, 2, 0, "4350001Q is used more than once"}}},
		{"county pattern", C3MarkerNumber, func(_ sc, in *Input, _ *Tolerances) {
			in.Line.Level = data.LevelCounty
			in.Settings.NumberPattern = regexp.MustCompile(`^XH(?P<seq>\d{3})(?P<type>[QAB])$`)
			for _, m := range in.Markers {
				m.Number = "XH" + m.Number[4:]
			}
			in.Markers[0].Number = "XH01Q"
		}, []want{{RuleMarkerNumber, data.SeverityError, 0, 0, "does not match the line's numbering pattern"},
			// the triple's letters are outside this pattern
			{RuleMarkerNumber, data.SeverityError, 0, 0, "XH020C"}, {RuleMarkerNumber, data.SeverityError, 0, 0, "XH020D"},
			{RuleMarkerNumber, data.SeverityError, 0, 0, "XH020E"}}},
		{"pair incomplete", C4MarkerType, func(_ sc, in *Input, _ *Tolerances) { marker(in, "4350015B").Number = "4350015Q" },
			[]want{{RuleMarkerType, data.SeverityError, 2, 0, "group 015 is incomplete or mixed: it has AQ, want AB"}}},
		{"side of A unknown", C4MarkerType, func(_ sc, in *Input, _ *Tolerances) { in.SideA = nil },
			[]want{{RuleMarkerType, data.SeverityWarning, 0, 0, "cannot check which side"}}},
		{"side of A set wrong way", C4MarkerType, func(_ sc, in *Input, _ *Tolerances) {
			in.Settings.SideOfA = geo.SideRight
		}, []want{ // every pair's A marker is now on the wrong side
			{RuleMarkerType, data.SeverityError, 25, 0.01, "4350005A"}, {RuleMarkerType, data.SeverityError, 25, 0.01, "4350010A"},
			{RuleMarkerType, data.SeverityError, 25, 0.01, "4350015A"}, {RuleMarkerType, data.SeverityError, 25, 0.01, "4350025A"},
			{RuleMarkerType, data.SeverityError, 25, 0.01, "4350030A"}, {RuleMarkerType, data.SeverityError, 25, 0.01, "4350035A"}}},
	})
}

func TestC5C6C7MarkerPositions(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"north to south stated", C5MarkerOrder, func(_ sc, in *Input, _ *Tolerances) { in.Line.NumberingDirection = "north_south" },
			// marker 1 (t = 500 m) lies south of marker 39 (t = 19 500 m)
			[]want{{RuleMarkerOrder, data.SeverityError, 0, 0, "numbered against the stated direction (north to south)"}}},
		{"numbered east to west", C5MarkerOrder, func(_ sc, in *Input, _ *Tolerances) {
			for _, m := range in.Markers {
				seq, _ := strconv.Atoi(m.Number[4:7])
				m.Number = fmt.Sprintf("4350%03d%s", stations+1-seq, m.Number[7:])
			}
		}, []want{{RuleMarkerOrder, data.SeverityError, 0, 0, "numbered against the stated direction (west to east)"}}},
		{"single 7 m off", C6MarkerLine, func(s sc, in *Input, _ *Tolerances) { s.moveMarker(in, "4350002Q", 0, 7) },
			[]want{{RuleMarkerLine, data.SeverityWarning, 7.26, 0.05, "4350002Q is 7.2"}}},
		{"single 12 m off", C6MarkerLine, func(s sc, in *Input, _ *Tolerances) { s.moveMarker(in, "4350002Q", 0, 12) },
			[]want{{RuleMarkerLine, data.SeverityError, 12.23, 0.05, "more than the 10.00 m tolerance"}}},
		{"retired marker ignored", C6MarkerLine, func(s sc, in *Input, _ *Tolerances) {
			s.moveMarker(in, "4350002Q", 0, 12)
			marker(in, "4350002Q").Valid.To = data.Date(2024, 1, 1)
		}, nil},
		{"line built through markers", C6MarkerLine, func(s sc, in *Input, _ *Tolerances) {
			in.Settings.BuiltThroughMarkers = true
			for _, m := range in.Markers {
				if m.Number != "4350003Q" && m.Number != "4350004Q" { // 0.3 m and 0 m off
					m.Number = strings.Replace(m.Number, "Q", "C", 1) // not singles: skipped
				}
			}
		}, []want{{RuleMarkerLine, data.SeverityError, 0.3, 0.01, "4350003Q"}}},
		{"pair on one side", C7PairStraddle, func(s sc, in *Input, _ *Tolerances) { s.moveMarker(in, "4350015B", 0, 50) },
			[]want{{RulePairStraddle, data.SeverityError, 0, 0, "does not straddle"}}},
		{"pair off centre", C7PairStraddle, func(s sc, in *Input, _ *Tolerances) { s.moveMarker(in, "4350015B", 0, 4) },
			[]want{{RulePairStraddle, data.SeverityWarning, 4, 0.1, "more than the 2.83 m tolerance"}}},
	})
}

func TestC8C9C10Round(t *testing.T) {
	legacy := func(_ sc, in *Input, _ *Tolerances) { marker(in, "4350004Q").Datum = "Xian1980" }
	runCheckCases(t, []checkCase{
		{"legacy datum refused", C8Displacement, legacy,
			[]want{{RuleDisplacement, data.SeverityWarning, 0, 0, "registered in the Xian1980 datum and no transformation"}}},
		{"legacy datum transformed", C8Displacement, func(s sc, in *Input, tol *Tolerances) {
			legacy(s, in, tol)
			in.Settings.Transforms = map[string]DatumTransform{"Xian1980": {Name: "test shift 5 m east",
				Apply: func(p orb.Point) orb.Point { q := s.zone.Forward(p); return s.ll(orb.Point{q[0] + 5, q[1]}) }}}
		}, []want{{RuleDisplacement, data.SeverityError, 5, 0.05, "(test shift 5 m east)"}}},
		{"recorded missing and damaged", C8Displacement, func(_ sc, in *Input, _ *Tolerances) {
			in.MarkerChecks[0].Status, in.MarkerChecks[0].Observed = data.StatusMissing, nil
			in.MarkerChecks[1].Status = data.StatusDamaged
		}, []want{{RuleDisplacement, data.SeverityError, 0, 0, "4350001Q is recorded as missing"},
			{RuleDisplacement, data.SeverityWarning, 0, 0, "4350002Q is recorded as damaged"}}},
		{"observer's own σ", C8Displacement, func(_ sc, in *Input, _ *Tolerances) {
			for _, c := range in.MarkerChecks {
				c.AccuracyM = 3
			}
		}, nil},
		{"two reference objects", C9References, func(_ sc, in *Input, _ *Tolerances) { in.Markers[3].References = refs()[:2] },
			[]want{{RuleReferences, data.SeverityWarning, 2, 0, "has 2 reference objects, fewer than 3"}}},
		{"reference object moved", C9References, func(_ sc, in *Input, _ *Tolerances) {
			in.ObservedReferences = map[string][]data.ReferenceObject{in.Markers[0].ID: {
				{Name: "a", AzimuthDeg: 10.5, DistanceM: 20.2}, {Name: "b", AzimuthDeg: 122, DistanceM: 35}}}
		}, []want{{RuleReferences, data.SeverityWarning, 0, 1e-9, `"b" differs by 0.00 m in distance and 2.00° in azimuth`}}},
		{"record of a stranger", C10Recorded, func(_ sc, in *Input, _ *Tolerances) {
			in.MarkerChecks = append(in.MarkerChecks, &data.MarkerCheck{ID: "x", RoundID: "r1", MarkerID: "nobody"})
		}, []want{{RuleRecorded, data.SeverityError, 0, 0, "names marker nobody"}}},
		{"marker retired before the round", C10Recorded, func(_ sc, in *Input, _ *Tolerances) {
			in.Markers[0].Valid.To = data.Date(2024, 1, 1)
			in.MarkerChecks = in.MarkerChecks[1:]
		}, nil},
	})
}

// westLon is the longitude of the agreed line's western end.
func westLon() float64 {
	z, _ := geo.ZoneByEPSG(4545)
	return z.Inverse(orb.Point{e0, n0})[0]
}
