package valid_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/geo/valid"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// ask asks PostGIS whether g is valid (fn ST_IsValid) or simple
// (ST_IsSimple); coordinates go as WKT in their shortest exact form.
func ask(tb testing.TB, pool *pgxpool.Pool, fn string, g orb.Geometry) bool {
	tb.Helper()
	var ok bool
	if err := pool.QueryRow(tb.Context(), "SELECT "+fn+"(ST_GeomFromText($1, 4490))", wkt.MarshalString(g)).Scan(&ok); err != nil {
		tb.Fatal(err)
	}
	return ok
}

// reasons are what ST_IsValidReason says of the named cases for the two
// faults valid once missed: touching rings that disconnect the interior,
// and parts of a multipolygon that overlap or nest.
var reasons = map[string]string{
	"hole cutting off a corner (touching the shell at two points)": "Interior is disconnected",
	"holes touching at two points":                                 "Interior is disconnected",
	"holes in a chain from shell to shell":                         "Interior is disconnected",
	"cycle of three touching holes":                                "Interior is disconnected",
	"hole crossing the shell at vertices":                          "Self-intersection",
	"multipolygon parts overlapping":                               "Self-intersection",
	"multipolygon parts sharing an edge":                           "Self-intersection",
	"multipolygon part inside another":                             "Nested shells",
	"multipolygon part around another":                             "Nested shells",
	"multipolygon part inside another, touching it":                "Nested shells",
	"multipolygon part filling another's hole":                     "Self-intersection",
	"multipolygon parts crossing at vertices":                      "Self-intersection",
}

// reason returns ST_IsValidReason of g.
func reason(tb testing.TB, pool *pgxpool.Pool, g orb.Geometry) string {
	tb.Helper()
	var s string
	if err := pool.QueryRow(tb.Context(), "SELECT ST_IsValidReason(ST_GeomFromText($1, 4490))", wkt.MarshalString(g)).Scan(&s); err != nil {
		tb.Fatal(err)
	}
	return s
}

// The verdicts of the named cases are those of ST_IsValid and ST_IsSimple.
func TestOracleCases(t *testing.T) {
	pool := pgtest.Pool(t)
	for _, c := range Cases {
		if got := ask(t, pool, "ST_IsValid", c.Geom); got != c.Valid {
			t.Errorf("%s: ST_IsValid %v (%s), the case says %v", c.Name, got, reason(t, pool, c.Geom), c.Valid)
		}
		if want, ok := reasons[c.Name]; ok {
			if got := reason(t, pool, c.Geom); !strings.HasPrefix(got, want) {
				t.Errorf("%s: ST_IsValidReason %q, want %q", c.Name, got, want)
			}
		}
	}
	if !ask(t, pool, "ST_IsValid", township(1000)) {
		t.Errorf("the benchmark's township is invalid: %s", reason(t, pool, township(1000)))
	}
	for _, c := range SimpleCases {
		if got := ask(t, pool, "ST_IsSimple", c.Geom); got != c.Simple {
			t.Errorf("%s: ST_IsSimple %v, the case says %v", c.Name, got, c.Simple)
		}
	}
}

// Check on random shapes on a grid of 1/1024° near the 湘渝黔 corner,
// against ST_IsValid: random rings; a shell with a random hole (crossing
// it, outside, inside, touching it at points); a shell with two or three
// triangular holes on a coarse grid, so that holes often touch the shell
// and each other, at one point or two, in chains and cycles; multipolygons
// of two or three triangles and rectangles (overlapping, sharing edges,
// nested, touching, crossing at vertices), one of them perhaps with a
// hole. CheckSimple on random lines against ST_IsSimple. It logs how many
// cases of each ST_IsValidReason there were.
func TestOracleRandom(t *testing.T) {
	pool := pgtest.Pool(t)
	s := newShapes(rand.New(rand.NewPCG(7, 11)))
	counts := map[string]int{}
	for i := range 600 {
		g, fn := s.shape(i % 6)
		err := valid.Check("geometry", g)
		ok := ask(t, pool, "ST_IsValid", g)
		if fn == "ST_IsSimple" {
			// CheckSimple is Check and more: a line must be valid and simple.
			err, ok = valid.CheckSimple("geometry", g), ok && ask(t, pool, fn, g)
		}
		why := fmt.Sprint(fn, " ", ok)
		if !ok && fn == "ST_IsValid" {
			why = reason(t, pool, g)
			why = why[:strings.IndexByte(why+"[", '[')]
		}
		counts[why]++
		if (err == nil) != ok {
			t.Errorf("case %d %s: %s %v, valid says %v", i, wkt.MarshalString(g), fn, ok, err)
		}
	}
	t.Logf("cases: %v", counts)
}

