package geo

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// The oracle for the projections is PROJ's cs2cs (Debian package proj-bin):
// each zone's random points go through one cs2cs process each way.

// oracleZones are the zones compared with cs2cs: both ends of both EPSG
// ranges, the 湘渝黔 zones (36 and 37, both conventions) and a few more.
var oracleZones = []int{4513, 4518, 4524, 4525, 4533, 4534, 4540, 4545, 4546, 4550, 4554}

const (
	oraclePoints = 2000  // random points per zone
	oracleTolM   = 0.001 // metres
)

// cs2csPath returns the cs2cs binary; without it the test fails in CI
// (CI=true) and is skipped elsewhere.
func cs2csPath(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("cs2cs")
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("cs2cs (PROJ, Debian package proj-bin) is required in CI: %v", err)
		}
		tb.Skipf("cs2cs not found (install proj-bin): %v", err)
	}
	return path
}

// cs2cs converts pts (each written as its two coordinates, in the order
// given) from one CRS to another and returns the first two output columns.
func cs2cs(tb testing.TB, from, to, format string, pts []orb.Point) []orb.Point {
	tb.Helper()
	var in bytes.Buffer
	for _, p := range pts {
		// Shortest exact decimal, so cs2cs reads the very same doubles.
		fmt.Fprintf(&in, "%s %s\n", formatFloat(p[0]), formatFloat(p[1]))
	}
	cmd := exec.Command(cs2csPath(tb), "-f", format, from, to)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("cs2cs %s %s: %v: %s", from, to, err, stderr.String())
	}
	return parseCS2CS(tb, out, len(pts))
}

func parseCS2CS(tb testing.TB, out []byte, want int) []orb.Point {
	tb.Helper()
	var res []orb.Point
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			tb.Fatalf("cs2cs output line %d %q: want two columns", len(res)+1, sc.Text())
		}
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("cs2cs output line %d %q: not numbers", len(res)+1, sc.Text())
		}
		res = append(res, orb.Point{x, y})
	}
	if len(res) != want {
		tb.Fatalf("cs2cs returned %d points, want %d", len(res), want)
	}
	return res
}

// randomInZone returns n points within ±1.5° of z's central meridian over
// China's latitudes (3°N–54°N), as lon/lat.
func randomInZone(z Zone, n int, rng *rand.Rand) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{z.CentralMeridian + (rng.Float64()*2-1)*ZoneHalfWidth, 3 + rng.Float64()*51}
	}
	return pts
}

func swap(pts []orb.Point) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = orb.Point{p[1], p[0]}
	}
	return out
}

func TestZoneAgainstCS2CS(t *testing.T) {
	cs2csPath(t)
	rng := rand.New(rand.NewPCG(4490, 4545))
	var worstFwd, worstInv float64
	for _, epsg := range oracleZones {
		z := mustZone(t, epsg)
		pts := randomInZone(z, oraclePoints, rng)
		fwd, inv := compareZone(t, z, pts)
		t.Logf("EPSG:%d: max forward error %.3g m, max inverse error %.3g m", epsg, fwd, inv)
		worstFwd, worstInv = math.Max(worstFwd, fwd), math.Max(worstInv, inv)
	}
	t.Logf("all %d zones, %d points each: max forward error %.3g m, max inverse error %.3g m",
		len(oracleZones), oraclePoints, worstFwd, worstInv)
}

// compareZone projects pts with z and with cs2cs both ways and returns the
// largest differences in metres; it fails on any above oracleTolM.
func compareZone(t *testing.T, z Zone, pts []orb.Point) (fwdErr, invErr float64) {
	t.Helper()
	target := "EPSG:" + strconv.Itoa(z.EPSG)
	// EPSG:4490 is lat, lon; the zones are northing, easting.
	want := swap(cs2cs(t, "EPSG:4490", target, "%.9f", swap(pts)))
	mine := make([]orb.Point, len(pts))
	for i, p := range pts {
		mine[i] = z.Forward(p)
		d := PlanarDistance(mine[i], want[i])
		fwdErr = math.Max(fwdErr, d)
		if d > oracleTolM {
			t.Errorf("%s Forward(%v) = %.6f; cs2cs %.6f: off %.3g m", target, p, mine[i], want[i], d)
		}
	}
	back := swap(cs2cs(t, target, "EPSG:4490", "%.13f", swap(mine)))
	for i, p := range mine {
		got := z.Inverse(p)
		d := degreesToMetres(got, back[i])
		invErr = math.Max(invErr, d)
		if d > oracleTolM {
			t.Errorf("%s Inverse(%.6f) = %.11f; cs2cs %.11f: off %.3g m", target, p, got, back[i], d)
		}
	}
	return fwdErr, invErr
}

func TestWebMercatorAgainstCS2CS(t *testing.T) {
	cs2csPath(t)
	rng := rand.New(rand.NewPCG(3857, 1))
	pts := make([]orb.Point, oraclePoints)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64()*360 - 180, rng.Float64()*170 - 85}
	}
	want := cs2cs(t, "EPSG:4326", "EPSG:3857", "%.6f", swap(pts))
	var worst float64
	for i, p := range pts {
		got := WebMercator{}.Forward(p)
		d := PlanarDistance(got, want[i])
		worst = math.Max(worst, d)
		if d > oracleTolM {
			t.Errorf("WebMercator.Forward(%v) = %.6f; cs2cs %.6f: off %.3g m", p, got, want[i], d)
		}
		if back := (WebMercator{}).Inverse(got); math.Abs(back[0]-p[0])+math.Abs(back[1]-p[1]) > 1e-9 {
			t.Errorf("WebMercator.Inverse(Forward(%v)) = %v", p, back)
		}
	}
	t.Logf("Web Mercator: max forward error %.3g m over %d points", worst, len(pts))
}
