package inspect

import (
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// bigInput is one provincial line of vertices points 10 m apart with
// markers groups (every 5th a pair), both sides' versions slightly off the
// agreed line, and a record of every marker in the round.
func bigInput(tb testing.TB, vertices, markers int) Input {
	tb.Helper()
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		tb.Fatal(err)
	}
	s := sc{tb: tb, zone: z}
	length := 10 * float64(vertices-1)
	mk := func(shift func(t float64) float64) orb.MultiLineString {
		ls := make(orb.LineString, vertices)
		for i := range ls {
			t := 10 * float64(i)
			ls[i] = orb.Point{e0 + t, agreedY(t) + shift(t)}
		}
		return orb.MultiLineString{s.llLine(ls)}
	}
	in := Input{
		Line: &data.BoundaryLine{ID: "l1", Name: "bench", Level: data.LevelProvince, Code: "4350",
			CodeA: "430000", CodeB: "500000", Geometry: mk(func(float64) float64 { return 0 })},
		Round:    &data.InspectionRound{ID: "r1", Created: data.Date(2025, 3, 1)},
		Settings: Settings{SideOfA: geo.SideLeft},
		Now:      data.Date(2025, 4, 1),
	}
	in.Versions = []*data.LineVersion{
		{ID: "va", Source: data.SourceSideA, SourceCRS: 4490, Geometry: mk(func(t float64) float64 { return 0.3 * math.Sin(t/70) })},
		{ID: "vb", Source: data.SourceSideB, SourceCRS: 4490, Geometry: mk(func(t float64) float64 { return -0.2 * math.Cos(t/90) })},
	}
	for seq := 1; len(in.Markers) < markers; seq++ {
		t := length * float64(seq) / float64(markers+1)
		if seq%5 == 0 {
			s.addMarker(&in, seq, 'A', beside(t, 20))
			s.addMarker(&in, seq, 'B', beside(t, -20))
		} else {
			s.addMarker(&in, seq, 'Q', beside(t, 0.5))
		}
	}
	return in
}

func BenchmarkRun(b *testing.B) {
	for _, size := range []struct{ vertices, markers int }{{20000, 1000}, {2000, 100}} {
		in := bigInput(b, size.vertices, size.markers)
		b.Run(fmt.Sprintf("vertices=%d/markers=%d", size.vertices, size.markers), func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				if _, err := Run(in, DefaultTolerances()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/run")
		})
	}
}

// BenchmarkMarkerLineNaive is the baseline for the R-tree: locating every
// marker on the agreed line by a full scan (geo.PlanarLocate).
func BenchmarkMarkerLineNaive(b *testing.B) {
	in := bigInput(b, 20000, 1000)
	p, err := prepare(in, DefaultTolerances())
	if err != nil {
		b.Fatal(err)
	}
	line := p.agreed.parts[0]
	pts := make([]orb.Point, len(in.Markers))
	for i, m := range in.Markers {
		pts[i] = p.fwd(m.Position)
	}
	b.Run("naive", func(b *testing.B) {
		for b.Loop() {
			for _, q := range pts {
				if _, err := geo.PlanarLocate(line, q); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("rtree", func(b *testing.B) {
		for b.Loop() {
			for _, q := range pts {
				p.agreed.locate(q)
			}
		}
	})
}

// The big input has no injected faults: Run reports only the C11 summary.
func TestBigInputClean(t *testing.T) {
	got, err := Run(bigInput(t, 4001, 200), DefaultTolerances())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if f.Severity != data.SeverityInfo {
			t.Errorf("unexpected %s %s: %s", f.Rule, f.Severity, f.MessageEN)
		}
	}
	if s := TechnicalStatus(got); s != data.TechWithinTolerance {
		t.Errorf("status %s, want within_tolerance", s)
	}
}

// gridTownships is a county of n×n square townships of side metres, each
// edge drawn with a vertex every step metres (shared edges identical).
func gridTownships(tb testing.TB, n int, side, step float64) Input {
	tb.Helper()
	z, _ := geo.ZoneByEPSG(4545)
	s := sc{tb: tb, zone: z}
	edge := func(a, b orb.Point) orb.LineString {
		k := int(side / step)
		ls := make(orb.LineString, 0, k)
		for i := range k {
			t := float64(i) / float64(k)
			ls = append(ls, orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
		return ls
	}
	square := func(x0, y0, w float64) orb.Ring {
		c := []orb.Point{{x0, y0}, {x0 + w, y0}, {x0 + w, y0 + w}, {x0, y0 + w}}
		var r orb.Ring
		for i := range c {
			r = append(r, edge(c[i], c[(i+1)%4])...)
		}
		return append(r, r[0])
	}
	in := Input{County: &data.AdminUnit{Code: "500241", Name: "县", Geometry: s.llPoly(square(e0, n0, float64(n)*side))}}
	for i := range n * n {
		x, y := e0+float64(i%n)*side, n0+float64(i/n)*side
		in.Townships = append(in.Townships, &data.AdminUnit{Code: data.Code(fmt.Sprintf("500241%03d", 100+i)),
			Name: fmt.Sprint("镇", i), Type: "镇", Geometry: s.llPoly(square(x, y, side))})
	}
	return in
}

// BenchmarkCoverage runs C13–C15 on a county of 25 townships, 4 km squares
// with a vertex every 20 m (boundaries sampled every 5 m), the sampling
// spread over GOMAXPROCS goroutines as in Run.
func BenchmarkCoverage(b *testing.B) {
	in := gridTownships(b, 5, 4000, 20)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		p, err := prepare(in, DefaultTolerances())
		if err != nil {
			b.Fatal(err)
		}
		p.workers = runtime.GOMAXPROCS(0)
		if f := append(p.c13(), append(p.c14(), p.c15()...)...); len(f) != 0 {
			b.Fatalf("%d findings on a clean grid: %s", len(f), f[0].MessageEN)
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/run")
}

// BenchmarkC1 is C1 on one line: the agreed line and two 20,000-vertex
// versions, indexed once (as Run indexes them before the checks), swept
// for self-intersections at every round.
func BenchmarkC1(b *testing.B) {
	in := bigInput(b, 20000, 1000)
	p, err := prepare(in, DefaultTolerances())
	if err != nil {
		b.Fatal(err)
	}
	p.warm()
	b.ReportAllocs()
	for b.Loop() {
		if f := p.c1(); len(f) != 0 {
			b.Fatalf("%d findings on a clean line: %s", len(f), f[0].MessageEN)
		}
	}
}
