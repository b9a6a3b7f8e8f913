package valid_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

// Shapes near the 湘渝黔 corner, in EPSG:4490 lon/lat. The oracle test in
// geo/inspect/pgoracle checks the same verdicts against ST_IsValid.
func sq(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// diamond is a hole in sq(109.27, 28.50, 109.28, 28.51).
var diamond = orb.Ring{{109.272, 28.505}, {109.274, 28.503}, {109.276, 28.505}, {109.274, 28.507}, {109.272, 28.505}}

// Cases are the named shapes, whether ST_IsValid accepts them and the
// coordinate Check names if not.
var Cases = []struct {
	Name  string
	Geom  orb.Geometry
	Valid bool
	At    string
}{
	{"square", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51)}, true, ""},
	{"bow-tie", orb.Polygon{{{109.27, 28.50}, {109.28, 28.50}, {109.27, 28.51}, {109.28, 28.51}, {109.27, 28.50}}}, false, "(109.275, 28.505)"},
	{"spike", orb.Polygon{{{109.27, 28.50}, {109.28, 28.50}, {109.29, 28.50}, {109.28, 28.50}, {109.28, 28.51}, {109.27, 28.50}}}, false, "(109.28, 28.5)"},
	{"hole crossing shell", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), sq(109.275, 28.505, 109.285, 28.508)}, false, "(109.28, 28.505)"},
	{"hole outside shell", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), sq(109.29, 28.50, 109.295, 28.505)}, false, "(109.29, 28.5)"},
	{"nested holes", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), sq(109.271, 28.501, 109.279, 28.509), sq(109.272, 28.502, 109.273, 28.503)}, false, "(109.272, 28.502)"},
	{"hole inside shell", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), sq(109.272, 28.502, 109.273, 28.503)}, true, ""},
	{"hole touching shell at a point", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), {{109.27, 28.505}, {109.275, 28.504}, {109.275, 28.506}, {109.27, 28.505}}}, true, ""},
	{"ring touching itself", orb.Polygon{{{109.27, 28.50}, {109.28, 28.50}, {109.275, 28.505}, {109.28, 28.51}, {109.27, 28.51}, {109.275, 28.505}, {109.27, 28.50}}}, false, "(109.275, 28.505)"},
	{"duplicate consecutive points", orb.Polygon{{{109.27, 28.50}, {109.28, 28.50}, {109.28, 28.50}, {109.28, 28.51}, {109.27, 28.51}, {109.27, 28.51}, {109.27, 28.50}}}, true, ""},
	{"collapsed ring", orb.Polygon{{{109.27, 28.50}, {109.28, 28.50}, {109.28, 28.50}, {109.27, 28.50}}}, false, "(109.27, 28.5)"},
	{"multipolygon touching at a point", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {sq(109.28, 28.51, 109.29, 28.52)}}, true, ""},
	{"multipolygon with a bow-tie", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {{{109.30, 28.50}, {109.31, 28.50}, {109.30, 28.51}, {109.31, 28.51}, {109.30, 28.50}}}}, false, "(109.305, 28.505)"},
	{"hole cutting off a corner (touching the shell at two points)", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), {{109.27, 28.505}, {109.275, 28.505}, {109.275, 28.50}, {109.272, 28.502}, {109.27, 28.505}}}, false, "(109.27, 28.505)"},
	{"holes touching at two points", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), diamond, {{109.274, 28.503}, {109.278, 28.505}, {109.274, 28.507}, {109.277, 28.505}, {109.274, 28.503}}}, false, "(109.274, 28.507)"},
	{"holes in a chain from shell to shell", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), {{109.27, 28.505}, {109.274, 28.503}, {109.275, 28.505}, {109.274, 28.507}, {109.27, 28.505}}, {{109.275, 28.505}, {109.278, 28.503}, {109.28, 28.505}, {109.278, 28.507}, {109.275, 28.505}}}, false, "(109.275, 28.505)"},
	{"holes in a chain from the shell", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), {{109.27, 28.505}, {109.274, 28.503}, {109.275, 28.505}, {109.274, 28.507}, {109.27, 28.505}}, {{109.275, 28.505}, {109.278, 28.503}, {109.279, 28.505}, {109.278, 28.507}, {109.275, 28.505}}}, true, ""},
	{"cycle of three touching holes", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), {{109.272, 28.502}, {109.276, 28.502}, {109.274, 28.504}, {109.272, 28.502}}, {{109.276, 28.502}, {109.278, 28.506}, {109.275, 28.505}, {109.276, 28.502}}, {{109.274, 28.504}, {109.275, 28.505}, {109.273, 28.507}, {109.274, 28.504}}}, false, "(109.275, 28.505)"},
	{"shell and two holes meeting at one point", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), {{109.27, 28.505}, {109.274, 28.502}, {109.275, 28.504}, {109.27, 28.505}}, {{109.27, 28.505}, {109.275, 28.506}, {109.274, 28.508}, {109.27, 28.505}}}, true, ""},
	{"hole crossing the shell at vertices", orb.Polygon{sq(109.27, 28.50, 109.28, 28.51), {{109.275, 28.50}, {109.278, 28.498}, {109.28, 28.505}, {109.276, 28.504}, {109.275, 28.50}}}, false, "(109.275, 28.5)"},
	{"multipolygon parts overlapping", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {sq(109.275, 28.505, 109.285, 28.515)}}, false, "(109.28, 28.505)"},
	{"multipolygon parts sharing an edge", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {sq(109.28, 28.50, 109.29, 28.51)}}, false, "(109.28, 28.5)"},
	{"multipolygon part inside another", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {sq(109.272, 28.502, 109.273, 28.503)}}, false, "(109.272, 28.502)"},
	{"multipolygon part around another", orb.MultiPolygon{{sq(109.272, 28.502, 109.273, 28.503)}, {sq(109.27, 28.50, 109.28, 28.51)}}, false, "(109.272, 28.502)"},
	{"multipolygon part inside another, touching it", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {{{109.27, 28.50}, {109.273, 28.502}, {109.272, 28.503}, {109.27, 28.50}}}}, false, "(109.273, 28.502)"},
	{"multipolygon part in another's hole", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51), sq(109.272, 28.502, 109.278, 28.508)}, {sq(109.273, 28.503, 109.274, 28.504)}}, true, ""},
	{"multipolygon part filling another's hole", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51), sq(109.272, 28.502, 109.278, 28.508)}, {sq(109.272, 28.502, 109.278, 28.508)}}, false, "(109.272, 28.502)"},
	{"multipolygon part in another's hole, touching it", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51), sq(109.272, 28.502, 109.278, 28.508)}, {{{109.272, 28.502}, {109.275, 28.503}, {109.273, 28.505}, {109.272, 28.502}}}}, true, ""},
	{"multipolygon parts touching at two points", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {{{109.28, 28.50}, {109.29, 28.505}, {109.28, 28.51}, {109.285, 28.505}, {109.28, 28.50}}}}, true, ""},
	{"multipolygon parts crossing at vertices", orb.MultiPolygon{{sq(109.27, 28.50, 109.28, 28.51)}, {{{109.275, 28.51}, {109.28, 28.505}, {109.285, 28.515}, {109.275, 28.51}}}}, false, "(109.28, 28.505)"},
	{"line crossing itself (valid, not simple)", orb.LineString{{109.27, 28.50}, {109.28, 28.51}, {109.28, 28.50}, {109.27, 28.51}}, true, ""},
	{"line of one distinct point", orb.LineString{{109.27, 28.50}, {109.27, 28.50}}, false, "(109.27, 28.5)"},
	{"point", orb.Point{109.27, 28.50}, true, ""},
}

