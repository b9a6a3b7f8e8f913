package inspect

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// RunLines runs the checks of Run on every line of a round of many lines
// (a provincial or national round) and returns each line's findings, in
// the order of ins, exactly as Run gives them line by line. The lines are
// spread over GOMAXPROCS goroutines, the longest first; each line's checks
// run one after another on its goroutine, so that the cores work on
// different lines rather than contend for one.
//
// An invalid tolerance, or a line that cannot be placed in a Gauss-Krüger
// zone, is an error naming the first such line; no findings are returned
// then.
func RunLines(ins []Input, tol Tolerances) ([][]data.Finding, error) {
	return runLines(ins, tol, runtime.GOMAXPROCS(0))
}

// runLines is RunLines on at most workers goroutines.
func runLines(ins []Input, tol Tolerances, workers int) ([][]data.Finding, error) {
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	perLine := max(1, workers/max(1, len(ins))) // fewer lines than cores: each line takes several
	order := longestFirst(ins)
	out := make([][]data.Finding, len(ins))
	errs := make([]error, len(ins))
	parallel(workers, len(order), func(k int) {
		i := order[k]
		out[i], errs[i] = run(ins[i], tol, perLine)
	})
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("inspect: line %d (%s): %w", i+1, lineName(ins[i]), err)
		}
	}
	return out, nil
}

// longestFirst returns the indexes of ins ordered by the points of their
// lines and versions, most first (ties in input order): scheduling the
// largest lines first leaves only short ones for the end of a round.
func longestFirst(ins []Input) []int {
	size := make([]int, len(ins))
	for i, in := range ins {
		if in.Line != nil {
			size[i] += points(in.Line.Geometry)
		}
		for _, v := range in.Versions {
			if v != nil {
				size[i] += points(v.Geometry)
			}
		}
	}
	order := make([]int, len(ins))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	return order
}

// points counts the points of mls.
func points(mls orb.MultiLineString) int {
	n := 0
	for _, ls := range mls {
		n += len(ls)
	}
	return n
}

// lineName names a line for errors: its name or ID, or "no line".
func lineName(in Input) string {
	switch {
	case in.Line == nil:
		return "no line"
	case in.Line.Name != "":
		return in.Line.Name
	}
	return in.Line.ID
}
