package inspect

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

// C1Validity checks the geometry of the agreed line, the versions, the
// segment records, the townships, the county, the markers and the places
// against OGC simple features (zero tolerance): finite coordinates, at
// least two points per line and four per ring, closed rings, and no
// self-intersection (lines may meet only at their ends; rings may touch
// at points but not cross or overlap, whether of one polygon or of two),
// no rings touching so as to disconnect a polygon's interior, no hole
// outside its shell or inside another hole, no polygon of a unit inside
// another: the tests of geo/valid, which the entry checks share.
// Topology is tested in the line's Gauss-Krüger plane. Each faulty
// geometry gives one error finding whose location lists the faults (up to
// 100 points).
func C1Validity(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c1(), nil
}

func (p *plane) c1() []data.Finding {
	var out []data.Finding
	for _, task := range p.c1Tasks() {
		out = append(out, task()...)
	}
	return out
}

// c1Tasks splits C1 into independent tasks, one per long line (the agreed
// line, each version) and one for the rest, in the order of their
// findings: Run runs them concurrently.
func (p *plane) c1Tasks() []func() []data.Finding {
	in := p.in
	var tasks []func() []data.Finding
	if in.Line != nil {
		tasks = append(tasks, func() []data.Finding {
			return p.validLines("", "协议线", "agreed line", in.Line.Geometry, p.agreed)
		})
	}
	for _, v := range in.Versions {
		tasks = append(tasks, func() []data.Finding {
			var x *lineIndex
			if p.hasZone {
				x = p.version(v)
			}
			return p.validLines(v.ID, "线版本 "+v.ID, fmt.Sprintf("version %s (%s)", v.ID, v.Source), v.Geometry, x)
		})
	}
	return append(tasks, p.c1Rest)
}

// c1Rest checks the segment records, county, townships, markers and places.
func (p *plane) c1Rest() []data.Finding {
	var out []data.Finding
	in := p.in
	numbers := p.markerNumbers()
	for _, s := range in.SegmentChecks {
		if s.Geometry != nil {
			out = append(out, p.validLines(segmentSubject(s, numbers), "段记录 "+s.ID, "segment record "+s.ID, orb.MultiLineString{s.Geometry}, nil)...)
		}
	}
	if in.County != nil {
		out = append(out, p.validPolygons(in.County)...)
	}
	for _, u := range in.Townships {
		out = append(out, p.validPolygons(u)...)
	}
	for _, m := range in.Markers {
		out = append(out, p.validPoints(m.Number, "界桩 "+m.Number, "marker "+m.Number, m.Position)...)
	}
	for _, pl := range in.Places {
		out = append(out, p.validPoints(placeName(pl), "地名 "+placeName(pl), "place "+placeName(pl), pl.Geometry)...)
	}
	return out
}

// project returns the plane's projection, or the identity without a zone
// (topology is the same in lon/lat).
func (p *plane) project() func(orb.Point) orb.Point {
	if p.hasZone {
		return p.fwd
	}
	return func(q orb.Point) orb.Point { return q }
}

// invalid builds a C1 error about subject subj, named zh and en.
func (p *plane) invalid(subj, zh, en string, loc orb.Geometry, count int, why msg) data.Finding {
	return p.newFinding(RuleValidity, data.SeverityError, loc, float64(count), 0, msg{
		subj: subj,
		zh:   zh + " 几何无效：" + why.zh,
		en:   en + " has invalid geometry: " + why.en,
		fix:  "修正几何后重新提交 / correct the geometry and submit it again",
	})
}

// validLines checks a (multi)line about subj; x is its index if already
// built.
func (p *plane) validLines(subj, zh, en string, mls orb.MultiLineString, x *lineIndex) []data.Finding {
	var out []data.Finding
	if len(mls) == 0 {
		return []data.Finding{p.invalid(subj, zh, en, nil, 1, msg{zh: "几何为空", en: "it is empty"})}
	}
	for i, ls := range mls {
		if bad := nonFinite(ls); bad >= 0 {
			out = append(out, p.invalid(subj, zh, en, firstFinite(ls), 1, msg{
				zh: fmt.Sprintf("第 %d 部分第 %d 点坐标不是有限数", i+1, bad+1),
				en: fmt.Sprintf("point %d of part %d is NaN or infinite", bad+1, i+1)}))
		} else if distinct(ls) < 2 {
			out = append(out, p.invalid(subj, zh, en, pointOf(ls), 1, msg{
				zh: fmt.Sprintf("第 %d 部分不足两个不同的点", i+1),
				en: fmt.Sprintf("part %d has fewer than two distinct points", i+1)}))
		}
	}
	if x == nil {
		x = newLineIndex(mls, p.project())
	}
	if pts, n := selfIntersections(x, false, nil, nil); n > 0 {
		out = append(out, p.invalid(subj, zh, en, p.back(orb.MultiPoint(pts)), n, msg{
			zh: fmt.Sprintf("自相交 %d 处", n), en: fmt.Sprintf("it intersects itself at %d places", n)}))
	}
	return out
}

// back returns projected g in EPSG:4490, or g itself without a zone.
func (p *plane) back(g orb.Geometry) orb.Geometry {
	if p.hasZone {
		return p.lonLat(g)
	}
	return g
}

