package inspect

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

func TestC11Versions(t *testing.T) {
	shift := func(d float64) func(s sc, in *Input, _ *Tolerances) {
		return func(s sc, in *Input, _ *Tolerances) {
			in.Versions[1].Geometry = orb.MultiLineString{s.llLine(agreedLine(func(t float64) float64 {
				return d * shiftB(t) / 12
			}))}
		}
	}
	slope := math.Hypot(1, 200.0/1500*math.Cos(15100.0/1500))
	runCheckCases(t, []checkCase{
		{"7 m warns", C11Versions, shift(7), []want{
			{RuleVersions, data.SeverityWarning, 7 / slope, 0.1, "more than the 5.00 m tolerance"},
			{RuleVersions, data.SeverityInfo, 7 / slope, 0.1, "within tolerance"}}},
		{"1 m within tolerance", C11Versions, shift(1), []want{
			{RuleVersions, data.SeverityInfo, 1 / slope, 0.02, "within tolerance"}}},
		{"side B missing", C11Versions, func(_ sc, in *Input, _ *Tolerances) { in.Versions = in.Versions[:1] },
			[]want{{RuleVersions, data.SeverityWarning, 0, 0, "edge matching not checked"}}},
		{"superseded version ignored", C11Versions, func(s sc, in *Input, tol *Tolerances) {
			shift(30)(s, in, tol)
			in.Versions[1].Valid.To = data.Date(2024, 1, 1)
			in.Versions = append(in.Versions, &data.LineVersion{ID: "vb2", Source: data.SourceSideB,
				SourceCRS: 4490, Geometry: in.Versions[0].Geometry})
		}, []want{{RuleVersions, data.SeverityInfo, 0, 1e-6, "edge-matched"}}},
		{"no agreed line: whole versions", C11Versions, func(s sc, in *Input, tol *Tolerances) {
			shift(7)(s, in, tol)
			in.Line = nil
			in.Markers = nil
		}, []want{{RuleVersions, data.SeverityWarning, 7 / slope, 0.1, "segment start–end"},
			{RuleVersions, data.SeverityInfo, 7 / slope, 0.1, "within tolerance"}}},
		{"two-part versions", C11Versions, func(s sc, in *Input, _ *Tolerances) {
			for _, v := range in.Versions {
				ls := v.Geometry[0]
				v.Geometry = orb.MultiLineString{ls[:1001], ls[1000:]}
			}
		}, []want{{RuleVersions, data.SeverityInfo, 0, 1e-6, "edge-matched"}}},
	})
}

func TestTechnicalStatus(t *testing.T) {
	f := func(sev data.Severity, m float64) data.Finding {
		return data.Finding{Rule: RuleVersions, Severity: sev, Measured: m, Tolerance: 0.001}
	}
	for _, c := range []struct {
		in   []data.Finding
		want data.TechnicalStatus
	}{
		{nil, data.TechUnknown},
		{[]data.Finding{{Rule: RuleMarkerLine, Severity: data.SeverityError}}, data.TechUnknown},
		{[]data.Finding{f(data.SeverityWarning, 0)}, data.TechUnknown},
		{[]data.Finding{f(data.SeverityInfo, 0.0005)}, data.TechEdgeMatched},
		{[]data.Finding{f(data.SeverityInfo, 3)}, data.TechWithinTolerance},
		{[]data.Finding{f(data.SeverityWarning, 6), f(data.SeverityInfo, 6)}, data.TechWithinTolerance},
		{[]data.Finding{f(data.SeverityError, 11), f(data.SeverityInfo, 11)}, data.TechNotMatched},
	} {
		if got := TechnicalStatus(c.in); got != c.want {
			t.Errorf("TechnicalStatus(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestC12TriJunction(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"node 3 m from the agreed point", C12TriJunction, func(s sc, in *Input, _ *Tolerances) {
			j := in.TriJunctions[0].Junction
			p := s.zone.Forward(j.Agreed)
			j.Agreed = s.ll(orb.Point{p[0], p[1] + 3})
		}, []want{{RuleTriJunction, data.SeverityError, 3, 1e-6, "more than the 2.00 m tolerance"}}},
		{"agreed σ of 2 m", C12TriJunction, func(s sc, in *Input, _ *Tolerances) {
			j := in.TriJunctions[0].Junction
			p := s.zone.Forward(j.Agreed)
			j.Agreed, j.SigmaM = s.ll(orb.Point{p[0], p[1] + 3}), 2
		}, nil},
		{"a line without geometry", C12TriJunction, func(_ sc, in *Input, _ *Tolerances) { in.TriJunctions[0].Lines[1] = nil },
			[]want{{RuleTriJunction, data.SeverityError, 0, 0, "line 2 (l2) has no usable geometry"}}},
	})
}

