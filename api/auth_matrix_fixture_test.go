package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/inspection"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
)

// The role × endpoint matrix runs on the production store (PostGIS) with
// authentication on: one token per caller below, and a corner of 湘渝黔
// (seed) with a draft place and its sign, two surveys of two teams, and
// two inspection rounds.

// Teams and parties of the matrix.
const (
	teamA   = "秀山测绘队"             // the surveyor's team
	teamB   = "花垣测绘队"             // another team
	partyX  = data.Code("500000") // 重庆市: inspector X
	partyY  = data.Code("430000") // 湖南省: inspector Y
	partyZ  = data.Code("520000") // 贵州省: no inspector in the matrix
	secretY = "湘黔联检员甲-SECRET"     // only in party Y's unsigned records of round 2
)

// matrixCaller is one caller of the matrix; role "" is the anonymous public.
type matrixCaller struct {
	name   string
	role   data.Role
	party  data.Code
	team   string
	secret string
}

// matrixFixture is the API under test and what the requests name.
type matrixFixture struct {
	h       http.Handler
	st      *postgis.Store
	seed    *fixture
	callers []*matrixCaller
	byName  map[string]*matrixCaller

	toReview          *data.NamedPlace   // a draft the admin reviews
	toReplace         *data.NamedPlace   // published places the admin replaces and deletes
	toDelete          *data.NamedPlace   //
	lineXY, lineYZ    *data.BoundaryLine // 湘渝线 4350, 湘黔线 4352
	markerXY, markerY *data.Marker
	surveyA, surveyB  *data.Survey
	uploadA, importID string
	round1, round2    *data.InspectionRound // parties X and Y; parties Y and Z (unsigned, Y has submitted)
}

func newMatrixFixture(t *testing.T) *matrixFixture {
	t.Helper()
	st := pgtest.Store(t)
	f := &matrixFixture{st: st, seed: seed(t, st), byName: map[string]*matrixCaller{}}
	ctx := context.Background()
	f.callers = []*matrixCaller{{name: "anonymous"}, {name: "viewer", role: data.RoleViewer},
		{name: "surveyor", role: data.RoleSurveyor, team: teamA},
		{name: "inspectorX", role: data.RoleInspector, party: partyX},
		{name: "inspectorY", role: data.RoleInspector, party: partyY}, {name: "admin", role: data.RoleAdmin}}
	for _, c := range f.callers {
		f.byName[c.name] = c
		if c.role == "" {
			continue
		}
		secret, prefix, hash := data.NewTokenSecret()
		tok := &data.Token{Name: c.name, Role: c.role, Party: c.party, Team: c.team, Prefix: prefix, Hash: hash}
		mustDo(t, st.CreateToken(ctx, tok))
		c.secret = secret
	}
	f.h = New(Config{Now: func() time.Time { return authNow }, Auth: AuthConfig{Tokens: st, Audit: st, RatePerSecond: -1}},
		st, discardLogger())
	f.seedPlaces(t)
	f.seedSurveys(t)
	f.seedRounds(t)
	return f
}

