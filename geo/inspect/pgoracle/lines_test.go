package pgoracle

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/inspect"
)

// lineCase is a random agreed line, two side versions and markers on it.
type lineCase struct {
	agreed, a, b orb.LineString
	markers      []orb.Point
	in           inspect.Input
}

func newLineCase(tb testing.TB, r *rand.Rand) lineCase {
	z := zone(tb)
	c := lineCase{agreed: wavy(r, 100+r.IntN(300), 10+r.Float64()*20)}
	c.a, c.b = perturb(r, c.agreed, 1), perturb(r, c.agreed, 1)
	if r.IntN(2) == 0 { // a bump in side B
		i := r.IntN(len(c.b) - 10)
		for k := i; k < i+5; k++ {
			c.b[k][1] += 3 + r.Float64()*15
		}
	}
	length := geo.PlanarLength(c.agreed)
	ms := make([]float64, 2+r.IntN(12))
	for i := range ms {
		ms[i] = r.Float64() * length
	}
	sort.Float64s(ms)
	c.in = inspect.Input{
		Line: &data.BoundaryLine{ID: "l", Name: "oracle", Level: data.LevelProvince, Code: "4350",
			Geometry: orb.MultiLineString{ll(z, c.agreed).(orb.LineString)}},
		Versions: []*data.LineVersion{
			{ID: "a", Source: data.SourceSideA, SourceCRS: 4490, Geometry: orb.MultiLineString{ll(z, c.a).(orb.LineString)}},
			{ID: "b", Source: data.SourceSideB, SourceCRS: 4490, Geometry: orb.MultiLineString{ll(z, c.b).(orb.LineString)}},
		},
	}
	for i, m := range ms {
		p, err := geo.PlanarPointAt(c.agreed, m)
		if err != nil {
			tb.Fatal(err)
		}
		p = orb.Point{p[0] + (r.Float64()-0.5)*20, p[1] + (r.Float64()-0.5)*20}
		c.markers = append(c.markers, p)
		c.in.Markers = append(c.in.Markers, &data.Marker{ID: fmt.Sprint(i), Number: fmt.Sprintf("4350%03dQ", i+1),
			Position: z.Inverse(p), SourceCRS: 4490, Datum: "CGCS2000"})
	}
	return c
}

// Marker distance and measure on the agreed line against ST_Distance and
// ST_LineLocatePoint × ST_Length.
func TestOracleMarkerLocation(t *testing.T) {
	pool := pgtest.Pool(t)
	r := rand.New(rand.NewPCG(7, 11))
	n := 0
	for range 20 {
		c := newLineCase(t, r)
		locs, err := inspect.LocateMarkers(c.in, inspect.DefaultTolerances())
		if err != nil {
			t.Fatal(err)
		}
		if len(locs) != len(c.markers) {
			t.Fatalf("located %d of %d markers", len(locs), len(c.markers))
		}
		for i, loc := range locs {
			line, pt := wkt(c.agreed), wkt(c.markers[i])
			d := query(t, pool, "SELECT ST_Distance(ST_GeomFromText($1), ST_GeomFromText($2))", line, pt)
			m := query(t, pool, "SELECT ST_LineLocatePoint(l, ST_GeomFromText($2)) * ST_Length(l) FROM ST_GeomFromText($1) l", line, pt)
			if math.Abs(loc.Distance-d) > 1e-5 || math.Abs(loc.Measure-m) > 1e-5 {
				t.Errorf("marker %s: distance %.6f measure %.6f; PostGIS %.6f, %.6f", loc.Number, loc.Distance, loc.Measure, d, m)
			}
			n++
		}
	}
	t.Logf("%d markers compared", n)
}

// segmentSQL cuts both versions where the agreed line's points at the
// segment's measures locate on them (their own ends for the first and
// last segment) and returns ST_HausdorffDistance of the pieces.
const segmentSQL = `
WITH g AS (SELECT ST_GeomFromText($1) l, ST_GeomFromText($2) a, ST_GeomFromText($3) b),
c AS (SELECT a, b,
  CASE WHEN $6 THEN 0 ELSE ST_LineLocatePoint(a, ST_LineInterpolatePoint(l, $4 / ST_Length(l))) END a0,
  CASE WHEN $7 THEN 1 ELSE ST_LineLocatePoint(a, ST_LineInterpolatePoint(l, $5 / ST_Length(l))) END a1,
  CASE WHEN $6 THEN 0 ELSE ST_LineLocatePoint(b, ST_LineInterpolatePoint(l, $4 / ST_Length(l))) END b0,
  CASE WHEN $7 THEN 1 ELSE ST_LineLocatePoint(b, ST_LineInterpolatePoint(l, $5 / ST_Length(l))) END b1
  FROM g)
SELECT ST_HausdorffDistance(ST_LineSubstring(a, least(a0, a1), greatest(a0, a1)),
                            ST_LineSubstring(b, least(b0, b1), greatest(b0, b1))) FROM c`

// Per-segment Hausdorff distances (C11) against ST_HausdorffDistance.
func TestOracleSegmentHausdorff(t *testing.T) {
	pool := pgtest.Pool(t)
	r := rand.New(rand.NewPCG(3, 5))
	n := 0
	for range 20 {
		c := newLineCase(t, r)
		devs, err := inspect.VersionDeviations(c.in, inspect.DefaultTolerances())
		if err != nil {
			t.Fatal(err)
		}
		if len(devs) < 2 {
			t.Fatalf("%d segments for %d markers", len(devs), len(c.markers))
		}
		for k, d := range devs {
			want := query(t, pool, segmentSQL, wkt(c.agreed), wkt(c.a), wkt(c.b), d.FromMeasure, d.ToMeasure,
				k == 0, k == len(devs)-1)
			if math.Abs(d.Hausdorff-want) > 1e-5 {
				t.Errorf("segment %s–%s (%.1f–%.1f m): Hausdorff %.6f, PostGIS %.6f",
					d.From, d.To, d.FromMeasure, d.ToMeasure, d.Hausdorff, want)
			}
			n++
		}
	}
	t.Logf("%d segments compared", n)
}
