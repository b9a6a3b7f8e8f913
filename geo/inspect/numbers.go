package inspect

import (
	"fmt"
	"sort"
	"strings"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// C3MarkerNumber checks marker number syntax (reject): on provincial lines
// the national 8-character scheme (data.ParseMarkerNumber) with the line's
// own code; on county and township lines Settings.NumberPattern, if set.
// Numbers must be unique on the line.
func C3MarkerNumber(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c3(), nil
}

func (p *plane) c3() []data.Finding {
	var out []data.Finding
	seen := map[string]int{}
	fix := "按登记表核对界桩编号 / check the number against the registration form"
	for _, mi := range p.markers() {
		m := mi.m
		seen[m.Number]++
		if seen[m.Number] == 2 {
			out = append(out, p.newFinding(RuleMarkerNumber, data.SeverityError, m.Position, 2, 1, msg{subj: m.Number,
				zh: fmt.Sprintf("界桩编号 %s 重复", m.Number), en: fmt.Sprintf("marker number %s is used more than once", m.Number), fix: fix}))
		}
		if mi.numErr != nil {
			why := mi.numErr.Error()
			if e := data.AsError(mi.numErr); e != nil {
				why = e.Message
			}
			out = append(out, p.newFinding(RuleMarkerNumber, data.SeverityError, m.Position, 0, 0, msg{
				subj: m.Number, zh: fmt.Sprintf("界桩编号 %s 格式错误", m.Number), en: why, fix: fix}))
			continue
		}
		if p.provincial() && p.in.Line.Code != "" && mi.num.Line != p.in.Line.Code {
			out = append(out, p.newFinding(RuleMarkerNumber, data.SeverityError, m.Position, 0, 0, msg{
				subj: m.Number,
				zh:   fmt.Sprintf("界桩 %s 的界线代码 %s 与本界线 %s 不符", m.Number, mi.num.Line, p.in.Line.Code),
				en:   fmt.Sprintf("marker %s carries line code %s but stands on line %s", m.Number, mi.num.Line, p.in.Line.Code),
				fix:  fix}))
		}
	}
	return out
}

// C4MarkerType checks marker type consistency (error): a sequence number
// holds one single marker (Q), a complete pair (A and B) or a complete
// triple (C, D and E); and every A marker stands on unit A's side of the
// agreed line (the side of the smaller code). Unit A's side is
// Settings.SideOfA, else derived from Input.SideA's polygon (see sideOfA).
func C4MarkerType(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c4(), nil
}

func (p *plane) c4() []data.Finding {
	var out []data.Finding
	fix := "核对界桩类型、编号与埋设位置 / check the markers' types, numbers and positions"
	var pairsA []*markerInfo
	for _, st := range p.stations() {
		got, want := groupTypes(st)
		if got != want {
			out = append(out, p.newFinding(RuleMarkerType, data.SeverityError, st.members[0].m.Position,
				float64(len(st.members)), 0, msg{
					subj: st.label(),
					zh:   fmt.Sprintf("第 %03d 号界桩组类型不完整或混用：有 %s，应为 %s", st.seq, got, want),
					en:   fmt.Sprintf("marker group %03d is incomplete or mixed: it has %s, want %s", st.seq, got, want),
					fix:  fix}))
		}
		for _, mi := range st.members {
			if mi.num.Type == data.MarkerPairA && mi.located && mi.loc.Side != geo.SideOn {
				pairsA = append(pairsA, mi)
			}
		}
	}
	if len(pairsA) == 0 {
		return out
	}
	side := p.sideOfA()
	if side == geo.SideOn {
		return append(out, p.newFinding(RuleMarkerType, data.SeverityWarning, pairsA[0].m.Position, 0, 0, msg{
			zh:  "无法检查 A 桩所在一侧：未设置 A 方所在侧，也没有 A 方的行政区范围",
			en:  "cannot check which side A markers stand on: no side of A is set and no polygon of unit A is given",
			fix: "为本界线设置 A 方所在侧 / set the side of unit A for this line"}))
	}
	for _, mi := range pairsA {
		if mi.loc.Side != side {
			zhS, enS := sideName(side)
			out = append(out, p.newFinding(RuleMarkerType, data.SeverityError, mi.m.Position, mi.loc.Distance, 0, msg{
				subj: mi.m.Number,
				zh:   fmt.Sprintf("界桩 %s 是 A 桩，应在代码较小一方（界线%s），却在另一侧", mi.m.Number, zhS),
				en:   fmt.Sprintf("marker %s is an A marker and belongs on the smaller code's side (%s of the line), but stands on the other side", mi.m.Number, enS),
				fix:  "核对 A、B 桩是否对调 / check whether the A and B markers were swapped"}))
		}
	}
	return out
}

// groupTypes returns the type letters a station has, sorted, and those it
// should have given its first member's type.
func groupTypes(st *station) (got, want string) {
	letters := make([]string, len(st.members))
	for i, mi := range st.members {
		letters[i] = mi.num.Type.String()
	}
	sort.Strings(letters)
	got = strings.Join(letters, "")
	switch st.members[0].num.Type.Group() {
	case 2:
		want = "AB"
	case 3:
		want = "CDE"
	default:
		want = "Q"
	}
	if len(st.members) == 1 && st.members[0].num.Type == 0 {
		want = got // a county-line marker with no type letter
	}
	return got, want
}
