package data

import (
	"strconv"
)

// MarkerType is the type letter of a provincial-line marker number.
type MarkerType byte

const (
	MarkerSingle MarkerType = 'Q' // one marker on the line
	MarkerPairA  MarkerType = 'A' // pair on two banks: A on the smaller-code province's side
	MarkerPairB  MarkerType = 'B'
	MarkerTripC  MarkerType = 'C' // triple
	MarkerTripD  MarkerType = 'D'
	MarkerTripE  MarkerType = 'E'
)

// Group returns how many markers stand together: 1, 2 or 3.
func (t MarkerType) Group() int {
	switch t {
	case MarkerPairA, MarkerPairB:
		return 2
	case MarkerTripC, MarkerTripD, MarkerTripE:
		return 3
	}
	return 1
}

func (t MarkerType) String() string { return string(rune(t)) }

// MarkerNumber is a parsed provincial-line marker number: 4-digit line code
// (the two provinces' codes, smaller first), 3-digit sequence from 001 and
// a type letter. 5052012A is the 12th position of the 渝黔 line, bank A.
type MarkerNumber struct {
	Line string     // "5052"
	Seq  int        // 1…999
	Type MarkerType // Q, A, B, C, D or E
}

// ParseMarkerNumber parses and validates a provincial-line marker number
// (domain check C3). The error names the part that is wrong.
func ParseMarkerNumber(s string) (MarkerNumber, error) {
	if len(s) != 8 {
		return MarkerNumber{}, Invalidf("number", "marker number %q has %d characters; want 8 (4-digit line code, 3-digit sequence, type letter)", s, len(s))
	}
	for i := 0; i < 7; i++ {
		if s[i] < '0' || s[i] > '9' {
			return MarkerNumber{}, Invalidf("number", "marker number %q has a non-digit %q at position %d", s, s[i], i+1)
		}
	}
	a, b := s[0:2], s[2:4]
	if _, ok := provinces[a]; !ok {
		return MarkerNumber{}, Invalidf("number", "marker number %q: line code %s: %s is not a province code", s, s[:4], a)
	}
	if _, ok := provinces[b]; !ok {
		return MarkerNumber{}, Invalidf("number", "marker number %q: line code %s: %s is not a province code", s, s[:4], b)
	}
	if a >= b {
		return MarkerNumber{}, Invalidf("number", "marker number %q: line code %s must name two different provinces, smaller code first (%s%s)", s, s[:4], min(a, b), max(a, b))
	}
	seq, _ := strconv.Atoi(s[4:7])
	if seq == 0 {
		return MarkerNumber{}, Invalidf("number", "marker number %q: sequence starts at 001, not 000", s)
	}
	t := MarkerType(s[7])
	switch t {
	case MarkerSingle, MarkerPairA, MarkerPairB, MarkerTripC, MarkerTripD, MarkerTripE:
	default:
		return MarkerNumber{}, Invalidf("number", "marker number %q: type letter %q is not one of Q, A, B, C, D, E", s, s[7])
	}
	return MarkerNumber{Line: s[:4], Seq: seq, Type: t}, nil
}

// String formats n as its 8-character number.
func (n MarkerNumber) String() string {
	return n.Line + pad3(n.Seq) + n.Type.String()
}

// LineCode returns the provincial line code of two 2-digit province codes,
// smaller first: LineCode("52", "50") = "5052".
func LineCode(p, q string) string {
	return min(p, q) + max(p, q)
}

func pad3(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}
