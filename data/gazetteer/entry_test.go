package gazetteer_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/pinyin"
)

// TestEnterPinyin: the must-show spellings through the entry path.
func TestEnterPinyin(t *testing.T) {
	village := pinyin.ClassNaturalVillage
	for _, c := range []struct {
		text, censusClass string
		class             *pinyin.Class
		overrides         map[string]string
		want              string
	}{
		{"西安", "", nil, nil, "Xi'an"},
		{"秀山土家族苗族自治县", "行政区域", nil, nil, "Xiushan Tujiazu Miaozu Zizhixian"},
		{"王家村", "居民点", nil, nil, "Wangjiacun"},
		{"太平沟", "", &village, nil, "Taipinggou"},
		{"长坪", "居民点", nil, map[string]string{"长": "zhang"}, "Zhangping"},
	} {
		p := &data.NamedPlace{CensusClass: c.censusClass, Review: data.ReviewPublished, ReviewedBy: "甲",
			Names: []data.Name{{Status: data.NameStandard, Text: c.text, PinyinReviewed: true}}}
		props, err := gazetteer.Enter(p, c.class, c.overrides)
		if err != nil {
			t.Fatalf("Enter(%s): %v", c.text, err)
		}
		if p.Names[0].Pinyin != c.want || len(props) != 1 || !props[0].Generated {
			t.Errorf("Enter(%s) = %q, want %q", c.text, p.Names[0].Pinyin, c.want)
		}
		if p.Review != data.ReviewDraft || p.ReviewedBy != "" || p.Names[0].PinyinReviewed {
			t.Errorf("Enter(%s): a new place is a draft with unreviewed pinyin: %+v", c.text, p)
		}
	}
	p := &data.NamedPlace{Names: []data.Name{{Text: "茶峒", Pinyin: "Chadong"}}}
	props, err := gazetteer.Enter(p, nil, nil)
	if err != nil || p.Names[0].Pinyin != "Chadong" || props[0].Generated {
		t.Errorf("a given spelling is kept: %v %+v", err, props)
	}
	if _, err := gazetteer.Enter(&data.NamedPlace{Names: []data.Name{{Text: "长坪"}}}, nil,
		map[string]string{"": "x"}); data.KindOf(err) != data.KindInvalid {
		t.Errorf("a bad override: %v, want invalid", err)
	}
}

// TestLocateAndCheck derives the townships of points around two
// neighbouring squares and checks stated codes (C19).
func TestLocateAndCheck(t *testing.T) {
	ctx := context.Background()
	st, err := gpkg.Open(ctx, filepath.Join(t.TempDir(), "c19.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sq := func(x float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, 28.4}, {x + 0.1, 28.4}, {x + 0.1, 28.5}, {x, 28.5}, {x, 28.4}}}}
	}
	for _, u := range []*data.AdminUnit{
		{Code: "500241109", Name: "洪安镇", Level: data.LevelTownship, Type: "镇", Geometry: sq(109.1)},
		{Code: "500241110", Name: "雅江镇", Level: data.LevelTownship, Type: "镇", Geometry: sq(109.2)},
	} {
		if err := st.CreateAdminUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	today := data.Date(2026, 1, 1)
	for _, c := range []struct {
		p      orb.Point
		stated data.Code
		want   string
	}{
		{orb.Point{109.15, 28.45}, "500241109", gazetteer.CheckOK},
		{orb.Point{109.15, 28.45}, "500241110", gazetteer.CheckMismatch},
		{orb.Point{109.2, 28.45}, "500241110", gazetteer.CheckOnBoundary},      // on the shared edge
		{orb.Point{109.200005, 28.45}, "500241109", gazetteer.CheckOnBoundary}, // 0.5 m into 雅江
		{orb.Point{109.2001, 28.45}, "500241109", gazetteer.CheckMismatch},     // 10 m into 雅江
		{orb.Point{109.15, 28.45}, "500241", gazetteer.CheckUnchecked},         // no county geometry
	} {
		derived, err := gazetteer.Locate(ctx, st, c.p, today)
		if err != nil {
			t.Fatal(err)
		}
		got := gazetteer.CheckStated([]data.Code{c.stated}, derived)
		if len(got) != 1 || got[0].Status != c.want || got[0].Message == "" {
			t.Errorf("%v stated %s: %+v, want %s", c.p, c.stated, got, c.want)
		}
	}
	bridge := orb.LineString{{109.19, 28.45}, {109.21, 28.45}}
	derived, err := gazetteer.Locate(ctx, st, bridge, today)
	if err != nil || len(derived) != 2 || derived[0].Status != gazetteer.Partly {
		t.Errorf("a bridge across the line lies partly in both: %+v %v", derived, err)
	}
}
