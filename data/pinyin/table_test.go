package pinyin

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// dictReadings returns go-pinyin's readings of r.
func dictReadings(r rune) []string {
	d := gopinyin.PinyinDict[int(r)]
	if d == "" {
		return nil
	}
	return strings.Split(d, ",")
}

// notInDictionary are table readings the dictionary lacks: local readings
// of a place, kept by name.
var notInDictionary = map[string]bool{"乐亭": true}

// TestTableReadings checks the built-in tables against go-pinyin's
// dictionary: one valid syllable per character, and each reading one the
// dictionary knows for that character.
func TestTableReadings(t *testing.T) {
	for name, rd := range tableNames {
		rs := []rune(name)
		if len(rd) != len(rs) {
			t.Errorf("%s: %d readings for %d characters", name, len(rd), len(rs))
			continue
		}
		for i, r := range rs {
			plain, _ := plainTone(rd[i])
			if !validSyllables[plain] {
				t.Errorf("%s: %q is not a syllable", name, rd[i])
			}
			if !slices.Contains(dictReadings(r), rd[i]) && !notInDictionary[name] {
				t.Errorf("%s: %c read %s; the dictionary has %v", name, r, rd[i], dictReadings(r))
			}
		}
	}
}

func TestCharacterRules(t *testing.T) {
	seen := map[rune]bool{}
	for _, r := range settledFirst {
		if seen[r] {
			t.Errorf("%c twice in settledFirst", r)
		}
		seen[r] = true
		if _, ok := settledOther[r]; ok {
			t.Errorf("%c in settledFirst and settledOther", r)
		}
	}
	for r, rd := range settledReadings {
		if len(dictReadings(r)) < 2 {
			t.Errorf("settled %c has one reading %v: the rule is not needed", r, dictReadings(r))
		}
		if !slices.Contains(dictReadings(r), rd) {
			t.Errorf("settled %c = %s; the dictionary has %v", r, rd, dictReadings(r))
		}
		if _, ok := defaultReadings[r]; ok {
			t.Errorf("%c is both settled and a default", r)
		}
	}
	for r, rd := range defaultReadings {
		if !slices.Contains(dictReadings(r), rd) || len(dictReadings(r)) < 2 {
			t.Errorf("default %c = %s; the dictionary has %v", r, rd, dictReadings(r))
		}
	}
}

func TestGenericTable(t *testing.T) {
	for key, g := range generics {
		if strings.ReplaceAll(g.words, " ", "") != key {
			t.Errorf("generic %q has words %q", key, g.words)
		}
		if n := utf8.RuneCountInString(key); n > maxGenericRunes {
			t.Errorf("generic %q is longer than maxGenericRunes", key)
		}
		if _, err := PlaceName("秀"+key, Options{}); err != nil {
			t.Errorf("generic %q: %v", key, err)
		}
	}
	for key := range ethnicNames {
		if n := utf8.RuneCountInString(key); n > maxEthnicRunes {
			t.Errorf("ethnic name %q is longer than maxEthnicRunes", key)
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"xian", []string{"xian"}},
		{"xiushanxian", []string{"xiu", "shan", "xian"}},
		{"zhuang", []string{"zhuang"}},
		{"lüe", []string{"lüe"}},
		{"tianemen", []string{"tian", "e", "men"}},
		{"qx", nil},
		{"", nil},
	}
	for _, tc := range tests {
		got, ok := segment(tc.in)
		if !slices.Equal(got, tc.want) || ok != (tc.want != nil) {
			t.Errorf("segment(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}
