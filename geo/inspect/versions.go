package inspect

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// SegmentDeviation is how far side A's and side B's versions of a line
// are apart over one segment between consecutive marker groups.
type SegmentDeviation struct {
	From, To    string    // marker numbers bounding the segment; "" for the line's start or end
	FromMeasure float64   // metres along the agreed line
	ToMeasure   float64   // metres along the agreed line
	Hausdorff   float64   // metres, between the two versions' pieces
	At          orb.Point // EPSG:4490: the point of one version farthest from the other
}

// VersionDeviations cuts the latest current side-A and side-B versions at
// the marker groups and returns the Hausdorff distance of each segment (C11
// values). The cut points are the points of the agreed line at the groups'
// measures, located on each version; the line's ends bound the first and
// last segments. Without an agreed line each version is one segment. It
// returns nil if either version is missing or unusable.
func VersionDeviations(in Input, tol Tolerances) ([]SegmentDeviation, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	devs, _ := p.deviations()
	return devs, nil
}

// sideVersions returns the latest current side-A and side-B versions.
func (p *plane) sideVersions() (a, b *data.LineVersion) {
	for _, v := range p.in.Versions {
		if v == nil || !v.Valid.Current() {
			continue
		}
		switch {
		case v.Source == data.SourceSideA && (a == nil || v.Created.After(a.Created)):
			a = v
		case v.Source == data.SourceSideB && (b == nil || v.Created.After(b.Created)):
			b = v
		}
	}
	return a, b
}

// cut is a boundary between segments: a measure on the agreed line and
// the station there (nil at the line's ends).
type cut struct {
	measure float64
	st      *station
}

// deviations computes the per-segment deviations; missing names what is
// missing when nothing could be computed.
func (p *plane) deviations() ([]SegmentDeviation, string) {
	va, vb := p.sideVersions()
	if va == nil || vb == nil {
		return nil, "side version"
	}
	if !p.hasZone {
		return nil, "zone"
	}
	xa, xb := p.version(va), p.version(vb)
	if xa == nil || xb == nil {
		return nil, "usable side version"
	}
	cuts := p.cuts()
	ma, mb := p.cutMeasures(xa, cuts), p.cutMeasures(xb, cuts)
	devs := make([]SegmentDeviation, len(cuts)-1)
	// Segments in runs of devRun, the runs spread over p.workers.
	parallel(p.workers, (len(devs)+devRun-1)/devRun, func(r int) {
		var bufA, bufB pieces
		for k := r * devRun; k < min(len(devs), (r+1)*devRun); k++ {
			pa := bufA.substring(xa, min(ma[k], ma[k+1]), max(ma[k], ma[k+1]))
			pb := bufB.substring(xb, min(mb[k], mb[k+1]), max(mb[k], mb[k+1]))
			h := p.hausdorff(pa, pb)
			devs[k] = SegmentDeviation{From: cuts[k].label(), To: cuts[k+1].label(),
				FromMeasure: cuts[k].measure, ToMeasure: cuts[k+1].measure, Hausdorff: h.Distance,
				At: p.zone.Inverse(h.At)}
		}
	})
	return devs, ""
}

// devRun is how many segments one task of deviations measures.
const devRun = 64

func (c cut) label() string {
	if c.st == nil {
		return ""
	}
	return c.st.label()
}

// cuts returns the line's start, the located stations by measure, and
// its end; without an agreed line, two cuts at measure 0 standing for the
// versions' own ends (see cutMeasures).
func (p *plane) cuts() []cut {
	if p.agreed == nil {
		return []cut{{measure: 0}, {measure: 0}}
	}
	cuts := []cut{{measure: 0}}
	var sts []*station
	for _, st := range p.stations() {
		if st.located && st.measure > 0 && st.measure < p.agreed.length {
			sts = append(sts, st)
		}
	}
	sort.SliceStable(sts, func(i, j int) bool { return sts[i].measure < sts[j].measure })
	for _, st := range sts {
		if st.measure > cuts[len(cuts)-1].measure {
			cuts = append(cuts, cut{measure: st.measure, st: st})
		}
	}
	return append(cuts, cut{measure: p.agreed.length})
}

// cutMeasures locates the cuts on version x. The ends map to the version's
// own ends, in the version's direction relative to the agreed line.
func (p *plane) cutMeasures(x *lineIndex, cuts []cut) []float64 {
	out := make([]float64, len(cuts))
	if p.agreed == nil {
		out[0], out[1] = 0, x.length
		return out
	}
	for k, c := range cuts {
		if loc, ok := x.locate(p.agreed.pointAt(c.measure)); ok {
			out[k] = loc.Measure
		}
	}
	first, last := 0.0, x.length
	if out[len(out)-1] < out[0] {
		first, last = last, first
	}
	out[0], out[len(out)-1] = first, last
	return out
}

// hausdorff returns the Hausdorff distance between two sets of pieces in
// the plane, densified to HausdorffStepM if set.
func (p *plane) hausdorff(a, b []orb.LineString) geo.Hausdorff {
	step := math.Inf(1)
	if p.tol.HausdorffStepM > 0 {
		step = p.tol.HausdorffStepM
	}
	if len(a) == 1 && len(b) == 1 {
		if h, err := geo.PlanarHausdorffDensified(a[0], b[0], step); err == nil {
			return h
		}
	}
	return piecesHausdorff(a, b)
}

