package gpkg

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// seed stores one record of every kind, every geometry table included, and
// returns how many rows each geometry table got.
func seed(tb testing.TB, s *Store) map[string]int {
	tb.Helper()
	ctx := context.Background()
	xiushan := county("500241", "秀山土家族苗族自治县", time.Time{}, time.Time{})
	huayuan := county("433124", "花垣县", time.Time{}, time.Time{})
	songtao := county("520628", "松桃苗族自治县", data.Date(2011, 10, 22), time.Time{})
	for _, u := range []*data.AdminUnit{xiushan, huayuan, songtao} {
		must(tb, s.CreateAdminUnit(ctx, u))
	}
	must(tb, s.CreateDivisionEvent(ctx, &data.DivisionEvent{Type: data.EventCodeChanged, Date: data.Date(2011, 10, 22),
		Successors: []string{songtao.ID}, Transferred: square}))
	river := orb.MultiLineString{{{109.25, 28.45}, {109.27, 28.50}, {109.30, 28.55}}}
	line := &data.BoundaryLine{Name: "湘渝线", Level: data.LevelProvince, Code: "4350", UnitA: huayuan.UnitID,
		UnitB: xiushan.UnitID, CodeA: "433124", CodeB: "500241", LegalStatus: data.LegalAgreed, CycleYears: 5,
		Geometry: river, Agreements: []data.Document{{Title: "湘渝边界协议书", Number: "1998-1"}}}
	must(tb, s.CreateBoundaryLine(ctx, line))
	must(tb, s.CreateLineVersion(ctx, &data.LineVersion{LineID: line.ID, Source: data.SourceSideA, Party: "433124",
		Geometry: river, SourceCRS: 4545}))
	m1 := &data.Marker{LineID: line.ID, Number: "4350001A", Position: orb.Point{109.25, 28.45}, SigmaM: 1,
		Status: data.StatusIntact, References: []data.ReferenceObject{{Name: "古樟", AzimuthDeg: 45, DistanceM: 12.5}}}
	m2 := &data.Marker{LineID: line.ID, Number: "4350002Q", Position: orb.Point{109.30, 28.55}, SigmaM: 1}
	must(tb, s.CreateMarker(ctx, m1))
	must(tb, s.CreateMarker(ctx, m2))
	must(tb, s.CreateTriJunction(ctx, &data.TriJunction{Name: "湘渝黔三交点", LineIDs: [3]string{line.ID},
		UnitIDs: [3]string{xiushan.UnitID, huayuan.UnitID, songtao.UnitID}, Agreed: orb.Point{109.2702, 28.5035},
		MarkerID: m1.ID}))
	round := &data.InspectionRound{LineID: line.ID, Year: 2024, Type: data.RoundRegular, Parties: []data.Code{"433124", "500241"}}
	must(tb, s.CreateInspectionRound(ctx, round))
	obs := orb.Point{109.25001, 28.45001}
	must(tb, s.AddMarkerCheck(ctx, &data.MarkerCheck{RoundID: round.ID, MarkerID: m1.ID, Party: "433124",
		Observed: &obs, Status: data.StatusIntact}))
	must(tb, s.AddSegmentCheck(ctx, &data.SegmentCheck{RoundID: round.ID, Party: "433124", FromMarker: m1.ID,
		ToMarker: m2.ID, Geometry: orb.LineString(river[0])}))
	must(tb, s.AddFinding(ctx, &data.Finding{RoundID: round.ID, Rule: "C8", Severity: data.SeverityWarning,
		Location: obs, MessageEN: "marker moved"}))
	must(tb, s.AddFinding(ctx, &data.Finding{RoundID: round.ID, Rule: "C11", Severity: data.SeverityError,
		Location: river, MessageEN: "sides disagree"}))
	must(tb, s.AddSignature(ctx, &data.Signature{RoundID: round.ID, Party: "433124", Signer: "张三",
		SignedAt: time.Now(), Digest: strings.Repeat("ab", 32)}))
	places := []orb.Geometry{orb.Point{109.27, 28.50}, orb.LineString{{109.2, 28.4}, {109.3, 28.5}}, square[0]}
	var placeID string
	for i, g := range places {
		p := &data.NamedPlace{Kind: data.KindPlaceName, LegalClass: 3, Geometry: g, Review: data.ReviewDraft,
			AdminCodes: []data.Code{"500241109"}, Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans",
				Text: []string{"洪安", "清水江", "边城"}[i], Pinyin: "Hong'an"}}}
		must(tb, s.CreatePlace(ctx, p))
		placeID = p.ID
	}
	listing := &data.ProtectionListing{PlaceID: placeID, Batch: "第一批"}
	must(tb, s.CreateProtectionListing(ctx, listing))
	must(tb, s.CreateSign(ctx, &data.Sign{PlaceID: placeID, ListingID: listing.ID, Kind: "protection_marker",
		Position: orb.Point{109.27, 28.50}, Text: "边城"}))
	seedImports(tb, s)
	return map[string]int{"admin_units": 3, "division_events": 1, "boundary_lines": 1, "line_versions": 1,
		"markers": 2, "tri_junctions": 1, "marker_checks": 1, "segment_checks": 1, "findings": 2, "places": 4, "signs": 1,
		"survey_features": 2}
}

