package inspect

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// crsInfo is what C2 knows about a declared EPSG code.
type crsInfo struct {
	known  bool
	datum  string  // CGCS2000, WGS84, Xian1980, Beijing1954
	gk     bool    // a 3° Gauss-Krüger zone
	cm     float64 // its central meridian, degrees east
	cgcsGK bool    // a CGCS2000 zone geo.CheckZone knows
}

// classifyEPSG describes the CRS codes the service accepts: CGCS2000 and
// WGS 84 geographic, the CGCS2000 3° zones (4513–4554), and the legacy
// Xi'an 1980 (4610; 3° zones 2349–2390) and Beijing 1954 (4214; 3° zones
// 2401–2442) systems.
func classifyEPSG(epsg int) crsInfo {
	switch {
	case epsg == 4490:
		return crsInfo{known: true, datum: "CGCS2000"}
	case epsg == 4326:
		return crsInfo{known: true, datum: "WGS84"}
	case epsg == 4610:
		return crsInfo{known: true, datum: "Xian1980"}
	case epsg == 4214:
		return crsInfo{known: true, datum: "Beijing1954"}
	case epsg >= 4513 && epsg <= 4554:
		z, _ := geo.ZoneByEPSG(epsg)
		return crsInfo{known: true, datum: "CGCS2000", gk: true, cm: z.CentralMeridian, cgcsGK: true}
	case epsg >= 2349 && epsg <= 2390:
		return legacyGK("Xian1980", epsg-2349)
	case epsg >= 2401 && epsg <= 2442:
		return legacyGK("Beijing1954", epsg-2401)
	}
	return crsInfo{}
}

// legacyGK describes the k-th code of a legacy datum's 3° series: 21
// prefixed zones 25–45, then 21 plain ones, CM 75°E–135°E.
func legacyGK(datum string, k int) crsInfo {
	return crsInfo{known: true, datum: datum, gk: true, cm: float64(75 + 3*(k%21))}
}

// C2CRS is the CRS sanity check: every version and marker declares a known
// EPSG code; coordinates lie in China (else axes are swapped or the CRS is
// wrong); coordinates declared in a Gauss-Krüger zone lie within ±1.5° of
// its central meridian (geo.CheckZone); a marker's datum agrees with its
// code. Findings are errors (reject).
func C2CRS(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c2(), nil
}

func (p *plane) c2() []data.Finding {
	var out []data.Finding
	if p.in.Line != nil {
		out = append(out, p.crsOf(crsSubject{zh: "协议线", en: "agreed line", lines: p.in.Line.Geometry}, 4490)...)
	}
	for _, v := range p.in.Versions {
		out = append(out, p.crsOf(crsSubject{subj: v.ID, zh: "线版本", en: "version", lines: v.Geometry}, v.SourceCRS)...)
	}
	for _, m := range p.in.Markers {
		out = append(out, p.crsOf(crsSubject{subj: m.Number, zh: "界桩", en: "marker", point: &m.Position}, m.SourceCRS)...)
		info := classifyEPSG(m.SourceCRS)
		if info.known && m.Datum != "" && !sameDatum(m.Datum, info.datum) {
			out = append(out, p.crsError(m.Position, 0, msg{
				subj: m.Number,
				zh:   fmt.Sprintf("界桩 %s 记录的基准 %s 与坐标系 EPSG:%d（%s）不符", m.Number, m.Datum, m.SourceCRS, info.datum),
				en:   fmt.Sprintf("marker %s records datum %s but EPSG:%d is %s", m.Number, m.Datum, m.SourceCRS, info.datum)}))
		}
	}
	return out
}

// crsSubject is a geometry C2 checks, a (multi)line or a point, and what
// it is: the subject and its kind (Chinese, English) for messages.
type crsSubject struct {
	subj, zh, en string
	lines        orb.MultiLineString
	point        *orb.Point
}

// names returns the subject's name in Chinese and English, e.g. 界桩
// 4350001Q and marker 4350001Q.
func (c crsSubject) names() (string, string) {
	if c.subj == "" {
		return c.zh, c.en
	}
	return c.zh + " " + c.subj, c.en + " " + c.subj
}

// each calls fn for every point of the subject.
func (c crsSubject) each(fn func(orb.Point)) {
	if c.point != nil {
		fn(*c.point)
	}
	for _, ls := range c.lines {
		for _, q := range ls {
			fn(q)
		}
	}
}

// first returns the subject's first point, or nil.
func (c crsSubject) first() orb.Geometry {
	if c.point != nil {
		return *c.point
	}
	for _, ls := range c.lines {
		if len(ls) > 0 {
			return ls[0]
		}
	}
	return nil
}

func sameDatum(a, b string) bool {
	return a == b || isCGCS2000(a) && isCGCS2000(b)
}

func (p *plane) crsError(loc orb.Geometry, measured float64, m msg) data.Finding {
	m.fix = "核对坐标系声明与坐标（经纬度顺序、带号前缀）/ check the declared CRS and the coordinates (axis order, zone prefix)"
	return p.newFinding(RuleCRS, data.SeverityError, loc, measured, geo.ZoneHalfWidth, m)
}

// crsOf checks one geometry declared in epsg and stored in EPSG:4490.
func (p *plane) crsOf(c crsSubject, epsg int) []data.Finding {
	info := classifyEPSG(epsg)
	if !info.known {
		zh, en := c.names()
		return []data.Finding{p.crsError(c.first(), 0, msg{
			subj: c.subj,
			zh:   fmt.Sprintf("%s 声明的坐标系 EPSG:%d 不受支持（应为 4490、4513–4554 等）", zh, epsg),
			en:   fmt.Sprintf("%s declares EPSG:%d, which is not an accepted CRS (4490, 4513–4554, …)", en, epsg)})}
	}
	var outside int
	var worst orb.Point
	worstOff := -1.0
	c.each(func(q orb.Point) {
		if !finite(q) {
			return
		}
		if !data.ChinaBound.Contains(q) {
			outside++
			worst = q
		} else if off := math.Abs(q[0] - info.cm); info.gk && off > worstOff {
			worst, worstOff = q, off
		}
	})
	if outside == 0 && (!info.gk || worstOff <= geo.ZoneHalfWidth+1e-12) {
		return nil
	}
	zh, en := c.names()
	if outside > 0 {
		return []data.Finding{p.crsError(worst, float64(outside), msg{
			subj: c.subj,
			zh:   fmt.Sprintf("%s 有 %d 个坐标不在中国范围内：经纬度是否颠倒或坐标系声明有误", zh, outside),
			en:   fmt.Sprintf("%s has %d coordinates outside China: are lon and lat swapped, or the CRS wrong?", en, outside)})}
	}
	why := fmt.Sprintf("longitude %.4f° is %.3f° from central meridian %g°E of EPSG:%d; a zone is valid within ±1.5°",
		worst[0], worstOff, info.cm, epsg)
	if info.cgcsGK {
		z, _ := geo.ZoneByEPSG(epsg)
		if err := geo.CheckZone(epsg, z.Forward(worst)[0], worst[0]); err != nil {
			why = data.AsError(err).Message
		}
	}
	f := p.crsError(worst, worstOff, msg{
		subj: c.subj,
		zh:   fmt.Sprintf("%s 声明为 EPSG:%d，但有坐标距中央经线 %g° 达 %.3f°，超出 ±1.5° 带宽", zh, epsg, info.cm, worstOff),
		en:   en + ": " + why})
	return []data.Finding{f}
}
