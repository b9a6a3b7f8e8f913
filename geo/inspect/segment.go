package inspect

import (
	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo/valid"
)

// The segment predicates are those of geo/valid, which the entry checks
// share with C1.

type contact = valid.Contact

const (
	contactNone    = valid.ContactNone
	contactPoint   = valid.ContactPoint
	contactOverlap = valid.ContactOverlap
)

func orient(a, b, c orb.Point) int                         { return valid.Orient(a, b, c) }
func within(a, b, c orb.Point) bool                        { return valid.Within(a, b, c) }
func segContact(a, b, c, d orb.Point) (contact, orb.Point) { return valid.SegContact(a, b, c, d) }
func crossing(a, b, c, d orb.Point) orb.Point              { return valid.Crossing(a, b, c, d) }
func backtracks(u, v, w orb.Point) bool                    { return valid.Backtracks(u, v, w) }
func boxesMeet(a, b, c, d orb.Point) bool                  { return valid.BoxesMeet(a, b, c, d) }
