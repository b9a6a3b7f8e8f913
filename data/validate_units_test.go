package data

import (
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// Validate tables for admin units, division events, places, listings,
// signs and survey uploads.

func validUnit() *AdminUnit {
	return &AdminUnit{UnitID: id1, Code: "500241109", Name: "洪安镇", Level: LevelTownship, Type: "镇",
		ParentID: id2, Seat: &orb.Point{109.2, 28.45}, Geometry: orb.MultiPolygon{{square(109.2, 28.45, 0.05)}},
		Valid: Period{From: Date(1992, 1, 1)}, BeganBy: id3, EndedBy: id4}
}

func TestAdminUnitValidate(t *testing.T) {
	testRules(t, validUnit, (*AdminUnit).Validate, []rule[AdminUnit]{
		{"no name", func(u *AdminUnit) { u.Name = "" }, "name"},
		{"bad code", func(u *AdminUnit) { u.Code = "5002411" }, "code"},
		{"unknown level", func(u *AdminUnit) { u.Level = "district" }, "level"},
		{"level against code", func(u *AdminUnit) { u.Level = LevelCounty }, "level"},
		{"type against code", func(u *AdminUnit) { u.Type = "乡" }, "type"},
		{"seat outside China", func(u *AdminUnit) { u.Seat = &orb.Point{2.35, 48.85} }, "seat"},
		{"seat NaN", func(u *AdminUnit) { u.Seat = &orb.Point{math.NaN(), 28} }, "seat"},
		{"swapped axes", func(u *AdminUnit) { u.Geometry = orb.MultiPolygon{{square(28.45, 109.2, 0.05)}} }, "geometry"},
		{"open ring", func(u *AdminUnit) { u.Geometry[0][0] = u.Geometry[0][0][:4] }, "geometry"},
		{"polygon without rings", func(u *AdminUnit) { u.Geometry = append(u.Geometry, orb.Polygon{}) }, "geometry"},
		{"its own parent", func(u *AdminUnit) { u.ParentID = u.UnitID }, "parent_id"},
		{"malformed unit ID", func(u *AdminUnit) { u.UnitID = "hongan" }, "unit_id"},
		{"malformed parent", func(u *AdminUnit) { u.ParentID = "xiushan" }, "parent_id"},
		{"malformed began_by", func(u *AdminUnit) { u.BeganBy = "1992" }, "began_by"},
		{"malformed ended_by", func(u *AdminUnit) { u.EndedBy = "2005" }, "ended_by"},
		{"ends before it begins", func(u *AdminUnit) { u.Valid.To = Date(1990, 1, 1) }, "valid"},
	})
	testVariants(t, validUnit, (*AdminUnit).Validate, map[string]func(u *AdminUnit){
		"no seat, no geometry, no references": func(u *AdminUnit) {
			u.Seat, u.Geometry, u.UnitID, u.ParentID, u.BeganBy, u.EndedBy = nil, nil, "", "", "", ""
		},
	})
}

func validEvent() *DivisionEvent {
	return &DivisionEvent{Type: EventMerged, Date: Date(2005, 3, 1), Authority: "湖南省人民政府",
		Predecessors: []string{id1, id2}, Successors: []string{id3},
		Transferred: orb.MultiPolygon{{square(109.25, 28.5, 0.01)}}}
}

func TestDivisionEventValidate(t *testing.T) {
	testRules(t, validEvent, (*DivisionEvent).Validate, []rule[DivisionEvent]{
		{"unknown type", func(e *DivisionEvent) { e.Type = "annexed" }, "type"},
		{"no date", func(e *DivisionEvent) { e.Date = time.Time{} }, "date"},
		{"before year 1", func(e *DivisionEvent) { e.Date = Date(0, 12, 31) }, "date"},
		{"on the upper limit", func(e *DivisionEvent) { e.Date = Date(2200, 1, 1) }, "date"},
		{"open transferred ring", func(e *DivisionEvent) { e.Transferred[0][0] = e.Transferred[0][0][:3] }, "transferred"},
		{"malformed predecessor", func(e *DivisionEvent) { e.Predecessors[1] = "chadong" }, "predecessors"},
		{"malformed successor", func(e *DivisionEvent) { e.Successors[0] = "biancheng" }, "successors"},
	})
	testVariants(t, validEvent, (*DivisionEvent).Validate, map[string]func(e *DivisionEvent){
		"first day in range": func(e *DivisionEvent) { e.Date = Date(1, 1, 2) },
		"秀山 made a county":   func(e *DivisionEvent) { e.Date = Date(1735, 1, 1) },
		"last day in range":  func(e *DivisionEvent) { e.Date = Date(2199, 12, 31) },
		"nothing transferred": func(e *DivisionEvent) {
			e.Transferred, e.Predecessors, e.Successors = nil, nil, nil
		},
	})
}

func validPlace() *NamedPlace {
	return &NamedPlace{Kind: KindPlaceName, Category: "1211", LegalClass: 3, Geometry: orb.Point{109.25, 28.5},
		PrecisionM: 5, AdminCodes: []Code{"433124", "433124108"}, MinZoom: 10, MaxZoom: 18, Review: ReviewDraft,
		Names: []Name{{ID: id1, Status: NameStandard, Lang: "zh-Hans", Text: "边城", Pinyin: "Biancheng"},
			{Status: NameHistorical, Lang: "zh-Hans", Text: "茶峒", Valid: Period{To: Date(2005, 1, 1)}}},
		Valid: Period{From: Date(2005, 1, 1)}}
}

func TestNamedPlaceValidate(t *testing.T) {
	testRules(t, validPlace, (*NamedPlace).Validate, []rule[NamedPlace]{
		{"unknown kind", func(p *NamedPlace) { p.Kind = "street" }, "kind"},
		{"legal class 9", func(p *NamedPlace) { p.LegalClass = 9 }, "legal_class"},
		{"place name without legal class", func(p *NamedPlace) { p.LegalClass = 0 }, "legal_class"},
		{"unknown review status", func(p *NamedPlace) { p.Review = "approved" }, "review"},
		{"no geometry", func(p *NamedPlace) { p.Geometry = nil }, "geometry"},
		{"one-point line", func(p *NamedPlace) { p.Geometry = orb.LineString{{109.25, 28.5}} }, "geometry"},
		{"outside China", func(p *NamedPlace) { p.Geometry = orb.Point{0, 0} }, "geometry"},
		{"no names", func(p *NamedPlace) { p.Names = nil }, "names"},
		{"name without text", func(p *NamedPlace) { p.Names[1].Text = "" }, "names"},
		{"unknown name status", func(p *NamedPlace) { p.Names[1].Status = "nickname" }, "names"},
		{"name validity upside down", func(p *NamedPlace) { p.Names[1].Valid.From = Date(2006, 1, 1) }, "names"},
		{"malformed name ID", func(p *NamedPlace) { p.Names[1].ID = "chadong" }, "names"},
		{"name ID twice", func(p *NamedPlace) { p.Names[1].ID = p.Names[0].ID }, "names"},
		{"bad containing code", func(p *NamedPlace) { p.AdminCodes = []Code{"99"} }, "admin_codes"},
		{"empty containing code", func(p *NamedPlace) { p.AdminCodes = []Code{""} }, "admin_codes"},
		{"zoom range upside down", func(p *NamedPlace) { p.MinZoom, p.MaxZoom = 15, 12 }, "min_zoom"},
		{"zoom beyond 24", func(p *NamedPlace) { p.MaxZoom = 25 }, "min_zoom"},
		{"negative precision", func(p *NamedPlace) { p.PrecisionM = -1 }, "precision_m"},
		{"NaN precision", func(p *NamedPlace) { p.PrecisionM = math.NaN() }, "precision_m"},
		{"validity upside down", func(p *NamedPlace) { p.Valid.To = Date(2000, 1, 1) }, "valid"},
	})
	testVariants(t, validPlace, (*NamedPlace).Validate, map[string]func(p *NamedPlace){
		"POI without legal class": func(p *NamedPlace) { p.Kind, p.LegalClass = KindPOI, 0 },
		"polygon":                 func(p *NamedPlace) { p.Geometry = orb.Polygon{square(109.25, 28.5, 0.01)} },
		"no names with IDs":       func(p *NamedPlace) { p.Names[0].ID = "" },
	})
}

func validListing() *ProtectionListing {
	return &ProtectionListing{PlaceID: id1, Batch: "第一批", Listed: Date(2023, 6, 1)}
}

func TestProtectionListingValidate(t *testing.T) {
	testRules(t, validListing, (*ProtectionListing).Validate, []rule[ProtectionListing]{
		{"no place", func(l *ProtectionListing) { l.PlaceID = "" }, "place_id"},
		{"malformed place", func(l *ProtectionListing) { l.PlaceID = "biancheng" }, "place_id"},
	})
}

func validSign() *Sign {
	return &Sign{PlaceID: id1, ListingID: id2, Kind: "protection_marker", Position: orb.Point{109.25, 28.5},
		Text: "边城 Biancheng", Status: "good"}
}

func TestSignValidate(t *testing.T) {
	testRules(t, validSign, (*Sign).Validate, []rule[Sign]{
		{"no kind", func(s *Sign) { s.Kind = "" }, "kind"},
		{"no text", func(s *Sign) { s.Text = "" }, "text"},
		{"zero position", func(s *Sign) { s.Position = orb.Point{} }, "position"},
		{"unknown status", func(s *Sign) { s.Status = "stolen" }, "status"},
		{"malformed place", func(s *Sign) { s.PlaceID = "biancheng" }, "place_id"},
		{"malformed listing", func(s *Sign) { s.ListingID = "1" }, "listing_id"},
	})
	testVariants(t, validSign, (*Sign).Validate, map[string]func(s *Sign){
		"no status, place or listing": func(s *Sign) { s.Status, s.PlaceID, s.ListingID = "", "", "" },
	})
}

func validUpload() *SurveyUpload {
	return &SurveyUpload{Team: "秀山县民政局", Method: "RTK", CRS: 4545, AccuracyM: 0.05, FileName: "side-a.csv",
		SHA256: digest, Size: 1024}
}

func TestSurveyUploadValidate(t *testing.T) {
	testRules(t, validUpload, (*SurveyUpload).Validate, []rule[SurveyUpload]{
		{"negative size", func(u *SurveyUpload) { u.Size = -1 }, "size"},
		{"no file name", func(u *SurveyUpload) { u.FileName = "" }, "file_name"},
		{"malformed hash", func(u *SurveyUpload) { u.SHA256 = "abc" }, "sha256"},
		{"no hash", func(u *SurveyUpload) { u.SHA256 = "" }, "sha256"},
		{"negative CRS", func(u *SurveyUpload) { u.CRS = -4545 }, "crs"},
		{"CRS beyond EPSG codes", func(u *SurveyUpload) { u.CRS = 1000000 }, "crs"},
		{"NaN accuracy", func(u *SurveyUpload) { u.AccuracyM = math.NaN() }, "accuracy_m"},
		{"accuracy over 1000 m", func(u *SurveyUpload) { u.AccuracyM = 1001 }, "accuracy_m"},
		{"unknown status", func(u *SurveyUpload) { u.Status = "lost" }, "status"},
	})
	u := validUpload()
	if err := u.Validate(); err != nil || u.Status != "received" {
		t.Errorf("empty status: Validate = %v, status %q; want nil and received", err, u.Status)
	}
}
