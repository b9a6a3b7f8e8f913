package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// domainVectors are the test vectors of domain.md §3, checked there with
// PROJ 9.1 cs2cs: CGCS2000 lon/lat to easting/northing.
var domainVectors = []struct {
	epsg     int
	lon, lat float64
	e, n     float64
}{
	{4545, 109.2, 28.5, 617489.6489, 3154440.6231},
	{4545, 109.8, 29.0, 675405.4366, 3210605.3824},
	{4545, 108.0, 28.0, 500000.0000, 3098441.7473},
	{4546, 109.2, 28.5, 323756.6909, 3155174.7533},
	{4524, 109.2, 28.5, 36617489.6489, 3154440.6231},
}

func mustZone(tb testing.TB, epsg int) Zone {
	tb.Helper()
	z, err := ZoneByEPSG(epsg)
	if err != nil {
		tb.Fatal(err)
	}
	return z
}

func TestZoneDomainVectors(t *testing.T) {
	const tolM = 0.001
	for _, v := range domainVectors {
		z := mustZone(t, v.epsg)
		got := z.Forward(orb.Point{v.lon, v.lat})
		if d := PlanarDistance(got, orb.Point{v.e, v.n}); d > tolM {
			t.Errorf("EPSG:%d Forward(%v, %v) = %.4f, %.4f; want %.4f, %.4f (off %.2g m)",
				v.epsg, v.lon, v.lat, got[0], got[1], v.e, v.n, d)
		}
		back := z.Inverse(orb.Point{v.e, v.n})
		if d := degreesToMetres(back, orb.Point{v.lon, v.lat}); d > tolM {
			t.Errorf("EPSG:%d Inverse(%.4f, %.4f) = %.10f, %.10f; want %v, %v (off %.2g m)",
				v.epsg, v.e, v.n, back[0], back[1], v.lon, v.lat, d)
		}
	}
}

// degreesToMetres approximates the ground distance between two nearby
// lon/lat points (good to a part in a thousand, ample for error checks).
func degreesToMetres(a, b orb.Point) float64 {
	const mPerDeg = 111_320.0
	dx := (a[0] - b[0]) * mPerDeg * math.Cos(b[1]*math.Pi/180)
	dy := (a[1] - b[1]) * mPerDeg
	return math.Hypot(dx, dy)
}

func TestZoneRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var worst float64
	for epsg := EPSGPrefixedFirst; epsg <= EPSGPlainFirst+LastZone-FirstZone; epsg++ {
		z := mustZone(t, epsg)
		for range 500 {
			p := orb.Point{z.CentralMeridian + (rng.Float64()*2-1)*ZoneHalfWidth, rng.Float64()*80 - 10}
			back := z.Inverse(z.Forward(p))
			d := math.Max(math.Abs(back[0]-p[0]), math.Abs(back[1]-p[1]))
			worst = math.Max(worst, d)
			if d > 1e-9 {
				t.Fatalf("EPSG:%d Inverse(Forward(%v)) = %v: off %.3g°", epsg, p, back, d)
			}
		}
	}
	t.Logf("worst round trip error %.3g°", worst)
}
