package valid

import "github.com/paulmach/orb"

// Touches gathers the points where rings of one polygon touch (from a
// Sweep) and finds where they disconnect the polygon's interior, as
// ST_IsValid does ("Interior is disconnected"): two rings touching at two
// points, or a cycle of rings each touching the next (holes in a chain
// from the shell back to it, or around a piece of the interior), cut a
// piece off. Rings and touch points form a graph, a ring linked to each
// point it touches; the interior is disconnected exactly where that graph
// has a cycle. Rings meeting all at one point form none. The zero value
// is ready to use and allocates nothing until a touch comes.
type Touches struct {
	ids    map[touchNode]int32
	parent []int32 // union-find over the nodes
	links  map[[2]int32]struct{}
	cuts   []Cut
}

// Cut is a touch point of rings of polygon Polygon that closes a cycle of
// touching rings: the interior is disconnected there.
type Cut struct {
	At      orb.Point
	Polygon int
}

// touchNode is a ring (Ring ≥ 0) or a touch point (Ring -1) of polygon
// Group.
type touchNode struct {
	Group int
	Ring  int32
	At    orb.Point
}

// Add records that rings a and b of polygon group touch at q; the same
// touch may come more than once.
func (t *Touches) Add(group int, a, b int32, q orb.Point) {
	p := t.node(touchNode{group, -1, q})
	for _, r := range [2]int32{a, b} {
		n := t.node(touchNode{Group: group, Ring: r})
		if _, ok := t.links[[2]int32{n, p}]; ok {
			continue
		}
		t.links[[2]int32{n, p}] = struct{}{}
		if !t.union(n, p) {
			t.cuts = append(t.cuts, Cut{q, group})
		}
	}
}

// Cuts returns the touch points that close a cycle, one for each piece of
// interior cut off, in the order found; none if every interior is
// connected.
func (t *Touches) Cuts() []Cut { return t.cuts }

func (t *Touches) node(k touchNode) int32 {
	if t.ids == nil {
		t.ids, t.links = map[touchNode]int32{}, map[[2]int32]struct{}{}
	}
	id, ok := t.ids[k]
	if !ok {
		id = int32(len(t.parent))
		t.ids[k] = id
		t.parent = append(t.parent, id)
	}
	return id
}

func (t *Touches) find(n int32) int32 {
	for t.parent[n] != n {
		t.parent[n] = t.parent[t.parent[n]]
		n = t.parent[n]
	}
	return n
}

// union joins the sets of m and n; false if they were one already.
func (t *Touches) union(m, n int32) bool {
	rm, rn := t.find(m), t.find(n)
	if rm == rn {
		return false
	}
	t.parent[rm] = rn
	return true
}