func TestCheck(t *testing.T) {
	for _, c := range Cases {
		t.Run(c.Name, func(t *testing.T) {
			err := valid.Check("geometry", c.Geom)
			if c.Valid {
				if err != nil {
					t.Fatalf("Check: %v, want nil", err)
				}
				return
			}
			var e *data.Error
			if !errors.As(err, &e) {
				t.Fatalf("Check: %v, want a *data.Error", err)
			}
			if e.Kind != data.KindInvalid || e.Field != "geometry" || e.Value != c.At {
				t.Errorf("Check: kind %v field %q value %q, want invalid, geometry, %q (%s)", e.Kind, e.Field, e.Value, c.At, e.Message)
			}
			if !strings.Contains(e.Message, c.At) {
				t.Errorf("message %q does not name %s", e.Message, c.At)
			}
		})
	}
}

// SimpleCases are boundary lines and whether ST_IsSimple accepts them.
var SimpleCases = []struct {
	Name   string
	Geom   orb.Geometry
	Simple bool
}{
	{"straight", orb.LineString{{109.27, 28.50}, {109.28, 28.51}, {109.29, 28.50}}, true},
	{"crossing itself", orb.LineString{{109.27, 28.50}, {109.28, 28.51}, {109.28, 28.50}, {109.27, 28.51}}, false},
	{"closed", orb.LineString(sq(109.27, 28.50, 109.28, 28.51)), true},
	{"end on its interior", orb.LineString{{109.27, 28.50}, {109.28, 28.50}, {109.28, 28.51}, {109.275, 28.50}}, false},
	{"backtracking", orb.LineString{{109.27, 28.50}, {109.28, 28.50}, {109.275, 28.50}}, false},
	{"parts meeting at ends", orb.MultiLineString{{{109.27, 28.50}, {109.28, 28.50}}, {{109.28, 28.50}, {109.28, 28.51}}}, true},
	{"parts crossing", orb.MultiLineString{{{109.27, 28.50}, {109.28, 28.51}}, {{109.28, 28.50}, {109.27, 28.51}}}, false},
}

