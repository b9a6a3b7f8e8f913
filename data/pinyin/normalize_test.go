package pinyin

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Xiushan Xian", "xiushanxian"},
		{"xiushanxian", "xiushanxian"},
		{"XIUSHAN XIAN", "xiushanxian"},
		{"Xiùshān Xiàn", "xiushanxian"},
		{"xiu shan", "xiushan"},
		{"Xi'an", "xian"},
		{"Xī’ān", "xian"},
		{"Lüliang Shi", "lvliangshi"},
		{"Lǚliáng", "lvliang"},
		{"Lvliang", "lvliang"},
		{"Lu:liang", "lvliang"},
		{"Lyuliang", "lvliang"},
		{"Lyú", "lv"},
		{"Jing 5 Lu", "jing5lu"},
		{"Tai-hang  Shan", "taihangshan"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestNormalizeSpellings checks that every spelling PlaceName proposes
// normalises to the same key with and without tone marks and in capitals.
func TestNormalizeSpellings(t *testing.T) {
	for _, tc := range realNames {
		plain := place(t, tc.hanzi, Options{Class: tc.class}).Spelling
		marked := place(t, tc.hanzi, Options{Class: tc.class, ToneMarks: true}).Spelling
		upper := place(t, tc.hanzi, Options{Class: tc.class, Upper: true, Umlaut: UmlautV}).Spelling
		if Normalize(plain) != Normalize(marked) || Normalize(plain) != Normalize(upper) {
			t.Errorf("%s: %q, %q and %q normalise to %q, %q, %q", tc.hanzi, plain, marked, upper,
				Normalize(plain), Normalize(marked), Normalize(upper))
		}
	}
}

func TestInitials(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Xiushan Xian", "xsx"},
		{"xiushanxian", "xsx"},
		{"秀山县", "xsx"},
		{"Xi'an", "xa"},
		{"Xian", "x"},
		{"Xiushan Tujiazu Miaozu Zizhixian", "xstjzmzzzx"},
		{"Zhongguancun", "zgc"},
		{"Lüliang", "ll"},
		{"lvliang", "ll"},
		{"Jing 5 Lu", "j5l"},
		{"1203 Gaodi", "1203gd"},
		{"Hong'an Zhen", "haz"},
		{"qwrt", "q"},
		{"重庆", "cq"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Initials(tc.in); got != tc.want {
			t.Errorf("Initials(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestLabels(t *testing.T) {
	for k := FlagGuessed; k <= FlagStreetOrdinal; k++ {
		if k.Label() == "" || k.Label() == k.String() {
			t.Errorf("flag kind %v has no label", k)
		}
	}
	for r := RoleSpecific; r <= RoleGeneric; r++ {
		if r.Label() == r.String() {
			t.Errorf("role %v has no label", r)
		}
	}
	if FlagKind(99).String() != "flag(?)" || Role(-1).String() != "role(?)" || Source(99).String() != "source(?)" ||
		Class(99).String() != "class(?)" {
		t.Error("out-of-range kinds must not panic")
	}
}
