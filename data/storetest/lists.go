package storetest

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// grid stores five counties as 0.1° squares in a row from (108.0, 28.0),
// 0.2° apart, and returns them in order.
func grid(t *testing.T, s data.Store) []*data.AdminUnit {
	t.Helper()
	var units []*data.AdminUnit
	for i, code := range []string{"500229", "500230", "500241", "500242", "500243"} {
		units = append(units, createUnit(t, s, Unit(code, "县"+code, 108.0+0.2*float64(i), 28.0)))
	}
	return units
}

func sortedIDs[T any](items []*T) []string {
	out := ids(items)
	slices.Sort(out)
	return out
}

func testListBBox(t *testing.T, s data.Store) {
	ctx := t.Context()
	units := grid(t, s)
	for _, b := range []orb.Bound{
		{Min: orb.Point{107, 27}, Max: orb.Point{110, 29}},             // all
		{Min: orb.Point{108.05, 28.05}, Max: orb.Point{108.25, 28.06}}, // first two
		{Min: orb.Point{108.11, 28.0}, Max: orb.Point{108.19, 28.1}},   // the gap between them
		{Min: orb.Point{108.3, 28.1}, Max: orb.Point{108.4, 28.2}},     // touches one corner
		{Min: orb.Point{108.45, 28.05}, Max: orb.Point{108.45, 28.05}}, // a point inside the third
		{Min: orb.Point{120, 30}, Max: orb.Point{121, 31}},             // far away
	} {
		var want []string
		for _, u := range units { // oracle: the squares' bounds
			if u.Geometry.Bound().Intersects(b) {
				want = append(want, u.ID)
			}
		}
		slices.Sort(want)
		page, err := s.ListAdminUnits(ctx, data.Query{BBox: &b})
		must(t, err)
		if got := sortedIDs(page.Items); !slices.Equal(got, want) || page.Matched != len(want) {
			t.Errorf("bbox %v: got %d units (matched %d), want %d", b, len(got), page.Matched, len(want))
		}
	}
	page, err := s.ListAdminUnits(ctx, data.Query{BBox: &orb.Bound{Min: orb.Point{108.0, 28.0}, Max: orb.Point{108.1, 28.1}}})
	must(t, err)
	if len(page.Items) == 1 {
		same(t, "listed admin unit", units[0], page.Items[0])
	}
	for name, b := range map[string]orb.Bound{
		"min above max": {Min: orb.Point{109, 29}, Max: orb.Point{108, 28}},
		"NaN":           {Min: orb.Point{math.NaN(), 28}, Max: orb.Point{109, 29}},
		"infinite":      {Min: orb.Point{108, 28}, Max: orb.Point{math.Inf(1), 29}},
	} {
		_, err := s.ListAdminUnits(ctx, data.Query{BBox: &b})
		wantKind(t, "bbox "+name, err, data.KindInvalid, "bbox")
	}
}

