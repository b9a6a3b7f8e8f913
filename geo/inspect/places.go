package inspect

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// C19PlaceInTownship checks that each place lies in its stated township
// (the 9-digit prefix of the smallest of its AdminCodes that has one). The
// place's representative point (the point; the midpoint of a line; the
// area centroid of a polygon) within OnBoundaryM of the township's boundary
// is "on boundary" (info); otherwise outside the township is an error,
// naming the township that contains it if any. Places whose township is
// not among Input.Townships are skipped.
func C19PlaceInTownship(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c19(), nil
}

func (p *plane) c19() []data.Finding {
	if !p.hasZone {
		return nil
	}
	byCode := map[data.Code]int{}
	for i, u := range p.in.Townships {
		byCode[u.Code] = i
	}
	var out []data.Finding
	for _, pl := range p.in.Places {
		code, ok := statedTownship(pl)
		i, known := byCode[code]
		if !ok || !known {
			continue
		}
		if f, bad := p.placeIn(pl, i); bad {
			out = append(out, f)
		}
	}
	return out
}

// statedTownship returns the township code a place states.
func statedTownship(pl *data.NamedPlace) (data.Code, bool) {
	for k := len(pl.AdminCodes) - 1; k >= 0; k-- {
		if c := pl.AdminCodes[k]; len(c) >= 9 {
			return c[:9], true
		}
	}
	return "", false
}

func (p *plane) placeIn(pl *data.NamedPlace, i int) (data.Finding, bool) {
	t := p.unit(p.in.Townships[i])
	q, ok := p.representative(pl.Geometry)
	if t == nil || !ok {
		return data.Finding{}, false
	}
	name, town := placeName(pl), p.townshipLabel(i)
	d := t.boundaryDist(q)
	if d <= p.tol.OnBoundaryM {
		return p.atPlane(RulePlaceTownship, data.SeverityInfo, q, d, p.tol.OnBoundaryM, msg{
			subj: name,
			zh:   fmt.Sprintf("地名「%s」距 %s 边界 %s 米，位于边界上", name, town, metres(d)),
			en:   fmt.Sprintf("place %s is %s m from the boundary of %s: on the boundary", name, metres(d), town),
			fix:  "核对所属乡镇 / confirm the containing township"}), true
	}
	if t.contains(q) {
		return data.Finding{}, false
	}
	actualZH, actualEN := "不在任何已知乡镇内", "lies in no known township"
	for j, u := range p.in.Townships {
		if x := p.unit(u); x != nil && j != i && x.contains(q) {
			actualZH, actualEN = "实际位于 "+p.townshipLabel(j), "lies in "+p.townshipLabel(j)
			break
		}
	}
	return p.atPlane(RulePlaceTownship, data.SeverityError, q, d, p.tol.OnBoundaryM, msg{
		subj: name,
		zh:   fmt.Sprintf("地名「%s」登记属 %s，但在其外 %s 米，%s", name, town, metres(d), actualZH),
		en:   fmt.Sprintf("place %s is stated to be in %s but is %s m outside it and %s", name, town, metres(d), actualEN),
		fix:  "更正所属乡镇或地名位置 / correct the stated township or the place's position"}), true
}

// representative returns a projected point standing for g.
func (p *plane) representative(g orb.Geometry) (orb.Point, bool) {
	var q orb.Point
	switch g := g.(type) {
	case orb.Point:
		q = p.fwd(g)
	case orb.MultiPoint:
		if len(g) == 0 {
			return q, false
		}
		q = p.fwd(g[0])
	case orb.LineString:
		x := newLineIndex(orb.MultiLineString{g}, p.fwd)
		if x.empty() {
			return q, false
		}
		q = x.pointAt(x.length / 2)
	case orb.Polygon, orb.MultiPolygon:
		q, _ = planar.CentroidArea(geo.ProjectGeometry(g, p.fwd))
	default:
		return q, false
	}
	return q, finite(q)
}

// unitPoint is where a finding about unit u stands: its seat, else the
// centroid of its area (EPSG:4490); nil if it has neither.
func (p *plane) unitPoint(u *data.AdminUnit) orb.Geometry {
	if u.Seat != nil {
		return *u.Seat
	}
	if len(u.Geometry) == 0 {
		return nil
	}
	return p.pointOf(u.Geometry)
}

// placePoint is where a finding about a place stands: its point, else its
// representative point (see C19PlaceInTownship); nil if it has none.
func (p *plane) placePoint(pl *data.NamedPlace) orb.Geometry {
	if q, ok := pl.Geometry.(orb.Point); ok {
		return q
	}
	return p.pointOf(pl.Geometry)
}

// pointOf returns g's representative point in EPSG:4490, or nil if there
// is none in China.
func (p *plane) pointOf(g orb.Geometry) orb.Geometry {
	if !p.hasZone || g == nil {
		return nil
	}
	q, ok := p.representative(g)
	if !ok {
		return nil
	}
	if ll := p.zone.Inverse(q); finite(ll) && data.ChinaBound.Contains(ll) {
		return ll
	}
	return nil
}