func TestCheckSimple(t *testing.T) {
	for _, c := range SimpleCases {
		err := valid.CheckSimple("geometry", c.Geom)
		if (err == nil) != c.Simple {
			t.Errorf("%s: CheckSimple %v, want simple %v", c.Name, err, c.Simple)
		}
	}
}

// BenchmarkCheckPoint is the cost bulk import pays per point.
func BenchmarkCheckPoint(b *testing.B) {
	b.ReportAllocs()
	g := orb.Geometry(orb.Point{109.27, 28.50})
	for b.Loop() {
		if err := valid.Check("geometry", g); err != nil {
			b.Fatal(err)
		}
	}
}

// township is a polygon like a township's: a wavy shell of n vertices
// about 5 km across near the 湘渝黔 corner, with a round hole of n/10.
func township(n int) orb.Polygon {
	round := func(n int, r func(a float64) float64) orb.Ring {
		ring := make(orb.Ring, n+1)
		for k := range n {
			a := 2 * math.Pi * float64(k) / float64(n)
			ring[k] = orb.Point{109.27 + r(a)*math.Cos(a), 28.50 + r(a)*math.Sin(a)}
		}
		ring[n] = ring[0]
		return ring
	}
	shell := round(n, func(a float64) float64 { return 0.025 + 0.003*math.Sin(17*a) + 0.001*math.Sin(89*a) })
	hole := round(n/10, func(float64) float64 { return 0.005 })
	slices.Reverse(hole)
	return orb.Polygon{shell, hole}
}

// BenchmarkCheckTownship is the cost of checking a 1,000-vertex township
// with a hole; naive is the same sweep's verdict by testing every pair of
// segments, the baseline for the sweep.
func BenchmarkCheckTownship(b *testing.B) {
	g := township(1000)
	b.Run("sweep", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := valid.Check("geometry", g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("naive", func(b *testing.B) {
		b.ReportAllocs()
		var segs [][2]orb.Point
		for _, r := range g {
			for i := 0; i+1 < len(r); i++ {
				segs = append(segs, [2]orb.Point{r[i], r[i+1]})
			}
		}
		for b.Loop() {
			n := 0
			for i, s := range segs {
				for _, t := range segs[i+1:] {
					if k, _ := valid.SegContact(s[0], s[1], t[0], t[1]); k != valid.ContactNone {
						n++
					}
				}
			}
			if n != len(segs) { // each segment meets the next, ring ends included
				b.Fatalf("%d contacts, want %d", n, len(segs))
			}
		}
	})
}
