package pgoracle

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
	orbwkt "github.com/paulmach/orb/encoding/wkt"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/geo/inspect"
)

// C1 on random short lines and rings (many of them self-crossing)
// against ST_IsSimple and ST_IsValid.
func TestOracleValidity(t *testing.T) {
	pool := pgtest.Pool(t)
	r := rand.New(rand.NewPCG(9, 4))
	z := zone(t)
	counts := map[string]int{}
	for i := range 80 {
		pts := make([]orb.Point, 3+r.IntN(8))
		for k := range pts {
			pts[k] = orb.Point{e0 + float64(r.IntN(100)), n0 + float64(r.IntN(100))}
		}
		var in inspect.Input
		var sql, geom string
		if i%2 == 0 {
			ls := orb.LineString(pts)
			in.Versions = []*data.LineVersion{{ID: "v", Source: data.SourceSideA, SourceCRS: 4490,
				Geometry: orb.MultiLineString{ll(z, ls).(orb.LineString)}}}
			sql, geom = "SELECT ST_IsSimple(ST_GeomFromText($1))", wkt(ls)
		} else {
			ring := orb.Ring(append(pts, pts[0]))
			in.Townships = []*data.AdminUnit{{Code: "500241109", Name: "t",
				Geometry: orb.MultiPolygon{ll(z, orb.Polygon{ring}).(orb.Polygon)}}}
			sql, geom = "SELECT ST_IsValid(ST_GeomFromText($1))", wkt(orb.Polygon{ring})
		}
		ok, got := validBoth(t, pool, sql, geom, in)
		counts[fmt.Sprint(ok)]++
		if (len(got) == 0) != ok {
			t.Errorf("case %d %s: PostGIS valid/simple %v, C1 findings %d", i, geom, ok, len(got))
		}
	}
	t.Logf("valid/simple cases: %v", counts)
}

// C1 on units whose rings touch, chain, cycle, overlap and nest (diamonds
// and triangles on a grid of 100 m, in the plane) against ST_IsValid on
// the same shapes in the plane. Every grid point on a ring is a vertex of
// it, so that rings touch only at shared vertices: a vertex on another
// ring's edge would, after the round trip through lon/lat, lie a hair off
// it (C1 tests topology after projecting, to the nanometre, not
// tolerantly).
func TestOracleValidityTouchingRings(t *testing.T) {
	pool := pgtest.Pool(t)
	r := rand.New(rand.NewPCG(5, 3))
	z := zone(t)
	at := func(i, j int) orb.Point { return orb.Point{e0 + 100*float64(i), n0 + 100*float64(j)} }
	odd := func(lo, hi int) int { return lo + 2*r.IntN((hi-lo)/2+1) }
	// ring returns the closed ring through grid corners c, with a vertex
	// at every grid point along its edges (edges run along the grid or at
	// 45°).
	ring := func(c ...[2]int) orb.Ring {
		var out orb.Ring
		for k, p := range c {
			q := c[(k+1)%len(c)]
			di, dj := sign(q[0]-p[0]), sign(q[1]-p[1])
			for i, j := p[0], p[1]; i != q[0] || j != q[1]; i, j = i+di, j+dj {
				out = append(out, at(i, j))
			}
		}
		return append(out, out[0])
	}
	diamond := func(i, j, d int) orb.Ring {
		c := [][2]int{{i + d, j}, {i, j + d}, {i - d, j}, {i, j - d}}
		if k := r.IntN(8); k < 4 {
			c = append(c[:k:k], c[k+1:]...)
		}
		return ring(c...)
	}
	counts := map[string]int{}
	for i := range 120 {
		var mp orb.MultiPolygon
		if i%2 == 0 {
			p := orb.Polygon{ring([2]int{2, 2}, [2]int{8, 2}, [2]int{8, 8}, [2]int{2, 8})}
			for range 2 + r.IntN(3) {
				p = append(p, diamond(odd(3, 7), odd(3, 7), 1))
			}
			mp = orb.MultiPolygon{p}
		} else {
			for range 2 + r.IntN(2) {
				mp = append(mp, orb.Polygon{diamond(odd(1, 7), odd(1, 7), 1+2*r.IntN(2))})
			}
		}
		in := inspect.Input{Townships: []*data.AdminUnit{{Code: "500241109", Name: "t", Geometry: ll(z, mp).(orb.MultiPolygon)}}}
		ok, got := validBoth(t, pool, "SELECT ST_IsValid(ST_GeomFromText($1))", orbwkt.MarshalString(mp), in)
		counts[fmt.Sprint(ok)]++
		if (len(got) == 0) != ok {
			t.Errorf("case %d %s: PostGIS valid %v, C1 findings %v", i, orbwkt.MarshalString(mp), ok, got)
		}
	}
	t.Logf("valid cases: %v", counts)
}

func sign(v int) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// validBoth asks PostGIS (sql over the WKT geom) and C1 (over in) whether
// a shape is valid.
func validBoth(t *testing.T, pool *pgxpool.Pool, sql, geom string, in inspect.Input) (bool, []data.Finding) {
	t.Helper()
	var ok bool
	if err := pool.QueryRow(t.Context(), sql, geom).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	got, err := inspect.C1Validity(in, inspect.DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	return ok, got
}
