package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// naiveHausdorff is the textbook definition over explicit point sets: the
// largest distance from a sample of one line to the nearest segment of the
// other, both ways, with no early break and no search order.
func naiveHausdorff(a, b orb.LineString, perSegment int) float64 {
	var h float64
	for _, pair := range [2][2]orb.LineString{{a, b}, {b, a}} {
		for _, p := range splitEvenly(pair[0], perSegment) {
			d := math.Inf(1)
			for i := 1; i < len(pair[1]); i++ {
				d = math.Min(d, PlanarDistanceToSegment(p, pair[1][i-1], pair[1][i]))
			}
			h = math.Max(h, d)
		}
	}
	return h
}

// splitEvenly returns ls with every segment split into n equal pieces, as
// GEOS densifies with densifyFrac = 1/n.
func splitEvenly(ls orb.LineString, n int) orb.LineString {
	out := orb.LineString{ls[0]}
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		for k := 1; k <= n; k++ {
			t := float64(k) / float64(n)
			out = append(out, orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
	}
	return out
}

// randomWalk returns a line of n segments of length step from start, each
// turning at most maxTurn radians from the last.
func randomWalk(rng *rand.Rand, start orb.Point, n int, step, maxTurn float64) orb.LineString {
	ls := orb.LineString{start}
	heading := rng.Float64() * 2 * math.Pi
	for range n {
		heading += (rng.Float64()*2 - 1) * maxTurn
		p := ls[len(ls)-1]
		ls = append(ls, orb.Point{p[0] + step*math.Cos(heading), p[1] + step*math.Sin(heading)})
	}
	return ls
}

// jitter returns a copy of ls with every point moved by up to r metres.
func jitter(rng *rand.Rand, ls orb.LineString, r float64) orb.LineString {
	out := make(orb.LineString, len(ls))
	for i, p := range ls {
		out[i] = orb.Point{p[0] + (rng.Float64()*2-1)*r, p[1] + (rng.Float64()*2-1)*r}
	}
	return out
}

func TestPlanarHausdorffMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range 200 {
		a := randomWalk(rng, pt(500000, 3100000), 2+rng.IntN(30), 10+rng.Float64()*90, 1.2)
		b := jitter(rng, a, 20)
		if i%4 == 0 {
			b = randomWalk(rng, pt(500000+rng.Float64()*100, 3100000), 2+rng.IntN(30), 50, 2)
		}
		h, err := PlanarHausdorff(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if want := naiveHausdorff(a, b, 1); math.Abs(h.Distance-want) > 1e-9 {
			t.Fatalf("case %d: PlanarHausdorff = %v, naive %v", i, h.Distance, want)
		}
		checkWitness(t, h, a, b)
		if back, _ := PlanarHausdorff(b, a); math.Abs(back.Distance-h.Distance) > 1e-9 {
			t.Fatalf("case %d: not symmetric: %v vs %v", i, h.Distance, back.Distance)
		}
	}
}

// checkWitness requires h.At on one line, h.Nearest on the other and the
// two h.Distance apart.
func checkWitness(tb testing.TB, h Hausdorff, a, b orb.LineString) {
	tb.Helper()
	da, _ := PlanarDistanceToLineString(h.At, a)
	db, _ := PlanarDistanceToLineString(h.At, b)
	other := b
	if db < da {
		other = a
	}
	if math.Min(da, db) > 1e-6 {
		tb.Fatalf("witness %v lies on neither line", h.At)
	}
	if d, _ := PlanarDistanceToLineString(h.Nearest, other); d > 1e-6 {
		tb.Fatalf("nearest %v is not on the other line", h.Nearest)
	}
	if math.Abs(PlanarDistance(h.At, h.Nearest)-h.Distance) > 1e-6 {
		tb.Fatalf("witness %v–%v is %v apart, distance %v", h.At, h.Nearest,
			PlanarDistance(h.At, h.Nearest), h.Distance)
	}
}

func TestPlanarHausdorffDensified(t *testing.T) {
	// Two lines whose discrete Hausdorff distance misses the largest gap,
	// which lies inside a's long segment.
	a := orb.LineString{{0, 0}, {100, 0}, {10, 100}, {10, 100}}
	b := orb.LineString{{0, 100}, {0, 10}, {80, 10}}
	discrete, err := PlanarHausdorff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if want := naiveHausdorff(a, b, 1); math.Abs(discrete.Distance-want) > 1e-9 {
		t.Errorf("discrete = %v, naive %v", discrete.Distance, want)
	}
	prev := discrete.Distance
	for _, step := range []float64{50, 10, 1, 0.1, 0.01} {
		h, err := PlanarHausdorffDensified(a, b, step)
		if err != nil {
			t.Fatal(err)
		}
		checkWitness(t, h, a, b)
		if h.Distance < discrete.Distance-1e-9 {
			t.Errorf("step %v: densified %v below discrete %v", step, h.Distance, discrete.Distance)
		}
		// Densified distances are at most half a step below the truth; the
		// fine sampling is within 0.004 m of it (134 m / 20000 / 2).
		fine := naiveHausdorff(a, b, 20000)
		if h.Distance > fine+0.004 || h.Distance < fine-step/2-1e-9 {
			t.Errorf("step %v: densified %v, fine sampling %v", step, h.Distance, fine)
		}
		prev = h.Distance
	}
	if prev-discrete.Distance < 20 {
		t.Errorf("densifying should find the gap inside the long segment: %v vs discrete %v", prev, discrete.Distance)
	}
}

func TestPlanarHausdorffIdenticalAndBadStep(t *testing.T) {
	a := orb.LineString{{0, 0}, {10, 0}, {10, 10}}
	h, err := PlanarHausdorffDensified(a, a, 0.5)
	if err != nil || h.Distance != 0 {
		t.Errorf("identical lines: %+v, %v", h, err)
	}
	for _, step := range []float64{0, -1, nan()} {
		_, err := PlanarHausdorffDensified(a, a, step)
		assertInvalid(t, err, "step", []string{"positive"})
	}
	long := orb.LineString{{0, 0}, {1e6, 0}}
	_, err = PlanarHausdorffDensified(long, a, 1e-3)
	assertInvalid(t, err, "step", []string{"limit"})
}
