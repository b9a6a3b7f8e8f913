package pinyin

import (
	"strings"
	"testing"
	"unicode"

	"github.com/toponym/toponym/data"
)

// FuzzPlaceName checks that PlaceName never panics, that it refuses input
// with anything but Han characters and digits, and that an accepted name's
// parts add up to it and its spelling is non-empty ASCII-ish pinyin.
func FuzzPlaceName(f *testing.F) {
	for _, s := range []string{"西安", "秀山土家族苗族自治县", "王家村", "1203高地", "Xi'an", "", "儿", "第二第三",
		"居民委员会", "东风社区居民委员会", "１２", "\xff", "秀 山", "乐亭县", "𠀀"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, class uint8) {
		opts := Options{Class: Class(class % 8), ToneMarks: class&8 != 0, Umlaut: Umlaut(class>>4) % 3}
		r, err := PlaceName(s, opts)
		if err != nil {
			if data.KindOf(err) != data.KindInvalid {
				t.Fatalf("PlaceName(%q): error of kind %v: %v", s, data.KindOf(err), err)
			}
			return
		}
		if opts.Class > ClassFacility {
			t.Fatalf("PlaceName(%q) accepted class %d", s, opts.Class)
		}
		for _, c := range strings.TrimSpace(s) {
			if !unicode.Is(unicode.Han, c) && !unicode.IsDigit(c) {
				t.Fatalf("PlaceName(%q) accepted %q", s, c)
			}
		}
		var parts strings.Builder
		for _, p := range r.Parts {
			parts.WriteString(p.Hanzi)
		}
		if parts.String() != r.Hanzi || len(r.Syllables) != len([]rune(r.Hanzi)) || r.Spelling == "" {
			t.Fatalf("PlaceName(%q) = %+v", s, r)
		}
	})
}

// FuzzSearchKeys checks that Normalize and Initials never panic and that
// Normalize is idempotent.
func FuzzSearchKeys(f *testing.F) {
	for _, s := range []string{"Xiushan Xian", "Xī'ān", "Lyuliang", "秀山县", "\xff", "ü", "Ü", "u:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, n, Normalize(n))
		}
		_ = Initials(s)
	})
}