func TestC15Coverage(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"township spills over the county", C15Coverage, func(s sc, in *Input, _ *Tolerances) {
			r := in.Townships[1].Geometry[0][0]
			for i, q := range r {
				if p := s.zone.Forward(q); p[0] > e0+3999 {
					r[i] = s.ll(orb.Point{p[0] + 3, p[1]})
				}
			}
		}, []want{{RuleCoverage, data.SeverityError, 3, 1e-6, "extends up to 3.00 m beyond county"}}},
		{"townships fall short of the county", C15Coverage, func(s sc, in *Input, _ *Tolerances) {
			r := in.County.Geometry[0][0]
			for i, q := range r {
				if p := s.zone.Forward(q); p[1] < n0-5999 {
					r[i] = s.ll(orb.Point{p[0], p[1] - 0.4})
				}
			}
		}, []want{{RuleCoverage, data.SeverityError, 0.4, 1e-6, "no township covers"}}},
		{"wide gap between townships", C15Coverage, func(s sc, in *Input, _ *Tolerances) {
			r := in.Townships[1].Geometry[0][0]
			for i, q := range r {
				if p := s.zone.Forward(q); p[0] < e0+2001 {
					r[i] = s.ll(orb.Point{p[0] + 30, p[1]})
				}
			}
		}, []want{{RuleCoverage, data.SeverityError, 30, 1e-6, "at least 30.00 m wide"}}},
	})
}

func TestC16Codes(t *testing.T) {
	runCheckCases(t, []checkCase{
		{"township under another county", C16Codes, func(_ sc, in *Input, _ *Tolerances) { in.Townships[0].Code = "500242109" },
			[]want{{RuleCodes, data.SeverityError, 0, 0, "does not start with county code 500241"}}},
		{"type against class", C16Codes, func(_ sc, in *Input, _ *Tolerances) { in.Townships[1].Type = "镇" },
			[]want{{RuleCodes, data.SeverityError, 0, 0, "unit type 镇 does not match code 500241206"}}},
		{"out of range", C16Codes, func(_ sc, in *Input, _ *Tolerances) { in.Townships[1].Code = "500241600" },
			[]want{{RuleCodes, data.SeverityError, 0, 0, "outside 001–599"}}},
		{"duplicate and wrong parent", C16Codes, func(_ sc, in *Input, _ *Tolerances) {
			in.Townships[1].Code, in.Townships[1].Type, in.Townships[1].ParentID = "500241109", "镇", "u-x"
		}, []want{{RuleCodes, data.SeverityError, 0, 0, "used by another township"},
			{RuleCodes, data.SeverityError, 0, 0, "parent u-x is not county u-500241"}}},
		{"line code", C16Codes, func(_ sc, in *Input, _ *Tolerances) { in.Line.CodeB = "520000" },
			[]want{{RuleCodes, data.SeverityError, 0, 0, "line code 4350 should be 4352"}}},
		{"place codes do not nest", C16Codes, func(_ sc, in *Input, _ *Tolerances) {
			in.Places[0].AdminCodes = []data.Code{"500242", "500241109"}
		}, []want{{RuleCodes, data.SeverityError, 0, 0, "500241109 does not lie within 500242"}}},
	})
}

