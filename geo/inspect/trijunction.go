package inspect

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// C12TriJunction checks each tri-junction: the three lines each have an
// end there, and those three ends (the end of each line nearest the
// agreed point) lie within NodeM of one another (error); and their mean,
// the node, lies within SigmaK·σ of the agreed point, σ the junction's
// recorded σ or SigmaRegM (error).
func C12TriJunction(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c12(), nil
}

func (p *plane) c12() []data.Finding {
	if !p.hasZone {
		return nil
	}
	var out []data.Finding
	for _, tj := range p.in.TriJunctions {
		if tj.Junction == nil || !finite(tj.Junction.Agreed) {
			continue
		}
		out = append(out, p.junction(tj)...)
	}
	return out
}

func (p *plane) junction(tj TriJunctionInput) []data.Finding {
	j := tj.Junction
	agreed := p.fwd(j.Agreed)
	var ends [3]orb.Point
	for k, mls := range tj.Lines {
		e, ok := p.nearestEnd(mls, agreed)
		if !ok {
			return []data.Finding{p.newFinding(RuleTriJunction, data.SeverityError, j.Agreed, 0, 0, msg{
				subj: junctionName(j),
				zh:   fmt.Sprintf("三交点 %s 的第 %d 条界线 %s 没有可用几何", j.Name, k+1, j.LineIDs[k]),
				en:   fmt.Sprintf("tri-junction %s: line %d (%s) has no usable geometry", j.Name, k+1, j.LineIDs[k]),
				fix:  "补充三条界线的协议线 / supply the agreed geometry of all three lines"})}
		}
		ends[k] = e
	}
	var out []data.Finding
	spread := math.Max(geo.PlanarDistance(ends[0], ends[1]),
		math.Max(geo.PlanarDistance(ends[1], ends[2]), geo.PlanarDistance(ends[0], ends[2])))
	if spread > p.tol.NodeM {
		out = append(out, p.atPlane(RuleTriJunction, data.SeverityError, orb.MultiPoint(ends[:]), spread, p.tol.NodeM, msg{
			subj: junctionName(j),
			zh:   fmt.Sprintf("三交点 %s：三条界线端点不重合，最大相距 %s 米，超过限差 %s 米", j.Name, metres(spread), metres(p.tol.NodeM)),
			en:   fmt.Sprintf("tri-junction %s: the three lines do not end at one node; their ends are up to %s m apart, more than the %s m tolerance", j.Name, metres(spread), metres(p.tol.NodeM)),
			fix:  "将三条界线端点接于同一结点 / join the three lines' ends at one node"}))
	}
	node := orb.Point{(ends[0][0] + ends[1][0] + ends[2][0]) / 3, (ends[0][1] + ends[1][1] + ends[2][1]) / 3}
	sigma := j.SigmaM
	if sigma <= 0 {
		sigma = p.tol.SigmaRegM
	}
	if d, lim := geo.PlanarDistance(node, agreed), p.tol.SigmaK*sigma; d > lim {
		out = append(out, p.atPlane(RuleTriJunction, data.SeverityError, node, d, lim, msg{
			subj: junctionName(j),
			zh:   fmt.Sprintf("三交点 %s：结点距协议坐标 %s 米，超过限差 %s 米", j.Name, metres(d), metres(lim)),
			en:   fmt.Sprintf("tri-junction %s: the node is %s m from the agreed point, more than the %s m tolerance", j.Name, metres(d), metres(lim)),
			fix:  "核对三交点协议坐标与三条界线 / check the agreed point and the three lines"}))
	}
	return out
}

// junctionName names a tri-junction: its name, or its ID.
func junctionName(j *data.TriJunction) string {
	if j.Name != "" {
		return j.Name
	}
	return j.ID
}

// nearestEnd returns the end point (first or last of any part) of mls
// nearest to q, projected.
func (p *plane) nearestEnd(mls orb.MultiLineString, q orb.Point) (orb.Point, bool) {
	var best orb.Point
	bestD, ok := math.Inf(1), false
	for _, ls := range mls {
		if len(ls) == 0 {
			continue
		}
		for _, e := range [2]orb.Point{ls[0], ls[len(ls)-1]} {
			if !finite(e) {
				continue
			}
			ep := p.fwd(e)
			if d := geo.PlanarDistance(ep, q); d < bestD {
				best, bestD, ok = ep, d, true
			}
		}
	}
	return best, ok
}
