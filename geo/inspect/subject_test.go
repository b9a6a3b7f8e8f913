package inspect

import (
	"math"
	"regexp"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// Every finding names its subject: the marker, station, segment, version,
// unit, pair of townships, junction or place it is about; only findings
// about the line as a whole leave it empty.
func TestFindingSubjects(t *testing.T) {
	in := newScenario(t, allFaults)
	in.Now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // the line is overdue (C18)
	got, err := Run(in, DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		RuleMarkerType:    {"4350010A"},
		RuleMarkerOrder:   {"4350012Q"},
		RuleDisplacement:  {"4350006Q"},
		RuleRecorded:      {"4350008Q"},
		RuleVersions:      {"4350030A/4350030B–4350031Q", ""}, // the segment, then the line's summary
		RuleTriJunction:   {"湘渝黔三交点"},
		RuleOverlap:       {"洪安镇（500241109） / 某乡（500241206）"},
		RuleGap:           {"洪安镇（500241109） / 某乡（500241206）"},
		RuleSchedule:      {"", ""}, // overdue and unsigned: the line and its round
		RulePlaceTownship: nil,
	}
	bySubject := map[string][]string{}
	for _, f := range got {
		bySubject[f.Rule] = append(bySubject[f.Rule], f.Subject)
	}
	for rule, subjects := range want {
		if !equalStrings(bySubject[rule], subjects) {
			t.Errorf("%s subjects %q, want %q", rule, bySubject[rule], subjects)
		}
	}
}

func TestFindingSubjectsOfGeometry(t *testing.T) {
	in := zigzagInput(t)
	in.Versions[0].SourceCRS = 9999
	in.SegmentChecks = []*data.SegmentCheck{
		{ID: "s1", RoundID: "r1", FromMarker: in.Markers[0].ID, ToMarker: in.Markers[1].ID, Geometry: in.Line.Geometry[1]},
		{ID: "s2", RoundID: "r1", FromMarker: "nowhere", ToMarker: in.Markers[1].ID, Geometry: in.Line.Geometry[1][:1]},
	}
	in.Places = append(in.Places, &data.NamedPlace{ID: "p-bad", AdminCodes: []data.Code{"500241", "500241109"}})
	got, err := Run(in, DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	subjects := map[string][]string{}
	for _, f := range got {
		if f.Rule == RuleValidity || f.Rule == RuleCRS {
			subjects[f.Rule] = append(subjects[f.Rule], f.Subject)
		}
	}
	// The agreed line (the line itself), side B's version, the second
	// segment record (too short; its first end is no marker of the line),
	// the bow-tie township and the place without geometry.
	wantC1 := []string{"", "vb", "s2", "bow（500241110）", "p-bad"}
	if !equalStrings(subjects[RuleValidity], wantC1) {
		t.Errorf("C1 subjects %q, want %q", subjects[RuleValidity], wantC1)
	}
	if want := []string{"va"}; !equalStrings(subjects[RuleCRS], want) {
		t.Errorf("C2 subjects %q, want %q", subjects[RuleCRS], want)
	}
}

func TestSegmentSubject(t *testing.T) {
	numbers := map[string]string{"m1": "4350001Q", "m2": "4350002Q"}
	for _, c := range []struct {
		from, to, want string
	}{
		{"m1", "m2", "4350001Q–4350002Q"},
		{"m1", "x", "s"},
		{"", "", "s"},
	} {
		if got := segmentSubject(&data.SegmentCheck{ID: "s", FromMarker: c.from, ToMarker: c.to}, numbers); got != c.want {
			t.Errorf("segmentSubject(%s, %s) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// County-line markers numbered by a pattern carry their own numbers as
// subjects, and C3 names a malformed one.
func TestFindingSubjectOfBadNumber(t *testing.T) {
	in := newScenario(t, faults{})
	in.Markers[3].Number = "4350X04Q"
	in.Line.Level = data.LevelCounty
	in.Settings.NumberPattern = regexp.MustCompile(`4350(?P<seq>\d{3})(?P<type>[QABCDE])`)
	got, err := C3MarkerNumber(in, DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Subject != "4350X04Q" {
		t.Fatalf("C3 findings %+v, want one about 4350X04Q", got)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Findings about markers and stations name them.
func TestFindingSubjectsOfMarkers(t *testing.T) {
	in := newScenario(t, faults{})
	z := sc{tb: t, zone: mustZone(t)}
	for _, m := range in.Markers {
		switch m.Number {
		case "4350003Q": // 7 m off the line (C6 warning)
			m.Position = z.ll(beside(1500, 7))
		case "4350015B": // 31 m off where A stands 25 m off (C7 warning)
			m.Position = z.ll(beside(7500, -31))
		case "4350017Q": // one reference object (C9)
			m.References = m.References[:1]
		}
	}
	got, err := Run(in, DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{RuleMarkerLine: "4350003Q", RulePairStraddle: "4350015A/4350015B", RuleReferences: "4350017Q"}
	for rule, subj := range want {
		found := false
		for _, f := range got {
			if f.Rule == rule {
				found = true
				if f.Subject != subj {
					t.Errorf("%s subject %q, want %q", rule, f.Subject, subj)
				}
			}
		}
		if !found {
			t.Errorf("no %s finding", rule)
		}
	}
}

func mustZone(t *testing.T) geo.Zone {
	t.Helper()
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// Findings about something with a position carry a location: a record
// naming a marker of another line (its observation), a township or place
// with a bad code (the township's centroid, the place), a line with a NaN
// coordinate (its first finite point).
func TestFindingLocations(t *testing.T) {
	in := newScenario(t, faults{})
	z := sc{tb: t, zone: mustZone(t)}
	obs := z.ll(orb.Point{e0 + 100, n0 + 100})
	in.MarkerChecks = append(in.MarkerChecks, &data.MarkerCheck{ID: "c-stray", RoundID: "r1", MarkerID: "elsewhere",
		Observed: &obs, Status: data.StatusIntact})
	in.Townships[1].Code = "500242206" // not under the county
	place := z.ll(orb.Point{e0 + 700, n0 - 4000})
	in.Places = append(in.Places, &data.NamedPlace{ID: "p2", Geometry: place,
		AdminCodes: []data.Code{"500242", "500241109"}})
	seg := append(orb.LineString{{math.NaN(), 28}}, in.Line.Geometry[0][:3]...)
	in.SegmentChecks = []*data.SegmentCheck{{ID: "s1", RoundID: "r1", Geometry: seg}}
	got, err := Run(in, DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	// Township 2 is the square x 2–4 km, y −6…−2 km from the origin.
	centroid := z.ll(orb.Point{e0 + 3000, n0 - 4000})
	want := map[string]orb.Point{"c-stray": obs, "某乡（500242206）": centroid, "p2": place, "s1": seg[1]}
	for _, f := range got {
		w, ok := want[f.Subject]
		if !ok {
			continue
		}
		delete(want, f.Subject)
		q, isPoint := f.Location.(orb.Point)
		if !isPoint || math.Abs(q[0]-w[0]) > 1e-7 || math.Abs(q[1]-w[1]) > 1e-7 {
			t.Errorf("%s %s: location %v, want %v", f.Rule, f.Subject, f.Location, w)
		}
	}
	for subj := range want {
		t.Errorf("no finding about %s", subj)
	}
}