func mustDo(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// seedPlaces adds the places the admin edits.
func (f *matrixFixture) seedPlaces(t *testing.T) {
	ctx := context.Background()
	f.toReview = place(data.KindPlaceName, data.ReviewDraft, "待审村", "Daishen Cun", orb.Point{109.15, 28.35})
	f.toReplace = place(data.KindPlaceName, data.ReviewPublished, "旧名村", "Jiuming Cun", orb.Point{109.16, 28.36})
	f.toDelete = place(data.KindPlaceName, data.ReviewPublished, "废弃村", "Feiqi Cun", orb.Point{109.17, 28.37})
	for _, p := range []*data.NamedPlace{f.toReview, f.toReplace, f.toDelete} {
		mustDo(t, f.st.CreatePlace(ctx, p))
	}
}

// seedSurveys stores a survey of each team, an upload to team A's and a
// bulk import, the last two through the API as the admin.
func (f *matrixFixture) seedSurveys(t *testing.T) {
	ctx := context.Background()
	f.surveyA = &data.Survey{Name: "秀山界桩复测", Team: teamA, Device: "RTK-1", Method: "RTK", CRS: 4490, AccuracyM: 0.05}
	f.surveyB = &data.Survey{Name: "花垣界桩复测", Team: teamB, Device: "RTK-2", Method: "RTK", CRS: 4490, AccuracyM: 0.05}
	for _, sv := range []*data.Survey{f.surveyA, f.surveyB} {
		mustDo(t, f.st.CreateSurvey(ctx, sv))
	}
	var rep struct {
		UploadID string `json:"upload_id"`
	}
	rec := f.send(t, "admin", "POST", "/surveys/"+f.surveyA.ID+"/uploads?file_name=pts.csv", "name,lon,lat\n界桩点,109.0,28.4\n",
		map[string]string{"Content-Type": "text/csv"})
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &rep) != nil {
		t.Fatalf("seed upload: %d %s", rec.Code, rec.Body)
	}
	f.uploadA = rep.UploadID
	rec = f.send(t, "admin", "POST", "/imports?kind=poi&file_name=pois.csv", "name,lon,lat\n种子兴趣点,109.05,28.45\n",
		map[string]string{"Content-Type": "text/csv"})
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &rep) != nil {
		t.Fatalf("seed import: %d %s", rec.Code, rec.Body)
	}
	f.importID = rep.UploadID
}

// seedRounds opens round 1 on 湘渝线 (parties X and Y) and round 2 on
// 湘黔线 (parties Y and Z), where party Y submits a marker check whose
// surveyor is secretY: unsigned data of a round X is no party of.
func (f *matrixFixture) seedRounds(t *testing.T) {
	ctx := context.Background()
	lines, err := f.st.ListBoundaryLines(ctx, data.Query{})
	mustDo(t, err)
	for _, l := range lines.Items {
		switch l.Code {
		case "4350":
			f.lineXY = l
		case "4352":
			f.lineYZ = l
		}
	}
	if f.lineXY == nil || f.lineYZ == nil {
		t.Fatal("seed has no lines 4350 and 4352")
	}
	f.markerXY = storetest.Marker(f.lineXY, "4350001Q", 109.295, 28.7)
	f.markerY = storetest.Marker(f.lineYZ, "4352001Q", 109.295, 28.3)
	for _, m := range []*data.Marker{f.markerXY, f.markerY} {
		mustDo(t, f.st.CreateMarker(ctx, m))
	}
	svc, err := inspection.New(f.st, func() time.Time { return authNow })
	mustDo(t, err)
	f.round1 = &data.InspectionRound{LineID: f.lineXY.ID, Year: 2026, Type: data.RoundRegular, Parties: []data.Code{partyY, partyX}}
	f.round2 = &data.InspectionRound{LineID: f.lineYZ.ID, Year: 2026, Type: data.RoundRegular, Parties: []data.Code{partyY, partyZ}}
	for _, r := range []*data.InspectionRound{f.round1, f.round2} {
		mustDo(t, svc.CreateRound(ctx, r))
	}
	observed := orb.Point{109.29501, 28.30001}
	_, err = svc.Submit(ctx, f.round2.ID, partyY, inspection.Submission{MarkerChecks: []*data.MarkerCheck{{
		MarkerID: f.markerY.ID, Observed: &observed, Method: "RTK", AccuracyM: 0.02, Device: "RTK-Y",
		ObservedAt: authNow.Add(-24 * time.Hour), Surveyor: secretY, Status: data.StatusIntact}}})
	mustDo(t, err)
}

// send sends a request as the named caller ("anonymous": no token).
func (f *matrixFixture) send(tb testing.TB, who, method, target, body string, header map[string]string) *httptest.ResponseRecorder {
	tb.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if c := f.byName[who]; c == nil {
		tb.Fatalf("no caller %q", who)
	} else if c.secret != "" {
		req.Header.Set("Authorization", "Bearer "+c.secret)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}
