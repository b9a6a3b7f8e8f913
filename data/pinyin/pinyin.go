package pinyin

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toponym/toponym/data"
)

// MaxNameRunes is the longest name PlaceName accepts, in characters.
const MaxNameRunes = 64

// Umlaut chooses how ü is written.
type Umlaut int

const (
	UmlautMark Umlaut = iota // ü, as the Scheme writes it: Lüliang
	UmlautV                  // v, as keyboards type it: Lvliang
	UmlautYu                 // yu, as passports write it: Lyuliang
)

// Options tune PlaceName. The zero value romanises a name of unknown class
// without tone marks.
type Options struct {
	// Class is the class of the place; it decides the generic split and
	// whether the name is one word (natural villages).
	Class Class
	// Overrides maps Hanzi (a whole name or any part of it, such as "六安")
	// to its reading, one syllable per character: "lu an", "Lu'an", "lù ān"
	// or "Luan"; v or u: stand for ü. Matching runs left to right, the
	// longest key first at each position; overrides win over every built-in
	// table. An overridden 儿 is read as written (er), not as erhua r.
	Overrides map[string]string
	// ToneMarks writes tone marks (rule 9: names are written with tones,
	// "special cases" without; signs and maps usually drop them). With tone
	// marks ü is always written ü.
	ToneMarks bool
	// Umlaut chooses how ü is written when tone marks are off.
	Umlaut Umlaut
	// Upper writes the spelling in capitals (rule 10, special cases).
	Upper bool
}

// Role is the role of a part of a name.
type Role int

const (
	RoleSpecific Role = iota // 专名, or the whole of a one-word name
	RoleEthnic               // an ethnic name before an autonomous generic
	RoleGeneric              // 通名
)

func (r Role) String() string {
	names := [...]string{"specific", "ethnic", "generic"}
	if r < 0 || int(r) >= len(names) {
		return "role(?)"
	}
	return names[r]
}

// Label returns the role's user-facing label, Chinese with English.
func (r Role) Label() string {
	labels := [...]string{"专名 specific", "民族名 ethnic name", "通名 generic"}
	if r < 0 || int(r) >= len(labels) {
		return r.String()
	}
	return labels[r]
}

// Part is one part of a name: its Hanzi and its spelling, which may be
// several written words (1203 Gaodi's specific "1203"; "Jumin Weiyuanhui").
type Part struct {
	Role     Role
	Hanzi    string
	Spelling string
}

// Result is the proposed romanisation of a place name.
type Result struct {
	Hanzi            string
	Class            Class
	Spelling         string   // the proposal: "Xiushan Tujiazu Miaozu Zizhixian"
	Specific         string   // 专名 Hanzi: "秀山"; the whole name when not split
	SpecificSpelling string   // "Xiushan"
	Ethnic           []string // ethnic names between specific and generic
	Generic          string   // 通名 Hanzi: "自治县"; "" when the name is one word
	GenericSpelling  string   // "Zizhixian"
	Parts            []Part   // specific, ethnic names and generic in order
	Syllables        []Syllable
	Flags            []Flag
	// NeedsReview is true when a polyphonic character's reading was guessed
	// or a flag asks for review. Every spelling is a proposal until
	// reviewed; this says which ones certainly need an eye.
	NeedsReview bool
}

// PlaceName proposes the romanisation of the place name hanzi. The name
// must be Han characters, optionally with Arabic digits (codes such as
// 1203高地); anything else is a KindInvalid *data.Error naming the
// character and its position.
func PlaceName(hanzi string, opts Options) (Result, error) {
	rs, err := cleanName(hanzi)
	if err != nil {
		return Result{}, err
	}
	if opts.Class < ClassAuto || opts.Class > ClassFacility {
		return Result{}, data.Invalidf("class", "unknown place class %d", int(opts.Class))
	}
	ovr, err := parseOverrides(opts.Overrides)
	if err != nil {
		return Result{}, err
	}
	sylls, err := readName(rs, ovr, opts)
	if err != nil {
		return Result{}, err
	}
	res := Result{Hanzi: string(rs), Class: opts.Class, Syllables: sylls}
	w := writer{rs: rs, sylls: sylls, opts: opts}
	for _, p := range splitName(rs, opts.Class) {
		part := Part{Role: p.role, Hanzi: string(rs[p.from:p.to]), Spelling: w.part(p)}
		res.Parts = append(res.Parts, part)
	}
	res.fillSummary()
	res.Flags = append(syllableFlags(sylls), w.flags...)
	res.Flags = append(res.Flags, ruleFlags(opts.Class, res.Parts)...)
	for _, f := range res.Flags {
		res.NeedsReview = res.NeedsReview || f.Review
	}
	return res, nil
}

// fillSummary sets the spelling and the specific, ethnic and generic fields
// from the parts.
func (r *Result) fillSummary() {
	words := make([]string, 0, len(r.Parts))
	for _, p := range r.Parts {
		words = append(words, p.Spelling)
		switch p.Role {
		case RoleSpecific:
			r.Specific, r.SpecificSpelling = p.Hanzi, p.Spelling
		case RoleEthnic:
			r.Ethnic = append(r.Ethnic, p.Hanzi)
		case RoleGeneric:
			r.Generic += p.Hanzi
			r.GenericSpelling = strings.TrimSpace(r.GenericSpelling + " " + p.Spelling)
		}
	}
	r.Spelling = strings.Join(words, " ")
}

// cleanName trims the name and checks every character: Han characters and
// Arabic digits (full-width digits are folded to ASCII).
func cleanName(s string) ([]rune, error) {
	if !utf8.ValidString(s) {
		return nil, data.Invalidf("name", "name is not valid UTF-8")
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, data.Invalidf("name", "name is empty")
	}
	rs := []rune(s)
	if len(rs) > MaxNameRunes {
		return nil, data.Invalidf("name", "name has %d characters; at most %d", len(rs), MaxNameRunes)
	}
	han := false
	for i, r := range rs {
		switch {
		case r >= '０' && r <= '９':
			rs[i] = '0' + (r - '０')
		case r >= '0' && r <= '9':
		case unicode.Is(unicode.Han, r):
			han = true
		default:
			return nil, &data.Error{Kind: data.KindInvalid, Field: "name", Value: s,
				Message: fmt.Sprintf("character %q at position %d is not a Han character or a digit", r, i+1)}
		}
	}
	if !han {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "name", Value: s,
			Message: "name has no Han characters"}
	}
	return rs, nil
}

// isDigit reports whether r is an ASCII digit.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// errorf formats a plain error that callers wrap with the field at fault.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
