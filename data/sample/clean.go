package sample

import "github.com/paulmach/orb"

// maxCleanRounds bounds the cleanup loop; the sample converges in a few.
const maxCleanRounds = 100

// clean relabels cells of m until every label's cells are 4-connected and
// no label touches itself diagonally at a vertex (a pinch, which would make
// an invalid ring). ok says whether a cell may take a label; fixed cells
// never move.
func clean(m map[cell]string, fixed map[cell]bool, ok func(cell, string) bool) {
	for round := 0; round < maxCleanRounds; round++ {
		changed := false
		by := cellsByLabel(m)
		for _, l := range labels(m) {
			for _, comp := range componentsOf(m, l, by[l])[1:] {
				for _, c := range comp {
					if fixed[c] {
						continue
					}
					if v := majorityNeighbour(m, c, func(v string) bool { return ok(c, v) }); v != "" {
						m[c], changed = v, true
					}
				}
			}
		}
		changed = fixPinches(m, fixed, ok) || changed
		if !changed {
			return
		}
	}
}

// fixPinches gives one off-diagonal cell of every pinch to the pinched label.
func fixPinches(m map[cell]string, fixed map[cell]bool, ok func(cell, string) bool) bool {
	changed := false
	for j := gridJ0 + 1; j < gridJ1; j++ {
		for i := gridI0 + 1; i < gridI1; i++ {
			for _, q := range pinchesAt(m, vtx{i, j}) {
				for _, c := range q.others {
					if !fixed[c] && ok(c, q.label) {
						m[c], changed = q.label, true
						break
					}
				}
			}
		}
	}
	return changed
}

type pinch struct {
	label  string
	others [2]cell
}

// pinchesAt returns the labels that touch themselves only diagonally at v.
func pinchesAt(m map[cell]string, v vtx) []pinch {
	sw, se, nw, ne := cell{v.I - 1, v.J - 1}, cell{v.I, v.J - 1}, cell{v.I - 1, v.J}, cell{v.I, v.J}
	var out []pinch
	check := func(a, b, x, y cell) {
		la, oka := m[a]
		lb, okb := m[b]
		if !oka || !okb || la != lb {
			return
		}
		if lx, okx := m[x]; okx && lx == la {
			return
		}
		if ly, oky := m[y]; oky && ly == la {
			return
		}
		out = append(out, pinch{la, [2]cell{x, y}})
	}
	check(sw, ne, se, nw)
	check(se, nw, sw, ne)
	return out
}

// parentOf returns the county code of a township code.
func parentOf(township string) string {
	for _, r := range townshipRows {
		if r.Code == township {
			return r.Parent
		}
	}
	return ""
}

func pointOf(r unitRow) orb.Point { return orb.Point{r.Lon, r.Lat} }
