package pinyin

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	gopinyin "github.com/mozillazg/go-pinyin"

	"github.com/toponym/toponym/data"
)

// Source says where a syllable's reading came from.
type Source int

const (
	SourceDictionary Source = iota // the character has one reading
	SourceRule                     // a polyphonic character whose place-name reading is settled
	SourceTable                    // the built-in table of names (重庆 Chongqing)
	SourceOverride                 // the caller's Options.Overrides
	SourceGuess                    // a polyphonic character read by a default: review it
	SourceDigits                   // Arabic digits, written as they are
)

func (s Source) String() string {
	names := [...]string{"dictionary", "rule", "table", "override", "guess", "digits"}
	if s < 0 || int(s) >= len(names) {
		return "source(?)"
	}
	return names[s]
}

// Syllable is the reading of one character (or one Arabic digit).
type Syllable struct {
	Hanzi      string
	Plain      string   // lower-case, no tone marks, ü written ü: "lü"
	Marked     string   // with its tone mark, "" when the tone is unknown
	Tone       int      // 1–4; 0 for neutral or unknown
	Readings   []string // every dictionary reading, tone-marked
	Polyphonic bool     // the readings differ in the written form asked for
	Source     Source
}

// override is one parsed caller override.
type override struct {
	key      []rune
	readings []string
}

// parseOverrides checks and parses the caller's overrides, longest first.
func parseOverrides(m map[string]string) ([]override, error) {
	out := make([]override, 0, len(m))
	for k, v := range m {
		key := []rune(strings.TrimSpace(k))
		for _, r := range key {
			if !isHan(r) {
				return nil, &data.Error{Kind: data.KindInvalid, Field: "overrides", Value: k,
					Message: fmt.Sprintf("override key %q must be Han characters", k)}
			}
		}
		if len(key) == 0 {
			return nil, data.Invalidf("overrides", "override key is empty")
		}
		rd, err := parseReadings(v, len(key))
		if err != nil {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "overrides", Value: k,
				Message: fmt.Sprintf("override %s: %v", k, err)}
		}
		out = append(out, override{key: key, readings: rd})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].key) != len(out[j].key) {
			return len(out[i].key) > len(out[j].key)
		}
		return string(out[i].key) < string(out[j].key)
	})
	return out, nil
}

// readName reads every character: caller overrides first, then the table
// of names, then the character rules and the dictionary.
func readName(rs []rune, ovr []override, opts Options) ([]Syllable, error) {
	sylls := make([]Syllable, len(rs))
	done := make([]bool, len(rs))
	for i := 0; i < len(rs); i++ {
		for _, o := range ovr {
			if hasAt(rs, i, o.key) && free(done, i, len(o.key)) {
				fill(sylls, done, rs, i, o.readings, SourceOverride, opts)
			}
		}
	}
	for i := 0; i < len(rs); i++ {
		for k := min(maxTableRunes, len(rs)-i); k >= 2; k-- {
			if rd, ok := tableReading(string(rs[i : i+k])); ok && free(done, i, k) {
				fill(sylls, done, rs, i, rd, SourceTable, opts)
				break
			}
		}
	}
	for i, r := range rs {
		if done[i] {
			continue
		}
		s, err := readChar(r, opts)
		if err != nil {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "name", Value: string(rs),
				Message: fmt.Sprintf("character %q at position %d: %v", r, i+1, err)}
		}
		sylls[i] = s
	}
	return sylls, nil
}

func hasAt(rs []rune, i int, key []rune) bool {
	return i+len(key) <= len(rs) && string(rs[i:i+len(key)]) == string(key)
}

func free(done []bool, i, n int) bool {
	for _, d := range done[i : i+n] {
		if d {
			return false
		}
	}
	return true
}

// fill sets the syllables of rs[i:] from readings given by a table or an
// override; a plain reading gets its tone from the dictionary if it is one
// of the character's readings.
func fill(sylls []Syllable, done []bool, rs []rune, i int, readings []string, src Source, opts Options) {
	for k, rd := range readings {
		s := dictSyllable(rs[i+k], opts)
		s.Plain, s.Tone = plainTone(rd)
		s.Marked = rd
		if s.Tone == 0 {
			s.Marked = matchTone(s.Plain, s.Readings)
			_, s.Tone = plainTone(s.Marked)
		}
		s.Source = src
		sylls[i+k], done[i+k] = s, true
	}
}

// matchTone returns the first of readings whose plain form is plain, or
// plain itself.
func matchTone(plain string, readings []string) string {
	for _, r := range readings {
		if p, _ := plainTone(r); p == plain {
			return r
		}
	}
	return plain
}

// dictSyllable returns r's dictionary readings, without a choice made.
func dictSyllable(r rune, opts Options) Syllable {
	s := Syllable{Hanzi: string(r)}
	if isDigit(r) {
		s.Plain, s.Marked, s.Source = string(r), string(r), SourceDigits
		return s
	}
	if d, ok := gopinyin.PinyinDict[int(r)]; ok && d != "" {
		s.Readings = strings.Split(d, ",")
	}
	forms := map[string]bool{}
	for _, rd := range s.Readings {
		p, _ := plainTone(rd)
		if opts.ToneMarks {
			p = rd
		}
		forms[p] = true
	}
	s.Polyphonic = len(forms) > 1
	return s
}

// readChar reads one character outside any table or override.
func readChar(r rune, opts Options) (Syllable, error) {
	s := dictSyllable(r, opts)
	if s.Source == SourceDigits {
		return s, nil
	}
	if len(s.Readings) == 0 {
		return s, errorf("no reading known; give one in Options.Overrides")
	}
	s.Marked, s.Source = s.Readings[0], SourceDictionary
	if rd, ok := settledReadings[r]; ok {
		s.Marked = rd
		if s.Polyphonic {
			s.Source = SourceRule
		}
	} else if rd, ok := defaultReadings[r]; ok {
		s.Marked = rd
		if s.Polyphonic {
			s.Source = SourceGuess
		}
	} else if s.Polyphonic {
		s.Source = SourceGuess
	}
	s.Plain, s.Tone = plainTone(s.Marked)
	return s, nil
}

// isHan reports whether r is a Han character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
