package pgoracle

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
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
		var ok bool
		if err := pool.QueryRow(t.Context(), sql, geom).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		got, err := inspect.C1Validity(in, inspect.DefaultTolerances())
		if err != nil {
			t.Fatal(err)
		}
		counts[fmt.Sprint(ok)]++
		if (len(got) == 0) != ok {
			t.Errorf("case %d %s: PostGIS valid/simple %v, C1 findings %d", i, geom, ok, len(got))
		}
	}
	t.Logf("valid/simple cases: %v", counts)
}
