package pinyin

import (
	"slices"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

func place(tb testing.TB, hanzi string, opts Options) Result {
	tb.Helper()
	r, err := PlaceName(hanzi, opts)
	if err != nil {
		tb.Fatalf("PlaceName(%q): %v", hanzi, err)
	}
	return r
}

func TestPlaceNameRealNames(t *testing.T) {
	if len(realNames) < 200 {
		t.Fatalf("only %d real names; want at least 200", len(realNames))
	}
	for _, tc := range realNames {
		r := place(t, tc.hanzi, Options{Class: tc.class})
		if r.Spelling != tc.want {
			t.Errorf("%s (%v) = %q; want %q", tc.hanzi, tc.class, r.Spelling, tc.want)
		}
		if got := strings.Join(partsHanzi(r), ""); got != tc.hanzi {
			t.Errorf("%s: parts join to %q", tc.hanzi, got)
		}
	}
}

func partsHanzi(r Result) []string {
	var out []string
	for _, p := range r.Parts {
		out = append(out, p.Hanzi)
	}
	return out
}

// TestMustShow holds the three cases the package exists for.
func TestMustShow(t *testing.T) {
	t.Run("apostrophe", func(t *testing.T) {
		r := place(t, "西安", Options{})
		if r.Spelling != "Xi'an" || len(r.Syllables) != 2 || r.Syllables[1].Plain != "an" {
			t.Errorf("西安 = %q %+v; want Xi'an", r.Spelling, r.Syllables)
		}
	})
	t.Run("autonomous county", func(t *testing.T) {
		r := place(t, "秀山土家族苗族自治县", Options{Class: ClassAdministrative})
		if r.Specific != "秀山" || r.SpecificSpelling != "Xiushan" {
			t.Errorf("specific = %q %q; want 秀山 Xiushan", r.Specific, r.SpecificSpelling)
		}
		if r.Generic != "自治县" || r.GenericSpelling != "Zizhixian" {
			t.Errorf("generic = %q %q; want 自治县 Zizhixian", r.Generic, r.GenericSpelling)
		}
		if !slices.Equal(r.Ethnic, []string{"土家族", "苗族"}) {
			t.Errorf("ethnic = %q", r.Ethnic)
		}
		roles := []Role{RoleSpecific, RoleEthnic, RoleEthnic, RoleGeneric}
		for i, p := range r.Parts {
			if i >= len(roles) || p.Role != roles[i] {
				t.Errorf("part %d = %+v; want roles %v", i, p, roles)
			}
		}
		if r.Spelling != "Xiushan Tujiazu Miaozu Zizhixian" {
			t.Errorf("spelling = %q", r.Spelling)
		}
	})
	t.Run("natural village joined", func(t *testing.T) {
		r := place(t, "王家村", Options{Class: ClassNaturalVillage})
		if r.Spelling != "Wangjiacun" || r.Generic != "" || r.Specific != "王家村" {
			t.Errorf("王家村 natural village = %+v; want Wangjiacun, one word", r)
		}
		if a := place(t, "王家村", Options{Class: ClassAdministrative}); a.Spelling != "Wangjia Cun" {
			t.Errorf("王家村 administrative = %q; want Wangjia Cun", a.Spelling)
		}
	})
}

func TestPlaceNameOptions(t *testing.T) {
	tests := []struct {
		hanzi string
		opts  Options
		want  string
	}{
		{"秀山县", Options{ToneMarks: true}, "Xiùshān Xiàn"},
		{"西安", Options{ToneMarks: true}, "Xī'ān"},
		{"天峨县", Options{ToneMarks: true}, "Tiān'é Xiàn"},
		{"吕梁市", Options{}, "Lüliang Shi"},
		{"吕梁市", Options{Umlaut: UmlautV}, "Lvliang Shi"},
		{"吕梁市", Options{Umlaut: UmlautYu}, "Lyuliang Shi"},
		{"女儿寨", Options{Umlaut: UmlautYu, Class: ClassNaturalVillage}, "Nyurzhai"},
		{"吕梁市", Options{Umlaut: UmlautV, ToneMarks: true}, "Lǚliáng Shì"},
		{"西安市", Options{Upper: true}, "XI'AN SHI"},
		{"１２０３高地", Options{}, "1203 Gaodi"},
		{"  洪安镇 ", Options{}, "Hong'an Zhen"},
	}
	for _, tc := range tests {
		if r := place(t, tc.hanzi, tc.opts); r.Spelling != tc.want {
			t.Errorf("%s %+v = %q; want %q", tc.hanzi, tc.opts, r.Spelling, tc.want)
		}
	}
}

func TestPlaceNameErrors(t *testing.T) {
	tests := []struct {
		hanzi string
		opts  Options
		field string
		msg   string
	}{
		{"", Options{}, "name", "empty"},
		{"   ", Options{}, "name", "empty"},
		{"Xi'an", Options{}, "name", `'X' at position 1`},
		{"秀山 县", Options{}, "name", "position 3"},
		{"秀山县!", Options{}, "name", "position 4"},
		{"1234", Options{}, "name", "no Han"},
		{"秀\xff山", Options{}, "name", "UTF-8"},
		{strings.Repeat("山", MaxNameRunes+1), Options{}, "name", "at most"},
		{"秀山", Options{Class: Class(99)}, "class", "unknown"},
		{"六安", Options{Overrides: map[string]string{"六安": "lu"}}, "overrides", "1 syllables for 2"},
		{"六安", Options{Overrides: map[string]string{"六安": "luan"}}, "overrides", "1 syllables for 2"},
		{"六安", Options{Overrides: map[string]string{"六安": "lu xq"}}, "overrides", "not pinyin"},
		{"六安", Options{Overrides: map[string]string{"Lu": "lu"}}, "overrides", "Han characters"},
		{"六安", Options{Overrides: map[string]string{"": "lu"}}, "overrides", "empty"},
		{"六安", Options{Overrides: map[string]string{"六": "lu1!"}}, "overrides", "not a pinyin letter"},
	}
	for _, tc := range tests {
		_, err := PlaceName(tc.hanzi, tc.opts)
		e := data.AsError(err)
		if e == nil || e.Kind != data.KindInvalid || e.Field != tc.field || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("PlaceName(%q) error = %v; want invalid %s containing %q", tc.hanzi, err, tc.field, tc.msg)
		}
	}
}

