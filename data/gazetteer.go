package data

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Gazetteer is what a store adds for the gazetteer: ranked name search,
// the review workflow (复核入库) with its audit trail, and the queries of
// protection listings and signs by area, category and period. Both stores
// implement it and pass storetest.RunGazetteer, so they give the same
// answers. It is separate from Store so that fakes of Store stay small.
type Gazetteer interface {
	// Search finds places by one of their names (see SearchQuery), one hit
	// per place (its best-matching name), ranked, paged.
	Search(ctx context.Context, q SearchQuery) (Page[SearchHit], error)
	// SetReview moves a place along the review workflow (see
	// CheckReviewTransition) and records who did it and when. Moving to
	// reviewed marks the pinyin of every name reviewed. It returns the
	// updated place.
	SetReview(ctx context.Context, c ReviewChange) (*NamedPlace, error)
	// ReviewHistory returns a place's review changes, oldest first.
	ReviewHistory(ctx context.Context, placeID string) ([]ReviewChange, error)
	// ListListings lists protection listings by area, category and period.
	ListListings(ctx context.Context, q ListingQuery) (Page[*ProtectionListing], error)
	// FindSigns lists signs by area, kind, status, listing category and period.
	FindSigns(ctx context.Context, q SignQuery) (Page[*Sign], error)
	// AddSignStatus appends an entry to a sign's condition history and makes
	// it the sign's status when it is the latest entry.
	AddSignStatus(ctx context.Context, signID string, st SignStatus) (*Sign, error)
}

// MatchKind says how a name matched a search, best first. Hits are ranked
// by it before anything else.
type MatchKind int

const (
	MatchExact     MatchKind = iota // the Hanzi or the pinyin key equals the query
	MatchPrefix                     // the Hanzi or the pinyin key starts with the query
	MatchInitials                   // the syllable initials start with the query (xsx → Xiushan Xian)
	MatchSubstring                  // the Hanzi or the pinyin key contains the query
	MatchFuzzy                      // the pinyin keys are trigram-similar (typos, homophones)
	MatchAny                        // no text given: every place the filters select
)

var matchNames = [...]string{"exact", "prefix", "initials", "substring", "fuzzy", "any"}

func (m MatchKind) String() string {
	if m >= 0 && int(m) < len(matchNames) {
		return matchNames[m]
	}
	return "match(?)"
}

// Search limits.
const (
	// MaxSearchRunes is the longest search text, in characters.
	MaxSearchRunes = 64
	// MaxRadiusM is the largest radius of a search near a point, in metres.
	MaxRadiusM = 100_000
	// DefaultRadiusM is the radius when Near is given without one.
	DefaultRadiusM = 5_000
	// FuzzyThreshold is the least trigram similarity of a fuzzy match
	// (pg_trgm's default similarity_threshold).
	FuzzyThreshold = 0.3
)

// SearchQuery is a gazetteer search. Text is Hanzi or pinyin (tone marks,
// spaces, apostrophes and case do not matter; syllable initials match
// too); the filters combine with AND. The zero Text lists every place the
// filters select.
type SearchQuery struct {
	Text     string
	BBox     *orb.Bound // places whose geometry intersects it
	Near     *orb.Point // places within RadiusM of it, nearest first within a match kind
	RadiusM  float64    // metres; 0 means DefaultRadiusM
	Code     Code       // places with a stated containing unit under this code
	Category string     // places whose GB/T 18521 category starts with this
	Kind     PlaceKind  // place_name or poi
	Review   ReviewStatus
	At       *time.Time // names (and places) valid on this date
	Limit    int
	Offset   int
}

// Validate checks q before a store runs it.
func (q SearchQuery) Validate() error {
	if len([]rune(q.Text)) > MaxSearchRunes {
		return Invalidf("q", "search text has more than %d characters", MaxSearchRunes)
	}
	if q.Near != nil {
		p := *q.Near
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
			return Invalidf("near", "point %s is not a longitude and latitude", formatPoint(p))
		}
	}
	if math.IsNaN(q.RadiusM) || q.RadiusM < 0 || q.RadiusM > MaxRadiusM {
		return Invalidf("radius", "radius %g m is outside 0–%d m", q.RadiusM, MaxRadiusM)
	}
	if q.Code != "" {
		if _, err := ParseCode(string(q.Code)); err != nil {
			return err
		}
	}
	if strings.Trim(q.Category, "0123456789") != "" {
		return Invalidf("category", "category %q is not a numeric GB/T 18521 code", q.Category)
	}
	switch q.Kind {
	case "", KindPlaceName, KindPOI:
	default:
		return Invalidf("kind", "kind %q is not place_name or poi", q.Kind)
	}
	switch q.Review {
	case "", ReviewDraft, ReviewReviewed, ReviewPublished:
	default:
		return Invalidf("review", "review status %q is not draft, reviewed or published", q.Review)
	}
	return Query{BBox: q.BBox, At: q.At}.Validate()
}

