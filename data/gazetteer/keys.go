package gazetteer

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/pinyin"
)

// Keys are the search keys of one name, stored beside it by both stores.
type Keys struct {
	// Pinyin is the name's pinyin, normalised and kept to [a-z0-9]:
	// "Hong'an Zhen" → "honganzhen". From the name's own pinyin, or proposed
	// from its Hanzi when it has none.
	Pinyin string
	// Initials are the initials of its syllables: "haz".
	Initials string
	// Hanzi is the name's text with every character written as "z" and five
	// hex digits, so that a trigram index on it answers "contains" for Han
	// text whatever the database's locale: 茶峒 → "z08336z05cd2".
	Hanzi string
}

// NameKeys returns the search keys of a name.
func NameKeys(n data.Name) Keys {
	spelling := n.Pinyin
	if spelling == "" {
		spelling = proposeSpelling(n.Text)
	}
	return Keys{Pinyin: latinKey(spelling), Initials: latinKey(pinyin.Initials(spelling)), Hanzi: HanziKey(n.Text)}
}

// proposeSpelling returns the generated spelling of Hanzi text, or "" if
// it is not a name pinyin can read.
func proposeSpelling(text string) string {
	r, err := pinyin.PlaceName(text, pinyin.Options{})
	if err != nil {
		return ""
	}
	return r.Spelling
}

// latinKey normalises a spelling (pinyin.Normalize) and keeps a–z and 0–9.
func latinKey(s string) string {
	var b strings.Builder
	for _, r := range pinyin.Normalize(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HanziKey writes every character of s as "z" and five lower-case hex
// digits of its code point. Hex digits never contain z, so a key contains
// another exactly when the texts contain each other.
func HanziKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "z%05x", r)
	}
	return b.String()
}

// Text is a parsed search text. Han text (Han is not empty) is matched on
// the names' Hanzi, and on their pinyin for fuzzy matches through its own
// proposed reading (homophones: 茶洞 finds 茶峒); Latin text on the pinyin
// and initials keys.
type Text struct {
	Han string // the Han characters and digits of a Han query, else ""
	Key string // the pinyin key of the query
}

// Empty reports whether there is no text: every place the filters select.
func (t Text) Empty() bool { return t.Han == "" && t.Key == "" }

// ParseText parses a search text. Full-width letters, digits and spaces,
// as Chinese input methods type them, are read as their ASCII forms. A
// text with a Han character is Han text: its Han characters and digits are
// kept, in order. Any other text is pinyin: tone marks, case, spaces and
// apostrophes are dropped. A text with nothing to match is a KindInvalid
// error on parameter q.
func ParseText(s string) (Text, error) {
	s = strings.TrimSpace(width.Fold.String(s))
	if s == "" {
		return Text{}, nil
	}
	if len([]rune(s)) > data.MaxSearchRunes {
		return Text{}, data.Invalidf("q", "search text has more than %d characters", data.MaxSearchRunes)
	}
	var han strings.Builder
	hasHan := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			hasHan = true
			han.WriteRune(r)
		case r >= '0' && r <= '9':
			han.WriteRune(r)
		}
	}
	if hasHan {
		return Text{Han: han.String(), Key: latinKey(proposeSpelling(han.String()))}, nil
	}
	key := latinKey(s)
	if key == "" {
		return Text{}, &data.Error{Kind: data.KindInvalid, Field: "q", Value: s,
			Message: "search text " + fmt.Sprintf("%q", s) + " has no Han characters, letters or digits"}
	}
	return Text{Key: key}, nil
}

// Trigrams returns the distinct trigrams of a key as pg_trgm forms them
// for one word: the key padded with two spaces before and one after.
// Keys are [a-z0-9] only, so pg_trgm keeps every character.
func Trigrams(key string) []string {
	if key == "" {
		return nil
	}
	p := "  " + key + " "
	seen := map[string]bool{}
	var out []string
	for i := 0; i+3 <= len(p); i++ {
		if g := p[i : i+3]; !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out
}

// Similarity is pg_trgm's similarity of two keys: shared trigrams over
// all distinct trigrams of both, computed in float4 as pg_trgm does, so
// the stores rank alike.
func Similarity(a, b string) float64 {
	ta, tb := Trigrams(a), Trigrams(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(ta) && j < len(tb); {
		switch {
		case ta[i] == tb[j]:
			common++
			i++
			j++
		case ta[i] < tb[j]:
			i++
		default:
			j++
		}
	}
	return float64(float32(common) / float32(len(ta)+len(tb)-common))
}

// MinVariantKey is the shortest key whose one-deletion variants are
// indexed and searched: shorter keys would share them with too many.
const MinVariantKey = 4

// Variants returns key and every distinct string one deletion away from
// it, for keys of MinVariantKey letters or more (only key otherwise). Two
// keys within one edit — a letter missing, added, replaced, or two
// neighbours swapped — share a variant (symmetric deletion).
func Variants(key string) []string {
	if key == "" {
		return []string{}
	}
	out := []string{key}
	if len(key) < MinVariantKey {
		return out
	}
	seen := map[string]bool{key: true}
	for i := range len(key) {
		v := key[:i] + key[i+1:]
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// MinCommonTrigrams is the least number of trigrams a key must share with
// a query key of n trigrams to reach data.FuzzyThreshold: a candidate
// filter for stores that count shared trigrams.
func MinCommonTrigrams(n int) int {
	// common / union ≥ t and union ≥ n give common ≥ t·n.
	return max(int(math.Ceil(data.FuzzyThreshold*float64(n)-1e-9)), 1)
}
