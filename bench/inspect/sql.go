package inspectbench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/toponym/toponym/geo/inspect"
)

// schema holds the benchmark's own tables, apart from the service's.
const schema = `
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.line (id int PRIMARY KEY, geom geometry(LineString, 4490));
CREATE TABLE bench.version (line_id int, side text, geom geometry(LineString, 4490));
CREATE TABLE bench.marker (id int PRIMARY KEY, line_id int, seq int, letter text, sigma float8,
	geom geometry(Point, 4490));
CREATE TABLE bench.mcheck (marker_id int, observed geometry(Point, 4490));
CREATE TABLE bench.raw (kind text, a int, b int, c text, d float8, g bytea);`

// Load writes the rounds into the bench schema (dropped and recreated).
func Load(ctx context.Context, conn *pgx.Conn, ins []inspect.Input) error {
	if _, err := conn.Exec(ctx, schema); err != nil {
		return err
	}
	var rows [][]any
	mid := 0
	for li, in := range ins {
		rows = append(rows, []any{"line", li, 0, "", 0.0, wkb.MustMarshal(in.Line.Geometry[0])})
		for _, v := range in.Versions {
			rows = append(rows, []any{"version", li, 0, string(v.Source), 0.0, wkb.MustMarshal(v.Geometry[0])})
		}
		checked := map[string]orb.Point{}
		for _, c := range in.MarkerChecks {
			checked[c.MarkerID] = *c.Observed
		}
		for _, m := range in.Markers {
			mid++
			rows = append(rows, []any{"marker", mid, li, m.Number, m.SigmaM, wkb.MustMarshal(m.Position)})
			if o, ok := checked[m.ID]; ok {
				rows = append(rows, []any{"check", mid, 0, "", 0.0, wkb.MustMarshal(o)})
			}
		}
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"bench", "raw"}, []string{"kind", "a", "b", "c", "d", "g"},
		pgx.CopyFromRows(rows)); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, `
INSERT INTO bench.line SELECT a, ST_SetSRID(ST_GeomFromWKB(g), 4490) FROM bench.raw WHERE kind = 'line';
INSERT INTO bench.version SELECT a, c, ST_SetSRID(ST_GeomFromWKB(g), 4490) FROM bench.raw WHERE kind = 'version';
INSERT INTO bench.marker SELECT a, b, substr(c, 5, 3)::int, substr(c, 8, 1), d, ST_SetSRID(ST_GeomFromWKB(g), 4490)
	FROM bench.raw WHERE kind = 'marker';
INSERT INTO bench.mcheck SELECT a, ST_SetSRID(ST_GeomFromWKB(g), 4490) FROM bench.raw WHERE kind = 'check';
CREATE INDEX ON bench.marker (line_id);
CREATE INDEX ON bench.mcheck (marker_id);
ANALYZE bench.line; ANALYZE bench.version; ANALYZE bench.marker; ANALYZE bench.mcheck;`)
	return err
}