func testListValidity(t *testing.T, s data.Store) {
	ctx := t.Context()
	periods := []data.Period{
		Between(2000, 2005),
		Since(2005),
		Between(1990, 2000),
		{To: data.Date(1995, 1, 1)}, // open start
		Between(2010, 2011),
		{}, // always
	}
	units := make([]*data.AdminUnit, len(periods))
	for i, p := range periods {
		u := Unit([]string{"500229", "500230", "500241", "500242", "500243", "500229001"}[i], "单位", 108+0.2*float64(i), 28)
		u.Valid = p
		if i == 5 {
			u.Type = "街道"
		}
		units[i] = createUnit(t, s, u)
	}
	for _, at := range []time.Time{data.Date(1980, 1, 1), data.Date(1999, 12, 31), data.Date(2000, 1, 1),
		data.Date(2004, 12, 31), data.Date(2005, 1, 1), data.Date(2010, 6, 1), data.Date(2030, 1, 1)} {
		var want []string
		for _, u := range units { // oracle: data.Period.Contains
			if u.Valid.Contains(at) {
				want = append(want, u.ID)
			}
		}
		slices.Sort(want)
		page, err := s.ListAdminUnits(ctx, data.Query{At: &at})
		must(t, err)
		if got := sortedIDs(page.Items); !slices.Equal(got, want) {
			t.Errorf("at %s: got %d units, want %d", at.Format(data.DateLayout), len(got), len(want))
		}
	}
	for _, iv := range []data.Period{Between(1996, 2001), Between(2005, 2006), {To: data.Date(1990, 1, 1)},
		{From: data.Date(2011, 1, 1)}, {From: data.Date(2004, 12, 31), To: data.Date(2005, 1, 1)}, {}} {
		var want []string
		for _, u := range units { // oracle: data.Period.Overlaps
			if u.Valid.Overlaps(iv) {
				want = append(want, u.ID)
			}
		}
		slices.Sort(want)
		page, err := s.ListAdminUnits(ctx, data.Query{Interval: &iv})
		must(t, err)
		if got := sortedIDs(page.Items); !slices.Equal(got, want) {
			t.Errorf("interval %v: got %d units, want %d", iv, len(got), len(want))
		}
	}
	bad := data.Period{From: data.Date(2010, 1, 1), To: data.Date(2000, 1, 1)}
	_, err := s.ListAdminUnits(ctx, data.Query{Interval: &bad})
	wantKind(t, "interval ending before it begins", err, data.KindInvalid, "datetime")
	_, err = s.ListAdminUnits(ctx, data.Query{At: &time.Time{}})
	wantKind(t, "zero date", err, data.KindInvalid, "datetime")
	_, err = s.ListMarkers(ctx, data.Query{LineID: "5052"})
	wantKind(t, "markers of a malformed line ID", err, data.KindInvalid, "line_id")
}

func testListPaging(t *testing.T, s data.Store) {
	ctx := t.Context()
	units := grid(t, s)
	units = append(units, createUnit(t, s, Unit("500101", "万州区", 108.5, 30.5)), createUnit(t, s, Unit("500102", "涪陵区", 107.3, 29.7)))
	all, err := s.ListAdminUnits(ctx, data.Query{})
	must(t, err)
	if all.Matched != len(units) || len(all.Items) != len(units) {
		t.Fatalf("list all: %d items, matched %d; want %d", len(all.Items), all.Matched, len(units))
	}
	var paged []*data.AdminUnit
	for offset := 0; offset < len(units); offset += 3 {
		page, err := s.ListAdminUnits(ctx, data.Query{Limit: 3, Offset: offset})
		must(t, err)
		if page.Matched != len(units) {
			t.Errorf("offset %d: matched %d, want %d", offset, page.Matched, len(units))
		}
		if want := min(3, len(units)-offset); len(page.Items) != want {
			t.Errorf("offset %d: %d items, want %d", offset, len(page.Items), want)
		}
		paged = append(paged, page.Items...)
	}
	if got, want := ids(paged), ids(all.Items); !slices.Equal(got, want) {
		t.Errorf("pages concatenated give %v, want the full list's order %v", got, want)
	}
	again, err := s.ListAdminUnits(ctx, data.Query{})
	must(t, err)
	if !slices.Equal(ids(again.Items), ids(all.Items)) {
		t.Error("two identical list calls returned different orders")
	}
	past, err := s.ListAdminUnits(ctx, data.Query{Limit: 3, Offset: 100})
	must(t, err)
	if len(past.Items) != 0 || past.Matched != len(units) {
		t.Errorf("past the end: %d items, matched %d; want 0 and %d", len(past.Items), past.Matched, len(units))
	}
	filtered, err := s.ListAdminUnits(ctx, data.Query{Limit: 1, BBox: &orb.Bound{Min: orb.Point{107, 27}, Max: orb.Point{109, 29}}})
	must(t, err)
	if len(filtered.Items) != 1 || filtered.Matched != 5 {
		t.Errorf("limit 1 in a bbox of 5: %d items, matched %d", len(filtered.Items), filtered.Matched)
	}
}

