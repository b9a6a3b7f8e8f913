package tiles

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// randomBound returns a bound in China, from a point to a few degrees wide.
func randomBound(r *rand.Rand) orb.Bound {
	lon, lat := 73+r.Float64()*60, 3+r.Float64()*50
	w, h := math.Pow(10, -6+r.Float64()*6.5), math.Pow(10, -6+r.Float64()*6.5)
	if r.IntN(5) == 0 {
		w, h = 0, 0 // a point
	}
	return orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + w, lat + h}}
}

// TestCoveringMatchesBruteForce compares Covering with testing every tile's
// buffered lon/lat bound for intersection.
func TestCoveringMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 60 {
		b := randomBound(r)
		for z := uint32(0); z <= 16; z++ {
			got, ok := Covering(b, z, Buffer)
			if !ok {
				t.Fatalf("Covering(%v, %d) not ok", b, z)
			}
			window := TileRange{Z: z, MaxX: 1<<z - 1, MaxY: 1<<z - 1}
			if z > 7 { // the range and three tiles around it
				window = TileRange{Z: z, MinX: sat(got.MinX, -3, z), MinY: sat(got.MinY, -3, z),
					MaxX: sat(got.MaxX, 3, z), MaxY: sat(got.MaxY, 3, z)}
			}
			for id := range window.All() {
				want := id.BufferedBound(Buffer).Intersects(b)
				if got.Contains(id) != want {
					t.Fatalf("bound %v zoom %d: Covering says %v for %v, brute force %v", b, z, got.Contains(id), id, want)
				}
			}
		}
	}
}

func sat(v uint32, d int, z uint32) uint32 {
	return uint32(max(0, min(int(v)+d, 1<<z-1)))
}

// TestCoveringBufferRing: a point just east of a tile's east edge, within
// the buffer, is covered by that tile and its east neighbour; a point past
// the buffer only by the neighbour.
func TestCoveringBufferRing(t *testing.T) {
	id := TileAt(orb.Point{109.2702, 28.5035}, 14)
	b := id.Bound()
	px := (b.Max[0] - b.Min[0]) / Extent
	for _, tc := range []struct {
		offsetPx float64
		want     []TileID
	}{
		{Buffer / 2, []TileID{id, {id.Z, id.X + 1, id.Y}}},
		{Buffer * 3, []TileID{{id.Z, id.X + 1, id.Y}}},
	} {
		p := orb.Point{b.Max[0] + tc.offsetPx*px, b.Center()[1]}
		r, _ := Covering(p.Bound(), id.Z, Buffer)
		if r.Count() != uint64(len(tc.want)) {
			t.Errorf("offset %g px: %d tiles %+v, want %v", tc.offsetPx, r.Count(), r, tc.want)
		}
		for _, w := range tc.want {
			if !r.Contains(w) {
				t.Errorf("offset %g px: %+v lacks %v", tc.offsetPx, r, w)
			}
		}
	}
}

func TestCoveringRejects(t *testing.T) {
	nan := math.NaN()
	for _, b := range []orb.Bound{
		{Min: orb.Point{nan, 0}, Max: orb.Point{1, 1}},
		{Min: orb.Point{0, 0}, Max: orb.Point{math.Inf(1), 1}},
		{Min: orb.Point{2, 0}, Max: orb.Point{1, 1}},
	} {
		if _, ok := Covering(b, 3, Buffer); ok {
			t.Errorf("Covering(%v) ok", b)
		}
	}
	if _, ok := Covering(orb.Bound{}, MaxZoom+1, 0); ok {
		t.Error("Covering at zoom 23 ok")
	}
}
