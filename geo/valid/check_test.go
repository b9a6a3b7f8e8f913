package valid_test

import (
	"errors"
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