func testListFilters(t *testing.T, s data.Store) {
	ctx := t.Context()
	cq, gz, line := corner(t, s)
	town := createUnit(t, s, Unit("500241109", "洪安镇", 109.2, 28.45))

	byCode, err := s.ListAdminUnits(ctx, data.Query{Code: "520000"})
	must(t, err)
	if !slices.Equal(ids(byCode.Items), []string{gz.ID}) {
		t.Errorf("code 520000 listed %v, want %s", ids(byCode.Items), gz.ID)
	}
	byLevel, err := s.ListAdminUnits(ctx, data.Query{Level: data.LevelTownship})
	must(t, err)
	if !slices.Equal(ids(byLevel.Items), []string{town.ID}) {
		t.Errorf("level township listed %v, want %s", ids(byLevel.Items), town.ID)
	}

	county := CountyLine("XS-ST", cq, gz)
	must(t, s.CreateBoundaryLine(ctx, county))
	lines, err := s.ListBoundaryLines(ctx, data.Query{Level: data.LevelProvince})
	must(t, err)
	if !slices.Equal(ids(lines.Items), []string{line.ID}) {
		t.Errorf("provincial lines %v, want %s", ids(lines.Items), line.ID)
	}
	at := data.Date(2003, 1, 1) // the county line begins in 2005
	lines, err = s.ListBoundaryLines(ctx, data.Query{At: &at})
	must(t, err)
	if !slices.Equal(ids(lines.Items), []string{line.ID}) {
		t.Errorf("lines valid in 2003: %v, want %s", ids(lines.Items), line.ID)
	}
	lines, err = s.ListBoundaryLines(ctx, data.Query{BBox: &orb.Bound{Min: orb.Point{108.85, 28.3}, Max: orb.Point{108.95, 28.4}}})
	must(t, err)
	if !slices.Equal(ids(lines.Items), []string{county.ID}) {
		t.Errorf("lines in bbox: %v, want %s", ids(lines.Items), county.ID)
	}
	if len(lines.Items) == 1 {
		same(t, "listed line", county, lines.Items[0])
	}

	m1, m2 := Marker(line, "5052001Q", 109.1, 28.4), Marker(county, "XS-ST-01", 108.95, 28.32)
	m2.Valid = Between(2005, 2015)
	must(t, s.CreateMarker(ctx, m1))
	must(t, s.CreateMarker(ctx, m2))
	markers, err := s.ListMarkers(ctx, data.Query{LineID: line.ID})
	must(t, err)
	if !slices.Equal(ids(markers.Items), []string{m1.ID}) {
		t.Errorf("markers of line 5052: %v, want %s", ids(markers.Items), m1.ID)
	}
	if len(markers.Items) == 1 {
		same(t, "listed marker", m1, markers.Items[0])
	}
	now := data.Date(2020, 1, 1)
	markers, err = s.ListMarkers(ctx, data.Query{At: &now, BBox: &orb.Bound{Min: orb.Point{108, 28}, Max: orb.Point{110, 29}}})
	must(t, err)
	if !slices.Equal(ids(markers.Items), []string{m1.ID}) {
		t.Errorf("markers valid in 2020: %v, want %s", ids(markers.Items), m1.ID)
	}

	p1 := Place("洪安", "Hong'an", 109.2, 28.46, "500241", "500241109")
	p2 := Place("迓驾", "Yajia", 109.1, 28.3, "520628110")
	p3 := POI("清水江大桥", 109.27, 28.50)
	p3.AdminCodes = []data.Code{"500241109"}
	for _, p := range []*data.NamedPlace{p1, p2, p3} {
		must(t, s.CreatePlace(ctx, p))
	}
	for _, c := range []struct {
		name string
		q    data.Query
		want []*data.NamedPlace
	}{
		{"in county 500241", data.Query{Code: "500241"}, []*data.NamedPlace{p1, p3}},
		{"in township 520628110", data.Query{Code: "520628110"}, []*data.NamedPlace{p2}},
		{"POIs", data.Query{Kind: data.KindPOI}, []*data.NamedPlace{p3}},
		{"reviewed", data.Query{Review: data.ReviewReviewed}, []*data.NamedPlace{p1, p2}},
		{"bbox", data.Query{BBox: &orb.Bound{Min: orb.Point{109.05, 28.25}, Max: orb.Point{109.15, 28.35}}}, []*data.NamedPlace{p2}},
	} {
		page, err := s.ListPlaces(ctx, c.q)
		must(t, err)
		if got, want := sortedIDs(page.Items), sortedIDs(c.want); !slices.Equal(got, want) {
			t.Errorf("places %s: %v, want %v", c.name, got, want)
		}
		if len(c.want) == 1 && len(page.Items) == 1 {
			same(t, "listed place", c.want[0], page.Items[0])
		}
	}
}

