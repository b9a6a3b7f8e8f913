package geo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/geo/projtest"
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
	projtest.Path(t)
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
	want := swap(projtest.CS2CS(t, "EPSG:4490", target, "%.9f", swap(pts)))
	mine := make([]orb.Point, len(pts))
	for i, p := range pts {
		mine[i] = z.Forward(p)
		d := PlanarDistance(mine[i], want[i])
		fwdErr = math.Max(fwdErr, d)
		if d > oracleTolM {
			t.Errorf("%s Forward(%v) = %.6f; cs2cs %.6f: off %.3g m", target, p, mine[i], want[i], d)
		}
	}
	back := swap(projtest.CS2CS(t, target, "EPSG:4490", "%.13f", swap(mine)))
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
	projtest.Path(t)
	rng := rand.New(rand.NewPCG(3857, 1))
	pts := make([]orb.Point, oraclePoints)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64()*360 - 180, rng.Float64()*170 - 85}
	}
	want := projtest.CS2CS(t, "EPSG:4326", "EPSG:3857", "%.6f", swap(pts))
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
