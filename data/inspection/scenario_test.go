package inspection_test

import (
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/storetest"
	"github.com/toponym/toponym/geo"
)

// The scenario is drawn in EPSG:4545 (CGCS2000 GK, CM 108°E) metres near
// the 湘渝黔 corner and stored in EPSG:4490, as parties would submit it.
// Line 4350 (湘渝, A = 湖南 430000, B = 重庆 500000) runs 20 km west to east
// and ends at the tri-junction with lines 4352 and 5052. Marker groups
// stand every 500 m: single markers 0.3 m off the line, A/B pairs 25 m
// either side every fifth group (A north, on 湖南's side, the line's left),
// a C/D/E triple at group 20.
const (
	e0, n0   = 620000.0, 3150000.0
	lineLen  = 20000.0
	stations = 39
	partyA   = data.Code("430000")
	partyB   = data.Code("500000")
)

// faults selects the injected faults of the scenario.
type faults struct {
	moved      bool // marker 6 moved 3 m east
	unrecorded bool // marker 8 has no record in the round
	outOfOrder bool // marker 12 stands between 15 and 16
	swapped    bool // pair 10: A on the south (B's) side
	shiftedB   bool // side B's version 12 m north between markers 30 and 31
	slivers    bool // a 0.5 m sliver and a 0.2 m overlap between two townships
	junction   bool // the three lines meet 2 m off the agreed tri-junction point
}

var allFaults = faults{true, true, true, true, true, true, true}

var zone = func() geo.Zone {
	z, err := geo.ZoneByEPSG(4545)
	if err != nil {
		panic(err)
	}
	return z
}()

func ll(p orb.Point) orb.Point { return zone.Inverse(p) }

func llLine(ls orb.LineString) orb.LineString { return geo.ProjectLineString(ls, zone.Inverse) }

func llPoly(r orb.Ring) orb.MultiPolygon {
	return orb.MultiPolygon{{orb.Ring(llLine(orb.LineString(r)))}}
}

func agreedY(t float64) float64 { return n0 + 200*math.Sin(t/1500) }

func lineWith(shift func(t float64) float64) orb.LineString {
	var ls orb.LineString
	for t := 0.0; t <= lineLen; t += 10 {
		ls = append(ls, orb.Point{e0 + t, agreedY(t) + shift(t)})
	}
	return ls
}

func noShift(float64) float64 { return 0 }

// beside is the point at easting offset t, d metres left (north) of the line.
func beside(t, d float64) orb.Point {
	slope := 200.0 / 1500 * math.Cos(t/1500)
	l := math.Hypot(1, slope)
	return orb.Point{e0 + t - d*slope/l, agreedY(t) + d/l}
}

func shiftB(t float64) float64 {
	switch {
	case t < 15050 || t > 15450:
		return 0
	case t < 15100:
		return 12 * (t - 15050) / 50
	case t > 15400:
		return 12 * (15450 - t) / 50
	}
	return 12
}

// junction is the end of line 4350 where the three lines meet.
var junction = orb.Point{e0 + lineLen, agreedY(lineLen)}

// markerPlace is one marker of the scenario: its number and where it stands.
type markerPlace struct {
	seq    int
	letter byte
	at     orb.Point // GK metres
}

func (m markerPlace) number() string { return fmt.Sprintf("4350%03d%c", m.seq, m.letter) }

func (f faults) markers() []markerPlace {
	var out []markerPlace
	for seq := 1; seq <= stations; seq++ {
		t := 500 * float64(seq)
		if seq == 12 && f.outOfOrder {
			t = 500*15 + 250
		}
		type off struct {
			letter byte
			d      float64
		}
		group := []off{{'Q', 0.3 * float64(seq%3-1)}}
		switch {
		case seq == 20:
			group = []off{{'C', 0}, {'D', 8}, {'E', -8}}
		case seq == 10 && f.swapped:
			group = []off{{'A', -25}, {'B', 25}}
		case seq%5 == 0:
			group = []off{{'A', 25}, {'B', -25}}
		}
		for _, g := range group {
			out = append(out, markerPlace{seq, g.letter, beside(t, g.d)})
		}
	}
	return out
}

// observed is where a party finds marker m this round (GK metres).
func (f faults) observed(m markerPlace) orb.Point {
	if m.seq == 6 && f.moved {
		return orb.Point{m.at[0] + 3, m.at[1]}
	}
	return orb.Point{m.at[0] + 0.02, m.at[1] - 0.03}
}

// townships returns two townships south of the line meeting at x = X; with
// the fault, township 1 leaves a 0.5 m sliver at y0+1000…1200 and reaches
// 0.2 m into township 2 at y0+2500…2700.
func (f faults) townships() (t1, t2 orb.Ring) {
	x0, x, x1 := e0+1000, e0+3000, e0+5000
	y0, y1 := n0-4000, n0-1000
	east := []orb.Point{{x, y0}, {x, y1}}
	if f.slivers {
		east = []orb.Point{{x, y0}, {x, y0 + 1000}, {x - 0.5, y0 + 1000}, {x - 0.5, y0 + 1200}, {x, y0 + 1200},
			{x, y0 + 2500}, {x + 0.2, y0 + 2500}, {x + 0.2, y0 + 2700}, {x, y0 + 2700}, {x, y1}}
	}
	t1 = orb.Ring{{x0, y0}}
	t1 = append(append(t1, east...), orb.Point{x0, y1}, orb.Point{x0, y0})
	t2 = orb.Ring{{x, y0}, {x1, y0}, {x1, y1}, {x, y1}, {x, y0}}
	return t1, t2
}

// Fault locations (GK metres) the findings must point at.
var (
	sliverAt  = orb.Point{e0 + 3000 - 0.25, n0 - 4000 + 1100}
	overlapAt = orb.Point{e0 + 3000 + 0.1, n0 - 4000 + 2600}
)

func stamp(d time.Duration) time.Time { return time.Now().UTC().Add(d).Truncate(time.Second) }

func unit(code, name string) *data.AdminUnit {
	return storetest.Unit(code, name, 108.5, 27.5)
}
