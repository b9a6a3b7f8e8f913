package inspect

import (
	"iter"
	"sync"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// plane is the input projected once into the line's Gauss-Krüger zone,
// with lazily built indexes shared by the checks of one run. Run builds
// the line and unit indexes up front (warm), after which the checks may
// run concurrently: the markers, their stations, the round's records by
// marker and the coverage analysis are built once under sync.Once, and the
// maps are only read.
type plane struct {
	in      Input
	tol     Tolerances
	zone    geo.Zone
	hasZone bool
	workers int // goroutines Run may use; 1 for the single checks

	agreed   *lineIndex // nil without a usable agreed line
	versions map[*data.LineVersion]*lineIndex
	units    map[*data.AdminUnit]*polyIndex
	marks    []*markerInfo                  // nil until markers() is called
	sts      []*station                     // nil until stations() is called
	checks   map[string][]*data.MarkerCheck // nil until roundChecks() is called
	cov      *coverage                      // nil until coverage() is called

	marksOnce, stsOnce, checksOnce, covOnce sync.Once
}

// prepare chooses the zone and projects the agreed line. The zone is that
// of the agreed line (geo.ZoneForGeometry over its finite points, no
// easting prefix); without a line, that of the first other geometry.
func prepare(in Input, tol Tolerances) (*plane, error) {
	p, err := prepareZone(in, tol)
	if err == nil {
		p.buildAgreed()
	}
	return p, err
}

// buildAgreed projects and indexes the agreed line.
func (p *plane) buildAgreed() {
	if p.hasZone && p.in.Line != nil {
		p.setAgreed(newLineIndex(p.in.Line.Geometry, p.zone.Forward))
	}
}

// setAgreed sets the agreed line's index, nil if it has no segment.
func (p *plane) setAgreed(x *lineIndex) {
	if x.empty() {
		x = nil
	}
	p.agreed = x
}

// prepareZone validates the tolerances and chooses the zone; the agreed
// line is not yet indexed (prepare or warm does that).
func prepareZone(in Input, tol Tolerances) (*plane, error) {
	if err := tol.Validate(); err != nil {
		return nil, err
	}
	in = withoutNils(in)
	p := &plane{in: in, tol: tol, workers: 1, versions: map[*data.LineVersion]*lineIndex{},
		units: map[*data.AdminUnit]*polyIndex{}}
	for g := range zoneCandidates(in) {
		if b, ok := finiteBound(g); ok {
			z, err := geo.ZoneForGeometry(b, false)
			if err != nil {
				return nil, err
			}
			p.zone, p.hasZone = z, true
			break
		}
	}
	return p, nil
}

// zoneCandidates yields the geometries the zone may be chosen from, the
// agreed line first (usually the only one looked at).
func zoneCandidates(in Input) iter.Seq[orb.Geometry] {
	return func(yield func(orb.Geometry) bool) {
		if in.Line != nil && !yield(in.Line.Geometry) {
			return
		}
		for _, v := range in.Versions {
			if !yield(v.Geometry) {
				return
			}
		}
		if in.County != nil && !yield(in.County.Geometry) {
			return
		}
		for _, u := range in.Townships {
			if !yield(u.Geometry) {
				return
			}
		}
		for _, m := range in.Markers {
			if !yield(m.Position) {
				return
			}
		}
		for _, j := range in.TriJunctions {
			if j.Junction != nil && !yield(j.Junction.Agreed) {
				return
			}
		}
		for _, pl := range in.Places {
			if !yield(pl.Geometry) {
				return
			}
		}
	}
}

// finiteBound returns the bound of the finite lon/lat points of g.
func finiteBound(g orb.Geometry) (orb.Bound, bool) {
	var b orb.Bound
	ok := false
	data.EachPoint(g, func(p orb.Point) {
		if !finite(p) || !data.ChinaBound.Contains(p) {
			return
		}
		if !ok {
			b, ok = p.Bound(), true
		}
		b = b.Extend(p)
	})
	return b, ok
}

// fwd projects a lon/lat point into the plane.
func (p *plane) fwd(q orb.Point) orb.Point { return p.zone.Forward(q) }

// lonLat returns projected geometry g in EPSG:4490.
func (p *plane) lonLat(g orb.Geometry) orb.Geometry {
	return geo.ProjectGeometry(g, p.zone.Inverse)
}

// version returns the index of version v's geometry, nil if unusable.
func (p *plane) version(v *data.LineVersion) *lineIndex {
	if x, ok := p.versions[v]; ok {
		return x
	}
	x := newLineIndex(v.Geometry, p.fwd)
	if x.empty() {
		x = nil
	}
	p.versions[v] = x
	return x
}

// unit returns the polygon index of u's geometry, nil if it has none.
func (p *plane) unit(u *data.AdminUnit) *polyIndex {
	if x, ok := p.units[u]; ok {
		return x
	}
	x := newPolyIndex(u.Geometry, p.fwd)
	if x.empty() {
		x = nil
	}
	p.units[u] = x
	return x
}

// withoutNils returns in with nil entries dropped from its slices, so that
// the checks need not guard against them.
func withoutNils(in Input) Input {
	in.Versions = compact(in.Versions)
	in.Markers = compact(in.Markers)
	in.MarkerChecks = compact(in.MarkerChecks)
	in.SegmentChecks = compact(in.SegmentChecks)
	in.Signatures = compact(in.Signatures)
	in.Townships = compact(in.Townships)
	in.Places = compact(in.Places)
	return in
}

func compact[T any](s []*T) []*T {
	out := make([]*T, 0, len(s))
	for _, x := range s {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// lineLocation is the location of findings about the whole line: the
// agreed line in EPSG:4490, or nil.
func (p *plane) lineLocation() orb.Geometry {
	if p.in.Line == nil || len(p.in.Line.Geometry) == 0 {
		return nil
	}
	return p.in.Line.Geometry
}
