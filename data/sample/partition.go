package sample

import "sort"

// outsideKm is how far a cell may lie from its nearest anchor and still be
// part of the sample's map.
const outsideKm = 11.0

// partition is the assignment of grid cells to counties and townships.
type partition struct {
	county   map[cell]string // county code; absent = outside the map
	township map[cell]string // township code, for counties with townships
	fixed    map[cell]bool   // cells the cleanup must not move
}

// cells returns every grid cell in a fixed order.
func gridCells() []cell {
	var cs []cell
	for j := gridJ0; j < gridJ1; j++ {
		for i := gridI0; i < gridI1; i++ {
			cs = append(cs, cell{i, j})
		}
	}
	return cs
}

func inGrid(c cell) bool { return c.I >= gridI0 && c.I < gridI1 && c.J >= gridJ0 && c.J < gridJ1 }

func (c cell) neighbours() [4]cell {
	return [4]cell{{c.I, c.J - 1}, {c.I + 1, c.J}, {c.I, c.J + 1}, {c.I - 1, c.J}}
}

// buildPartition assigns every cell to its nearest anchor, drops far cells,
// fills enclosed gaps, pins the four cells around the tri-junction and
// cleans both levels until every region is connected and pinch-free.
func buildPartition() *partition {
	as := anchors()
	p := &partition{county: map[cell]string{}, township: map[cell]string{}, fixed: map[cell]bool{}}
	for _, c := range gridCells() {
		best, bd := -1, 0.0
		for k, a := range as {
			if d := distKm(c.centre(), a.P); best < 0 || d < bd {
				best, bd = k, d
			}
		}
		if bd <= outsideKm {
			p.county[c] = as[best].County
			if as[best].Township != "" {
				p.township[c] = as[best].Township
			}
		}
	}
	p.fillHoles()
	pin := map[cell][2]string{
		{-1, 0}:  {"500241", "500241109"}, // north-west: 秀山 洪安镇
		{0, 0}:   {"433124", "433124108"}, // north-east: 花垣 边城镇
		{0, -1}:  {"433124", "433124108"}, // south-east: 花垣 边城镇
		{-1, -1}: {"520628", "520628110"}, // south-west: 松桃 迓驾镇
	}
	for c, v := range pin {
		p.county[c], p.township[c], p.fixed[c] = v[0], v[1], true
	}
	clean(p.county, p.fixed, func(cell, string) bool { return true })
	p.fixTownships()
	clean(p.township, p.fixed, func(c cell, l string) bool {
		return p.county[c] == parentOf(l) && p.county[c] != ""
	})
	return p
}

// fillHoles gives enclosed outside areas to the county that borders them most.
func (p *partition) fillHoles() {
	outside := map[cell]string{}
	for _, c := range gridCells() {
		if _, ok := p.county[c]; !ok {
			outside[c] = "out"
		}
	}
	for _, comp := range components(outside, "out") {
		touchesEdge := false
		for _, c := range comp {
			for _, n := range c.neighbours() {
				touchesEdge = touchesEdge || !inGrid(n)
			}
		}
		if touchesEdge {
			continue
		}
		for _, c := range comp {
			p.county[c] = majorityNeighbour(p.county, c, func(string) bool { return true })
		}
	}
}

// fixTownships gives every cell of a county with townships the nearest
// township seed of that county when the county cleanup moved it.
func (p *partition) fixTownships() {
	parent := map[string]string{}
	for _, r := range townshipRows {
		parent[r.Code] = r.Parent
	}
	for _, c := range gridCells() {
		county, ok := p.county[c]
		if !ok {
			delete(p.township, c)
			continue
		}
		if t, ok := p.township[c]; ok && parent[t] == county {
			continue
		}
		delete(p.township, c)
		best, bd := "", 0.0
		for _, r := range townshipRows {
			if r.Parent != county {
				continue
			}
			if d := distKm(c.centre(), pointOf(r)); best == "" || d < bd {
				best, bd = r.Code, d
			}
		}
		if best != "" {
			p.township[c] = best
		}
	}
}

// labels returns the distinct labels of m, sorted.
func labels(m map[cell]string) []string {
	seen := map[string]bool{}
	for _, l := range m {
		seen[l] = true
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// components returns the 4-connected components of the cells labelled l,
// largest first, each starting at its first cell in grid order.
func components(m map[cell]string, l string) [][]cell {
	return componentsOf(m, l, cellsByLabel(m)[l])
}

// cellsByLabel lists the cells of each label in grid order.
func cellsByLabel(m map[cell]string) map[string][]cell {
	by := map[string][]cell{}
	for _, c := range gridCells() {
		if l, ok := m[c]; ok {
			by[l] = append(by[l], c)
		}
	}
	return by
}

func componentsOf(m map[cell]string, l string, cells []cell) [][]cell {
	seen := map[cell]bool{}
	var comps [][]cell
	for _, c := range cells {
		if seen[c] || m[c] != l {
			continue
		}
		comp := []cell{c}
		seen[c] = true
		for k := 0; k < len(comp); k++ {
			for _, n := range comp[k].neighbours() {
				if v, ok := m[n]; ok && v == l && !seen[n] {
					seen[n] = true
					comp = append(comp, n)
				}
			}
		}
		comps = append(comps, comp)
	}
	sort.SliceStable(comps, func(a, b int) bool { return len(comps[a]) > len(comps[b]) })
	return comps
}

// majorityNeighbour returns the label most of c's labelled neighbours carry
// among those ok accepts, ties broken by label order.
func majorityNeighbour(m map[cell]string, c cell, ok func(string) bool) string {
	count := map[string]int{}
	for _, n := range c.neighbours() {
		if v, has := m[n]; has && v != m[c] && ok(v) {
			count[v]++
		}
	}
	best := ""
	for _, l := range labels(count2map(count)) {
		if best == "" || count[l] > count[best] {
			best = l
		}
	}
	return best
}

func count2map(count map[string]int) map[cell]string {
	m := map[cell]string{}
	i := 0
	for l := range count {
		m[cell{i, 0}] = l
		i++
	}
	return m
}
