package gazetteer_test

import (
	"slices"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

func TestParseText(t *testing.T) {
	for _, c := range []struct{ in, han, key string }{
		{"洪安镇", "洪安镇", "honganzhen"},
		{" 洪安 镇 ", "洪安镇", "honganzhen"},
		{"Hóng'ān Zhèn", "", "honganzhen"},
		{"hong an zhen", "", "honganzhen"},
		{"HONGANZHEN", "", "honganzhen"},
		{"Lǚliang", "", "lvliang"},
		{"1203高地", "1203高地", "1203gaodi"},
		{"ＱＳＪ", "", "qsj"},                 // full width, as an input method types it
		{"Ｈｏｎｇ　ａｎ", "", "hongan"},          // with an ideographic space
		{"清水江１", "清水江1", "qingshuijiang1"}, // a full-width digit is kept
		{"", "", ""},
	} {
		got, err := gazetteer.ParseText(c.in)
		if err != nil || got.Han != c.han || got.Key != c.key {
			t.Errorf("ParseText(%q) = %+v, %v; want han %q key %q", c.in, got, err, c.han, c.key)
		}
	}
	for _, bad := range []string{"!!!", "···", string(make([]rune, 65))} {
		if _, err := gazetteer.ParseText(bad); data.KindOf(err) != data.KindInvalid {
			t.Errorf("ParseText(%q): %v, want invalid", bad, err)
		}
	}
}

func TestNameKeys(t *testing.T) {
	k := gazetteer.NameKeys(data.Name{Text: "秀山土家族苗族自治县"})
	if k.Pinyin != "xiushantujiazumiaozuzizhixian" || k.Initials == "" || k.Hanzi != gazetteer.HanziKey("秀山土家族苗族自治县") {
		t.Errorf("keys of a name without pinyin: %+v", k)
	}
	k = gazetteer.NameKeys(data.Name{Text: "洪安镇", Pinyin: "Hong'an Zhen"})
	if k.Pinyin != "honganzhen" || k.Initials != "haz" {
		t.Errorf("keys of 洪安镇: %+v", k)
	}
	if gazetteer.HanziKey("茶峒") != "z08336z05cd2" {
		t.Errorf("HanziKey(茶峒) = %s", gazetteer.HanziKey("茶峒"))
	}
}

// TestVariants: two keys within one edit share a variant.
func TestVariants(t *testing.T) {
	share := func(a, b string) bool {
		va := gazetteer.Variants(a)
		for _, v := range gazetteer.Variants(b) {
			if slices.Contains(va, v) {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"wangjiaping", "wnagjiaping", true}, // swapped
		{"wangjiaping", "wangjiapin", true},  // missing
		{"wangjiaping", "wangjiapping", true},
		{"wangjiaping", "wangjiaqing", true}, // replaced
		{"wangjiaping", "huangjiaping", false},
		{"wangjiaping", "wjp", false},
	} {
		if got := share(c.a, c.b); got != c.want {
			t.Errorf("%s ~ %s: %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if v := gazetteer.Variants("abc"); len(v) != 1 {
		t.Errorf("short key variants %v, want the key alone", v)
	}
	if v := gazetteer.Variants("aabb"); len(v) != 3 {
		t.Errorf("Variants(aabb) = %v, want aabb, abb, aab", v)
	}
}

func TestTrigramsAndSimilarity(t *testing.T) {
	if got := gazetteer.Trigrams("hongan"); !slices.Equal(got, []string{"  h", " ho", "an ", "gan", "hon", "nga", "ong"}) {
		t.Errorf("Trigrams(hongan) = %q", got)
	}
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"honganzhen", "honganzhen", 1},
		{"honganzhen", "hongan", float64(float32(6) / float32(12))},
		{"abc", "xyz", 0},
		{"", "abc", 0},
	} {
		if got := gazetteer.Similarity(c.a, c.b); got != c.want {
			t.Errorf("Similarity(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if gazetteer.MinCommonTrigrams(10) != 3 || gazetteer.MinCommonTrigrams(1) != 1 {
		t.Error("MinCommonTrigrams")
	}
}
