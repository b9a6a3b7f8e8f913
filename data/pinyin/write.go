package pinyin

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// writer spells the words of a name.
type writer struct {
	rs    []rune
	sylls []Syllable
	opts  Options
	flags []Flag
}

// part spells a span: its words separated by spaces.
func (w *writer) part(s span) string {
	var words []string
	for _, wd := range s.words(w.rs) {
		words = append(words, w.word(wd[0], wd[1]))
	}
	return strings.Join(words, " ")
}

// word spells runes [from, to) as one written word: syllables joined, an
// apostrophe before a, o, e opening a non-initial syllable (rule 11), 儿
// after a syllable written r (rule 12), the first letter capitalised.
func (w *writer) word(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		s := w.sylls[i]
		if i > from && w.erhua(i) {
			b.WriteString("r")
			w.flags = append(w.flags, Flag{Kind: FlagErhua, Pos: i, Hanzi: s.Hanzi, Review: true,
				Message: "儿 after a syllable is written r (rule 12); if it is read as a full syllable, override it as er"})
			continue
		}
		if i > from && startsWithAOE(s.Plain) {
			b.WriteByte('\'')
		}
		b.WriteString(w.form(s))
	}
	out := capitalise(b.String())
	if w.opts.Upper {
		out = strings.ToUpper(out)
	}
	return out
}

// erhua reports whether the syllable at i is an erhua 儿 to write as r.
func (w *writer) erhua(i int) bool {
	s := w.sylls[i]
	return s.Hanzi == "儿" && s.Source != SourceOverride && s.Source != SourceTable &&
		!isDigit(w.rs[i-1])
}

// form writes one syllable in the style the options ask for.
func (w *writer) form(s Syllable) string {
	if w.opts.ToneMarks && s.Marked != "" {
		return s.Marked
	}
	p := s.Plain
	switch w.opts.Umlaut {
	case UmlautV:
		p = strings.ReplaceAll(p, "ü", "v")
	case UmlautYu:
		p = strings.ReplaceAll(p, "ü", "yu")
	}
	return p
}

func startsWithAOE(plain string) bool {
	return plain != "" && strings.ContainsRune("aoe", rune(plain[0]))
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// FlagKind says what a flag is about.
type FlagKind int

const (
	FlagGuessed       FlagKind = iota // a polyphonic character read by a default
	FlagRule                          // a polyphonic character read by the place-name character rule
	FlagTable                         // a polyphonic character read from the built-in table of names
	FlagOverride                      // a character read from the caller's overrides
	FlagErhua                         // 儿 written r (rule 12)
	FlagStreetOrdinal                 // a numeral in a street name: maybe an ordinal (rule 7)
)

var flagNames = [...]struct{ name, label string }{
	{"guessed", "多音字待核 polyphonic, guessed"},
	{"rule", "多音字按地名读音 polyphonic, place-name reading"},
	{"table", "多音字按地名表 polyphonic, from the table of names"},
	{"override", "人工指定读音 reading overridden"},
	{"erhua", "儿化 erhua written r"},
	{"street ordinal", "街巷序数词待核 street ordinal?"},
}

func (k FlagKind) String() string {
	if k < 0 || int(k) >= len(flagNames) {
		return "flag(?)"
	}
	return flagNames[k].name
}

// Label returns the flag kind's user-facing label, Chinese with English.
func (k FlagKind) Label() string {
	if k < 0 || int(k) >= len(flagNames) {
		return k.String()
	}
	return flagNames[k].label
}

// Flag tells a reviewer what to check: a character at a position (0-based,
// in characters) and why. Review is true when the flag needs a decision.
type Flag struct {
	Kind    FlagKind
	Pos     int
	Hanzi   string
	Review  bool
	Message string
}

// syllableFlags flags every polyphonic character and every override.
func syllableFlags(sylls []Syllable) []Flag {
	var out []Flag
	for i, s := range sylls {
		f := Flag{Pos: i, Hanzi: s.Hanzi}
		alts := strings.Join(s.Readings, ", ")
		switch {
		case s.Source == SourceOverride:
			f.Kind, f.Message = FlagOverride, fmt.Sprintf("read %s by the caller's override", s.Marked)
		case !s.Polyphonic:
			continue
		case s.Source == SourceGuess:
			f.Kind, f.Review = FlagGuessed, true
			f.Message = fmt.Sprintf("polyphonic (%s): %s is a guess; confirm the local reading", alts, s.Marked)
		case s.Source == SourceRule:
			f.Kind = FlagRule
			f.Message = fmt.Sprintf("polyphonic (%s): read %s as in place names", alts, s.Marked)
		case s.Source == SourceTable:
			f.Kind = FlagTable
			f.Message = fmt.Sprintf("polyphonic (%s): read %s from the table of names", alts, s.Marked)
		default:
			continue
		}
		out = append(out, f)
	}
	return out
}

// chineseNumerals are the numerals that may be street ordinals.
const chineseNumerals = "一二三四五六七八九十"

// ruleFlags flags rules the program cannot decide: a numeral in a street's
// specific part may be an ordinal, written in Arabic digits (rule 7:
// 二马路 2 Malu, but 三八路 Sanba Lu).
func ruleFlags(class Class, parts []Part) []Flag {
	street := class == ClassStreet
	for _, p := range parts {
		if g, ok := generics[p.Hanzi]; ok && p.Role == RoleGeneric && g.kinds&kStreet != 0 && class == ClassAuto {
			street = true
		}
	}
	if !street || len(parts) < 2 {
		return nil
	}
	var out []Flag
	spec := []rune(parts[0].Hanzi)
	for i, r := range spec {
		if strings.ContainsRune(chineseNumerals, r) {
			out = append(out, Flag{Kind: FlagStreetOrdinal, Pos: i, Hanzi: string(r), Review: true,
				Message: "a numeral in a street name: an ordinal is written in Arabic digits (二马路 2 Malu, 经五路 Jing 5 Lu); override by giving the name with digits"})
		}
	}
	return out
}
