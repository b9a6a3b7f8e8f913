package api

import (
	"math"
	"net/url"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

func TestParseBBox(t *testing.T) {
	tests := []struct {
		name string
		in   string
		crs  crsID
		want orb.Bound
		bad  bool
	}{
		{name: "crs84", in: "109.1,28.4,109.4,28.6", want: bound(109.1, 28.4, 109.4, 28.6)},
		{name: "spaces", in: " 109.1, 28.4 ,109.4,28.6", want: bound(109.1, 28.4, 109.4, 28.6)},
		{name: "six numbers ignore heights", in: "109.1,28.4,-10,109.4,28.6,500", want: bound(109.1, 28.4, 109.4, 28.6)},
		{name: "epsg4490 lat first", in: "28.4,109.1,28.6,109.4", crs: epsg4490, want: bound(109.1, 28.4, 109.4, 28.6)},
		{name: "epsg4490 six", in: "28.4,109.1,0,28.6,109.4,0", crs: epsg4490, want: bound(109.1, 28.4, 109.4, 28.6)},
		{name: "point box", in: "109,28,109,28", want: bound(109, 28, 109, 28)},
		{name: "whole world", in: "-180,-90,180,90", want: bound(-180, -90, 180, 90)},
		{name: "three numbers", in: "1,2,3", bad: true},
		{name: "five numbers", in: "1,2,3,4,5", bad: true},
		{name: "empty", in: "", bad: true},
		{name: "empty part", in: "1,,3,4", bad: true},
		{name: "word", in: "a,2,3,4", bad: true},
		{name: "NaN", in: "NaN,2,3,4", bad: true},
		{name: "Inf", in: "1,2,Inf,4", bad: true},
		{name: "minx > maxx", in: "110,28,109,29", bad: true},
		{name: "miny > maxy", in: "109,29,110,28", bad: true},
		{name: "lat over 90", in: "109,28,110,91", bad: true},
		{name: "lat under -90", in: "109,-91,110,28", bad: true},
		{name: "lon over 180", in: "109,28,181,29", bad: true},
		// 28.4,109.1 read as lon,lat puts latitude 109.1 out of range.
		{name: "lat-first box sent as crs84", in: "28.4,109.1,28.6,109.4", bad: true},
		{name: "epsg4490 inverted lat", in: "28.6,109.1,28.4,109.4", crs: epsg4490, bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseBBox(tt.in, tt.crs)
			if tt.bad {
				assertInvalid(t, err, "bbox")
				return
			}
			if err != nil {
				t.Fatalf("parseBBox(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("parseBBox(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func bound(minx, miny, maxx, maxy float64) orb.Bound {
	return orb.Bound{Min: orb.Point{minx, miny}, Max: orb.Point{maxx, maxy}}
}

func TestParseDatetime(t *testing.T) {
	d := func(y int, m time.Month, day int) *time.Time { v := data.Date(y, m, day); return &v }
	tests := []struct {
		in       string
		at       *time.Time
		from, to time.Time
		interval bool
		bad      bool
	}{
		{in: ""},
		{in: "2010-01-01", at: d(2010, 1, 1)},
		{in: "2010-01-01T08:00:00Z", at: d(2010, 1, 1)},
		{in: "2010-01-01T23:30:00.5Z", at: d(2010, 1, 1)},
		// 2010-01-02T06:00+08:00 (2010-01-01T22:00Z) names 2010-01-02 where
		// it was written, and 2010-01-01T23:00-05:00 names 2010-01-01.
		{in: "2010-01-02T06:00:00+08:00", at: d(2010, 1, 2)},
		{in: "2010-01-01T23:00:00-05:00", at: d(2010, 1, 1)},
		{in: "2005-01-01/2011-12-31", interval: true, from: data.Date(2005, 1, 1), to: data.Date(2012, 1, 1)},
		{in: "2005-01-01/2005-01-01", interval: true, from: data.Date(2005, 1, 1), to: data.Date(2005, 1, 2)},
		{in: "../2011-12-31", interval: true, to: data.Date(2012, 1, 1)},
		{in: "/2011-12-31", interval: true, to: data.Date(2012, 1, 1)},
		{in: "2005-01-01/..", interval: true, from: data.Date(2005, 1, 1)},
		{in: "2005-01-01/", interval: true, from: data.Date(2005, 1, 1)},
		{in: "2005-01-01T00:00:00Z/2006-06-30T12:00:00Z", interval: true, from: data.Date(2005, 1, 1), to: data.Date(2006, 7, 1)},
		{in: "../..", bad: true},
		{in: "/", bad: true},
		{in: "2011-12-31/2005-01-01", bad: true},
		{in: "2010-13-01", bad: true},
		{in: "2010-02-30", bad: true},
		{in: "2010", bad: true},
		{in: "yesterday", bad: true},
		{in: "2010-01-01T08:00:00", bad: true}, // RFC 3339 needs a zone
		{in: "2005-01-01/2006-01-01/2007-01-01", bad: true},
		{in: "2005-01-01/x", bad: true},
		{in: "x/2005-01-01", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseDatetime(tt.in)
			if tt.bad {
				assertInvalid(t, err, "datetime")
				return
			}
			if err != nil {
				t.Fatalf("parseDatetime(%q): %v", tt.in, err)
			}
			switch {
			case tt.at != nil:
				if got.At == nil || !got.At.Equal(*tt.at) || got.Interval != nil {
					t.Errorf("parseDatetime(%q) = %+v, want at %v", tt.in, got, tt.at)
				}
			case tt.interval:
				if got.Interval == nil || got.At != nil || !got.Interval.From.Equal(tt.from) || !got.Interval.To.Equal(tt.to) {
					t.Errorf("parseDatetime(%q) = %+v, want [%v, %v)", tt.in, got.Interval, tt.from, tt.to)
				}
			default:
				if got.At != nil || got.Interval != nil {
					t.Errorf("parseDatetime(%q) = %+v, want no filter", tt.in, got)
				}
			}
		})
	}
}

func TestParseLimitOffset(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		bad  bool
	}{
		{in: "", want: 100}, {in: "1", want: 1}, {in: "10000", want: 10000}, {in: "250", want: 250},
		{in: "0", bad: true}, {in: "-1", bad: true}, {in: "10001", bad: true}, {in: "1.5", bad: true},
		{in: "ten", bad: true}, {in: "99999999999999999999", bad: true},
	} {
		got, err := parseLimit(tt.in)
		if tt.bad {
			assertInvalid(t, err, "limit")
		} else if err != nil || got != tt.want {
			t.Errorf("parseLimit(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want int
		bad  bool
	}{
		{in: "", want: 0}, {in: "0", want: 0}, {in: "1234", want: 1234},
		{in: "-1", bad: true}, {in: "x", bad: true}, {in: "2000000000", bad: true},
	} {
		got, err := parseOffset(tt.in)
		if tt.bad {
			assertInvalid(t, err, "offset")
		} else if err != nil || got != tt.want {
			t.Errorf("parseOffset(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseCRSAndFormat(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want crsID
		bad  bool
	}{
		{in: "", want: crs84}, {in: CRS84URI, want: crs84}, {in: EPSG4490URI, want: epsg4490},
		{in: "EPSG:4490", bad: true}, {in: "http://www.opengis.net/def/crs/EPSG/0/4326", bad: true},
	} {
		got, err := parseCRS("crs", tt.in)
		if tt.bad {
			assertInvalid(t, err, "crs")
		} else if err != nil || got != tt.want {
			t.Errorf("parseCRS(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := parseFormat("xml"); err == nil {
		t.Error("parseFormat(xml) succeeded")
	} else {
		assertInvalid(t, err, "f")
	}
}

func TestParseItemsParams(t *testing.T) {
	p, err := parseItemsParams(url.Values{
		"bbox": {"28.4,109.1,28.6,109.4"}, "bbox-crs": {EPSG4490URI}, "crs": {EPSG4490URI},
		"datetime": {"2010-01-01"}, "limit": {"7"}, "offset": {"14"}, "f": {"json"},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if *p.query.BBox != bound(109.1, 28.4, 109.4, 28.6) || p.crs != epsg4490 || p.query.Limit != 7 ||
		p.query.Offset != 14 || !p.query.At.Equal(data.Date(2010, 1, 1)) || p.format != formatJSON {
		t.Errorf("parseItemsParams = %+v", p)
	}
	for param, q := range map[string]url.Values{
		"foo":      {"foo": {"1"}},
		"limit":    {"limit": {"5", "6"}},
		"bbox-crs": {"bbox": {"1,2,3,4"}, "bbox-crs": {"EPSG:4326"}},
	} {
		_, err := parseItemsParams(q, nil)
		assertInvalid(t, err, param)
	}
}

func TestParseItemsQueryables(t *testing.T) {
	cs := map[string]*collection{}
	for _, c := range catalogue() {
		cs[c.ID] = c
	}
	p, err := parseItemsParams(url.Values{"code": {"500241109"}, "level": {"township"}}, cs["admin-units"])
	if err != nil || p.query.Code != "500241109" || p.query.Level != data.LevelTownship {
		t.Fatalf("admin-units queryables: %+v, %v", p.query, err)
	}
	p, err = parseItemsParams(url.Values{"admin_code": {"433124"}}, cs["place-names"])
	if err != nil || p.query.Code != "433124" {
		t.Fatalf("place-names admin_code: %+v, %v", p.query, err)
	}
	for _, tt := range []struct {
		coll, param, value string
	}{
		{"admin-units", "code", "50024"},
		{"admin-units", "code", "990241"},
		{"admin-units", "code", "500241000"},
		{"admin-units", "level", "city"},
		{"boundary-lines", "level", "village"},
		{"markers", "line", "4350"},
		{"place-names", "admin_code", "5002411"},
		{"markers", "code", "500241"}, // not a queryable of markers
	} {
		_, err := parseItemsParams(url.Values{tt.param: {tt.value}}, cs[tt.coll])
		assertInvalid(t, err, tt.param)
	}
}

// assertInvalid checks that err is a KindInvalid error about field.
func assertInvalid(tb testing.TB, err error, field string) {
	tb.Helper()
	e := data.AsError(err)
	if e == nil {
		tb.Fatalf("err = %v, want a data.Error about %s", err, field)
	}
	if e.Kind != data.KindInvalid || e.Field != field {
		tb.Errorf("err = %v (kind %v, field %q), want invalid %s", err, e.Kind, e.Field, field)
	}
}

func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"109.1,28.4,109.4,28.6", "1,2,3,4,5,6", "NaN,1,2,3", "-180,-90,180,90",
		"1e308,1e308,1e309,1", ",,,", "28.4,109.1,28.6,109.4", "0x1p-2,1,2,3"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, latLon bool) {
		crs := crs84
		if latLon {
			crs = epsg4490
		}
		b, err := parseBBox(s, crs)
		if err != nil {
			assertInvalid(t, err, "bbox")
			return
		}
		for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("parseBBox(%q) = %v: not finite", s, b)
			}
		}
		if b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] || b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
			t.Fatalf("parseBBox(%q) = %v: inverted or out of range", s, b)
		}
	})
}

func FuzzParseDatetime(f *testing.F) {
	for _, s := range []string{"2010-01-01", "2010-01-01T08:00:00Z", "2005-01-01/2011-12-31", "../2011-12-31",
		"2005-01-01/..", "../..", "/", "2010-01-01T08:00:00+08:00", "9999-12-31", "0001-01-01T00:00:00+01:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tf, err := parseDatetime(s)
		if err != nil {
			assertInvalid(t, err, "datetime")
			return
		}
		if tf.At != nil && tf.Interval != nil {
			t.Fatalf("parseDatetime(%q) set both At and Interval", s)
		}
		if p := tf.Interval; p != nil {
			if p.From.IsZero() && p.To.IsZero() {
				t.Fatalf("parseDatetime(%q): interval without bounds", s)
			}
			if !p.From.IsZero() && !p.To.IsZero() && !p.From.Before(p.To) {
				t.Fatalf("parseDatetime(%q) = [%v, %v): empty", s, p.From, p.To)
			}
		}
	})
}