func testNotFound(t *testing.T, s data.Store) {
	ctx := t.Context()
	_, _, line := corner(t, s)
	for _, id := range []string{data.NewID(), "no-such-id", ""} {
		gets := map[string]func() error{
			"admin unit":     func() error { _, err := s.GetAdminUnit(ctx, id); return err },
			"division event": func() error { _, err := s.GetDivisionEvent(ctx, id); return err },
			"boundary line":  func() error { _, err := s.GetBoundaryLine(ctx, id); return err },
			"marker":         func() error { _, err := s.GetMarker(ctx, id); return err },
			"place":          func() error { _, err := s.GetPlace(ctx, id); return err },
			"sign":           func() error { _, err := s.GetSign(ctx, id); return err },
			"round":          func() error { _, err := s.GetInspectionRound(ctx, id); return err },
			"round records":  func() error { _, err := s.RoundRecords(ctx, id); return err },
			"survey upload":  func() error { _, err := s.GetSurveyUpload(ctx, id); return err },
		}
		for what, get := range gets {
			wantKind(t, "get "+what+" "+id, get(), data.KindNotFound, "")
		}
	}
	u := Unit("500241", "秀山县", 108.9, 28.3)
	u.ID, u.UnitID = data.NewID(), data.NewID()
	wantKind(t, "update unknown admin unit", s.UpdateAdminUnit(ctx, u), data.KindNotFound, "")
	l := ProvincialLine(&data.AdminUnit{Code: "500000"}, &data.AdminUnit{Code: "520000"})
	l.ID, l.Valid = data.NewID(), Since(2040)
	wantKind(t, "update unknown line", s.UpdateBoundaryLine(ctx, l), data.KindNotFound, "")
	m := Marker(line, "5052009Q", 109.1, 28.4)
	m.ID = data.NewID()
	wantKind(t, "update unknown marker", s.UpdateMarker(ctx, m), data.KindNotFound, "")
	p := Place("洪安", "Hong'an", 109.2, 28.46)
	p.ID = data.NewID()
	wantKind(t, "update unknown place", s.UpdatePlace(ctx, p), data.KindNotFound, "")

	for what, list := range map[string]func() (int, error){
		"unit versions":  func() (int, error) { v, err := s.UnitVersions(ctx, data.NewID()); return len(v), err },
		"unit events":    func() (int, error) { v, err := s.UnitEvents(ctx, data.NewID()); return len(v), err },
		"line versions":  func() (int, error) { v, err := s.LineVersions(ctx, data.NewID()); return len(v), err },
		"status history": func() (int, error) { v, err := s.MarkerStatusHistory(ctx, data.NewID()); return len(v), err },
	} {
		if n, err := list(); n != 0 || err != nil {
			t.Errorf("%s of an unknown ID: %d items, %v; want none and no error", what, n, err)
		}
	}
}

func testPing(t *testing.T, s data.Store) {
	must(t, s.Ping(t.Context()))
}
