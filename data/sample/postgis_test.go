package sample

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/toponym/toponym/data/postgis/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// loadGeometry puts every polygon of the set into a temporary table g(kind,
// code, name, geom) on one connection of a fresh database.
func loadGeometry(t *testing.T, set *Set) *pgxpool.Conn {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.Pool(t)
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Release)
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	exec(`CREATE TEMP TABLE g (kind text, code text, parent text, name text, current bool, geom geometry)`)
	add := func(kind, code, parent, name string, current bool, geom orb.Geometry) {
		b, err := wkb.Marshal(geom)
		if err != nil {
			t.Fatal(err)
		}
		exec(`INSERT INTO g VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_GeomFromWKB($6), 4490))`,
			kind, code, parent, name, current, b)
	}
	for _, u := range set.Units {
		if u.Geometry != nil {
			add(string(u.Level), u.Code.String(), rowOf(u.Code.String()).Parent, u.Name, u.Valid.Current(), u.Geometry)
		}
	}
	for _, e := range set.Events {
		if e.Transferred != nil {
			add("transferred", e.ID, "", e.Description, false, e.Transferred)
		}
	}
	for _, l := range set.Lines {
		add("line", l.Code, "", l.Name, true, l.Geometry)
	}
	for _, p := range set.Places {
		town, towns := "", 0 // the stated township; none for features on a boundary
		for _, c := range p.AdminCodes {
			if len(c) == 9 {
				town, towns = c.String(), towns+1
			}
		}
		if towns != 1 {
			town = ""
		}
		add("place", p.ID, town, p.StandardName().Text, true, p.Geometry)
	}
	return conn
}

// TestGeometryPostGIS checks the synthetic geometry with PostGIS as the
// oracle: every geometry is valid, townships and counties do not overlap,
// a county is the union of its townships, the three counties meet at the
// tri-junction, lines lie on county edges and places lie in their township.
func TestGeometryPostGIS(t *testing.T) {
	conn := loadGeometry(t, Dataset())
	ctx := context.Background()
	query := func(what, sql string, args ...any) {
		t.Helper()
		rows, err := conn.Query(ctx, sql, args...)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			vals, _ := rows.Values()
			t.Errorf("%s: %v", what, vals)
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	query("invalid geometry", `SELECT kind, code, name, ST_IsValidReason(geom) FROM g WHERE NOT ST_IsValid(geom)`)
	query("overlap", `SELECT a.code, b.code, ST_Area(ST_Intersection(a.geom, b.geom))
		FROM g a JOIN g b ON a.kind = b.kind AND a.code < b.code AND a.current AND b.current AND ST_Intersects(a.geom, b.geom)
		WHERE a.kind IN ('county', 'township') AND ST_Area(ST_Intersection(a.geom, b.geom)) > 1e-12`)
	query("townships do not cover their county", `SELECT c.code, ST_Area(ST_SymDifference(c.geom, u.geom))
		FROM g c JOIN (SELECT parent, ST_Union(geom) AS geom FROM g WHERE kind = 'township' AND current GROUP BY parent) u
		ON u.parent = c.code WHERE c.kind = 'county' AND c.current AND ST_Area(ST_SymDifference(c.geom, u.geom)) > 1e-12`)
	query("sliver gap between townships", `SELECT parent, ST_NumInteriorRings(ST_Union(geom)) FROM g
		WHERE kind = 'township' AND current GROUP BY parent HAVING ST_NumGeometries(ST_Union(geom)) <> 1 OR ST_NumInteriorRings(ST_GeometryN(ST_Union(geom), 1)) <> 0`)
	query("county away from the tri-junction", `SELECT code, ST_Distance(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490)) FROM g
		WHERE kind = 'county' AND current AND code IN ('500241', '433124', '520628')
		AND NOT ST_Intersects(ST_Boundary(geom), ST_SetSRID(ST_MakePoint($1, $2), 4490))`, TriJunctionPoint[0], TriJunctionPoint[1])
	query("line off the county edges", `SELECT l.code, ST_Length(ST_Difference(l.geom, ST_Buffer(ST_Boundary(c.geom), 1e-9)))
		FROM g l JOIN LATERAL (SELECT ST_Union(geom) AS geom FROM g WHERE kind = 'county' AND current
		AND CASE WHEN l.code LIKE '%-%' THEN code = split_part(l.code, '-', 1)
		ELSE code LIKE substr(l.code, 1, 2) || '%' END) c ON true
		WHERE l.kind = 'line' AND ST_Length(ST_Difference(l.geom, ST_Buffer(ST_Boundary(c.geom), 1e-9))) > 0`)
	query("place outside its township", `SELECT p.name, p.parent FROM g p JOIN g t ON t.kind = 'township' AND t.current AND t.code = p.parent
		WHERE p.kind = 'place' AND NOT ST_Covers(t.geom, p.geom)`)
	query("transferred territory not part of 松桃", `SELECT e.code FROM g e JOIN g c ON c.kind = 'county' AND c.code = '520628' AND c.current
		WHERE e.kind = 'transferred' AND ST_Area(ST_Difference(e.geom, c.geom)) > 1e-12`)
}
