package pgoracle

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/geo"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const e0, n0 = 620000.0, 3150000.0

func zone(tb testing.TB) geo.Zone {
	tb.Helper()
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		tb.Fatal(err)
	}
	return z
}

func wkt(g orb.Geometry) string {
	var b strings.Builder
	pts := func(ps []orb.Point) {
		b.WriteByte('(')
		for i, p := range ps {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%.6f %.6f", p[0], p[1])
		}
		b.WriteByte(')')
	}
	switch g := g.(type) {
	case orb.Point:
		fmt.Fprintf(&b, "POINT(%.6f %.6f)", g[0], g[1])
	case orb.LineString:
		b.WriteString("LINESTRING")
		pts(g)
	case orb.Polygon:
		b.WriteString("POLYGON(")
		for i, r := range g {
			if i > 0 {
				b.WriteByte(',')
			}
			pts(r)
		}
		b.WriteByte(')')
	}
	return b.String()
}

func query(tb testing.TB, pool *pgxpool.Pool, sql string, args ...any) float64 {
	tb.Helper()
	var v float64
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&v); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
	return v
}

// wavy returns a random smooth line west to east: n vertices about step
// metres apart, northing a sum of two random sines plus noise.
func wavy(r *rand.Rand, n int, step float64) orb.LineString {
	a1, a2 := 50+r.Float64()*200, 5+r.Float64()*30
	w1, w2 := 800+r.Float64()*2000, 60+r.Float64()*200
	ls := make(orb.LineString, n)
	for i := range ls {
		t := float64(i) * step
		ls[i] = orb.Point{e0 + t + r.Float64()*step/4, n0 + a1*math.Sin(t/w1) + a2*math.Sin(t/w2)}
	}
	return ls
}

func perturb(r *rand.Rand, ls orb.LineString, amp float64) orb.LineString {
	out := make(orb.LineString, len(ls))
	for i, p := range ls {
		out[i] = orb.Point{p[0] + (r.Float64()-0.5)*amp, p[1] + (r.Float64()-0.5)*amp}
	}
	return out
}

func ll(z geo.Zone, g orb.Geometry) orb.Geometry { return geo.ProjectGeometry(g, z.Inverse) }
