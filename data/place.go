package data

import (
	"time"

	"github.com/paulmach/orb"
)

// PlaceKind separates legal place names from points of interest.
type PlaceKind string

const (
	KindPlaceName PlaceKind = "place_name"
	KindPOI       PlaceKind = "poi"
)

// ReviewStatus is the 复核入库 workflow state.
type ReviewStatus string

const (
	ReviewDraft     ReviewStatus = "draft"
	ReviewReviewed  ReviewStatus = "reviewed"
	ReviewPublished ReviewStatus = "published"
)

// NamedPlace is a place name or a POI: a feature that bears names.
type NamedPlace struct {
	ID             string
	Kind           PlaceKind
	CensusCode     string // place-name census code, if any
	Category       string // GB/T 18521 code
	CensusClass    string // census top class, e.g. 居民点
	LegalClass     int    // 1–8 under the 2022 regulations; 0 = POI only
	Geometry       orb.Geometry
	LocationMethod string  // surveyed or map
	PrecisionM     float64 // metres
	AdminCodes     []Code  // stated containing units, smallest last
	Meaning        string  // 含义
	History        string  // 沿革
	Description    string
	MinZoom        int // display range in web-map zooms
	MaxZoom        int
	Review         ReviewStatus
	ReviewedBy     string
	ReviewedAt     time.Time
	Names          []Name // the standard name first
	Valid          Period
	Sources        []string
	RegisteredBy   string
	Updated        time.Time
}

// NameStatus is the status of one name of a place.
type NameStatus string

const (
	NameStandard   NameStatus = "standard" // 标准地名
	NameShort      NameStatus = "short"
	NameAlias      NameStatus = "alias"
	NameHistorical NameStatus = "historical"
)

// Name is one name of a place.
type Name struct {
	ID             string
	Status         NameStatus
	Lang           string // BCP 47: zh-Hans, …
	Text           string // Hanzi
	Pinyin         string // 1984 rules
	PinyinReviewed bool   // generated pinyin is a proposal until reviewed
	Pronunciation  string // link to audio
	Valid          Period
	Citations      []string
	Approval       *Approval
}

// StandardName returns the place's current standard name, or its first.
func (p *NamedPlace) StandardName() *Name {
	for i := range p.Names {
		if p.Names[i].Status == NameStandard && p.Names[i].Valid.Current() {
			return &p.Names[i]
		}
	}
	if len(p.Names) > 0 {
		return &p.Names[0]
	}
	return nil
}

// Validate checks a place before it is stored.
func (p *NamedPlace) Validate() error {
	if err := checkTexts(p); err != nil {
		return err
	}
	switch p.Kind {
	case KindPlaceName, KindPOI:
	default:
		return Invalidf("kind", "kind %q is not place_name or poi", p.Kind)
	}
	if p.LegalClass < 0 || p.LegalClass > 8 {
		return Invalidf("legal_class", "legal class %d is outside 0 (POI only) to 8", p.LegalClass)
	}
	if p.Kind == KindPlaceName && p.LegalClass == 0 {
		return Invalidf("legal_class", "a place name needs a legal class 1–8")
	}
	switch p.Review {
	case ReviewDraft, ReviewReviewed, ReviewPublished:
	default:
		return Invalidf("review", "review status %q is not draft, reviewed or published", p.Review)
	}
	if p.Geometry == nil {
		return Invalidf("geometry", "geometry is required")
	}
	if err := CheckGeometry("geometry", p.Geometry); err != nil {
		return err
	}
	if err := p.validateNames(); err != nil {
		return err
	}
	for _, c := range p.AdminCodes {
		if err := requiredCode("admin_codes", c); err != nil {
			return err
		}
	}
	if p.MinZoom < 0 || p.MaxZoom > 24 || (p.MaxZoom != 0 && p.MinZoom > p.MaxZoom) {
		return Invalidf("min_zoom", "zoom range %d–%d is not within 0–24", p.MinZoom, p.MaxZoom)
	}
	return firstErr(checkMetres("precision_m", p.PrecisionM, 1e6), p.Valid.Validate("valid"))
}

// validateNames checks the names of a place: at least one, each with text,
// a known status, a sound validity and an ID of its own if it has one.
func (p *NamedPlace) validateNames() error {
	if len(p.Names) == 0 {
		return Invalidf("names", "a place needs at least one name")
	}
	ids := make([]string, len(p.Names))
	for i, n := range p.Names {
		if n.Text == "" {
			return Invalidf("names", "name %d has no text", i+1)
		}
		switch n.Status {
		case NameStandard, NameShort, NameAlias, NameHistorical:
		default:
			return Invalidf("names", "name %d: status %q is not standard, short, alias or historical", i+1, n.Status)
		}
		if err := firstErr(n.Valid.Validate("names"), checkRef("names", n.ID)); err != nil {
			return err
		}
		ids[i] = n.ID
	}
	return distinct("names", "every name of a place has an ID of its own", ids...)
}

// ProtectionListing is a place name on a protection list (地名保护名录).
type ProtectionListing struct {
	ID        string
	PlaceID   string
	Batch     string // listing batch, e.g. 第一批
	Category  string // 历史地名 category
	Period    string // historical period the name dates from
	Listed    time.Time
	Authority string
	Document  string
}

// Validate checks a listing before it is stored.
func (l *ProtectionListing) Validate() error {
	if err := checkTexts(l); err != nil {
		return err
	}
	return requiredRef("place_id", l.PlaceID)
}

// Sign is a place-name sign (地名标志), including protection markers.
type Sign struct {
	ID        string
	PlaceID   string
	ListingID string // for protection markers
	Kind      string // protection_marker, road_sign, village_sign, …
	Position  orb.Point
	Text      string
	Spec      string
	Installed time.Time
	Status    string // good, damaged, missing, removed
	History   []SignStatus
	Updated   time.Time
}

// SignStatus is one entry of a sign's condition history.
type SignStatus struct {
	At     time.Time
	Status string
	Note   string
}

// Validate checks a sign before it is stored. An empty Status is allowed.
func (s *Sign) Validate() error {
	if err := checkTexts(s); err != nil {
		return err
	}
	return firstErr(required("kind", s.Kind), required("text", s.Text), CheckGeometry("position", s.Position),
		oneOf("status", s.Status, "", "good", "damaged", "missing", "removed"),
		checkRef("place_id", s.PlaceID), checkRef("listing_id", s.ListingID))
}
