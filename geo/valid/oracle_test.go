package valid_test

import (
	"fmt"
	"math/rand/v2"
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

// The verdicts of the named cases are those of ST_IsValid and ST_IsSimple.
func TestOracleCases(t *testing.T) {
	pool := pgtest.Pool(t)
	for _, c := range Cases {
		if got := ask(t, pool, "ST_IsValid", c.Geom); got != c.Valid {
			t.Errorf("%s: ST_IsValid %v, the case says %v", c.Name, got, c.Valid)
		}
	}
	for _, c := range SimpleCases {
		if got := ask(t, pool, "ST_IsSimple", c.Geom); got != c.Simple {
			t.Errorf("%s: ST_IsSimple %v, the case says %v", c.Name, got, c.Simple)
		}
	}
}

// Check on random rings, and on a shell with a random hole (crossing it,
// outside, inside, touching), on a grid of 1/1024° near the 湘渝黔 corner,
// against ST_IsValid; CheckSimple on random lines against ST_IsSimple.
func TestOracleRandom(t *testing.T) {
	pool := pgtest.Pool(t)
	r := rand.New(rand.NewPCG(7, 11))
	// Grid steps of 1/1024° are exact in binary, so that PostGIS's exact
	// predicates and valid's see the same shapes.
	at := func(i, j int) orb.Point { return orb.Point{109.25 + float64(i)/1024, 28.5 + float64(j)/1024} }
	pt := func() orb.Point { return at(r.IntN(12), r.IntN(12)) }
	// Holes avoid the shell's grid lines 2 and 9: touching the shell at
	// two points (a disconnected interior) is not checked.
	off := func() int { return []int{0, 1, 3, 4, 5, 6, 7, 8, 10, 11}[r.IntN(10)] }
	ring := func(n int, hole bool) orb.Ring {
		rg := make(orb.Ring, n)
		for k := range rg {
			if rg[k] = pt(); hole {
				rg[k] = at(off(), off())
			}
		}
		return append(rg, rg[0])
	}
	counts := map[string]int{}
	for i := range 300 {
		var g orb.Geometry
		switch i % 3 {
		case 0:
			g = orb.Polygon{ring(3+r.IntN(6), false)}
		case 1:
			g = orb.Polygon{{at(2, 2), at(9, 2), at(9, 9), at(2, 9), at(2, 2)}, ring(3+r.IntN(2), true)}
		default:
			ls := make(orb.LineString, 2+r.IntN(6))
			for k := range ls {
				ls[k] = pt()
			}
			g = ls
		}
		fn, err := "ST_IsValid", valid.Check("geometry", g)
		if i%3 == 2 {
			fn, err = "ST_IsSimple", valid.CheckSimple("geometry", g)
		}
		ok := ask(t, pool, fn, g)
		counts[fmt.Sprint(fn, " ", ok)]++
		if (err == nil) != ok {
			t.Errorf("case %d %s: %s %v, valid says %v", i, wkt.MarshalString(g), fn, ok, err)
		}
	}
	t.Logf("cases: %v", counts)
}
