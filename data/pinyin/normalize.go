package pinyin

import (
	"strings"
	"unicode"
)

// Normalize returns a search key for a romanised name: lower case, tone
// marks dropped, apostrophes, hyphens and spaces removed, ü written v (from
// ü, v, u: or the passport spelling lyu). "Xiushan Xian", "xiushanxian" and
// "Xiùshān Xiàn" all give "xiushanxian"; "Lüliang" and "Lyuliang" give
// "lvliang". Other characters (digits, Hanzi) are kept.
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if v, ok := toneVowels[r]; ok {
			r = v.base
		}
		switch {
		case r == 'ü':
			b.WriteRune('v')
		case isSeparator(r) || unicode.IsSpace(r) || r == '.':
		default:
			b.WriteRune(r)
		}
	}
	out := strings.ReplaceAll(b.String(), "u:", "v")
	return strings.ReplaceAll(out, "lyu", "lv")
}

// Initials returns the first letter of every syllable, lower case, for
// prefix search: "Xiushan Xian" → "xsx", "Xi'an" → "xa", "秀山县" → "xsx".
// Romanised words are split into syllables (ü as v); a word that is not
// pinyin gives its first letter. Hanzi give the initial of their
// place-name reading; digits are kept.
func Initials(s string) string {
	var b strings.Builder
	var word []rune
	flush := func() {
		if len(word) > 0 {
			b.WriteString(wordInitials(string(word)))
			word = word[:0]
		}
	}
	for _, r := range strings.ToLower(s) {
		if v, ok := toneVowels[r]; ok {
			r = v.base
		}
		switch {
		case r >= 'a' && r <= 'z' || r == 'ü':
			word = append(word, r)
		case isDigit(r):
			flush()
			b.WriteRune(r)
		case isHan(r):
			flush()
			b.WriteString(hanInitial(r))
		default:
			flush()
		}
	}
	flush()
	return b.String()
}

// wordInitials returns the initials of one romanised word.
func wordInitials(w string) string {
	sylls, ok := segment(strings.ReplaceAll(w, "v", "ü"))
	if !ok {
		return strings.ReplaceAll(string([]rune(w)[:1]), "ü", "v")
	}
	var b strings.Builder
	for _, s := range sylls {
		b.WriteByte(s[0])
	}
	return b.String()
}

// hanInitial returns the first letter of a Han character's reading.
func hanInitial(r rune) string {
	s, err := readChar(r, Options{})
	if err != nil || s.Plain == "" {
		return ""
	}
	return s.Plain[:1]
}
