package pgoracle

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/geo/inspect"
)

// townCase is two townships of a county sharing a random zigzag boundary;
// township 1's side of it is moved east by shift (an overlap) or west (a
// gap) between two of its vertices.
type townCase struct {
	t1, t2, county orb.Polygon
	in             inspect.Input
}

func newTownCase(tb testing.TB, r *rand.Rand, shift float64) townCase {
	const x0, x, x1, y0, y1, step = e0, e0 + 2000, e0 + 4000, n0 - 6000, n0 - 2000, 50.0
	amp, freq := r.Float64()*6, 0.3+r.Float64()
	var shared orb.LineString // south to north
	for y := y0; y <= y1; y += step {
		k := (y - y0) / step
		dx := amp * math.Sin(k*freq)
		if y == y0 || y == y1 {
			dx = 0
		}
		shared = append(shared, orb.Point{x + dx, y})
	}
	ka := 2 + r.IntN(len(shared)/2)
	kb := ka + 3 + r.IntN(len(shared)/3)
	east := orb.LineString{}
	for k, p := range shared {
		moved := orb.Point{p[0] + shift, p[1]}
		switch {
		case shift == 0 || k < ka || k > kb:
			east = append(east, p)
		case k == ka:
			east = append(east, p, moved)
		case k == kb:
			east = append(east, moved, p)
		default:
			east = append(east, moved)
		}
	}
	t1 := orb.Ring{{x0, y0}}
	t1 = append(append(t1, east...), orb.Point{x0, y1}, orb.Point{x0, y0})
	t2 := orb.Ring{shared[0], {x1, y0}, {x1, y1}}
	for k := len(shared) - 1; k >= 0; k-- {
		t2 = append(t2, shared[k])
	}
	c := townCase{t1: orb.Polygon{t1}, t2: orb.Polygon{t2},
		county: orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
	z := zone(tb)
	unit := func(code, name string, pg orb.Polygon) *data.AdminUnit {
		return &data.AdminUnit{ID: code, UnitID: code, Code: data.Code(code), Name: name,
			Geometry: orb.MultiPolygon{ll(z, pg).(orb.Polygon)}}
	}
	c.in = inspect.Input{County: unit("500241", "县", c.county),
		Townships: []*data.AdminUnit{unit("500241109", "一镇", c.t1), unit("500241110", "二镇", c.t2)}}
	return c
}

// The widest overlap (C13) and gap (C14 under 1 m, C15 from 1 m) found by
// boundary sampling against the maximum inscribed circle of PostGIS's
// ST_Intersection of the townships and ST_Difference of the county and
// their union.
func TestOracleOverlapsAndGaps(t *testing.T) {
	pool := pgtest.Pool(t)
	r := rand.New(rand.NewPCG(5, 8))
	ctx := context.Background()
	seen := map[string]int{}
	defer func() { t.Logf("cases with findings: %v", seen) }()
	for i := range 24 {
		shift := (r.Float64()*2.5 + 0.01) * float64(1-2*(i%2)) // alternately overlap and gap
		if i%8 == 7 {
			shift = 0
		}
		c := newTownCase(t, r, shift)
		var ow, oa, gw, ga float64
		err := pool.QueryRow(ctx, `
WITH g AS (SELECT ST_GeomFromText($1) a, ST_GeomFromText($2) b, ST_GeomFromText($3) c),
o AS (SELECT ST_CollectionExtract(ST_Intersection(a, b), 3) g FROM g),
d AS (SELECT ST_CollectionExtract(ST_Difference(c, ST_Union(a, b)), 3) g FROM g)
SELECT COALESCE(2 * (ST_MaximumInscribedCircle(o.g)).radius, 0), ST_Area(o.g),
       COALESCE(2 * (ST_MaximumInscribedCircle(d.g)).radius, 0), ST_Area(d.g) FROM o, d`,
			wkt(c.t1), wkt(c.t2), wkt(c.county)).Scan(&ow, &oa, &gw, &ga)
		if err != nil {
			t.Fatal(err)
		}
		if oa < 1e-6 {
			ow = 0
		}
		if ga < 1e-6 {
			gw = 0
		}
		got, err := inspect.Run(c.in, inspect.DefaultTolerances())
		if err != nil {
			t.Fatal(err)
		}
		byRule := map[string]float64{}
		for _, f := range got {
			if f.Severity == data.SeverityError {
				byRule[f.Rule] = f.Measured
			}
		}
		wantGap, wantCov := 0.0, 0.0
		if gw > 0 && gw < 1 {
			wantGap = gw
		} else if gw >= 1 {
			wantCov = gw
		}
		if math.Abs(gw-1) < 0.1 {
			continue // too close to the sliver limit to classify both ways alike
		}
		for _, w := range []struct {
			rule string
			want float64
		}{{inspect.RuleOverlap, ow}, {inspect.RuleGap, wantGap}, {inspect.RuleCoverage, wantCov}} {
			g := byRule[w.rule]
			if w.want > 0 {
				seen[w.rule]++
			}
			if (g > 0) != (w.want > 0) || math.Abs(g-w.want) > 0.1*w.want+1e-6 {
				t.Errorf("case %d (shift %.3f m): %s width %.4f m; PostGIS %.4f m", i, shift, w.rule, g, w.want)
			}
		}
		if len(byRule) != map[bool]int{true: 1, false: 0}[shift != 0] {
			for _, f := range got {
				t.Logf("case %d: %s %s %.4f %s", i, f.Rule, f.Severity, f.Measured, f.MessageEN)
			}
			t.Errorf("case %d (shift %.3f m): %d rules with errors, want %d", i, shift, len(byRule), map[bool]int{true: 1, false: 0}[shift != 0])
		}
	}
}
