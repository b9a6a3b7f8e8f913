package inspect

import (
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
)

// RuleInfo describes one check of §6.
type RuleInfo struct {
	ID         string
	NameZH     string
	NameEN     string
	Applicable bool // false for C20, which this package does not run
}

// Rules lists the checks of §6 in order.
func Rules() []RuleInfo {
	return []RuleInfo{
		{RuleValidity, "几何有效性", "geometry validity", true},
		{RuleCRS, "坐标系检查", "CRS sanity", true},
		{RuleMarkerNumber, "界桩编号格式", "marker number syntax", true},
		{RuleMarkerType, "界桩类型一致性", "marker type consistency", true},
		{RuleMarkerOrder, "界桩顺序", "markers in order along the line", true},
		{RuleMarkerLine, "单立界桩距界线", "single marker to line distance", true},
		{RulePairStraddle, "双立界桩分立两侧", "paired markers straddle the line", true},
		{RuleDisplacement, "界桩位移", "marker displacement", true},
		{RuleReferences, "方位物", "reference objects", true},
		{RuleRecorded, "界桩检查记录齐全", "every marker recorded this round", true},
		{RuleVersions, "双方界线接边", "both sides' versions agree", true},
		{RuleTriJunction, "三交点", "tri-junction", true},
		{RuleOverlap, "乡镇重叠", "township overlaps", true},
		{RuleGap, "乡镇缝隙", "township gaps and slivers", true},
		{RuleCoverage, "乡镇覆盖县域", "townships cover their county", true},
		{RuleCodes, "区划代码", "code hierarchy and ranges", true},
		{RuleDivergence, "河流道路变迁", "river or road divergence", true},
		{RuleSchedule, "联检逾期与签署", "inspection overdue or report unsigned", true},
		{RulePlaceTownship, "地名所属乡镇", "place inside its stated township", true},
		{RuleGazetteer, "拼写与保护名录审核", "pinyin and protected-name review", false},
	}
}

// Run runs checks C1–C19 on in and returns their findings in rule order.
// The input is projected once into the line's zone, in blocks spread over
// GOMAXPROCS goroutines; each geometry is indexed once; the checks then
// run concurrently on those indexes. The result does not depend on
// scheduling. It returns an error only for invalid tolerances or input it
// cannot place in a Gauss-Krüger zone; faults in the data are findings.
func Run(in Input, tol Tolerances) ([]data.Finding, error) {
	return run(in, tol, runtime.GOMAXPROCS(0))
}

// run is Run on at most workers goroutines.
func run(in Input, tol Tolerances, workers int) ([]data.Finding, error) {
	p, err := prepareZone(in, tol)
	if err != nil {
		return nil, err
	}
	p.workers = max(1, workers)
	p.warm()
	// The heaviest checks first, so that the others fill in beside them;
	// C1 in tasks of one long line each.
	checks := append([]func() []data.Finding{p.c11}, p.c1Tasks()...)
	checks = append(checks, p.c13, p.c14, p.c15, p.c2, p.c3, p.c4, p.c5, p.c6, p.c7, p.c8,
		p.c9, p.c10, p.c12, p.c16, p.c17, p.c18, p.c19)
	return sortedByRule(runChecks(p.workers, checks)), nil
}

// C20Gazetteer is not applicable to a line inspection: C20 (pinyin follows
// the 1984 rules; protected names change only with an approval record) is
// a review of gazetteer entries, done where names are edited. It returns
// no findings.
func C20Gazetteer(Input, Tolerances) ([]data.Finding, error) { return nil, nil }

// sortedByRule orders findings by rule number, keeping each check's own
// order.
func sortedByRule(fs []data.Finding) []data.Finding {
	slices.SortStableFunc(fs, func(a, b data.Finding) int { return ruleNum(a.Rule) - ruleNum(b.Rule) })
	return fs
}

func ruleNum(rule string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(rule, "C"))
	return n
}