func TestC17C18C19(t *testing.T) {
	river := func(off float64) func(s sc, in *Input, _ *Tolerances) {
		return func(s sc, in *Input, _ *Tolerances) {
			ls := agreedLine(func(float64) float64 { return off })[200:800]
			in.References = []ReferenceFeature{{Name: "清水江", Kind: "river", Geometry: orb.MultiLineString{s.llLine(ls)}}}
		}
	}
	slope := func(t float64) float64 { return math.Hypot(1, 200.0/1500*math.Cos(t/1500)) }
	runCheckCases(t, []checkCase{
		{"river follows", C17Divergence, river(0.5), []want{{RuleDivergence, data.SeverityInfo, 0.5, 0.05, "follows the line"}}},
		{"river moved", C17Divergence, river(8), []want{{RuleDivergence, data.SeverityInfo, 8 / slope(2000), 0.5, "has moved away"}}},
		{"overdue", C18Schedule, func(_ sc, in *Input, _ *Tolerances) { in.Line.LastInspected = data.Date(2019, 3, 1) },
			[]want{{RuleSchedule, data.SeverityWarning, 2223, 0, "396 days overdue"}}},
		{"never inspected, taken effect 2015", C18Schedule, func(_ sc, in *Input, tol *Tolerances) {
			in.Line.LastInspected, in.Line.CycleYears, in.Line.Valid.From = time.Time{}, 0, data.Date(2015, 1, 1)
			tol.CycleYears = 10
		}, []want{{RuleSchedule, data.SeverityWarning, 3743, 0, "cycle 10 years"}}},
		{"unsigned", C18Schedule, func(_ sc, in *Input, _ *Tolerances) {
			in.Now, in.Line.LastInspected = data.Date(2025, 7, 1), data.Date(2024, 1, 1)
			in.Signatures = []*data.Signature{{RoundID: "r1", Party: "430000"}}
		}, []want{{RuleSchedule, data.SeverityWarning, 122, 0, "unsigned by 500000 after 122 days"}}},
		{"no clock", C18Schedule, func(_ sc, in *Input, _ *Tolerances) {
			in.Now, in.Line.LastInspected = time.Time{}, data.Date(2000, 1, 1)
		},
			nil},
		{"place in another township", C19PlaceInTownship, func(s sc, in *Input, _ *Tolerances) {
			in.Places[0].Geometry = s.ll(orb.Point{e0 + 3000, n0 - 4000})
		}, []want{{RulePlaceTownship, data.SeverityError, 1000, 1e-6, "lies in 某乡（500241206）"}}},
		{"place on the boundary", C19PlaceInTownship, func(s sc, in *Input, _ *Tolerances) {
			in.Places[0].Geometry = s.ll(orb.Point{e0 + 2000.6, n0 - 4000})
		}, []want{{RulePlaceTownship, data.SeverityInfo, 0.6, 1e-6, "on the boundary"}}},
		{"area place by centroid", C19PlaceInTownship, func(s sc, in *Input, _ *Tolerances) {
			in.Places[0].Geometry = s.llPoly(orb.Ring{{e0 + 2500, n0 - 4000}, {e0 + 2600, n0 - 4000}, {e0 + 2600, n0 - 3900}, {e0 + 2500, n0 - 4000}})[0]
		}, []want{{RulePlaceTownship, data.SeverityError, 566.67, 0.01, "outside it"}}},
	})
}

func TestTolerances(t *testing.T) {
	tol := DefaultTolerances()
	if err := tol.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"marker_line_warn_m": 2, "sliver_m": 0.5}`), &tol); err != nil {
		t.Fatal(err)
	}
	if tol.MarkerLineWarnM != 2 || tol.SliverM != 0.5 || tol.MarkerLineErrorM != 10 {
		t.Errorf("per-line override gave %+v", tol)
	}
	for _, bad := range []func(*Tolerances){
		func(t *Tolerances) { t.SigmaK = math.NaN() },
		func(t *Tolerances) { t.MinReferenceObjects = -1 },
		func(t *Tolerances) { t.VersionWarnM = 20 },
		func(t *Tolerances) { t.CoverageSampleM = 0 },
	} {
		tol := DefaultTolerances()
		bad(&tol)
		if _, err := Run(Input{}, tol); data.KindOf(err) != data.KindInvalid {
			t.Errorf("Run with %+v: error %v, want invalid", tol, err)
		}
	}
}

// Garbage in gives findings or nothing, never a panic.
func TestRunBadInput(t *testing.T) {
	nan := math.NaN()
	ins := []Input{
		{},
		{Line: &data.BoundaryLine{}, Versions: []*data.LineVersion{nil, {}}, Markers: []*data.Marker{nil, {Number: "x"}},
			MarkerChecks: []*data.MarkerCheck{nil, {MarkerID: "y", Observed: &orb.Point{nan, nan}}},
			Townships:    []*data.AdminUnit{nil, {Code: "1"}}, County: &data.AdminUnit{}, Places: []*data.NamedPlace{nil, {}},
			TriJunctions: []TriJunctionInput{{}, {Junction: &data.TriJunction{Agreed: orb.Point{nan, 1}}}},
			Round:        &data.InspectionRound{}, Now: data.Date(2025, 1, 1)},
		{Line: &data.BoundaryLine{Level: data.LevelProvince, Geometry: orb.MultiLineString{{{109, 28}, {nan, 28}}, {{109, 28}, {109.1, 28}}}},
			Markers: []*data.Marker{{Number: "4350001A", Position: orb.Point{109.05, 28}}, {Number: "4350001B", Position: orb.Point{109.05, 28}}},
			SideA:   &data.AdminUnit{Geometry: orb.MultiPolygon{{{{109, 28}}}}}},
		{Townships: []*data.AdminUnit{{Code: "500241109", Geometry: orb.MultiPolygon{{{{109, 28}, {109, 28}, {109, 28}, {109, 28}}}}}},
			County: &data.AdminUnit{Code: "500241", Geometry: orb.MultiPolygon{{{{nan, 28}}}}}},
	}
	for i, in := range ins {
		if _, err := Run(in, DefaultTolerances()); err != nil {
			t.Errorf("input %d: %v", i, err)
		}
	}
}
