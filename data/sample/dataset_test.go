package sample

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/toponym/toponym/data"
)

// TestValidate checks that every record passes its own Validate.
func TestValidate(t *testing.T) {
	set := Dataset()
	for _, u := range set.Units {
		if err := u.Validate(); err != nil {
			t.Errorf("unit %s %s: %v", u.Code, u.Name, err)
		}
	}
	for _, e := range set.Events {
		if err := e.Validate(); err != nil {
			t.Errorf("event %s: %v", e.ID, err)
		}
	}
	lines := map[string]*data.BoundaryLine{}
	for _, l := range set.Lines {
		lines[l.ID] = l
		if err := l.Validate(); err != nil {
			t.Errorf("line %s: %v", l.Code, err)
		}
	}
	for _, m := range set.Markers {
		l := lines[m.LineID]
		if l == nil {
			t.Fatalf("marker %s: unknown line", m.Number)
		}
		if err := m.Validate(l.Level, l.Code); err != nil {
			t.Errorf("marker %s: %v", m.Number, err)
		}
	}
	for _, p := range set.Places {
		if err := p.Validate(); err != nil {
			t.Errorf("place %s: %v", p.StandardName().Text, err)
		}
	}
	for _, s := range set.Signs {
		if err := s.Validate(); err != nil {
			t.Errorf("sign %s: %v", s.Text, err)
		}
	}
}

// TestIDsAndReferences checks that IDs are canonical, unique and stable,
// and that every reference names a record of the set.
func TestIDsAndReferences(t *testing.T) {
	a, b := Dataset(), Dataset()
	if len(a.Units) != len(b.Units) || a.Units[7].ID != b.Units[7].ID || a.Markers[3].ID != b.Markers[3].ID {
		t.Fatal("Dataset is not deterministic")
	}
	seen := map[string]string{}
	add := func(kind, id string) {
		t.Helper()
		if !data.ValidID(id) {
			t.Errorf("%s ID %q is not a canonical UUID", kind, id)
		}
		if prev, ok := seen[id]; ok {
			t.Errorf("%s ID %s already used by a %s", kind, id, prev)
		}
		seen[id] = kind
	}
	unitIDs, versionIDs := map[string]bool{}, map[string]bool{}
	for _, u := range a.Units {
		add("unit version", u.ID)
		unitIDs[u.UnitID], versionIDs[u.ID] = true, true
	}
	for _, u := range a.Units {
		if u.ParentID != "" && !unitIDs[u.ParentID] {
			t.Errorf("unit %s %s: unknown parent", u.Code, u.Name)
		}
	}
	events := map[string]bool{}
	for _, e := range a.Events {
		add("event", e.ID)
		events[e.ID] = true
		for _, v := range append(append([]string{}, e.Predecessors...), e.Successors...) {
			if !versionIDs[v] {
				t.Errorf("event %s: unknown unit version %s", e.Description, v)
			}
		}
	}
	for _, u := range a.Units {
		for _, ev := range []string{u.BeganBy, u.EndedBy} {
			if ev != "" && !events[ev] {
				t.Errorf("unit %s %s: unknown event %s", u.Code, u.Name, ev)
			}
		}
	}
	for _, l := range a.Lines {
		add("line", l.ID)
	}
	markers := map[string]bool{}
	for _, m := range a.Markers {
		add("marker", m.ID)
		markers[m.ID] = true
	}
	for _, tj := range a.TriJunctions {
		if !markers[tj.MarkerID] {
			t.Errorf("tri-junction: unknown marker %s", tj.MarkerID)
		}
	}
	for _, p := range a.Places {
		add("place", p.ID)
		for _, n := range p.Names {
			add("name", n.ID)
		}
	}
}

// TestTownshipsTileCounties checks, without a database, that the townships
// of each county share every inner edge exactly (same vertices, opposite
// directions) and that their areas add up to the county's.
func TestTownshipsTileCounties(t *testing.T) {
	s := buildShapes()
	for _, county := range []string{codeXiushan, codeHuayuan, codeSongtao} {
		edges := map[[2]orb.Point]int{}
		area := 0.0
		for _, r := range townshipRows {
			if r.Parent != county {
				continue
			}
			mp := s.towns[r.Code].multiPolygon()
			if len(mp) != 1 {
				t.Errorf("%s %s has %d parts, want 1", r.Code, r.Name, len(mp))
			}
			area += planar.Area(mp)
			for _, poly := range mp {
				for _, ring := range poly {
					for i := 1; i < len(ring); i++ {
						edges[[2]orb.Point{ring[i-1], ring[i]}]++
					}
				}
			}
		}
		outer := map[[2]orb.Point]bool{}
		for _, poly := range s.county(county) {
			for _, ring := range poly {
				for i := 1; i < len(ring); i++ {
					outer[[2]orb.Point{ring[i-1], ring[i]}] = true
				}
			}
		}
		for e, n := range edges {
			rev := [2]orb.Point{e[1], e[0]}
			switch {
			case n != 1:
				t.Errorf("%s: edge %v used %d times in one direction", county, e, n)
			case edges[rev] == 0 && !outer[e]:
				t.Errorf("%s: edge %v is neither shared nor on the county boundary", county, e)
			}
		}
		for e := range outer {
			if edges[e] != 1 {
				t.Errorf("%s: county edge %v not covered by exactly one township", county, e)
			}
		}
		if ca := planar.Area(s.county(county)); abs(area-ca) > 1e-12*ca {
			t.Errorf("%s: townships cover %.12g deg², county %.12g", county, area, ca)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