// Checks are the checks geo/inspect runs, written as PostGIS SQL on the
// bench schema, in the line's GK zone (EPSG:4545). Each counts its faults.
var Checks = []struct{ Rule, SQL string }{
	{"C1 simple lines (ST_IsSimple)", `
SELECT count(*) FROM (SELECT geom FROM bench.line UNION ALL SELECT geom FROM bench.version) g
WHERE NOT ST_IsSimple(ST_Transform(geom, 4545))`},
	{"C5 order (ST_LineLocatePoint)", `
WITH l AS MATERIALIZED (SELECT id, ST_Transform(geom, 4545) g FROM bench.line),
loc AS (SELECT m.line_id, m.seq, avg(ST_LineLocatePoint(l.g, ST_Transform(m.geom, 4545))) f
	FROM bench.marker m JOIN l ON l.id = m.line_id GROUP BY m.line_id, m.seq)
SELECT count(*) FROM (SELECT f < lag(f) OVER (PARTITION BY line_id ORDER BY seq) bad FROM loc) x WHERE bad`},
	{"C6 marker to line (ST_Distance)", `
WITH l AS MATERIALIZED (SELECT id, ST_Transform(geom, 4545) g FROM bench.line)
SELECT count(*) FROM bench.marker m JOIN l ON l.id = m.line_id
WHERE m.letter = 'Q' AND ST_Distance(ST_Transform(m.geom, 4545), l.g) > 5`},
	{"C7 pairs straddle (ST_LineLocatePoint, side)", `
WITH l AS MATERIALIZED (SELECT id, ST_Transform(geom, 4545) g FROM bench.line),
p AS (SELECT m.line_id, m.seq, m.letter, m.sigma, ST_Transform(m.geom, 4545) q, l.g,
	ST_LineLocatePoint(l.g, ST_Transform(m.geom, 4545)) f FROM bench.marker m JOIN l ON l.id = m.line_id
	WHERE m.letter IN ('A', 'B')),
s AS (SELECT line_id, seq, letter, sigma, ST_Distance(q, g) d,
	sign((ST_X(b) - ST_X(a)) * (ST_Y(q) - ST_Y(a)) - (ST_Y(b) - ST_Y(a)) * (ST_X(q) - ST_X(a))) side
	FROM (SELECT *, ST_LineInterpolatePoint(g, greatest(f - 1e-7, 0)) a,
		ST_LineInterpolatePoint(g, least(f + 1e-7, 1)) b FROM p) x)
SELECT count(*) FROM s sa JOIN s sb ON sa.line_id = sb.line_id AND sa.seq = sb.seq AND sa.letter = 'A' AND sb.letter = 'B'
WHERE sa.side = sb.side OR abs(sa.d - sb.d) > 2 * sqrt(sa.sigma ^ 2 + sb.sigma ^ 2)`},
	{"C8 displacement (ST_Distance)", `
SELECT count(*) FROM bench.marker m JOIN bench.mcheck c ON c.marker_id = m.id
WHERE ST_Distance(ST_Transform(m.geom, 4545), ST_Transform(c.observed, 4545)) > 2 * sqrt(m.sigma ^ 2 + 0.05 ^ 2)`},
	{"C10 recorded (anti-join)", `
SELECT count(*) FROM bench.marker m WHERE NOT EXISTS (SELECT 1 FROM bench.mcheck c WHERE c.marker_id = m.id)`},
	{"C11 versions per segment (ST_HausdorffDistance)", `
WITH l AS MATERIALIZED (SELECT id, ST_Transform(geom, 4545) g FROM bench.line),
va AS MATERIALIZED (SELECT line_id, ST_Transform(geom, 4545) g FROM bench.version WHERE side = 'side_a'),
vb AS MATERIALIZED (SELECT line_id, ST_Transform(geom, 4545) g FROM bench.version WHERE side = 'side_b'),
grp AS (SELECT m.line_id, m.seq, avg(ST_LineLocatePoint(l.g, ST_Transform(m.geom, 4545))) f
	FROM bench.marker m JOIN l ON l.id = m.line_id GROUP BY m.line_id, m.seq),
cut AS (SELECT grp.line_id, grp.seq, ST_LineLocatePoint(va.g, pt) fa, ST_LineLocatePoint(vb.g, pt) fb
	FROM (SELECT grp.*, ST_LineInterpolatePoint(l.g, grp.f) pt FROM grp JOIN l ON l.id = grp.line_id) grp
	JOIN va ON va.line_id = grp.line_id JOIN vb ON vb.line_id = grp.line_id),
seg AS (SELECT line_id, fa, lead(fa) OVER w fa2, fb, lead(fb) OVER w fb2 FROM cut
	WINDOW w AS (PARTITION BY line_id ORDER BY fa))
SELECT count(*) FROM seg JOIN va USING (line_id) JOIN vb USING (line_id)
WHERE fa2 IS NOT NULL AND fa2 > fa AND fb2 > fb
	AND ST_HausdorffDistance(ST_LineSubstring(va.g, fa, fa2), ST_LineSubstring(vb.g, fb, fb2)) > 5`},
}

// RunSQL runs every check once and returns the time of each and in all.
func RunSQL(ctx context.Context, conn *pgx.Conn) (map[string]time.Duration, time.Duration, error) {
	times := map[string]time.Duration{}
	var total time.Duration
	for _, c := range Checks {
		start := time.Now()
		var n int
		if err := conn.QueryRow(ctx, c.SQL).Scan(&n); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", strings.Fields(c.Rule)[0], err)
		}
		times[c.Rule] = time.Since(start)
		total += times[c.Rule]
	}
	return times, total, nil
}