// seedImports stores a survey upload of two records and a bulk import of
// one place.
func seedImports(tb testing.TB, s *Store) {
	tb.Helper()
	ctx := context.Background()
	sv := &data.Survey{Team: "秀山测绘队", CRS: 4545, AccuracyM: 0.02}
	must(tb, s.CreateSurvey(ctx, sv))
	raw := "number,x,y\n5052001Q,617489.6489,3154440.6231\n"
	in := testImport(raw, data.TargetSurvey, sv.ID)
	n := 0
	in.Features = func() (*data.SurveyFeature, error) {
		if n++; n > 2 {
			return nil, io.EOF
		}
		return &data.SurveyFeature{UploadID: in.Upload.ID, Index: n, Row: n + 1, Geometry: orb.Point{109.2, 28.5},
			Source: orb.Point{617489.6489, 3154440.6231}, SourceCRS: 4545, Datum: "CGCS2000"}, nil
	}
	_, err := s.Import(ctx, in)
	must(tb, err)
	in = testImport("name\n洪安\n", data.TargetPlaces, "")
	done := false
	in.Places = func() (*data.NamedPlace, error) {
		if done {
			return nil, io.EOF
		}
		done = true
		return &data.NamedPlace{Kind: data.KindPOI, Geometry: orb.LineString{{109.2, 28.4}, {109.21, 28.41}},
			Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans", Text: "洪安渡口"}}}, nil
	}
	_, err = s.Import(ctx, in)
	must(tb, err)
}

// testImport returns an import of raw with its hash, a fixed request hash
// and an answer naming the records stored.
func testImport(raw, target, surveyID string) *data.Import {
	sum := sha256.Sum256([]byte(raw))
	return &data.Import{Target: target, SurveyID: surveyID, RequestHash: strings.Repeat("0f", 32),
		Upload: &data.SurveyUpload{FileName: "seed.csv", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(raw)),
			CRS: 4545},
		Raw:    func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(raw)), nil },
		Report: func(stored int) ([]byte, error) { return fmt.Appendf(nil, `{"stored":%d}`, stored), nil }}
}

func TestSeed(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	ctx := context.Background()
	p, err := s.ListPlaces(ctx, data.Query{Code: "500241"})
	must(t, err)
	hongan := slices.IndexFunc(p.Items, func(pl *data.NamedPlace) bool {
		return len(pl.Names) == 1 && pl.Names[0].Pinyin == "Hong'an"
	})
	if p.Matched != 3 || hongan < 0 {
		t.Errorf("places by code prefix: %d, %+v", p.Matched, p.Items)
	}
	p, err = s.ListPlaces(ctx, data.Query{Code: "500242"})
	must(t, err)
	if p.Matched != 0 {
		t.Errorf("places under 500242: %d, want 0", p.Matched)
	}
	ms, err := s.ListMarkers(ctx, data.Query{})
	must(t, err)
	first := slices.IndexFunc(ms.Items, func(m *data.Marker) bool {
		return m.Parsed.Seq == 1 && m.Parsed.Type == data.MarkerPairA
	})
	if ms.Matched != 2 || first < 0 {
		t.Errorf("markers %+v, want 2 with the first of a pair numbered 1", ms.Items)
	}
}