// validPolygons checks a unit's multipolygon.
func (p *plane) validPolygons(u *data.AdminUnit) []data.Finding {
	subj, zh, en := unitLabel(u), "行政区 "+u.Name+" "+string(u.Code), "unit "+string(u.Code)+" "+u.Name
	if len(u.Geometry) == 0 {
		return []data.Finding{p.invalid(subj, zh, en, nil, 1, msg{zh: "几何为空", en: "it is empty"})}
	}
	var out []data.Finding
	var rings orb.MultiLineString
	var group []int
	var shell []bool
	for pi, pg := range u.Geometry {
		for ri, r := range pg {
			if why, ok := ringFault(r); !ok {
				out = append(out, p.invalid(subj, zh, en, pointOf(orb.LineString(r)), 1, msg{
					zh: fmt.Sprintf("第 %d 面第 %d 环%s", pi+1, ri+1, why.zh),
					en: fmt.Sprintf("ring %d of polygon %d %s", ri+1, pi+1, why.en)}))
				continue
			}
			rings, group, shell = append(rings, orb.LineString(r)), append(group, pi), append(shell, ri == 0)
		}
	}
	return append(out, p.ringTopology(subj, zh, en, rings, group, shell)...)
}

// ringTopology checks how the usable rings of a unit lie (group and shell
// as for selfIntersections and polygons): rings that cross or overlap,
// then, if none do, rings that disconnect an interior, holes out of place
// and polygons inside others.
func (p *plane) ringTopology(subj, zh, en string, rings orb.MultiLineString, group []int, shell []bool) []data.Finding {
	x := newLineIndex(rings, p.project())
	var touches valid.Touches
	if pts, n := selfIntersections(x, true, group, &touches); n > 0 {
		return []data.Finding{p.invalid(subj, zh, en, p.back(orb.MultiPoint(pts)), n, msg{
			zh: fmt.Sprintf("边界自相交 %d 处", n), en: fmt.Sprintf("its rings intersect at %d places", n)})}
	}
	var out []data.Finding
	if cuts := touches.Cuts(); len(cuts) > 0 {
		pts := make(orb.MultiPoint, 0, min(len(cuts), maxReported))
		for _, c := range cuts[:cap(pts)] {
			pts = append(pts, c.At)
		}
		out = append(out, p.invalid(subj, zh, en, p.back(pts), len(cuts), msg{
			zh: fmt.Sprintf("内部不连通 %d 处（环相切于两点或相切成环）", len(cuts)),
			en: fmt.Sprintf("its interior is disconnected at %d places (rings touching at two points or in a cycle)", len(cuts))}))
	}
	polys := polygons(x, group, shell)
	if pts, n := misplacedHoles(polys); n > 0 {
		out = append(out, p.invalid(subj, zh, en, p.back(orb.MultiPoint(pts)), n, msg{
			zh: fmt.Sprintf("%d 个内环不在外环内或在另一内环内", n), en: fmt.Sprintf("%d holes lie outside their shell or inside another hole", n)}))
	}
	if pts, n := nestedShells(polys); n > 0 {
		out = append(out, p.invalid(subj, zh, en, p.back(orb.MultiPoint(pts)), n, msg{
			zh: fmt.Sprintf("%d 个面位于另一面内", n), en: fmt.Sprintf("%d polygons lie inside another polygon of the unit", n)}))
	}
	return out
}

// ringFault says what is wrong with a ring's points, if anything.
func ringFault(r orb.Ring) (msg, bool) {
	switch {
	case nonFinite(orb.LineString(r)) >= 0:
		return msg{zh: "含非有限坐标", en: "has a NaN or infinite coordinate"}, false
	case len(r) < 4:
		return msg{zh: fmt.Sprintf("只有 %d 个点，至少需要 4 个", len(r)), en: fmt.Sprintf("has %d points; at least 4 are needed", len(r))}, false
	case r[0] != r[len(r)-1]:
		return msg{zh: "不闭合", en: "is not closed"}, false
	case distinct(orb.LineString(r)) < 3:
		return msg{zh: "不足三个不同的点", en: "has fewer than three distinct points"}, false
	}
	return msg{}, true
}

// validPoints checks that every point of g is finite and in China.
func (p *plane) validPoints(subj, zh, en string, g orb.Geometry) []data.Finding {
	if g == nil {
		return []data.Finding{p.invalid(subj, zh, en, nil, 1, msg{zh: "几何为空", en: "it is empty"})}
	}
	bad := 0
	data.EachPoint(g, func(q orb.Point) {
		if !finite(q) || !data.ChinaBound.Contains(q) {
			bad++
		}
	})
	if bad == 0 {
		return nil
	}
	return []data.Finding{p.invalid(subj, zh, en, nil, bad, msg{
		zh: fmt.Sprintf("%d 个坐标非有限数或不在中国范围内（经度 73–136，纬度 3–54）", bad),
		en: fmt.Sprintf("%d coordinates are NaN, infinite or outside China (lon 73–136, lat 3–54)", bad)})}
}

// nonFinite returns the index of the first non-finite point, or -1.
func nonFinite(ls orb.LineString) int {
	for i, q := range ls {
		if !finite(q) {
			return i
		}
	}
	return -1
}

// firstFinite returns the first finite point of ls, or nil.
func firstFinite(ls orb.LineString) orb.Geometry {
	for _, q := range ls {
		if finite(q) {
			return q
		}
	}
	return nil
}

// distinct counts the points of ls that differ from their predecessor.
func distinct(ls orb.LineString) int {
	n := 0
	for i, q := range ls {
		if i == 0 || q != ls[i-1] {
			n++
		}
	}
	return n
}

// pointOf returns the first point of ls, or nil.
func pointOf(ls orb.LineString) orb.Geometry {
	if len(ls) == 0 {
		return nil
	}
	return ls[0]
}

// placeName returns a place's standard name, or its ID.
func placeName(pl *data.NamedPlace) string {
	if n := pl.StandardName(); n != nil {
		return n.Text
	}
	return pl.ID
}
