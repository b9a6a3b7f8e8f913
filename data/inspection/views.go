package inspection

import (
	"cmp"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/inspect"
)

// RoundView is a round as JSON.
type RoundView struct {
	ID       string        `json:"id"`
	LineID   string        `json:"line_id"`
	Year     int           `json:"year"`
	Type     string        `json:"type"`
	Reason   string        `json:"reason,omitempty"`
	Parties  []data.Code   `json:"parties"`
	Phase    string        `json:"phase,omitempty"`
	Sections []SectionView `json:"sections"`
	Status   string        `json:"status"`
	Created  time.Time     `json:"created"`
}

// SectionView is a section assigned to a party, as JSON.
type SectionView struct {
	Party   data.Code `json:"party"`
	FromSeq int       `json:"from_seq"`
	ToSeq   int       `json:"to_seq"`
}

// NewRoundView returns r as JSON.
func NewRoundView(r *data.InspectionRound) RoundView {
	v := RoundView{ID: r.ID, LineID: r.LineID, Year: r.Year, Type: string(r.Type), Reason: r.Reason, Parties: r.Parties,
		Phase: r.Phase, Status: r.Status, Created: r.Created, Sections: []SectionView{}}
	for _, s := range r.Sections {
		v.Sections = append(v.Sections, SectionView(s))
	}
	return v
}

// LineView is what a report says of its line.
type LineView struct {
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	Code            string     `json:"code"`
	Level           data.Level `json:"level"`
	CodeA           data.Code  `json:"code_a,omitempty"`
	CodeB           data.Code  `json:"code_b,omitempty"`
	LegalStatus     string     `json:"legal_status"`
	TechnicalStatus string     `json:"technical_status"`
	CycleYears      int        `json:"cycle_years"`
	LastInspected   string     `json:"last_inspected,omitempty"`
}

// NewLineView returns the report's view of l.
func NewLineView(l *data.BoundaryLine) LineView {
	v := LineView{ID: l.ID, Name: l.Name, Code: l.Code, Level: l.Level, CodeA: l.CodeA, CodeB: l.CodeB,
		LegalStatus: string(l.LegalStatus), TechnicalStatus: string(l.TechnicalStatus), CycleYears: l.CycleYears}
	if !l.LastInspected.IsZero() {
		v.LastInspected = l.LastInspected.Format(time.DateOnly)
	}
	return v
}

// FindingView is a finding as JSON, with its rule's names.
type FindingView struct {
	ID          string            `json:"id,omitempty"`
	Rule        string            `json:"rule"`
	RuleZH      string            `json:"rule_zh"`
	RuleEN      string            `json:"rule_en"`
	Severity    data.Severity     `json:"severity"`
	Subject     string            `json:"subject,omitempty"`
	Measured    float64           `json:"measured"`
	Tolerance   float64           `json:"tolerance"`
	MessageZH   string            `json:"message_zh"`
	MessageEN   string            `json:"message_en"`
	Remediation string            `json:"remediation,omitempty"`
	Location    *geojson.Geometry `json:"location,omitempty"`
	Acceptances []AcceptanceView  `json:"acceptances"`
}

// AcceptanceView is a party's acceptance of a finding, as JSON.
type AcceptanceView struct {
	Party  data.Code `json:"party"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// NewFindingView returns f as JSON.
func NewFindingView(f *data.Finding) FindingView {
	v := FindingView{ID: f.ID, Rule: f.Rule, Severity: f.Severity, Subject: f.Subject, Measured: f.Measured,
		Tolerance: f.Tolerance, MessageZH: f.MessageZH, MessageEN: f.MessageEN, Remediation: f.Remediation,
		Acceptances: []AcceptanceView{}}
	if i := slices.IndexFunc(inspect.Rules(), func(r inspect.RuleInfo) bool { return r.ID == f.Rule }); i >= 0 {
		v.RuleZH, v.RuleEN = inspect.Rules()[i].NameZH, inspect.Rules()[i].NameEN
	}
	if f.Location != nil {
		v.Location = geojson.NewGeometry(f.Location)
	}
	for _, a := range f.Acceptances {
		v.Acceptances = append(v.Acceptances, AcceptanceView(a))
	}
	return v
}

// SignatureView is a signature as JSON.
type SignatureView struct {
	Party    data.Code `json:"party"`
	Signer   string    `json:"signer"`
	SignedAt time.Time `json:"signed_at"`
	Digest   string    `json:"digest"`
}

// NewSignatureView returns sg as JSON.
func NewSignatureView(sg *data.Signature) SignatureView {
	return SignatureView{Party: sg.Party, Signer: sg.Signer, SignedAt: sg.SignedAt, Digest: sg.Digest}
}

// AttachmentView is a photo or file named by its hash, as JSON.
type AttachmentView struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// SegmentView is a segment check as JSON, with marker numbers.
type SegmentView struct {
	Party         data.Code      `json:"party"`
	From          string         `json:"from"`
	To            string         `json:"to"`
	TerrainChange bool           `json:"terrain_change"`
	Resurveyed    bool           `json:"resurveyed"`
	Construction  string         `json:"construction,omitempty"`
	Note          string         `json:"note,omitempty"`
	Geometry      orb.LineString `json:"-"`
}

func segmentViews(ms []*data.Marker, cs []*data.SegmentCheck) []SegmentView {
	num := map[string]string{}
	for _, m := range ms {
		num[m.ID] = m.Number
	}
	out := []SegmentView{}
	for _, c := range cs {
		out = append(out, SegmentView{Party: c.Party, From: num[c.FromMarker], To: num[c.ToMarker],
			TerrainChange: c.TerrainChange, Resurveyed: c.Resurveyed, Construction: c.Construction, Note: c.Note,
			Geometry: c.Geometry})
	}
	slices.SortStableFunc(out, func(a, b SegmentView) int {
		return cmp.Or(cmp.Compare(a.From+a.To, b.From+b.To), cmp.Compare(a.Party, b.Party))
	})
	return out
}

// sortedMarkers returns markers by number.
func sortedMarkers(ms []*data.Marker) []*data.Marker {
	out := slices.Clone(ms)
	slices.SortFunc(out, func(a, b *data.Marker) int { return cmp.Compare(a.Number, b.Number) })
	return out
}
