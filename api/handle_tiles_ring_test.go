package api

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// TestTileBufferRing: a sign lying only in the buffer ring of a tile (east
// of it, within 64 of 4096 units) is in that tile as served over HTTP, and
// @mapbox/vector-tile and GDAL both put it east of the tile's edge where
// it is.
func TestTileBufferRing(t *testing.T) {
	st := sampleGPKG(t)
	h, _ := newStubServer(t, Config{}, st)
	home := tiles.TileAt(tileCorner, 16)
	b := home.Bound()
	unit := (b.Max[0] - b.Min[0]) / tiles.Extent // degrees of longitude per tile unit
	pos := orb.Point{b.Max[0] + 32*unit, (b.Min[1] + b.Max[1]) / 2}
	sign := &data.Sign{Kind: "road_sign", Text: "缓冲带 buffer ring", Position: pos, Status: "good"}
	if err := st.CreateSign(context.Background(), sign); err != nil {
		t.Fatal(err)
	}
	if east := tiles.TileAt(pos, 16); east.X != home.X+1 || east.Y != home.Y {
		t.Fatalf("the sign is in %s, want the east neighbour of %s", east, home)
	}
	log := recordTiles(t)
	// The internal tileset: the public one shows only the signs of
	// published places, and this sign names no place.
	if rec := log.get(t, h, tilePath(tiles.Internal, home), nil); rec.Code != 200 {
		t.Fatalf("%s: %d", home, rec.Code)
	}
	decoded := log.check(t)
	if len(decoded) != 1 {
		t.Fatalf("%d tiles decoded", len(decoded))
	}
	fid := tiles.FeatureID(sign.ID)

	var found bool
	for _, f := range decoded[0].js.Layers[tiles.LayerSigns].Features {
		if f.ID != fid {
			continue
		}
		found = true
		x := f.Geom[0][0][0]
		if x <= tiles.Extent || x > tiles.Extent+tiles.Buffer {
			t.Errorf("@mapbox/vector-tile: sign at x %v, want in the east ring (%d, %d]", x, tiles.Extent, tiles.Extent+tiles.Buffer)
		}
		if math.Abs(f.Bound[0]-pos[0]) > unit || math.Abs(f.Bound[1]-pos[1]) > unit {
			t.Errorf("@mapbox/vector-tile: sign at %v, want %v ± %g°", f.Bound[:2], pos, unit)
		}
	}
	if !found {
		t.Errorf("@mapbox/vector-tile finds no sign %d in %s", fid, home)
	}

	gl := decoded[0].ogr[tiles.LayerSigns]
	mb := home.MercatorBound()
	metres := (mb.Max[0] - mb.Min[0]) / tiles.Extent
	found = false
	for i := 0; gl != nil && i < len(gl.fids); i++ {
		if gl.fids[i] != fid {
			continue
		}
		found = true
		p, ok := ogrPoint(gl.geom[i])
		wantX := tiles.EarthRadius * pos[0] * math.Pi / 180
		if !ok || p[0] <= mb.Max[0] || math.Abs(p[0]-wantX) > metres {
			t.Errorf("GDAL: sign at %q, want x %.2f ± %.2f m east of the edge %.2f", gl.geom[i], wantX, metres, mb.Max[0])
		}
	}
	if !found {
		t.Errorf("GDAL finds no sign %d in %s", fid, home)
	}
}
