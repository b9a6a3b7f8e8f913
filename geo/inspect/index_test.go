package inspect

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo"
)

// The R-tree locate agrees with geo.PlanarLocate's full scan: distance,
// measure and side, for random points near random zigzag lines.
func TestLocateMatchesPlanarLocate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	id := func(p orb.Point) orb.Point { return p }
	for range 50 {
		ls := orb.LineString{{0, 0}}
		for i := 1; i < 2+r.IntN(200); i++ {
			last := ls[len(ls)-1]
			ls = append(ls, orb.Point{last[0] + r.Float64()*20, last[1] + (r.Float64()-0.5)*40})
		}
		x := newLineIndex(orb.MultiLineString{ls}, id)
		for range 50 {
			b := ls.Bound()
			p := orb.Point{b.Min[0] - 10 + r.Float64()*(b.Max[0]-b.Min[0]+20), b.Min[1] - 30 + r.Float64()*(b.Max[1]-b.Min[1]+60)}
			if r.IntN(10) == 0 {
				p = ls[r.IntN(len(ls))] // exactly on a vertex
			}
			want, err := geo.PlanarLocate(ls, p)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := x.locate(p)
			if !ok || math.Abs(got.Distance-want.Distance) > 1e-9 || math.Abs(got.Measure-want.Measure) > 1e-9 || got.Side != want.Side {
				t.Fatalf("locate(%v) = %+v, PlanarLocate %+v", p, got.Location, want)
			}
		}
	}
}

func TestSubstringAndPointAt(t *testing.T) {
	id := func(p orb.Point) orb.Point { return p }
	x := newLineIndex(orb.MultiLineString{{{0, 0}, {10, 0}, {10, 10}}, {{20, 10}, {30, 10}}}, id)
	if x.length != 30 {
		t.Fatalf("length %g", x.length)
	}
	for _, c := range []struct {
		m    float64
		want orb.Point
	}{{0, orb.Point{0, 0}}, {5, orb.Point{5, 0}}, {15, orb.Point{10, 5}}, {25, orb.Point{25, 10}}, {99, orb.Point{30, 10}}} {
		if got := x.pointAt(c.m); got != c.want {
			t.Errorf("pointAt(%g) = %v, want %v", c.m, got, c.want)
		}
	}
	got := x.substring(5, 25)
	want := []orb.LineString{{{5, 0}, {10, 0}, {10, 10}}, {{20, 10}, {25, 10}}}
	if len(got) != 2 || !got[0].Equal(want[0]) || !got[1].Equal(want[1]) {
		t.Errorf("substring(5, 25) = %v, want %v", got, want)
	}
}

func TestLIS(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want []int
	}{
		{nil, []int{}},
		{[]float64{1, 2, 3}, []int{0, 1, 2}},
		{[]float64{1, 2, 9, 3, 4}, []int{0, 1, 3, 4}},
		{[]float64{5, 1, 2, 3}, []int{1, 2, 3}},
		{[]float64{1, 1, 2}, []int{1, 2}},
	} {
		got := lis(c.v)
		if len(got) != len(c.want) {
			t.Errorf("lis(%v) = %v, want %v", c.v, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("lis(%v) = %v, want %v", c.v, got, c.want)
				break
			}
		}
	}
}

func TestSegContact(t *testing.T) {
	p := func(x, y float64) orb.Point { return orb.Point{x, y} }
	for _, c := range []struct {
		a, b, c, d orb.Point
		kind       contact
		at         orb.Point
	}{
		{p(0, 0), p(2, 2), p(0, 2), p(2, 0), contactPoint, p(1, 1)},
		{p(0, 0), p(1, 0), p(1, 0), p(2, 5), contactPoint, p(1, 0)},
		{p(0, 0), p(2, 0), p(1, 0), p(1, 5), contactPoint, p(1, 0)},
		{p(0, 0), p(2, 0), p(1, 0), p(3, 0), contactOverlap, orb.Point{}},
		{p(0, 0), p(1, 0), p(1, 0), p(3, 0), contactPoint, p(1, 0)},
		{p(0, 0), p(1, 0), p(2, 0), p(3, 0), contactNone, orb.Point{}},
		{p(0, 0), p(1, 1), p(0, 1), p(0.4, 0.6), contactNone, orb.Point{}},
	} {
		k, at := segContact(c.a, c.b, c.c, c.d)
		if k != c.kind || (k == contactPoint && at != c.at) {
			t.Errorf("segContact(%v %v, %v %v) = %d %v, want %d %v", c.a, c.b, c.c, c.d, k, at, c.kind, c.at)
		}
	}
}
