package tiles

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// tileFrac returns the lon/lat point at fraction (fx, fy) across tile id.
func tileFrac(id TileID, fx, fy float64) orb.Point {
	n := float64(uint64(1) << id.Z)
	return orb.Point{xToLon(float64(id.X)+fx, n), yToLat(float64(id.Y)+fy, n)}
}

func TestTransformPolygonCoveringTile(t *testing.T) {
	id := TileAt(corner, 12)
	big := orb.MultiPolygon{{square(corner[0]-1, corner[1]-1, corner[0]+1, corner[1]+1)}}
	g := newTileTransform(id).polygons(big)
	p, ok := g.(orb.Polygon)
	if !ok || len(p) != 1 {
		t.Fatalf("got %#v", g)
	}
	want := orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}}
	if p[0].Bound() != want || surveyorArea(p[0]) <= 0 {
		t.Errorf("ring %v: bound %v area %g; want the buffered tile, positive", p[0], p[0].Bound(), surveyorArea(p[0]))
	}
}

func TestTransformLineClipped(t *testing.T) {
	id := TileAt(corner, 14)
	ls := orb.LineString{tileFrac(id, -2, 0.5), tileFrac(id, 3, 0.5)}
	g := newTileTransform(id).lines(orb.MultiLineString{ls})
	l, ok := g.(orb.LineString)
	if !ok || len(l) != 2 {
		t.Fatalf("got %#v", g)
	}
	if l[0] != (orb.Point{-Buffer, Extent / 2}) || l[1] != (orb.Point{Extent + Buffer, Extent / 2}) {
		t.Errorf("clipped line %v, want from x=-%d to x=%d at y=%d", l, Buffer, Extent+Buffer, Extent/2)
	}
	if g := newTileTransform(id).lines(orb.MultiLineString{{tileFrac(id, 2, 0), tileFrac(id, 3, 1)}}); g != nil {
		t.Errorf("a line outside the tile gave %v", g)
	}
}

// TestTransformSimplifyByZoom: wiggles of one tile unit vanish on the
// coarser grid of low zooms and stay from zoom 16 on.
func TestTransformSimplifyByZoom(t *testing.T) {
	for _, z := range []uint32{8, 16} {
		id := TileAt(corner, z)
		var ls orb.LineString
		for i := 0; i <= 100; i++ {
			dy := 0.0
			if i%2 == 1 {
				dy = 1.0 / Extent
			}
			ls = append(ls, tileFrac(id, 0.1+0.008*float64(i), 0.5+dy))
		}
		l, _ := newTileTransform(id).lines(orb.MultiLineString{ls}).(orb.LineString)
		ys := map[float64]bool{}
		for _, p := range l {
			ys[p[1]] = true
		}
		if z < 16 && len(ys) != 1 {
			t.Errorf("zoom %d: the line still wiggles over rows %v", z, ys)
		}
		if z >= 16 && (len(l) != len(ls) || len(ys) != 2) {
			t.Errorf("zoom %d: %d points on %d rows left, want all %d on 2", z, len(l), len(ys), len(ls))
		}
	}
}

func TestTransformDropsSpecks(t *testing.T) {
	id := TileAt(corner, 6)
	a, b := tileFrac(id, 0.5, 0.5), tileFrac(id, 0.5+0.1/Extent, 0.5+0.1/Extent)
	speck := orb.MultiPolygon{{square(a[0], b[1], b[0], a[1])}}
	if g := newTileTransform(id).polygons(speck); g != nil {
		t.Errorf("a polygon under one tile unit gave %v", g)
	}
	if g := newTileTransform(id).points([]orb.Point{tileFrac(id, 1.5, 0.5)}); g != nil {
		t.Errorf("a point outside the buffered tile gave %v", g)
	}
}

func TestLabelPoints(t *testing.T) {
	// A U shape whose centroid lies in the gap.
	u := orb.Polygon{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}
	if c, _ := planar.CentroidArea(u); planar.PolygonContains(u, c) {
		t.Fatalf("test shape's centroid %v is inside; want a shape where it is not", c)
	}
	pts := labelPoints(u)
	if len(pts) != 1 || !planar.PolygonContains(u, pts[0]) {
		t.Errorf("label %v not inside the U", pts)
	}
	line := orb.LineString{{0, 0}, {1, 0}, {1, 3}}
	if pts := labelPoints(line); len(pts) != 1 || pts[0] != (orb.Point{1, 1}) {
		t.Errorf("line label %v, want (1 1)", pts)
	}
	if pts := labelPoints(orb.Collection{orb.LineString{}, orb.Point{4, 5}}); len(pts) != 1 || pts[0] != (orb.Point{4, 5}) {
		t.Errorf("collection label %v", pts)
	}
}
