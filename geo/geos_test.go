package geo

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// The oracle for the planar measures is GEOS, reached through GDAL's
// SQLite dialect (SpatiaLite functions): ogr2ogr runs one SQL file holding
// every case and prints CSV.

// ogr2ogrPath returns the ogr2ogr binary; without it the test fails in CI
// (CI=true) and is skipped elsewhere.
func ogr2ogrPath(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("ogr2ogr")
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("ogr2ogr (GDAL, Debian package gdal-bin) is required in CI: %v", err)
		}
		tb.Skipf("ogr2ogr not found (install gdal-bin): %v", err)
	}
	return path
}

// geosQuery writes the cases to a CSV file (lines and point as WKT text),
// runs query over it with ogr2ogr and returns the CSV rows of the result,
// without the header.
func geosQuery(tb testing.TB, cases []geosCase, query string) [][]string {
	tb.Helper()
	src := filepath.Join(tb.TempDir(), "cases.csv")
	var in bytes.Buffer
	w := csv.NewWriter(&in)
	w.Write([]string{"i", "a", "b", "p", "frac"})
	for i, c := range cases {
		w.Write([]string{strconv.Itoa(i), wktLine(c.a), wktLine(c.b),
			"POINT(" + formatFloat(c.p[0]) + " " + formatFloat(c.p[1]) + ")", formatFloat(1 / float64(c.splits))})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(src, in.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(ogr2ogrPath(tb), "-f", "CSV", "/vsistdout/", src, "-dialect", "SQLite", "-sql", query)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || len(out) == 0 {
		tb.Fatalf("ogr2ogr: %v: %s", err, stderr.String())
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil || len(rows) != len(cases)+1 {
		tb.Fatalf("ogr2ogr returned %d rows for %d cases (%v): %s", len(rows)-1, len(cases), err, stderr.String())
	}
	return rows[1:]
}

func wktLine(ls orb.LineString) string {
	parts := make([]string, len(ls))
	for i, p := range ls {
		parts[i] = formatFloat(p[0]) + " " + formatFloat(p[1])
	}
	return "LINESTRING(" + strings.Join(parts, ",") + ")"
}

// geosSQL asks GEOS, for every case, the measures planarMeasures computes.
const geosSQL = `SELECT CAST(i AS INTEGER) AS i,
  HausdorffDistance(GeomFromText(a), GeomFromText(b)) AS h,
  HausdorffDistance(GeomFromText(a), GeomFromText(b), CAST(frac AS REAL)) AS hd,
  ST_Distance(GeomFromText(p), GeomFromText(a)) AS d,
  Line_Locate_Point(GeomFromText(a), GeomFromText(p)) * ST_Length(GeomFromText(a)) AS m
FROM cases ORDER BY CAST(i AS INTEGER)`

// geosCase is one comparison: two lines of equal-length segments (so that
// GEOS's densify fraction 1/splits and a step of segLen/(splits-0.5) cut
// them alike) and a point near a.
type geosCase struct {
	a, b   orb.LineString
	p      orb.Point
	segLen float64
	splits int
}

func TestPlanarAgainstGEOS(t *testing.T) {
	ogr2ogrPath(t)
	rng := rand.New(rand.NewPCG(2381, 4545))
	cases := make([]geosCase, 300)
	for i := range cases {
		seg := 5 + rng.Float64()*200
		start := pt(400000+rng.Float64()*200000, 3000000+rng.Float64()*300000)
		c := geosCase{segLen: seg, splits: 2 + rng.IntN(20)}
		c.a = randomWalk(rng, start, 2+rng.IntN(40), seg, 1.5)
		c.b = randomWalk(rng, pt(start[0]+rng.Float64()*30, start[1]), 2+rng.IntN(40), seg, 1.5)
		c.p = pt(start[0]+(rng.Float64()*2-1)*seg*5, start[1]+(rng.Float64()*2-1)*seg*5)
		cases[i] = c
	}
	rows := geosQuery(t, cases, geosSQL)
	var worst [4]float64
	for i, c := range cases {
		got := planarMeasures(t, c)
		for k, col := range rows[i][1:] {
			want, err := strconv.ParseFloat(col, 64)
			if err != nil {
				t.Fatalf("case %d column %d: %q: %v", i, k+1, col, err)
			}
			diff := math.Abs(got[k] - want)
			worst[k] = math.Max(worst[k], diff)
			if diff > 1e-6 {
				t.Errorf("case %d %s: got %.9f, GEOS %.9f", i, measureNames[k], got[k], want)
			}
		}
	}
	t.Logf("%d cases, largest differences from GEOS in metres: %v %.3g", len(cases), measureNames, worst)
}

var measureNames = [4]string{"Hausdorff", "Hausdorff densified", "distance", "measure"}

// planarMeasures computes what geosSQL asks GEOS for.
func planarMeasures(tb testing.TB, c geosCase) [4]float64 {
	tb.Helper()
	h, err := PlanarHausdorff(c.a, c.b)
	if err != nil {
		tb.Fatal(err)
	}
	hd, err := PlanarHausdorffDensified(c.a, c.b, c.segLen/(float64(c.splits)-0.5))
	if err != nil {
		tb.Fatal(err)
	}
	loc, err := PlanarLocate(c.a, c.p)
	if err != nil {
		tb.Fatal(err)
	}
	return [4]float64{h.Distance, hd.Distance, loc.Distance, loc.Measure}
}
