package tiles

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// tileTransform carries lon/lat geometry into one tile's coordinates:
// project, clip to the buffered tile, snap to the zoom's grid (which holds
// the buffered tile's edges).
type tileTransform struct {
	n, x0, y0 float64   // tiles across the world; the tile's x and y
	box       orb.Bound // the buffered tile in tile units
	grid      float64   // generalisation grid in tile units (GridSize)
}

func newTileTransform(t TileID) *tileTransform {
	return &tileTransform{
		n: float64(uint64(1) << t.Z), x0: float64(t.X), y0: float64(t.Y),
		box:  orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}},
		grid: GridSize(t.Z),
	}
}

// GridSize returns the generalisation grid of zoom z in tile units (1/Extent
// of a tile): every vertex of a line or polygon is moved to the nearest
// point of a grid of this spacing, aligned with the world's origin, and
// vertices that fall together merge. The rule is per vertex, so a vertex two
// neighbouring townships share lands on the same grid point in both and the
// shared edge stays identical on both sides: no slivers and no gaps, which
// per-polygon Douglas-Peucker cannot promise. Coarser at small scales (8
// units, a pixel of a 512-pixel tile, up to zoom 7), down to the plain MVT
// integer grid from zoom 14 on. The PostGIS source applies the same grid
// with ST_SnapToGrid in EPSG:3857 before ST_AsMVTGeom.
func GridSize(z uint32) float64 {
	switch {
	case z <= 7:
		return 8
	case z <= 10:
		return 4
	case z <= 13:
		return 2
	}
	return 1
}

// snapGrid moves p (tile units) to the nearest grid point. The grid divides
// Extent, so tile-local and world-aligned grids coincide.
func (tt *tileTransform) snapGrid(p orb.Point) orb.Point {
	g := tt.grid
	return orb.Point{math.Round(p[0]/g) * g, math.Round(p[1]/g) * g}
}

func (tt *tileTransform) project(p orb.Point) orb.Point {
	return orb.Point{(lonToX(p[0], tt.n) - tt.x0) * Extent, (latToY(p[1], tt.n) - tt.y0) * Extent}
}

func (tt *tileTransform) projectAll(pts []orb.Point) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = tt.project(p)
	}
	return out
}

// gridLine snaps every point to the grid, in place; snapLine then drops
// the repeats.
func (tt *tileTransform) gridLine(pts []orb.Point) []orb.Point {
	for i, p := range pts {
		pts[i] = tt.snapGrid(p)
	}
	return pts
}

// points returns the points inside the buffered tile as an orb.Point or
// orb.MultiPoint, or nil if none is.
func (tt *tileTransform) points(pts []orb.Point) orb.Geometry {
	var out orb.MultiPoint
	for _, p := range pts {
		q := tt.project(p)
		if tt.box.Contains(q) {
			out = append(out, snap(q))
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

// lines returns the lines clipped to the buffered tile, or nil if nothing
// of them remains.
func (tt *tileTransform) lines(mls orb.MultiLineString) orb.Geometry {
	var out orb.MultiLineString
	for _, ls := range mls {
		if len(ls) < 2 {
			continue
		}
		for _, part := range clip.LineString(tt.box, tt.projectAll(ls)) {
			if part = snapLine(tt.gridLine(part)); len(part) >= 2 {
				out = append(out, part)
			}
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

// polygons returns the polygons clipped to the buffered tile with rings
// wound as MVT 2.1 wants (exterior positive area in tile coordinates,
// interior negative), or nil if nothing of them remains.
func (tt *tileTransform) polygons(mp orb.MultiPolygon) orb.Geometry {
	var out orb.MultiPolygon
	for _, poly := range mp {
		var p orb.Polygon
		for i, r := range poly {
			r = tt.ring(r, i == 0)
			if r == nil && i == 0 {
				break // the exterior vanished: so did the holes
			}
			if r != nil {
				p = append(p, r)
			}
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

// ring projects, clips, snaps to the grid, cleans and orients one ring;
// nil if it collapses.
func (tt *tileTransform) ring(r orb.Ring, exterior bool) orb.Ring {
	if len(r) < 3 {
		return nil
	}
	c := clip.Ring(tt.box, orb.Ring(tt.projectAll(r)))
	if len(c) < 3 {
		return nil
	}
	if c[0] != c[len(c)-1] {
		c = append(c, c[0])
	}
	c = cleanRing(snapLine(tt.gridLine(c)), tt.box)
	if len(c) < 4 {
		return nil
	}
	a := surveyorArea(c)
	if a == 0 {
		return nil
	}
	if (a > 0) != exterior {
		reverse(c)
	}
	return c
}

// cleanRing removes, from a closed ring of integer points, every vertex on
// the edge of box whose neighbours lie on one straight line with it: the
// zero-width runs that clipping leaves along the buffer's edge. The ring
// comes back closed; nil if fewer than three vertices stay.
func cleanRing(ls orb.LineString, box orb.Bound) orb.Ring {
	straight := func(a, b, c orb.Point) bool { return onEdge(b, box) && straight(a, b, c) }
	if len(ls) < 4 {
		return nil
	}
	pts := slices.Clone(ls[:len(ls)-1]) // open
	for changed := true; changed && len(pts) >= 3; {
		changed = false
		out := pts[:0:0]
		for _, p := range pts {
			out = append(out, p)
			for n := len(out); n >= 3 && straight(out[n-3], out[n-2], out[n-1]); n = len(out) {
				out = append(out[:n-2], out[n-1])
				changed = true
			}
		}
		// The seam: the last two with the first, the last with the first two.
		for len(out) >= 3 && straight(out[len(out)-2], out[len(out)-1], out[0]) {
			out, changed = out[:len(out)-1], true
		}
		for len(out) >= 3 && straight(out[len(out)-1], out[0], out[1]) {
			out, changed = out[1:], true
		}
		pts = dropRepeats(out)
	}
	if len(pts) < 3 {
		return nil
	}
	return orb.Ring(append(pts, pts[0]))
}

func onEdge(p orb.Point, b orb.Bound) bool {
	return p[0] == b.Min[0] || p[0] == b.Max[0] || p[1] == b.Min[1] || p[1] == b.Max[1]
}

// straight reports whether a, b and c lie on one line (b may double back).
func straight(a, b, c orb.Point) bool {
	return (b[0]-a[0])*(c[1]-a[1])-(b[1]-a[1])*(c[0]-a[0]) == 0
}

func dropRepeats(pts []orb.Point) []orb.Point {
	out := pts[:0]
	for _, p := range pts {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

func snap(p orb.Point) orb.Point { return orb.Point{math.Round(p[0]), math.Round(p[1])} }

// snapLine rounds to integers and drops repeated points, in place.
func snapLine(ls orb.LineString) orb.LineString {
	out := ls[:0]
	for _, p := range ls {
		q := snap(p)
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	return out
}

// surveyorArea returns twice the signed area of a closed ring by the
// surveyor's formula; positive means clockwise on screen (y down).
func surveyorArea(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s
}

func reverse(r orb.Ring) {
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
}
