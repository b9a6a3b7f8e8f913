package sample

import (
	"crypto/sha1"
	"encoding/binary"
	"math"

	"github.com/paulmach/orb"
)

// The synthetic geometry is built on a jittered grid anchored at the
// tri-junction: grid vertex (0, 0) is exactly TriJunctionPoint, the other
// vertices are moved by a deterministic pseudo-random offset, and every grid
// edge is drawn as a slightly wiggling polyline. Polygons are unions of grid
// cells, so two neighbours always share identical edge vertices.

// TriJunctionPoint is where 秀山, 花垣 and 松桃 meet: the common point of the
// published (generalised) county boundaries, EPSG:4490 lon/lat.
var TriJunctionPoint = orb.Point{109.2702, 28.5035}

const (
	cellLon = 0.0125  // cell width, degrees (≈ 1.2 km)
	cellLat = 0.01125 // cell height, degrees (≈ 1.25 km)

	// Grid extent in cells, relative to the tri-junction vertex.
	gridI0, gridI1 = -98, 56  // columns: lon ≈ 108.04 … 109.97
	gridJ0, gridJ1 = -76, 102 // rows:    lat ≈ 27.65 … 29.65

	vertexJitter = 0.18 // of a cell side
	wiggle1      = 0.09 // midpoint offset, of an edge's length
	wiggle2      = 0.04 // quarter-point offsets, of an edge's length
)

// vtx is a grid vertex; vtx{0, 0} is the tri-junction.
type vtx struct{ I, J int }

// cell is a grid cell named by its south-west vertex.
type cell struct{ I, J int }

func (c cell) sw() vtx { return vtx{c.I, c.J} }
func (c cell) se() vtx { return vtx{c.I + 1, c.J} }
func (c cell) ne() vtx { return vtx{c.I + 1, c.J + 1} }
func (c cell) nw() vtx { return vtx{c.I, c.J + 1} }

// centre returns the unjittered centre of the cell.
func (c cell) centre() orb.Point {
	return orb.Point{
		TriJunctionPoint[0] + (float64(c.I)+0.5)*cellLon,
		TriJunctionPoint[1] + (float64(c.J)+0.5)*cellLat,
	}
}

// noise returns a deterministic value in [-1, 1) for a key and a salt.
func noise(salt string, a, b, c int) float64 {
	var buf [24]byte
	binary.LittleEndian.PutUint64(buf[0:], uint64(int64(a)))
	binary.LittleEndian.PutUint64(buf[8:], uint64(int64(b)))
	binary.LittleEndian.PutUint64(buf[16:], uint64(int64(c)))
	h := sha1.Sum(append([]byte(salt), buf[:]...))
	u := binary.LittleEndian.Uint64(h[:8]) >> 11 // 53 bits
	return float64(u)/float64(1<<52) - 1
}

// point returns the position of a grid vertex, rounded to 1e-7 degrees.
func (v vtx) point() orb.Point {
	x := TriJunctionPoint[0] + float64(v.I)*cellLon
	y := TriJunctionPoint[1] + float64(v.J)*cellLat
	if v.I != 0 || v.J != 0 {
		x += noise("vx", v.I, v.J, 0) * vertexJitter * cellLon
		y += noise("vy", v.I, v.J, 0) * vertexJitter * cellLat
	}
	return orb.Point{round7(x), round7(y)}
}

func round7(x float64) float64 { return math.Round(x*1e7) / 1e7 }

// less orders vertices so each undirected edge has one canonical direction.
func (v vtx) less(w vtx) bool { return v.J < w.J || v.J == w.J && v.I < w.I }

// edgePoints returns the polyline of the grid edge from a to b, both ends
// included. The polyline is computed in the edge's canonical direction and
// reversed when asked the other way, so both neighbours get the same points.
func edgePoints(a, b vtx) []orb.Point {
	if b.less(a) {
		pts := edgePoints(b, a)
		out := make([]orb.Point, len(pts))
		for i, p := range pts {
			out[len(pts)-1-i] = p
		}
		return out
	}
	p, q := a.point(), b.point()
	dx, dy := q[0]-p[0], q[1]-p[1]
	// Perpendicular offsets in a locally isotropic frame (lat degrees are
	// about 1.13 lon degrees long here), scaled back to degrees.
	k := math.Cos(TriJunctionPoint[1] * math.Pi / 180)
	nx, ny := -dy/k, dx*k
	at := func(t, off float64) orb.Point {
		return orb.Point{round7(p[0] + t*dx + off*nx), round7(p[1] + t*dy + off*ny)}
	}
	h := noise("e1", a.I, a.J, b.I*3+b.J) * wiggle1
	h1 := noise("e2", a.I, a.J, b.I*3+b.J) * wiggle2
	h3 := noise("e3", a.I, a.J, b.I*3+b.J) * wiggle2
	return []orb.Point{p, at(0.25, h/2+h1), at(0.5, h), at(0.75, h/2+h3), q}
}