// Radius returns the radius of a search near a point, in metres.
func (q SearchQuery) Radius() float64 {
	if q.RadiusM == 0 {
		return DefaultRadiusM
	}
	return q.RadiusM
}

// Clamp returns q's limit and offset within the store's bounds.
func (q SearchQuery) Clamp() (limit, offset int) {
	return Query{Limit: q.Limit, Offset: q.Offset}.Clamp()
}

// SearchHit is one place found by a search, with the name that matched
// best.
type SearchHit struct {
	Place      *NamedPlace
	Name       Name      // the matched name
	Match      MatchKind // how it matched
	Similarity float64   // trigram similarity of the pinyin keys, 0–1 (fuzzy matches)
	DistanceM  float64   // metres from SearchQuery.Near, if given
}

// ReviewChange is one step of the review workflow of a place.
type ReviewChange struct {
	PlaceID string
	From    ReviewStatus // set by the store
	To      ReviewStatus
	By      string // who: required
	At      time.Time
	Note    string
}

// CheckReviewTransition applies the rule of the 复核入库 workflow: a place
// moves forward one step at a time, draft → reviewed → published, or back
// to draft from either; published is reached only from reviewed and by
// someone other than the reviewer (a second pair of eyes). reviewedBy is who
// moved the place to reviewed.
func CheckReviewTransition(from ReviewStatus, c ReviewChange, reviewedBy string) error {
	if strings.TrimSpace(c.By) == "" {
		return Invalidf("by", "who changes the review status is required")
	}
	if c.At.IsZero() {
		return Invalidf("at", "when the review status changes is required")
	}
	ok := false
	switch c.To {
	case ReviewReviewed:
		ok = from == ReviewDraft
	case ReviewPublished:
		ok = from == ReviewReviewed
	case ReviewDraft:
		ok = from == ReviewReviewed || from == ReviewPublished
	default:
		return Invalidf("status", "review status %q is not draft, reviewed or published", c.To)
	}
	if !ok {
		return &Error{Kind: KindConflict, Field: "status", Value: string(c.To),
			Message: "a place that is " + string(from) + " cannot move to " + string(c.To) +
				" (draft → reviewed → published, or back to draft)"}
	}
	if c.To == ReviewPublished && reviewedBy != "" && reviewedBy == c.By {
		return &Error{Kind: KindForbidden, Field: "by", Value: c.By,
			Message: "the reviewer " + c.By + " cannot also publish the place; a second person publishes"}
	}
	return nil
}

// ApplyReview sets the place's review fields for change c, which
// CheckReviewTransition has passed: moving to reviewed records the
// reviewer and marks the pinyin of every name reviewed.
func ApplyReview(p *NamedPlace, c ReviewChange) {
	p.Review = c.To
	if c.To == ReviewReviewed {
		p.ReviewedBy, p.ReviewedAt = c.By, c.At.UTC()
		for i := range p.Names {
			if p.Names[i].Pinyin != "" {
				p.Names[i].PinyinReviewed = true
			}
		}
	}
}

// ListingQuery selects protection listings. Area is the listed place's
// geometry (BBox) or a containing unit code; Period matches the listing's
// historical period exactly; Listed selects by listing date.
type ListingQuery struct {
	BBox     *orb.Bound
	Code     Code
	Category string
	Period   string
	Batch    string
	Listed   *Period
	Review   ReviewStatus // of the listed place; "" any
	Limit    int
	Offset   int
}

// Validate checks q before a store runs it.
func (q ListingQuery) Validate() error {
	if q.Code != "" {
		if _, err := ParseCode(string(q.Code)); err != nil {
			return err
		}
	}
	return Query{BBox: q.BBox, Interval: q.Listed}.Validate()
}

// SignQuery selects signs: by position (BBox), the stated unit code of the
// sign's place, kind, status, the category and period of its listing, and
// the installation date.
type SignQuery struct {
	BBox      *orb.Bound
	Code      Code
	Kind      string
	Status    string
	Category  string
	Period    string
	Installed *Period
	Review    ReviewStatus // of the sign's place; "" any (and signs without a place)
	PlaceID   string       // the signs of one place; "" any
	Limit     int
	Offset    int
}

// Validate checks q before a store runs it.
func (q SignQuery) Validate() error {
	if q.Code != "" {
		if _, err := ParseCode(string(q.Code)); err != nil {
			return err
		}
	}
	if err := oneOf("status", q.Status, "", "good", "damaged", "missing", "removed"); err != nil {
		return err
	}
	if q.PlaceID != "" && !ValidID(q.PlaceID) {
		return Invalidf("place_id", "%q is not a place id", q.PlaceID)
	}
	return Query{BBox: q.BBox, Interval: q.Installed}.Validate()
}

// Validate checks a condition record of a sign.
func (s SignStatus) Validate() error {
	if err := checkTexts(s); err != nil {
		return err
	}
	return firstErr(requiredTime("at", "date", s.At),
		oneOf("status", s.Status, "good", "damaged", "missing", "removed"))
}
