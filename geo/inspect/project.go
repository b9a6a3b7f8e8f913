package inspect

import (
	"math"

	"github.com/paulmach/orb"
)

// projectBlock is how many points one task of a projection batch projects:
// large enough that starting a task costs little beside the Gauss-Krüger
// series, small enough that a line of 20,000 points splits across cores.
const projectBlock = 4096

// projection is a batch of point sequences to project into the plane,
// in blocks that run concurrently: the Gauss-Krüger projection is the
// largest single cost of a run, and projecting every line and ring of the
// input in one balanced batch keeps every core busy.
type projection struct {
	jobs []projJob
}

// projJob projects src into dst (of the same length).
type projJob struct {
	src, dst []orb.Point
}

// add schedules seq and returns the slice its projection will fill.
func (b *projection) add(seq []orb.Point) []orb.Point {
	dst := make([]orb.Point, len(seq))
	b.jobs = append(b.jobs, projJob{seq, dst})
	return dst
}

// addLines schedules every part of mls.
func (b *projection) addLines(mls orb.MultiLineString) [][]orb.Point {
	out := make([][]orb.Point, len(mls))
	for i, ls := range mls {
		out[i] = b.add(ls)
	}
	return out
}

// addPolygons schedules every ring of mp, polygon by polygon.
func (b *projection) addPolygons(mp orb.MultiPolygon) [][][]orb.Point {
	out := make([][][]orb.Point, len(mp))
	for i, pg := range mp {
		out[i] = make([][]orb.Point, len(pg))
		for j, r := range pg {
			out[i][j] = b.add(r)
		}
	}
	return out
}

// run projects every scheduled point with f on up to workers goroutines.
// A point that is not finite, or whose projection is not, becomes NaN.
func (b *projection) run(f func(orb.Point) orb.Point, workers int) {
	type block struct{ job, lo, hi int }
	var blocks []block
	for j, job := range b.jobs {
		for lo := 0; lo < len(job.src); lo += projectBlock {
			blocks = append(blocks, block{j, lo, min(lo+projectBlock, len(job.src))})
		}
	}
	parallel(workers, len(blocks), func(i int) {
		bl := blocks[i]
		job := b.jobs[bl.job]
		for k := bl.lo; k < bl.hi; k++ {
			job.dst[k] = projectPoint(job.src[k], f)
		}
	})
}

var nanPoint = orb.Point{math.NaN(), math.NaN()}

// projectPoint returns f(p), or NaN if p or f(p) is not finite.
func projectPoint(p orb.Point, f func(orb.Point) orb.Point) orb.Point {
	if !finite(p) {
		return nanPoint
	}
	if q := f(p); finite(q) {
		return q
	}
	return nanPoint
}

// projectSeq projects seq with f at once.
func projectSeq(seq []orb.Point, f func(orb.Point) orb.Point) []orb.Point {
	out := make([]orb.Point, len(seq))
	for i, p := range seq {
		out[i] = projectPoint(p, f)
	}
	return out
}

// usable drops repeated points from a projected sequence, in place, and
// returns nil if a point is not finite or fewer than two points remain.
func usable(seq []orb.Point) orb.LineString {
	out := seq[:0]
	for _, q := range seq {
		if !finite(q) {
			return nil
		}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
