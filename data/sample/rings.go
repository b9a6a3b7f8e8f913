package sample

import (
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// region is a set of grid cells.
type region map[cell]bool

// regionOf returns the cells whose label satisfies keep.
func regionOf(m map[cell]string, keep func(string) bool) region {
	r := region{}
	for c, l := range m {
		if keep(l) {
			r[c] = true
		}
	}
	return r
}

// boundary returns the region's boundary as directed grid edges with the
// region on the left, keyed by start vertex. A pinch-free region has one
// edge leaving each boundary vertex.
func (r region) boundary() map[vtx]vtx {
	next := map[vtx]vtx{}
	for c := range r {
		sides := [4][2]vtx{{c.sw(), c.se()}, {c.se(), c.ne()}, {c.ne(), c.nw()}, {c.nw(), c.sw()}}
		for k, n := range c.neighbours() {
			if !r[n] {
				next[sides[k][0]] = sides[k][1]
			}
		}
	}
	return next
}

// multiPolygon returns the region as an OGC multipolygon: counter-clockwise
// shells, clockwise holes, each ring starting at its lowest vertex.
func (r region) multiPolygon() orb.MultiPolygon {
	next := r.boundary()
	starts := make([]vtx, 0, len(next))
	for v := range next {
		starts = append(starts, v)
	}
	sort.Slice(starts, func(a, b int) bool { return starts[a].less(starts[b]) })
	used := map[vtx]bool{}
	var shells orb.MultiPolygon
	var holes []orb.Ring
	for _, s := range starts {
		if used[s] {
			continue
		}
		var ring orb.Ring
		for v := s; !used[v]; v = next[v] {
			used[v] = true
			pts := edgePoints(v, next[v])
			ring = append(ring, pts[:len(pts)-1]...)
		}
		ring = append(ring, ring[0])
		if planar.Area(ring) > 0 {
			shells = append(shells, orb.Polygon{ring})
		} else {
			holes = append(holes, ring)
		}
	}
	for _, h := range holes {
		for k := range shells {
			if planar.RingContains(shells[k][0], h[0]) {
				shells[k] = append(shells[k], h)
				break
			}
		}
	}
	return shells
}

// sharedEdges returns the grid edges between regions a and b as polylines,
// chained where they continue, in a fixed order.
func sharedEdges(a, b region) orb.MultiLineString {
	adj := map[vtx][]vtx{}
	for c := range a {
		sides := [4][2]vtx{{c.sw(), c.se()}, {c.se(), c.ne()}, {c.ne(), c.nw()}, {c.nw(), c.sw()}}
		for k, n := range c.neighbours() {
			if b[n] {
				u, v := sides[k][0], sides[k][1]
				adj[u] = append(adj[u], v)
				adj[v] = append(adj[v], u)
			}
		}
	}
	return chain(adj)
}

// chain joins undirected grid edges into maximal polylines that break at
// vertices of degree other than 2.
func chain(adj map[vtx][]vtx) orb.MultiLineString {
	vs := make([]vtx, 0, len(adj))
	for v := range adj {
		vs = append(vs, v)
	}
	sort.Slice(vs, func(a, b int) bool { return vs[a].less(vs[b]) })
	type edge struct{ a, b vtx }
	used := map[edge]bool{}
	mark := func(a, b vtx) { used[edge{a, b}], used[edge{b, a}] = true, true }
	walk := func(from, to vtx) orb.LineString {
		line := orb.LineString(edgePoints(from, to))
		mark(from, to)
		for prev, v := from, to; len(adj[v]) == 2; {
			n := adj[v][0]
			if n == prev {
				n = adj[v][1]
			}
			if used[edge{v, n}] {
				break
			}
			pts := edgePoints(v, n)
			line = append(line, pts[1:]...)
			mark(v, n)
			prev, v = v, n
		}
		return line
	}
	var out orb.MultiLineString
	for _, pass := range []bool{true, false} { // ends first, then closed loops
		for _, v := range vs {
			if pass && len(adj[v]) == 2 {
				continue
			}
			for _, n := range adj[v] {
				if !used[edge{v, n}] {
					out = append(out, walk(v, n))
				}
			}
		}
	}
	return out
}
