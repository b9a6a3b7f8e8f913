package inspect

import (
	"runtime"
	"sync"

	"github.com/toponym/toponym/data"
)

// parallel calls fn(0) … fn(n-1) on at most GOMAXPROCS goroutines and
// returns when all have returned.
func parallel(n int, fn func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// warm builds the agreed line's, every version's and every unit's index
// concurrently, so that the checks afterwards only read them.
func (p *plane) warm() {
	if !p.hasZone {
		p.buildAgreed()
		return
	}
	vs := p.in.Versions
	units := append([]*data.AdminUnit{p.in.SideA, p.in.County}, p.in.Townships...)
	units = compact(units)
	vx := make([]*lineIndex, len(vs))
	ux := make([]*polyIndex, len(units))
	parallel(1+len(vs)+len(units), func(i int) {
		if i == 0 {
			p.buildAgreed()
			return
		}
		i--
		if i < len(vs) {
			if x := newLineIndex(vs[i].Geometry, p.fwd); !x.empty() {
				vx[i] = x
			}
			return
		}
		if x := newPolyIndex(units[i-len(vs)].Geometry, p.fwd); !x.empty() {
			ux[i-len(vs)] = x
		}
	})
	for i, v := range vs {
		p.versions[v] = vx[i]
	}
	for i, u := range units {
		p.units[u] = ux[i]
	}
}

// runChecks runs the checks concurrently and returns their findings in
// the order of checks.
func runChecks(checks []func() []data.Finding) []data.Finding {
	res := make([][]data.Finding, len(checks))
	parallel(len(checks), func(i int) { res[i] = checks[i]() })
	var out []data.Finding
	for _, r := range res {
		out = append(out, r...)
	}
	return out
}
