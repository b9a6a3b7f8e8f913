package pinyin

import (
	"strings"
	"unicode/utf8"
)

// span is one part of a name: runes [from, to) with a role, cut into
// written words at the offsets in breaks (relative to from).
type span struct {
	from, to int
	role     Role
	breaks   []int
}

// splitName cuts a name into its specific, ethnic names and generic parts
// by the rules for class.
func splitName(rs []rune, class Class) []span {
	n := len(rs)
	if class == ClassNaturalVillage {
		return []span{{from: 0, to: n, role: RoleSpecific}} // rule 3: one word
	}
	g, k, ok := findGeneric(rs, classKinds[class])
	if _, whole := generics[string(rs)]; !ok || whole {
		return []span{{from: 0, to: n, role: RoleSpecific}}
	}
	gen := span{from: n - k, to: n, role: RoleGeneric, breaks: wordBreaks(g.words)}
	if g.kinds&kCommittee != 0 {
		// 东风社区居民委员会: split the 社区 or 村 inside, then the committee.
		inner := splitName(rs[:n-k], ClassAdministrative)
		if len(inner) > 1 {
			return append(inner, gen)
		}
	}
	end := n - k
	var ethnic []span
	if g.kinds&kAutonomous != 0 {
		for {
			e := ethnicBefore(rs[:end])
			if e == 0 {
				break
			}
			ethnic = append([]span{{from: end - e, to: end, role: RoleEthnic}}, ethnic...)
			end -= e
		}
	}
	out := []span{{from: 0, to: end, role: RoleSpecific, breaks: ordinalBreak(rs[:end])}}
	out = append(out, ethnic...)
	return append(out, gen)
}

// ordinalBreak separates a leading ordinal, a modifier of two syllables or
// more, from the rest of a specific of two characters or more (rule 2 and
// 6: 第二松花江 Di'er Songhua Jiang).
func ordinalBreak(rs []rune) []int {
	if len(rs) < 4 || rs[0] != '第' {
		return nil
	}
	i := 1
	for i < len(rs) && strings.ContainsRune(chineseNumerals+"百千", rs[i]) {
		i++
	}
	if i == 1 || len(rs)-i < 2 {
		return nil
	}
	return []int{i}
}

// findGeneric returns the longest generic of the given kinds that ends the
// name and leaves a long enough specific part, and its length in runes.
func findGeneric(rs []rune, kinds int) (generic, int, bool) {
	n := len(rs)
	for k := min(maxGenericRunes, n-1); k >= 1; k-- {
		g, ok := generics[string(rs[n-k:])]
		if ok && g.kinds&kinds != 0 && n-k >= g.minSpecific && !allDigits(rs[n-k:]) {
			return g, k, true
		}
	}
	return generic{}, 0, false
}

// ethnicBefore returns the length of the ethnic name that ends rs, leaving
// at least one character of specific, or 0.
func ethnicBefore(rs []rune) int {
	for e := min(maxEthnicRunes, len(rs)-1); e >= 2; e-- {
		if _, ok := ethnicNames[string(rs[len(rs)-e:])]; ok {
			return e
		}
	}
	return 0
}

// wordBreaks returns the rune offsets of the spaces in a generic's words:
// "居民 委员会" → [2].
func wordBreaks(words string) []int {
	var out []int
	at := 0
	for _, w := range strings.Fields(words) {
		if at > 0 {
			out = append(out, at)
		}
		at += utf8.RuneCountInString(w)
	}
	return out
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

// words returns the written words of a span as [from, to) rune ranges: cut
// at the span's breaks and between digits and Han characters (rule 7:
// 1203高地 1203 Gaodi, 经5路 Jing 5 Lu).
func (s span) words(rs []rune) [][2]int {
	var out [][2]int
	start := s.from
	cut := func(at int) {
		if at > start {
			out = append(out, [2]int{start, at})
		}
		start = at
	}
	bi := 0
	for i := s.from + 1; i < s.to; i++ {
		if bi < len(s.breaks) && i == s.from+s.breaks[bi] {
			cut(i)
			bi++
		} else if isDigit(rs[i]) != isDigit(rs[i-1]) {
			cut(i)
		}
	}
	cut(s.to)
	return out
}
