package inspect

import (
	"sync"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// parallel calls fn(0) … fn(n-1) on at most workers goroutines, taking
// the calls in order, and returns when all have returned. With one worker
// it calls them in order on the calling goroutine.
func parallel(workers, n int, fn func(i int)) {
	workers = min(n, workers)
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

// warm projects the agreed line, every version and every unit in one
// batch spread over p.workers goroutines, then indexes them concurrently,
// so that the checks afterwards only read the indexes.
func (p *plane) warm() {
	if !p.hasZone {
		p.buildAgreed()
		return
	}
	vs := p.in.Versions
	units := compact(append([]*data.AdminUnit{p.in.SideA, p.in.County}, p.in.Townships...))
	var batch projection
	var agreed [][]orb.Point
	if p.in.Line != nil {
		agreed = batch.addLines(p.in.Line.Geometry)
	}
	vp := make([][][]orb.Point, len(vs))
	for i, v := range vs {
		vp[i] = batch.addLines(v.Geometry)
	}
	up := make([][][][]orb.Point, len(units))
	for i, u := range units {
		up[i] = batch.addPolygons(u.Geometry)
	}
	batch.run(p.zone.Forward, p.workers)

	vx := make([]*lineIndex, len(vs))
	ux := make([]*polyIndex, len(units))
	parallel(p.workers, 1+len(vs)+len(units), func(i int) {
		switch {
		case i == 0:
			if p.in.Line != nil {
				p.setAgreed(indexLine(agreed))
			}
		case i <= len(vs):
			if x := indexLine(vp[i-1]); !x.empty() {
				vx[i-1] = x
			}
		default:
			if x := indexPoly(up[i-1-len(vs)]); !x.empty() {
				ux[i-1-len(vs)] = x
			}
		}
	})
	for i, v := range vs {
		p.versions[v] = vx[i]
	}
	for i, u := range units {
		p.units[u] = ux[i]
	}
}

// runChecks runs the checks on up to workers goroutines and returns their
// findings in the order of checks.
func runChecks(workers int, checks []func() []data.Finding) []data.Finding {
	res := make([][]data.Finding, len(checks))
	parallel(workers, len(checks), func(i int) { res[i] = checks[i]() })
	n := 0
	for _, r := range res {
		n += len(r)
	}
	out := make([]data.Finding, 0, n)
	for _, r := range res {
		out = append(out, r...)
	}
	return out
}
