package gazetteer

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/toponym/toponym/data"
)

// Division history over any data.Store: the answers are built from
// ListAdminUnits, UnitVersions, UnitEvents and GetAdminUnit, so every store
// gives the same ones.

// CodeVersions returns every admin-unit version that bore code, oldest
// first: the history of a code. A code may pass between units only if a
// store allows it; GB/T 2260 never reuses one.
func CodeVersions(ctx context.Context, st data.Store, code data.Code) ([]*data.AdminUnit, error) {
	if _, err := data.ParseCode(string(code)); err != nil {
		return nil, err
	}
	var out []*data.AdminUnit
	q := data.Query{Code: code, Limit: data.MaxLimit}
	for {
		page, err := st.ListAdminUnits(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		q.Offset += len(page.Items)
		if len(page.Items) == 0 || q.Offset >= page.Matched {
			break
		}
	}
	sortVersions(out)
	return out, nil
}

// sortVersions orders versions by start (unbounded first), then ID.
func sortVersions(vs []*data.AdminUnit) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i].Valid.From, vs[j].Valid.From
		if !a.Equal(b) {
			return a.Before(b)
		}
		return vs[i].ID < vs[j].ID
	})
}

// UnitAt returns the version valid on date at of the unit that bears or
// bore code: the unit coded 520628 today was 522229 in 2010, and
// UnitAt(520628, 2010-01-01) returns that version. If the code belonged to
// several units, the one holding it on at wins, then the latest holder.
// It is a KindNotFound error if no such unit existed on at.
func UnitAt(ctx context.Context, st data.Store, code data.Code, at time.Time) (*data.AdminUnit, error) {
	versions, err := CodeVersions(ctx, st, code)
	if err != nil {
		return nil, err
	}
	for _, v := range versions {
		if v.Valid.Contains(at) {
			return v, nil
		}
	}
	for i := len(versions) - 1; i >= 0; i-- {
		all, err := st.UnitVersions(ctx, versions[i].UnitID)
		if err != nil {
			return nil, err
		}
		for _, v := range all {
			if v.Valid.Contains(at) {
				return v, nil
			}
		}
	}
	return nil, &data.Error{Kind: data.KindNotFound, Value: string(code),
		Message: "no unit with code " + string(code) + " existed on " + at.Format(data.DateLayout)}
}

// Step is one division event of a unit's lineage and the versions on its
// other side: the predecessors of an event that led to the unit, or the
// successors of one that led away from it.
type Step struct {
	Event    *data.DivisionEvent
	Versions []*data.AdminUnit
}

// Lineage is the chain of a unit: its own versions, and the events before
// and after it with the versions of other units they link it to, followed
// transitively (a unit merged into one that was later split …).
type Lineage struct {
	Versions     []*data.AdminUnit
	Predecessors []Step // newest first
	Successors   []Step // oldest first
}

// maxLineageDepth bounds how far a lineage is followed.
const maxLineageDepth = 16

// Chain returns the lineage of the unit unitID.
func Chain(ctx context.Context, st data.Store, unitID string) (*Lineage, error) {
	versions, err := st.UnitVersions(ctx, unitID)
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, data.NotFound("admin unit", unitID)
	}
	w := walker{st: st, versions: map[string]*data.AdminUnit{}, seenEvent: map[string]bool{},
		seenUnit: map[string]bool{unitID: true}}
	l := &Lineage{Versions: versions}
	if l.Predecessors, err = w.walk(ctx, unitID, true, 0); err != nil {
		return nil, err
	}
	w.seenUnit = map[string]bool{unitID: true}
	if l.Successors, err = w.walk(ctx, unitID, false, 0); err != nil {
		return nil, err
	}
	slices.SortStableFunc(l.Predecessors, func(a, b Step) int { return b.Event.Date.Compare(a.Event.Date) })
	slices.SortStableFunc(l.Successors, func(a, b Step) int { return a.Event.Date.Compare(b.Event.Date) })
	return l, nil
}

type walker struct {
	st        data.Store
	versions  map[string]*data.AdminUnit
	seenEvent map[string]bool
	seenUnit  map[string]bool
}

// walk returns the steps back (or forward) from unit: events in which a
// version of unit is a successor (predecessor), with the other units'
// versions on the far side, and recursively theirs.
func (w *walker) walk(ctx context.Context, unitID string, back bool, depth int) ([]Step, error) {
	if depth >= maxLineageDepth {
		return nil, nil
	}
	events, err := w.st.UnitEvents(ctx, unitID)
	if err != nil {
		return nil, err
	}
	var steps []Step
	for _, e := range events {
		near, far := e.Predecessors, e.Successors
		if back {
			near, far = far, near
		}
		key := e.ID + map[bool]string{true: "<", false: ">"}[back]
		if w.seenEvent[key] || !w.touches(ctx, near, unitID) {
			continue
		}
		w.seenEvent[key] = true
		step := Step{Event: e}
		var next []string
		for _, id := range far {
			v, err := w.version(ctx, id)
			if err != nil {
				return nil, err
			}
			if v.UnitID == unitID {
				continue
			}
			step.Versions = append(step.Versions, v)
			if !w.seenUnit[v.UnitID] {
				w.seenUnit[v.UnitID] = true
				next = append(next, v.UnitID)
			}
		}
		if len(step.Versions) == 0 && e.Type != data.EventEstablished && e.Type != data.EventAbolished {
			continue // a change within the unit itself (renamed, code changed): its versions show it
		}
		steps = append(steps, step)
		for _, u := range next {
			more, err := w.walk(ctx, u, back, depth+1)
			if err != nil {
				return nil, err
			}
			steps = append(steps, more...)
		}
	}
	return steps, nil
}

// touches reports whether one of the version IDs is a version of unitID.
func (w *walker) touches(ctx context.Context, ids []string, unitID string) bool {
	for _, id := range ids {
		if v, err := w.version(ctx, id); err == nil && v.UnitID == unitID {
			return true
		}
	}
	return false
}

func (w *walker) version(ctx context.Context, id string) (*data.AdminUnit, error) {
	if v, ok := w.versions[id]; ok {
		return v, nil
	}
	v, err := w.st.GetAdminUnit(ctx, id)
	if err != nil {
		return nil, err
	}
	w.versions[id] = v
	return v, nil
}
