package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func nan() float64              { return math.NaN() }
func inf() float64              { return math.Inf(1) }
func pt(x, y float64) orb.Point { return orb.Point{x, y} }

func TestZoneByEPSG(t *testing.T) {
	tests := []struct {
		epsg     int
		number   int
		cm, fe   float64
		prefixed bool
	}{
		{4513, 25, 75, 25_500_000, true},
		{4524, 36, 108, 36_500_000, true},
		{4525, 37, 111, 37_500_000, true},
		{4533, 45, 135, 45_500_000, true},
		{4534, 25, 75, 500_000, false},
		{4545, 36, 108, 500_000, false},
		{4546, 37, 111, 500_000, false},
		{4554, 45, 135, 500_000, false},
	}
	for _, tt := range tests {
		z := mustZone(t, tt.epsg)
		want := Zone{EPSG: tt.epsg, CentralMeridian: tt.cm, FalseEasting: tt.fe, Prefixed: tt.prefixed}
		if z != want || z.Number() != tt.number || z.SRID() != tt.epsg {
			t.Errorf("ZoneByEPSG(%d) = %+v (zone %d); want %+v (zone %d)", tt.epsg, z, z.Number(), want, tt.number)
		}
		if tw := z.Twin(); tw.Number() != tt.number || tw.Prefixed == tt.prefixed || tw.Twin() != z {
			t.Errorf("EPSG:%d Twin() = %+v", tt.epsg, tw)
		}
	}
	for _, bad := range []int{0, 4490, 4512, 4555, 2381} {
		if _, err := ZoneByEPSG(bad); err == nil {
			t.Errorf("ZoneByEPSG(%d) succeeded", bad)
		}
	}
}

func TestZoneFor(t *testing.T) {
	tests := []struct {
		lon      float64
		prefixed bool
		epsg     int
	}{
		{108, false, 4545},
		{109.2, false, 4545},
		{109.4999, true, 4524},
		{109.5, false, 4546}, // a boundary goes east
		{106.5, false, 4545},
		{73.5, false, 4534},
		{136.4, true, 4533},
	}
	for _, tt := range tests {
		z, err := ZoneFor(tt.lon, tt.prefixed)
		if err != nil || z.EPSG != tt.epsg || !z.Covers(tt.lon) {
			t.Errorf("ZoneFor(%v, %v) = EPSG:%d, %v; want EPSG:%d", tt.lon, tt.prefixed, z.EPSG, err, tt.epsg)
		}
	}
	for _, bad := range []float64{73.4, 136.5, -108, nan(), inf()} {
		if z, err := ZoneFor(bad, false); err == nil {
			t.Errorf("ZoneFor(%v) = %+v, want an error", bad, z)
		}
	}
}

func TestProjectionByEPSG(t *testing.T) {
	p := pt(109.2, 28.5)
	for _, epsg := range []int{4326, 4490, 3857, 4513, 4545, 4554} {
		pr, err := ProjectionByEPSG(epsg)
		if err != nil {
			t.Fatalf("ProjectionByEPSG(%d): %v", epsg, err)
		}
		if pr.SRID() != epsg {
			t.Errorf("ProjectionByEPSG(%d).SRID() = %d", epsg, pr.SRID())
		}
		if back := pr.Inverse(pr.Forward(p)); math.Abs(back[0]-p[0])+math.Abs(back[1]-p[1]) > 1e-9 {
			t.Errorf("EPSG:%d round trip %v -> %v", epsg, p, back)
		}
	}
	if g := Geographic(4490); (g.Forward(p) != p) || (g.Inverse(p) != p) {
		t.Error("Geographic is not the identity")
	}
	for _, bad := range []int{0, 4610, 2381, 900913} {
		_, err := ProjectionByEPSG(bad)
		assertInvalid(t, err, "epsg", []string{"not supported", "4490"})
	}
}

func TestZoneForwardBadInput(t *testing.T) {
	z := mustZone(t, 4545)
	for _, p := range []orb.Point{{108, 91}, {108, nan()}, {nan(), 28}, {inf(), 28}} {
		got := z.Forward(p)
		if !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
			t.Errorf("Forward(%v) = %v; want NaN", p, got)
		}
	}
	// The poles and the far edges of the zone must not blow up.
	for _, p := range []orb.Point{{108, 90}, {108, -90}, {118, 0}, {-72, 30}} {
		if got := z.Forward(p); math.IsInf(got[0], 0) || math.IsInf(got[1], 0) {
			t.Errorf("Forward(%v) = %v", p, got)
		}
	}
}

func TestWebMercatorClamps(t *testing.T) {
	top := WebMercator{}.Forward(pt(0, 90))
	if want := (WebMercator{}).Forward(pt(0, WebMercatorMaxLat)); top != want {
		t.Errorf("Forward(0, 90) = %v; want clamped %v", top, want)
	}
	if d := top[1] - math.Pi*WebMercatorRadius; math.Abs(d) > 1e-6 {
		t.Errorf("Web Mercator is not square: max y %v", top[1])
	}
}

// FuzzZoneRoundTrip checks Inverse(Forward(p)) == p to 1e-9° for any point
// within the zone and China's latitudes.
func FuzzZoneRoundTrip(f *testing.F) {
	f.Add(uint8(11), 0.3, 28.5)
	f.Add(uint8(0), -1.5, 3.0)
	f.Add(uint8(41), 1.5, 54.0)
	f.Fuzz(func(t *testing.T, zi uint8, dlon, lat float64) {
		if !(math.Abs(dlon) <= ZoneHalfWidth && lat >= -80 && lat <= 84) {
			t.Skip()
		}
		z := mustZone(t, EPSGPrefixedFirst+int(zi)%42)
		p := pt(z.CentralMeridian+dlon, lat)
		back := z.Inverse(z.Forward(p))
		if math.Abs(back[0]-p[0]) > 1e-9 || math.Abs(back[1]-p[1]) > 1e-9 {
			t.Errorf("EPSG:%d Inverse(Forward(%v)) = %v", z.EPSG, p, back)
		}
	})
}

func TestZoneForGeometry(t *testing.T) {
	// A line from zone 36 into zone 37: its centre (109.4°E) is in zone 36.
	line := orb.LineString{{108.9, 28.4}, {109.9, 28.6}}
	z, err := ZoneForGeometry(line, false)
	if err != nil || z.EPSG != 4545 {
		t.Errorf("ZoneForGeometry = EPSG:%d, %v; want EPSG:4545", z.EPSG, err)
	}
	for _, g := range []orb.Geometry{nil, orb.LineString{}, orb.MultiPolygon{}, orb.Collection{orb.Polygon{}}} {
		_, err := ZoneForGeometry(g, false)
		assertInvalid(t, err, "geometry", []string{"empty"})
	}
	_, err = ZoneForGeometry(orb.Point{60, 40}, true)
	assertInvalid(t, err, "lon", []string{"outside"})
}