func TestOverrides(t *testing.T) {
	tests := []struct {
		hanzi string
		ovr   map[string]string
		want  string
		marks string
	}{
		{"六安市", map[string]string{"六安": "Lu'an"}, "Lu'an Shi", "Lù'ān Shì"},
		{"六安市", map[string]string{"六安": "lù ān"}, "Lu'an Shi", "Lù'ān Shì"},
		{"猫儿乡", map[string]string{"儿": "er"}, "Mao'er Xiang", "Māo'ér Xiāng"},
		{"涌洞镇", map[string]string{"涌": "chong"}, "Chongdong Zhen", "Chōngdòng Zhèn"},
		{"重庆市", map[string]string{"重庆市": "zhong qing shi"}, "Zhongqing Shi", "Zhòngqìng Shì"},
		{"绿春县", map[string]string{"绿": "lv"}, "Lüchun Xian", "Lǜchūn Xiàn"},
		{"曲靖市", map[string]string{"曲": "qv"}, "Qujing Shi", "Qūjìng Shì"},
	}
	for _, tc := range tests {
		r, err := PlaceName(tc.hanzi, Options{Overrides: tc.ovr})
		if err != nil || r.Spelling != tc.want {
			t.Errorf("%s with %v = %q, %v; want %q", tc.hanzi, tc.ovr, r.Spelling, err, tc.want)
			continue
		}
		m := place(t, tc.hanzi, Options{Overrides: tc.ovr, ToneMarks: true})
		if m.Spelling != tc.marks {
			t.Errorf("%s with %v, tone marks = %q; want %q", tc.hanzi, tc.ovr, m.Spelling, tc.marks)
		}
		if !hasFlag(r, FlagOverride) {
			t.Errorf("%s: no override flag in %+v", tc.hanzi, r.Flags)
		}
	}
}

func hasFlag(r Result, k FlagKind) bool {
	return slices.ContainsFunc(r.Flags, func(f Flag) bool { return f.Kind == k })
}
