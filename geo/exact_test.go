package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// hypot1 is a shortcut for math.Hypot(1, t): it must agree bit for bit.
func TestHypot1Exact(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, math.Nextafter(1, 2), math.Nextafter(1, 0), 0.5, 1e-300,
		5e-324, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.Tan(45 * math.Pi / 180)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		vals = append(vals, r.NormFloat64(), r.Float64()*2-1, math.Tan(r.Float64()*math.Pi/2*0.6))
	}
	for _, v := range vals {
		got, want := hypot1(v), math.Hypot(1, v)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("hypot1(%v) = %v, math.Hypot(1, %[1]v) = %v", v, got, want)
		}
	}
}

// The projection with the shortcuts gives the same bits as the formulas
// written with math.Hypot and math.Remainder throughout.
func TestForwardExactAsWritten(t *testing.T) {
	z, err := ZoneByEPSG(4545)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		p := orb.Point{z.CentralMeridian - 3 + 6*r.Float64(), 3 + 51*r.Float64()}
		got, want := z.Forward(p), forwardAsWritten(z, p)
		if got != want {
			t.Fatalf("Forward(%v) = %v, written out %v", p, got, want)
		}
	}
}

func forwardAsWritten(z Zone, p orb.Point) orb.Point {
	lam := math.Remainder(p[0]-z.CentralMeridian, 360) * math.Pi / 180
	phi := p[1] * math.Pi / 180
	tau := math.Tan(phi)
	sig := math.Sinh(ecc * math.Atanh(ecc*tau/math.Hypot(1, tau)))
	tauP := tau*math.Hypot(1, sig) - sig*math.Hypot(1, tau)
	sinLam, cosLam := math.Sincos(lam)
	xiP := math.Atan2(tauP, cosLam)
	etaP := math.Asinh(sinLam / math.Hypot(tauP, cosLam))
	xi, eta := krugerSum(xiP, etaP, &krugerAlpha, 1)
	return orb.Point{rectifyingRadius*eta + z.FalseEasting, rectifyingRadius * xi}
}

// PlanarHausdorffDensified, which avoids most math.Hypot calls, gives the
// same result as the search that calls it for every segment.
func TestHausdorffExactAsWritten(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	line := func(n int, wiggle float64) orb.LineString {
		ls := make(orb.LineString, n)
		for i := range ls {
			x := float64(i) * 10
			ls[i] = orb.Point{4e5 + x, 3.1e6 + wiggle*math.Sin(x/70+r.Float64()) + r.Float64()*wiggle}
		}
		return ls
	}
	for k := range 300 {
		a, b := line(2+r.IntN(40), 0.5), line(2+r.IntN(40), 0.3)
		if k%7 == 0 {
			b = a // identical lines: every distance 0
		}
		for _, step := range []float64{math.Inf(1), 3} {
			got, err := PlanarHausdorffDensified(a, b, step)
			if err != nil {
				t.Fatal(err)
			}
			want := hausdorffAsWritten(a, b, step)
			if got != want {
				t.Fatalf("case %d step %g: %+v, written out %+v", k, step, got, want)
			}
		}
	}
}

func hausdorffAsWritten(a, b orb.LineString, step float64) Hausdorff {
	h := Hausdorff{Distance: -1}
	for _, pair := range [2][2]orb.LineString{{a, b}, {b, a}} {
		last := 0
		visitDensifiedAsWritten(pair[0], step, func(p orb.Point) {
			to := pair[1]
			segs := len(to) - 1
			best, bestD, bestI := orb.Point{}, math.Inf(1), last
			for k := range segs {
				i := (last + k) % segs
				q, _ := PlanarClosestOnSegment(p, to[i], to[i+1])
				d := PlanarDistance(p, q)
				if d < bestD {
					best, bestD, bestI = q, d, i
				}
				if d <= h.Distance {
					last = i
					return
				}
			}
			last = bestI
			h = Hausdorff{Distance: bestD, At: p, Nearest: best}
		})
	}
	return h
}

func visitDensifiedAsWritten(ls orb.LineString, step float64, fn func(orb.Point)) {
	fn(ls[0])
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		n := math.Max(1, math.Ceil(PlanarDistance(a, b)/step))
		for k := 1.0; k < n; k++ {
			t := k / n
			fn(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
		}
		fn(b)
	}
}