// piecesHausdorff is the discrete Hausdorff distance between two sets of
// lines: the largest distance from a vertex of either to the other set.
func piecesHausdorff(a, b []orb.LineString) geo.Hausdorff {
	h := geo.Hausdorff{Distance: -1}
	for _, pair := range [2][2][]orb.LineString{{a, b}, {b, a}} {
		for _, ls := range pair[0] {
			for _, q := range ls {
				if d := distToPieces(q, pair[1]); d > h.Distance {
					h = geo.Hausdorff{Distance: d, At: q}
				}
			}
		}
	}
	h.Distance = math.Max(h.Distance, 0)
	return h
}

func distToPieces(q orb.Point, pieces []orb.LineString) float64 {
	best := math.Inf(1)
	for _, ls := range pieces {
		for i := 0; i+1 < len(ls); i++ {
			best = math.Min(best, geo.PlanarDistanceToSegment(q, ls[i], ls[i+1]))
		}
	}
	return best
}

// C11Versions checks that both sides' versions agree segment by segment:
// a warning beyond VersionWarnM, an error beyond VersionErrorM, and one
// summary finding (info) with the largest deviation, from which
// TechnicalStatus derives the line's technical status. Without both
// versions it reports one warning that the check could not be made.
func C11Versions(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c11(), nil
}

func (p *plane) c11() []data.Finding {
	devs, missing := p.deviations()
	if missing != "" {
		if len(p.in.Versions) == 0 {
			return nil
		}
		return []data.Finding{p.newFinding(RuleVersions, data.SeverityWarning, p.lineLocation(), 0, 0, msg{
			zh:  "缺少双方有效的界线版本，无法检查接边",
			en:  "edge matching not checked: a usable current version from each side is missing",
			fix: "双方各提交一份界线版本 / each side submits its version of the line"})}
	}
	var out []data.Finding
	worst := SegmentDeviation{Hausdorff: -1}
	for _, d := range devs {
		if d.Hausdorff > worst.Hausdorff {
			worst = d
		}
		sev := sevFor(d.Hausdorff, p.tol.VersionWarnM, p.tol.VersionErrorM)
		if sev == "" {
			continue
		}
		lim := limitFor(sev, p.tol.VersionWarnM, p.tol.VersionErrorM)
		out = append(out, p.newFinding(RuleVersions, sev, d.At, d.Hausdorff, lim, msg{
			subj: orStart(d.From, "start") + "–" + orStart(d.To, "end"),
			zh: fmt.Sprintf("%s—%s 段双方界线版本相差 %s 米，超过限差 %s 米",
				orStart(d.From, "起点"), orStart(d.To, "终点"), metres(d.Hausdorff), metres(lim)),
			en: fmt.Sprintf("segment %s–%s: the two sides' versions are %s m apart, more than the %s m tolerance",
				orStart(d.From, "start"), orStart(d.To, "end"), metres(d.Hausdorff), metres(lim)),
			fix: "双方共同核实该段界线走向并修测 / both sides verify this segment in the field and re-survey it"}))
	}
	return append(out, p.c11Summary(worst))
}

func orStart(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// c11Summary is the line-level C11 finding: the largest deviation.
func (p *plane) c11Summary(worst SegmentDeviation) data.Finding {
	h := math.Max(worst.Hausdorff, 0)
	status := statusFor(h, p.tol.EdgeMatchM, p.tol.VersionErrorM)
	var zh, en string
	fix := "见各段发现 / see the segment findings"
	switch status {
	case data.TechEdgeMatched:
		zh, en, fix = "已接边", "edge-matched", "无需处理 / none"
	case data.TechWithinTolerance:
		zh, en = "在限差内", "within tolerance"
	default:
		zh, en = "未接边", "not matched"
	}
	return p.newFinding(RuleVersions, data.SeverityInfo, worst.At, h, p.tol.EdgeMatchM, msg{
		zh:  fmt.Sprintf("双方界线版本最大相差 %s 米：%s（接边限差 %s 米）", metres(h), zh, metres(p.tol.EdgeMatchM)),
		en:  fmt.Sprintf("the two sides' versions are at most %s m apart: %s (edge-match tolerance %s m)", metres(h), en, metres(p.tol.EdgeMatchM)),
		fix: fix})
}

func statusFor(h, edge, errLim float64) data.TechnicalStatus {
	switch {
	case h <= edge:
		return data.TechEdgeMatched
	case h <= errLim:
		return data.TechWithinTolerance
	}
	return data.TechNotMatched
}

// TechnicalStatus derives a line's technical status from its C11
// findings: not_matched if any is an error; otherwise, from the summary
// finding (severity info), edge_matched if its measured deviation is within
// its tolerance and within_tolerance if not; unknown without a summary
// (C11 not run, or a side's version missing).
func TechnicalStatus(findings []data.Finding) data.TechnicalStatus {
	status := data.TechUnknown
	for _, f := range findings {
		if f.Rule != RuleVersions {
			continue
		}
		switch f.Severity {
		case data.SeverityError:
			return data.TechNotMatched
		case data.SeverityInfo:
			if f.Measured <= f.Tolerance {
				status = data.TechEdgeMatched
			} else {
				status = data.TechWithinTolerance
			}
		}
	}
	return status
}
