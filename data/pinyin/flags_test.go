package pinyin

import (
	"slices"
	"testing"
)

func TestReviewFlags(t *testing.T) {
	tests := []struct {
		hanzi  string
		class  Class
		review bool
		flags  []FlagKind // kinds expected, in order
		pos    []int      // their positions
	}{
		{"秀山土家族苗族自治县", ClassAdministrative, false,
			[]FlagKind{FlagTable, FlagTable, FlagTable, FlagTable, FlagRule}, []int{2, 3, 4, 6, 8}},
		{"石门村", ClassAdministrative, false, []FlagKind{FlagRule}, []int{0}},
		{"洪安镇", ClassAdministrative, false, nil, nil},
		{"重庆市", ClassAdministrative, false, []FlagKind{FlagTable, FlagRule}, []int{0, 2}},
		{"长岭村", ClassAdministrative, true, []FlagKind{FlagGuessed}, []int{0}}, // 岭 differs only in tone
		{"长坪村", ClassAdministrative, false, []FlagKind{FlagTable}, []int{0}},
		{"涌洞镇", ClassAdministrative, false, []FlagKind{FlagTable, FlagTable}, []int{0, 1}},
		{"东涌", ClassNaturalVillage, false, []FlagKind{FlagTable}, []int{1}},
		{"涌口", ClassNaturalVillage, true, []FlagKind{FlagGuessed}, []int{0}},
		{"猫儿乡", ClassAdministrative, true, []FlagKind{FlagRule, FlagRule, FlagErhua}, []int{0, 1, 1}},
		{"三八路", ClassStreet, true, []FlagKind{FlagRule, FlagStreetOrdinal, FlagStreetOrdinal}, []int{2, 0, 1}},
		{"二马路", ClassAuto, true, []FlagKind{FlagRule, FlagStreetOrdinal}, []int{2, 0}},
		{"三八村", ClassAdministrative, false, nil, nil},
	}
	for _, tc := range tests {
		r := place(t, tc.hanzi, Options{Class: tc.class})
		var kinds []FlagKind
		var pos []int
		for _, f := range r.Flags {
			kinds, pos = append(kinds, f.Kind), append(pos, f.Pos)
			if f.Message == "" || f.Hanzi != string([]rune(tc.hanzi)[f.Pos]) {
				t.Errorf("%s: flag %+v does not name its character", tc.hanzi, f)
			}
		}
		if r.NeedsReview != tc.review || !slices.Equal(kinds, tc.flags) || !slices.Equal(pos, tc.pos) {
			t.Errorf("%s: review %v, flags %v at %v; want %v, %v at %v", tc.hanzi, r.NeedsReview, kinds, pos,
				tc.review, tc.flags, tc.pos)
		}
	}
}

func TestSyllableSources(t *testing.T) {
	r := place(t, "重庆市秀山县1203高地", Options{Overrides: map[string]string{"秀": "xiu"}})
	want := []Source{SourceTable, SourceTable, SourceRule, SourceOverride, SourceDictionary, SourceDictionary,
		SourceDigits, SourceDigits, SourceDigits, SourceDigits, SourceDictionary, SourceRule}
	var got []Source
	for _, s := range r.Syllables {
		got = append(got, s.Source)
	}
	if !slices.Equal(got, want) {
		t.Errorf("sources = %v; want %v", got, want)
	}
	if s := r.Syllables[0]; s.Marked != "chóng" || s.Tone != 2 || s.Plain != "chong" || !s.Polyphonic {
		t.Errorf("重 = %+v", s)
	}
}

func TestSplitParts(t *testing.T) {
	tests := []struct {
		hanzi, specific, generic, genericSpelling string
		class                                     Class
	}{
		{"东风社区居民委员会", "东风", "社区居民委员会", "Shequ Jumin Weiyuanhui", ClassAdministrative},
		{"东风居委会", "东风", "居委会", "Juweihui", ClassAdministrative},
		{"中和街道", "中和", "街道", "Jiedao", ClassAuto},
		{"街道", "街道", "", "", ClassAuto},
		{"山", "山", "", "", ClassAuto},
		{"泰山", "泰", "山", "Shan", ClassMountain},
		{"秀山", "秀山", "", "", ClassAdministrative},
		{"民族村", "民族", "村", "Cun", ClassAdministrative},
		{"苗族乡", "苗族", "乡", "Xiang", ClassAdministrative},
		{"河东街", "河东", "街", "Jie", ClassStreet},
		{"人民东路", "人民", "东路", "Donglu", ClassStreet},
	}
	for _, tc := range tests {
		r := place(t, tc.hanzi, Options{Class: tc.class})
		if r.Specific != tc.specific || r.Generic != tc.generic || r.GenericSpelling != tc.genericSpelling {
			t.Errorf("%s: specific %q, generic %q %q; want %q, %q %q", tc.hanzi, r.Specific, r.Generic,
				r.GenericSpelling, tc.specific, tc.generic, tc.genericSpelling)
		}
	}
}
