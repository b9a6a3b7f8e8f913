package inspect_test

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/inspect"
)

// C1 finds a township's hole outside its shell, as the entry checks of
// geo/valid do; a hole inside is fine.
func TestC1HoleOutsideShell(t *testing.T) {
	shell := orb.Ring{{109.27, 28.50}, {109.28, 28.50}, {109.28, 28.51}, {109.27, 28.51}, {109.27, 28.50}}
	inside := orb.Ring{{109.272, 28.502}, {109.273, 28.502}, {109.273, 28.503}, {109.272, 28.502}}
	outside := orb.Ring{{109.29, 28.50}, {109.295, 28.50}, {109.295, 28.505}, {109.29, 28.50}}
	for _, c := range []struct {
		name string
		hole orb.Ring
		want int
	}{{"inside", inside, 0}, {"outside", outside, 1}} {
		in := inspect.Input{Townships: []*data.AdminUnit{{Code: "500241109", Name: "洪安镇",
			Geometry: orb.MultiPolygon{{shell, c.hole}}}}}
		got, err := inspect.C1Validity(in, inspect.DefaultTolerances())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != c.want {
			t.Errorf("hole %s: %d findings %v, want %d", c.name, len(got), got, c.want)
		}
	}
}

// C1 finds what ST_IsValid calls a disconnected interior, overlapping
// parts and nested shells, as the entry checks of geo/valid do; parts
// touching at points, and holes touching the shell once, are fine.
func TestC1TouchingAndOverlappingParts(t *testing.T) {
	sq := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	shell := sq(109.27, 28.50, 109.28, 28.51)
	// Touch points are vertices of both rings: a vertex on an edge of
	// another ring in lon/lat is off it, by a hair, in the Gauss-Krüger
	// plane where C1 tests topology.
	shell4 := orb.Ring{{109.27, 28.50}, {109.275, 28.50}, {109.28, 28.50}, {109.28, 28.505}, {109.28, 28.51}, {109.27, 28.51}, {109.27, 28.505}, {109.27, 28.50}}
	for _, c := range []struct {
		name string
		geom orb.MultiPolygon
		want string // the finding's English message, "" for none
	}{
		{"hole cutting off a corner", orb.MultiPolygon{{shell4, {{109.27, 28.505}, {109.275, 28.505}, {109.275, 28.50}, {109.272, 28.502}, {109.27, 28.505}}}},
			"its interior is disconnected at 1 places (rings touching at two points or in a cycle)"},
		{"holes in a chain from shell to shell", orb.MultiPolygon{{shell4,
			{{109.27, 28.505}, {109.274, 28.503}, {109.275, 28.505}, {109.274, 28.507}, {109.27, 28.505}},
			{{109.275, 28.505}, {109.278, 28.503}, {109.28, 28.505}, {109.278, 28.507}, {109.275, 28.505}}}},
			"its interior is disconnected at 1 places (rings touching at two points or in a cycle)"},
		{"hole touching the shell once", orb.MultiPolygon{{shell4, {{109.27, 28.505}, {109.274, 28.503}, {109.275, 28.505}, {109.274, 28.507}, {109.27, 28.505}}}}, ""},
		{"parts overlapping", orb.MultiPolygon{{shell}, {sq(109.275, 28.505, 109.285, 28.515)}}, "its rings intersect at 2 places"},
		{"parts sharing an edge", orb.MultiPolygon{{shell}, {sq(109.28, 28.50, 109.29, 28.51)}}, "its rings intersect at 1 places"},
		{"part inside another", orb.MultiPolygon{{shell}, {sq(109.272, 28.502, 109.273, 28.503)}}, "1 polygons lie inside another polygon of the unit"},
		{"part in another's hole", orb.MultiPolygon{{shell, sq(109.272, 28.502, 109.278, 28.508)}, {sq(109.273, 28.503, 109.274, 28.504)}}, ""},
		{"parts touching at two points", orb.MultiPolygon{{shell}, {{{109.28, 28.50}, {109.29, 28.505}, {109.28, 28.51}, {109.285, 28.505}, {109.28, 28.50}}}}, ""},
	} {
		in := inspect.Input{Townships: []*data.AdminUnit{{Code: "500241109", Name: "洪安镇", Geometry: c.geom}}}
		got, err := inspect.C1Validity(in, inspect.DefaultTolerances())
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.want == "" && len(got) != 0:
			t.Errorf("%s: %d findings, first %q, want none", c.name, len(got), got[0].MessageEN)
		case c.want != "" && (len(got) != 1 || !strings.HasSuffix(got[0].MessageEN, c.want)):
			t.Errorf("%s: findings %v, want one ending %q", c.name, got, c.want)
		}
	}
}
