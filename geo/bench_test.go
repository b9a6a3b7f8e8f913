package geo

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

var sinkPoint orb.Point

func benchPoints(n int) []orb.Point {
	rng := rand.New(rand.NewPCG(1, 1))
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{106.5 + rng.Float64()*3, 27 + rng.Float64()*3}
	}
	return pts
}

func BenchmarkZoneForward(b *testing.B) {
	z := mustZone(b, 4545)
	pts := benchPoints(1024)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkPoint = z.Forward(pts[i%len(pts)])
	}
}

func BenchmarkZoneInverse(b *testing.B) {
	z := mustZone(b, 4545)
	pts := ProjectLineString(benchPoints(1024), z.Forward)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkPoint = z.Inverse(pts[i%len(pts)])
	}
}

func BenchmarkWebMercatorForward(b *testing.B) {
	pts := benchPoints(1024)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkPoint = WebMercator{}.Forward(pts[i%len(pts)])
	}
}

func BenchmarkProjectLineString1000(b *testing.B) {
	z := mustZone(b, 4545)
	line := orb.LineString(benchPoints(1000))
	b.ReportAllocs()
	for b.Loop() {
		_ = ProjectLineString(line, z.Forward)
	}
}

// benchLines returns a 2000-vertex line and a jittered copy, in metres.
func benchLines() (orb.LineString, orb.LineString) {
	rng := rand.New(rand.NewPCG(5, 5))
	a := randomWalk(rng, orb.Point{500000, 3100000}, 2000, 25, 0.6)
	return a, jitter(rng, a, 3)
}

func BenchmarkPlanarLocate2000(b *testing.B) {
	a, _ := benchLines()
	p := orb.Point{a[1000][0] + 7, a[1000][1] - 3}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PlanarLocate(a, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlanarHausdorffDensified2000(b *testing.B) {
	a, c := benchLines()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PlanarHausdorffDensified(a, c, 5); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNaiveHausdorff2000 is the baseline for
// BenchmarkPlanarHausdorffDensified2000: the same points (5 pieces of a
// 25 m segment) without early break or search order.
func BenchmarkNaiveHausdorff2000(b *testing.B) {
	a, c := benchLines()
	b.ReportAllocs()
	for b.Loop() {
		_ = naiveHausdorff(a, c, 5)
	}
}
