package inspect

import (
	"fmt"
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// roundChecks returns the marker checks of the round (all of them when
// there is no round), by marker ID, built once per run; callers only read
// it.
func (p *plane) roundChecks() map[string][]*data.MarkerCheck {
	p.checksOnce.Do(func() {
		by := make(map[string][]*data.MarkerCheck, len(p.in.MarkerChecks))
		for _, c := range p.in.MarkerChecks {
			if c != nil && (p.in.Round == nil || c.RoundID == p.in.Round.ID) {
				by[c.MarkerID] = append(by[c.MarkerID], c)
			}
		}
		p.checks = by
	})
	return p.checks
}

// C8Displacement compares each observed marker position with the
// registered one in the plane: σ = √(σ_reg² + σ_obs²) (defaults SigmaRegM,
// SigmaObsM when unrecorded) and the marker has moved (error) if the
// displacement exceeds SigmaK·σ. A record of a missing marker is an error,
// of a damaged one a warning. A marker registered in a legacy datum
// (Marker.Datum not CGCS2000) is refused with a warning, no number, unless
// Settings.Transforms names a transformation for that datum.
func C8Displacement(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c8(), nil
}

func (p *plane) c8() []data.Finding {
	if !p.hasZone {
		return nil
	}
	checks := p.roundChecks()
	var out []data.Finding
	for _, mi := range p.markers() {
		for _, c := range checks[mi.m.ID] {
			if f, ok := p.condition(mi.m, c); ok {
				out = append(out, f)
			}
			if c.Observed == nil {
				continue
			}
			if f, ok := p.displacement(mi, c); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

// condition reports a marker recorded as missing (error) or damaged
// (warning) in the round.
func (p *plane) condition(m *data.Marker, c *data.MarkerCheck) (data.Finding, bool) {
	switch c.Status {
	case data.StatusMissing:
		return p.newFinding(RuleDisplacement, data.SeverityError, m.Position, 0, 0, msg{
			subj: m.Number,
			zh:   fmt.Sprintf("界桩 %s 记录为丢失", m.Number),
			en:   fmt.Sprintf("marker %s is recorded as missing", m.Number),
			fix:  "经各方同意后按登记坐标补设界桩 / with all parties' consent, re-set the marker at its registered position"}), true
	case data.StatusDamaged:
		return p.newFinding(RuleDisplacement, data.SeverityWarning, m.Position, 0, 0, msg{
			subj: m.Number,
			zh:   fmt.Sprintf("界桩 %s 记录为损坏", m.Number),
			en:   fmt.Sprintf("marker %s is recorded as damaged", m.Number),
			fix:  "维修界桩 / repair the marker"}), true
	}
	return data.Finding{}, false
}

// displacement judges one observation of one marker.
func (p *plane) displacement(mi *markerInfo, c *data.MarkerCheck) (data.Finding, bool) {
	m, obs := mi.m, *c.Observed
	if !isCGCS2000(m.Datum) && mi.transfer == "" {
		return p.newFinding(RuleDisplacement, data.SeverityWarning, obs, 0, 0, msg{
			subj: m.Number,
			zh:   fmt.Sprintf("界桩 %s 登记坐标为 %s 基准，未配置到 CGCS2000 的转换，拒绝计算位移", m.Number, m.Datum),
			en:   fmt.Sprintf("marker %s is registered in the %s datum and no transformation to CGCS2000 is configured: displacement not computed", m.Number, m.Datum),
			fix:  "配置经批准的基准转换或以 CGCS2000 重新登记 / configure an approved datum transformation or re-register in CGCS2000"}), true
	}
	if !mi.regOK || !finite(obs) || !data.ChinaBound.Contains(obs) {
		return p.newFinding(RuleDisplacement, data.SeverityError, m.Position, 0, 0, msg{
			subj: m.Number,
			zh:   fmt.Sprintf("界桩 %s 的登记或实测坐标无效，无法计算位移", m.Number),
			en:   fmt.Sprintf("marker %s has an invalid registered or observed position: displacement not computed", m.Number),
			fix:  "核对坐标 / check the coordinates"}), true
	}
	d := geo.PlanarDistance(mi.xy, p.fwd(obs))
	sObs := c.AccuracyM
	if sObs <= 0 {
		sObs = p.tol.SigmaObsM
	}
	lim := p.tol.SigmaK * math.Hypot(p.sigmaReg(m), sObs)
	if d <= lim {
		return data.Finding{}, false
	}
	via := ""
	if mi.transfer != "" {
		via = " (" + mi.transfer + ")"
	}
	return p.newFinding(RuleDisplacement, data.SeverityError, obs, d, lim, msg{
		subj: m.Number,
		zh:   fmt.Sprintf("界桩 %s 位移 %s 米，超过限差 %s 米%s", m.Number, metres(d), metres(lim), via),
		en:   fmt.Sprintf("Marker %s moved %s m, more than the %s m tolerance%s", m.Number, metres(d), metres(lim), via),
		fix:  "实地核查，经各方同意后按原登记坐标恢复界桩 / verify in the field and, with all parties' consent, re-set the marker at its registered position"}), true
}

// C9References checks the reference objects (方位物) of each marker valid
// at the round: at least MinReferenceObjects registered (warning), and,
// for those re-measured this round (Input.ObservedReferences, matched by
// name), distance within ReferenceDistanceM and azimuth within
// ReferenceAzimuthDeg of the register (warning).
func C9References(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c9(), nil
}

func (p *plane) c9() []data.Finding {
	var out []data.Finding
	fix := "补测并登记方位物 / survey and register the reference objects"
	for _, mi := range p.markers() {
		m := mi.m
		if n := len(m.References); n < p.tol.MinReferenceObjects {
			out = append(out, p.newFinding(RuleReferences, data.SeverityWarning, m.Position, float64(n), float64(p.tol.MinReferenceObjects), msg{
				subj: m.Number,
				zh:   fmt.Sprintf("界桩 %s 只有 %d 个方位物，少于 %d 个", m.Number, n, p.tol.MinReferenceObjects),
				en:   fmt.Sprintf("marker %s has %d reference objects, fewer than %d", m.Number, n, p.tol.MinReferenceObjects),
				fix:  fix}))
		}
		out = append(out, p.referenceChanges(m)...)
	}
	return out
}

// referenceChanges compares re-measured reference objects with the register.
func (p *plane) referenceChanges(m *data.Marker) []data.Finding {
	var out []data.Finding
	for _, o := range p.in.ObservedReferences[m.ID] {
		for _, r := range m.References {
			if r.Name != o.Name {
				continue
			}
			dd, da := math.Abs(o.DistanceM-r.DistanceM), angleDiff(o.AzimuthDeg, r.AzimuthDeg)
			if dd <= p.tol.ReferenceDistanceM && da <= p.tol.ReferenceAzimuthDeg {
				continue
			}
			out = append(out, p.newFinding(RuleReferences, data.SeverityWarning, m.Position, dd, p.tol.ReferenceDistanceM, msg{
				subj: m.Number,
				zh: fmt.Sprintf("界桩 %s 的方位物「%s」距离差 %s 米、方位角差 %.2f°，超过限差 %s 米 / %.1f°",
					m.Number, r.Name, metres(dd), da, metres(p.tol.ReferenceDistanceM), p.tol.ReferenceAzimuthDeg),
				en: fmt.Sprintf("marker %s: reference object %q differs by %s m in distance and %.2f° in azimuth, beyond %s m / %.1f°",
					m.Number, r.Name, metres(dd), da, metres(p.tol.ReferenceDistanceM), p.tol.ReferenceAzimuthDeg),
				fix: "核查界桩或方位物是否移动 / check whether the marker or the object has moved"}))
		}
	}
	return out
}

// C10Recorded checks that every marker of the line valid at the round has
// a record in the round (error), and that every record names a marker of
// the line (error). It needs Input.Round.
func C10Recorded(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c10(), nil
}

func (p *plane) c10() []data.Finding {
	if p.in.Round == nil {
		return nil
	}
	var out []data.Finding
	checks := p.roundChecks()
	at := p.when()
	known := map[string]bool{}
	for _, m := range p.in.Markers {
		known[m.ID] = true
		if len(checks[m.ID]) > 0 || !activeAt(m.Valid, at) {
			continue
		}
		out = append(out, p.newFinding(RuleRecorded, data.SeverityError, m.Position, 0, 1, msg{
			subj: m.Number,
			zh:   fmt.Sprintf("界桩 %s 在本轮联检中没有检查记录", m.Number),
			en:   fmt.Sprintf("marker %s has no record in this round", m.Number),
			fix:  "补充该界桩的检查记录 / add the marker's inspection record"}))
	}
	for _, c := range p.in.MarkerChecks {
		if c != nil && c.RoundID == p.in.Round.ID && !known[c.MarkerID] {
			out = append(out, p.newFinding(RuleRecorded, data.SeverityError, observed(c), 0, 0, msg{
				subj: c.ID,
				zh:   fmt.Sprintf("检查记录 %s 所指界桩 %s 不属于本界线", c.ID, c.MarkerID),
				en:   fmt.Sprintf("record %s names marker %s, which is not a marker of this line", c.ID, c.MarkerID),
				fix:  "核对记录所指界桩 / check which marker the record is about"}))
		}
	}
	return out
}

// observed is where a record places its marker, or nil.
func observed(c *data.MarkerCheck) orb.Geometry {
	if c.Observed == nil {
		return nil
	}
	return *c.Observed
}

// when is the date markers are judged at: the round's creation, else Now,
// else zero (current markers).
func (p *plane) when() time.Time {
	if p.in.Round != nil && !p.in.Round.Created.IsZero() {
		return p.in.Round.Created
	}
	return p.in.Now
}

// activeAt reports whether a validity period holds at t (zero t: current).
func activeAt(v data.Period, t time.Time) bool {
	if t.IsZero() {
		return v.Current()
	}
	return v.Contains(t)
}
