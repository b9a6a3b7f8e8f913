package inspect

import (
	"fmt"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// C16Codes checks division codes (error): the county's and every
// township's code parses (data.ParseCode: length, province, ranges); each
// township's code lies under the county's (parent prefix) and its ParentID
// is the county; its type agrees with its code's class (镇 100–199, …);
// no two townships share a code; the line's unit codes are ordered A < B
// and, on a provincial line, its code is their provinces' (data.LineCode);
// each place's stated codes nest, larger first.
func C16Codes(in Input, tol Tolerances) ([]data.Finding, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	return p.c16(), nil
}

func (p *plane) c16() []data.Finding {
	var out []data.Finding
	if c := p.in.County; c != nil {
		if err := checkCode(c.Code, data.LevelCounty); err != nil {
			out = append(out, p.codeFinding(p.unitPoint(c), unitLabel(c), "县 "+c.Name, "county "+c.Name, err))
		}
	}
	seen := map[data.Code]bool{}
	for _, u := range p.in.Townships {
		for _, err := range p.townshipCode(u, seen) {
			out = append(out, p.codeFinding(p.unitPoint(u), unitLabel(u), "乡镇 "+u.Name, "township "+u.Name, err))
		}
	}
	if l := p.in.Line; l != nil {
		for _, err := range lineCodes(l) {
			out = append(out, p.codeFinding(p.lineLocation(), "", "界线 "+l.Name, "line "+l.Name, err))
		}
	}
	for _, pl := range p.in.Places {
		for i := 0; i+1 < len(pl.AdminCodes); i++ {
			if a, b := pl.AdminCodes[i], pl.AdminCodes[i+1]; !validCode(a) || !validCode(b) || !a.Contains(b) {
				out = append(out, p.codeFinding(p.placePoint(pl), placeName(pl), "地名 "+placeName(pl), "place "+placeName(pl),
					fmt.Errorf("stated division %s does not lie within %s", b, a)))
			}
		}
	}
	return out
}

func validCode(c data.Code) bool {
	_, err := data.ParseCode(string(c))
	return err == nil
}

// checkCode parses c and requires level want.
func checkCode(c data.Code, want data.Level) error {
	if _, err := data.ParseCode(string(c)); err != nil {
		return err
	}
	if c.Level() != want {
		return fmt.Errorf("code %s denotes a %s, not a %s", c, c.Level(), want)
	}
	return nil
}

// townshipCode returns what is wrong with a township's code.
func (p *plane) townshipCode(u *data.AdminUnit, seen map[data.Code]bool) []error {
	if err := checkCode(u.Code, data.LevelTownship); err != nil {
		return []error{err}
	}
	var errs []error
	if seen[u.Code] {
		errs = append(errs, fmt.Errorf("code %s is used by another township too", u.Code))
	}
	seen[u.Code] = true
	if c := p.in.County; c != nil {
		if u.Code.Parent() != c.Code {
			errs = append(errs, fmt.Errorf("code %s does not start with county code %s", u.Code, c.Code))
		}
		if u.ParentID != "" && c.UnitID != "" && u.ParentID != c.UnitID {
			errs = append(errs, fmt.Errorf("parent %s is not county %s (%s)", u.ParentID, c.UnitID, c.Name))
		}
	}
	if err := data.CheckTypeForCode(u.Code, u.Type); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// lineCodes returns what is wrong with a line's unit codes and line code.
func lineCodes(l *data.BoundaryLine) []error {
	if l.CodeA == "" || l.CodeB == "" {
		return nil
	}
	var errs []error
	for _, c := range [2]data.Code{l.CodeA, l.CodeB} {
		if _, err := data.ParseCode(string(c)); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	if l.CodeA >= l.CodeB {
		errs = append(errs, fmt.Errorf("side A's code %s must be smaller than side B's %s", l.CodeA, l.CodeB))
	}
	if l.Level == data.LevelProvince {
		if want := data.LineCode(l.CodeA.Province(), l.CodeB.Province()); l.Code != want {
			errs = append(errs, fmt.Errorf("line code %s should be %s for provinces %s and %s",
				l.Code, want, l.CodeA.Province(), l.CodeB.Province()))
		}
	}
	return errs
}

// codeFinding builds a C16 error about subj at loc (nil if nowhere).
func (p *plane) codeFinding(loc orb.Geometry, subj, zh, en string, err error) data.Finding {
	why := err.Error()
	if e := data.AsError(err); e != nil {
		why = e.Message
	}
	return p.newFinding(RuleCodes, data.SeverityError, loc, 0, 0, msg{
		subj: subj,
		zh:   zh + " 区划代码有误：" + why,
		en:   en + ": division code problem: " + why,
		fix:  "按 GB/T 2260、GB/T 10114 核对代码 / check the code against GB/T 2260 and GB/T 10114"})
}
