package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestPlanarDistanceToSegment(t *testing.T) {
	a, b := pt(500000, 3100000), pt(500100, 3100000)
	tests := []struct {
		p    orb.Point
		want float64
		t    float64
	}{
		{pt(500050, 3100003), 3, 0.5},
		{pt(500050, 3099996), 4, 0.5},
		{pt(499997, 3100004), 5, 0},  // before a
		{pt(500106, 3100008), 10, 1}, // beyond b
		{pt(500000, 3100000), 0, 0},
	}
	for _, tt := range tests {
		q, tt2 := PlanarClosestOnSegment(tt.p, a, b)
		d := PlanarDistanceToSegment(tt.p, a, b)
		if math.Abs(d-tt.want) > 1e-9 || math.Abs(tt2-tt.t) > 1e-12 || math.Abs(PlanarDistance(q, tt.p)-d) > 1e-9 {
			t.Errorf("p %v: distance %v at t=%v (q %v); want %v at t=%v", tt.p, d, tt2, q, tt.want, tt.t)
		}
	}
	if d := PlanarDistanceToSegment(pt(3, 4), pt(0, 0), pt(0, 0)); d != 5 {
		t.Errorf("distance to a zero-length segment = %v, want 5", d)
	}
}

func TestPlanarLength(t *testing.T) {
	if got := PlanarLength(orb.LineString{{0, 0}, {3, 4}, {3, 10}}); got != 11 {
		t.Errorf("PlanarLength = %v, want 11", got)
	}
	if got := PlanarLength(nil); got != 0 {
		t.Errorf("PlanarLength(nil) = %v", got)
	}
}

func TestPlanarLocate(t *testing.T) {
	// A line east, then north (a left turn at (100, 0)), then east again
	// (a right turn at (100, 100)).
	line := orb.LineString{{0, 0}, {100, 0}, {100, 100}, {200, 100}}
	tests := []struct {
		name    string
		p       orb.Point
		at      orb.Point
		dist    float64
		measure float64
		seg     int
		side    Side
	}{
		{"left of first", pt(50, 5), pt(50, 0), 5, 50, 0, SideLeft},
		{"right of first", pt(50, -5), pt(50, 0), 5, 50, 0, SideRight},
		{"on the line", pt(100, 40), pt(100, 40), 0, 140, 1, SideOn},
		{"outside a left turn", pt(110, -10), pt(100, 0), math.Sqrt(200), 100, 0, SideRight},
		{"inside a left turn", pt(97, 5), pt(100, 5), 3, 105, 1, SideLeft},
		{"outside a right turn", pt(95, 106), pt(100, 100), math.Sqrt(61), 200, 1, SideLeft},
		{"inside a right turn", pt(104, 98), pt(104, 100), 2, 204, 2, SideRight},
		{"before the start", pt(-3, 4), pt(0, 0), 5, 0, 0, SideLeft},
		{"beyond the end", pt(206, 92), pt(200, 100), 10, 300, 2, SideRight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := PlanarLocate(line, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if PlanarDistance(loc.Point, tt.at) > 1e-9 || math.Abs(loc.Distance-tt.dist) > 1e-9 ||
				math.Abs(loc.Measure-tt.measure) > 1e-9 || loc.Segment != tt.seg || loc.Side != tt.side {
				t.Errorf("PlanarLocate(%v) = %+v (side %v); want at %v dist %v measure %v seg %d side %v",
					tt.p, loc, loc.Side, tt.at, tt.dist, tt.measure, tt.seg, tt.side)
			}
			back, err := PlanarPointAt(line, loc.Measure)
			if err != nil || PlanarDistance(back, loc.Point) > 1e-9 {
				t.Errorf("PlanarPointAt(%v) = %v, %v; want %v", loc.Measure, back, err, loc.Point)
			}
		})
	}
}

func TestPlanarLocateReversedLineSwapsSide(t *testing.T) {
	line := orb.LineString{{0, 0}, {100, 0}, {100, 100}, {200, 100}, {150, 180}}
	rev := orb.LineString{}
	for i := len(line) - 1; i >= 0; i-- {
		rev = append(rev, line[i])
	}
	total := PlanarLength(line)
	for x := -20.0; x <= 220; x += 7.3 {
		for y := -20.0; y <= 200; y += 6.1 {
			p := pt(x, y)
			a, _ := PlanarLocate(line, p)
			b, _ := PlanarLocate(rev, p)
			if a.Side != -b.Side || math.Abs(a.Distance-b.Distance) > 1e-9 {
				t.Fatalf("%v: side %v on line, %v on reversed (distances %v, %v)", p, a.Side, b.Side, a.Distance, b.Distance)
			}
			if a.Distance > 1e-9 && math.Abs(a.Measure+b.Measure-total) > 1e-9 && PlanarDistance(a.Point, b.Point) < 1e-9 {
				t.Fatalf("%v: measures %v and %v do not add up to %v", p, a.Measure, b.Measure, total)
			}
		}
	}
}

func TestPlanarBadLines(t *testing.T) {
	bad := []struct {
		ls   orb.LineString
		says string
	}{
		{nil, "0 points"},
		{orb.LineString{{1, 2}}, "1 points"},
		{orb.LineString{{1, 2}, {nan(), 3}}, "point 1"},
		{orb.LineString{{inf(), 2}, {1, 3}}, "point 0"},
	}
	good := orb.LineString{{0, 0}, {1, 1}}
	for _, tt := range bad {
		_, err := PlanarLocate(tt.ls, pt(0, 0))
		assertInvalid(t, err, "line", []string{tt.says})
		_, err = PlanarDistanceToLineString(pt(0, 0), tt.ls)
		assertInvalid(t, err, "line", []string{tt.says})
		_, err = PlanarPointAt(tt.ls, 1)
		assertInvalid(t, err, "line", []string{tt.says})
		_, err = PlanarHausdorff(tt.ls, good)
		assertInvalid(t, err, "a", []string{tt.says})
		_, err = PlanarHausdorff(good, tt.ls)
		assertInvalid(t, err, "b", []string{tt.says})
	}
	_, err := PlanarPointAt(good, nan())
	assertInvalid(t, err, "measure", []string{"NaN"})
}

func TestPlanarPointAtClamps(t *testing.T) {
	line := orb.LineString{{0, 0}, {0, 0}, {10, 0}}
	for _, tt := range []struct{ m, x float64 }{{-5, 0}, {0, 0}, {4, 4}, {10, 10}, {99, 10}} {
		if got, err := PlanarPointAt(line, tt.m); err != nil || got != pt(tt.x, 0) {
			t.Errorf("PlanarPointAt(%v) = %v, %v; want (%v, 0)", tt.m, got, err, tt.x)
		}
	}
}
