package tiles

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/simplify"
)

// tileTransform carries lon/lat geometry into one tile's coordinates:
// project, clip to the buffered tile, simplify, snap to integers.
type tileTransform struct {
	n, x0, y0 float64   // tiles across the world; the tile's x and y
	box       orb.Bound // the buffered tile in tile units
	tolerance float64   // Douglas-Peucker threshold in tile units; 0 = none
}

func newTileTransform(t TileID) *tileTransform {
	return &tileTransform{
		n: float64(uint64(1) << t.Z), x0: float64(t.X), y0: float64(t.Y),
		box:       orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}},
		tolerance: SimplifyTolerance(t.Z),
	}
}

// SimplifyTolerance returns the Douglas-Peucker threshold used at zoom z,
// in tile units (1/Extent of a tile): coarser at small scales, none from
// zoom 16 on, where lines are drawn at survey grade.
func SimplifyTolerance(z uint32) float64 {
	switch {
	case z <= 8:
		return 2
	case z <= 13:
		return 1
	case z <= 15:
		return 0.5
	}
	return 0
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
			if tt.tolerance > 0 && len(part) > 2 {
				part = simplify.DouglasPeucker(tt.tolerance).LineString(part)
			}
			if part = snapLine(part); len(part) >= 2 {
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

// ring projects, clips, simplifies, snaps and orients one ring; nil if it
// collapses.
func (tt *tileTransform) ring(r orb.Ring, exterior bool) orb.Ring {
	if len(r) < 3 {
		return nil
	}
	c := clip.Ring(tt.box, tt.projectAll(r))
	if len(c) < 3 {
		return nil
	}
	if c[0] != c[len(c)-1] {
		c = append(c, c[0])
	}
	if tt.tolerance > 0 && len(c) > 4 {
		c = simplify.DouglasPeucker(tt.tolerance).Ring(c)
	}
	c = orb.Ring(snapLine(orb.LineString(c)))
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