// shapes makes the random shapes of TestOracleRandom. Grid steps of
// 1/1024° are exact in binary, so that PostGIS's exact predicates and
// valid's see the same shapes.
type shapes struct{ r *rand.Rand }

func newShapes(r *rand.Rand) shapes { return shapes{r} }

func (s shapes) at(i, j int) orb.Point {
	return orb.Point{109.25 + float64(i)/1024, 28.5 + float64(j)/1024}
}

// in returns a grid point with both indexes in lo..hi.
func (s shapes) in(lo, hi int) orb.Point { return s.at(lo+s.r.IntN(hi-lo+1), lo+s.r.IntN(hi-lo+1)) }

// ring returns a closed ring of n points in lo..hi.
func (s shapes) ring(n, lo, hi int) orb.Ring {
	rg := make(orb.Ring, n)
	for k := range rg {
		rg[k] = s.in(lo, hi)
	}
	return append(rg, rg[0])
}

// diamond returns the diamond of radius r around grid point (i, j), or
// at random the triangle left of omitting one of its corners. Diamonds of
// radius 1 around points 2 steps apart touch at a corner.
func (s shapes) diamond(i, j, r int) orb.Ring {
	c := []orb.Point{s.at(i+r, j), s.at(i, j+r), s.at(i-r, j), s.at(i, j-r)}
	if k := s.r.IntN(8); k < 4 {
		c = append(c[:k:k], c[k+1:]...)
	}
	return append(orb.Ring(c), c[0])
}

// odd returns an odd number in lo..hi (both odd).
func (s shapes) odd(lo, hi int) int { return lo + 2*s.r.IntN((hi-lo)/2+1) }

// shape returns a shape of family k (0–5) and the function to ask.
func (s shapes) shape(k int) (orb.Geometry, string) {
	shell := orb.Ring{s.at(2, 2), s.at(9, 2), s.at(9, 9), s.at(2, 9), s.at(2, 2)}
	switch k {
	case 0:
		return orb.Polygon{s.ring(3+s.r.IntN(6), 0, 11)}, "ST_IsValid"
	case 1:
		return orb.Polygon{shell, s.ring(3+s.r.IntN(2), 0, 11)}, "ST_IsValid"
	case 2:
		ls := make(orb.LineString, 2+s.r.IntN(6))
		for k := range ls {
			ls[k] = s.in(0, 11)
		}
		return ls, "ST_IsSimple"
	case 3:
		p := orb.Polygon{{s.at(2, 2), s.at(8, 2), s.at(8, 8), s.at(2, 8), s.at(2, 2)}}
		for range 2 + s.r.IntN(3) {
			p = append(p, s.diamond(s.odd(3, 7), s.odd(3, 7), 1))
		}
		return p, "ST_IsValid"
	case 4:
		var mp orb.MultiPolygon
		for range 2 + s.r.IntN(2) {
			r := 1 + 2*s.r.IntN(2)
			mp = append(mp, orb.Polygon{s.diamond(s.odd(1, 7), s.odd(1, 7), r)})
		}
		return mp, "ST_IsValid"
	}
	big := orb.Ring{s.at(0, 0), s.at(8, 0), s.at(8, 8), s.at(0, 8), s.at(0, 0)}
	mp := orb.MultiPolygon{{big, s.diamond(4, 4, 2+s.r.IntN(2))}}
	for range 1 + s.r.IntN(2) {
		mp = append(mp, orb.Polygon{s.diamond(s.odd(1, 7), s.odd(1, 7), 1)})
	}
	return mp, "ST_IsValid"
}
