package gazetteer_test

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestSimilarityMatchesPgTrgm checks Similarity against pg_trgm's
// similarity(), the oracle the GeoPackage store imitates.
func TestSimilarityMatchesPgTrgm(t *testing.T) {
	pool := pgtest.Pool(t)
	keys := []string{"honganzhen", "hongnazhen", "hongan", "hongandukou", "chadong", "chatong", "wangjiaping",
		"huangjiaping", "jiaping", "xiushantujiazumiaozuzizhixian", "xiushan", "a", "ab", "aaa", "1203gaodi", "lvliang"}
	for _, a := range keys {
		for _, b := range keys {
			var want float32
			if err := pool.QueryRow(context.Background(), "SELECT similarity($1, $2)", a, b).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got := gazetteer.Similarity(a, b); got != float64(want) {
				t.Errorf("Similarity(%s, %s) = %v, pg_trgm %v", a, b, got, want)
			}
		}
	}
}

// TestBoundaryDistanceMatchesPostGIS checks the metric of C19 against
// PostGIS: the distance from a point to a polygon's boundary in
// EPSG:4545 (CGCS2000 3° GK zone 36, CM 108°E), where the sample lies.
func TestBoundaryDistanceMatchesPostGIS(t *testing.T) {
	pool := pgtest.Pool(t)
	poly := orb.MultiPolygon{{{{107.9, 28.4}, {108.3, 28.4}, {108.35, 28.7}, {107.95, 28.75}, {107.9, 28.4}}}}
	for _, p := range []orb.Point{{108.1, 28.5}, {108.3, 28.4}, {108.30001, 28.40001}, {108.5, 28.5}, {107.95, 28.6}} {
		var want float64
		err := pool.QueryRow(context.Background(), `SELECT ST_Distance(
			ST_Transform(ST_Boundary(ST_GeomFromText($1, 4490)), 4545), ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4490), 4545))`,
			"MULTIPOLYGON(((107.9 28.4,108.3 28.4,108.35 28.7,107.95 28.75,107.9 28.4)))", p[0], p[1]).Scan(&want)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := gazetteer.BoundaryDistanceM(poly, p)
		// Edges are straight in lon/lat; PostGIS projects only the vertices,
		// so long edges bow apart by up to a few metres in the plane. Our
		// measure projects the vertices too.
		if math.Abs(got-want) > 1e-3*math.Max(1, want) {
			t.Errorf("BoundaryDistanceM(%v) = %.4f m, PostGIS %.4f m", p, got, want)
		}
	}
}
