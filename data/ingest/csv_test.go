package ingest

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const placesCSV = "名称,拼音,类别,经度,纬度,高程(m),时间,备注\n" +
	"洪安镇,Hong'an Zhen,110,109.2,28.5,312.5,2024-05-01 09:30:00,渝湘黔\n" +
	"边城镇,Biancheng Zhen,110,109.3,28.6,,,\n"

func gbk(tb testing.TB, s string) string {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestCSVPlaces(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		opts     Options
	}{
		{"utf-8", placesCSV, Options{}},
		{"utf-8 with BOM", "\ufeff" + placesCSV, Options{}},
		{"gbk detected", gbk(t, placesCSV), Options{}},
		{"gbk declared", gbk(t, placesCSV), Options{Encoding: "GBK"}},
		{"gb18030 declared", gbk(t, placesCSV), Options{Encoding: "gb18030"}},
		{"tabs", strings.ReplaceAll(placesCSV, ",", "\t"), Options{}},
		{"semicolons, CRLF", strings.ReplaceAll(strings.ReplaceAll(placesCSV, ",", ";"), "\n", "\r\n"), Options{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs := mustRead(t, NewCSV(strings.NewReader(tt.in), tt.opts))
			if len(recs) != 2 {
				t.Fatalf("got %d records", len(recs))
			}
			r := recs[0]
			if r.Row != 2 || r.Geometry != (orb.Point{109.2, 28.5}) || r.SourceCRS != 4490 || r.Datum != DatumCGCS2000 {
				t.Errorf("record %+v", r)
			}
			if r.Attrs.Name != "洪安镇" || r.Attrs.Pinyin != "Hong'an Zhen" || r.Attrs.Category != "110" ||
				r.Attrs.Extra["备注"] != "渝湘黔" || r.Attrs.Time.Format("2006-01-02T15:04:05Z07:00") != "2024-05-01T09:30:00+08:00" {
				t.Errorf("attrs %+v", r.Attrs)
			}
			if h, ok := r.Height(); !ok || h != 312.5 {
				t.Errorf("height %v %v", h, ok)
			}
			if _, ok := recs[1].Height(); ok || recs[1].Attrs.Name != "边城镇" || recs[1].Row != 3 {
				t.Errorf("second record %+v", recs[1])
			}
		})
	}
}

func TestCSVSurveyRegister(t *testing.T) {
	// A marker register in EPSG:4524: X northing, Y easting with zone prefix.
	in := "桩号,点号,X,Y,H,中误差\n4350001A,P1,3154440.6231,36617489.6489,301.2,0.05\n"
	recs := mustRead(t, NewCSV(strings.NewReader(in), Options{}))
	r := recs[0]
	if r.SourceCRS != 4524 || r.Source != (orb.Point{36617489.6489, 3154440.6231}) ||
		r.Attrs.MarkerNumber != "4350001A" || r.Attrs.PointCode != "P1" || r.Attrs.SigmaM != 0.05 {
		t.Fatalf("record %+v", r)
	}
	p := r.Geometry.(orb.Point)
	if d := planarDegreesToMetres(p, orb.Point{109.2, 28.5}); d > 0.001 {
		t.Errorf("read %v, %.4f m from (109.2, 28.5)", p, d)
	}
	// The same with English headers, a declared plain zone and explicit columns.
	in = "id,N,E,label\nP1,3154440.6231,617489.6489,界桩\n"
	recs = mustRead(t, NewCSV(strings.NewReader(in), Options{CRS: 4545, Columns: Columns{Name: "label"}}))
	if recs[0].SourceCRS != 4545 || recs[0].Attrs.Name != "界桩" || recs[0].Attrs.Extra["id"] != "P1" {
		t.Fatalf("record %+v", recs[0])
	}
	// X/Y holding degrees are lon/lat; degrees-minutes-seconds are read.
	in = "X,Y\n109.2,28.5\n\"109°12′0″\",28°30'\n"
	recs = mustRead(t, NewCSV(strings.NewReader(in), Options{}))
	if recs[0].SourceCRS != 4490 || recs[1].Geometry != (orb.Point{109.2, 28.5}) {
		t.Fatalf("records %+v", recs)
	}
}

func TestCSVFailures(t *testing.T) {
	tests := []struct {
		name, in  string
		opts      Options
		row       int
		fragments []string
	}{
		{"gbk declared as utf-8", gbk(t, placesCSV), Options{Encoding: "utf-8"}, 1, []string{"not valid UTF-8", "GBK", "column 1"}},
		{"gbk rows declared as utf-8", "name,lon,lat\n" + gbk(t, "洪安镇,109.2,28.5\n"), Options{Encoding: "utf-8"}, 2,
			[]string{"not valid UTF-8", "GBK", "name", "ba e9 b0 b2"}},
		{"gbk after 64 KiB of ascii", "name,lon,lat\n" + strings.Repeat("a,109,28\n", 8000) + gbk(t, "洪安,109,28\n"),
			Options{}, 8002, []string{"not valid UTF-8", "name"}},
		{"neither utf-8 nor gbk", "name,lon,lat\n\xff\xff,109,28\n", Options{}, 2, []string{"neither UTF-8 nor GBK"}},
		{"utf-16", "\xff\xfen\x00", Options{}, 0, []string{"UTF-16"}},
		{"NUL in a name", "名称,lon,lat\n洪安,109.2,28.46\n边\x00城,109,28\n", Options{}, 3, []string{"NUL", "名称"}},
		{"NaN", "name,lon,lat\na,NaN,28\n", Options{}, 2, []string{"NaN", "lon/lat"}},
		{"Infinity", "name,lon,lat\na,109,+Inf\n", Options{}, 2, []string{"NaN or infinite"}},
		{"overflow", "name,lon,lat\na,1e400,28\n", Options{}, 2, []string{"NaN or infinite"}},
		{"outside China", "name,lon,lat\nParis,2.35,48.85\n", Options{}, 2, []string{"outside China"}},
		{"swapped lon lat", "name,经度,纬度\na,28.5,109.2\n", Options{}, 2, []string{"swapped"}},
		{"swapped X Y", "X,Y\n617489.6489,3154440.6231\n", Options{CRS: 4545}, 2, []string{"swapped"}},
		{"zone of another prefix", "X,Y\n3154440.6231,37617489.6489\n", Options{CRS: 4524}, 2,
			[]string{"zone prefix 37", "EPSG:4525"}},
		{"unprefixed easting declared prefixed", "X,Y\n3154440.6231,617489.6489\n", Options{CRS: 4524}, 2,
			[]string{"no zone prefix", "EPSG:4545"}},
		{"zone does not match eastings", "X,Y\n3154440.6231,790000\n", Options{CRS: 4545}, 2,
			[]string{"central meridian", "EPSG:4546"}},
		{"prefixed easting declared plain", "X,Y\n3154440.6231,36617489.6489\n", Options{CRS: 4545}, 2,
			[]string{"carries zone prefix 36", "EPSG:4524"}},
		{"plain zone undeclared", "X,Y\n3154440.6231,617489.6489\n", Options{}, 2, []string{"cannot tell the Gauss-Krüger zone"}},
		{"no coordinate columns", "名称,类别\na,b\n", Options{}, 1, []string{"no coordinate columns"}},
		{"projected CRS, lon/lat columns", "lon,lat\n109,28\n", Options{CRS: 4545}, 1, []string{"northing/easting"}},
		{"missing column", "name,lon,lat\na,109\n", Options{}, 2, []string{"missing"}},
		{"empty value", "name,lon,lat\na,,28\n", Options{}, 2, []string{"empty"}},
		{"not a number", "name,lon,lat\na,東,28\n", Options{}, 2, []string{"not a number"}},
		{"bad quote", "name,lon,lat\n\"a,109,28\n", Options{}, 2, []string{"quote"}},
		{"bad sigma", "name,lon,lat,σ\na,109,28,-1\n", Options{}, 2, []string{"σ"}},
		{"empty file", "", Options{}, 1, []string{"empty"}},
		{"two longitude columns", "名称,经度,纬度,lon\na,109,28,108\n", Options{}, 1,
			[]string{"经度", "lon", "longitude", "column mapping"}},
		{"unknown column given", "lon,lat\n109,28\n", Options{Columns: Columns{Name: "名称"}}, 1, []string{"not in the header"}},
		{"unknown encoding", "lon,lat\n109,28\n", Options{Encoding: "big5"}, 0, []string{"not supported"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, NewCSV(strings.NewReader(tt.in), tt.opts))
			e := wantInvalid(t, err, tt.row, tt.fragments...)
			if strings.ContainsRune(e.Error(), '\uFFFD') {
				t.Errorf("error shows garbage text: %q", e)
			}
		})
	}
}

func TestCSVValidRowsOnly(t *testing.T) {
	in := "name,lon,lat\na,109,28\nb,NaN,28\nc,2,48\nd,109.5,28.5\n"
	s := NewCSV(strings.NewReader(in), Options{ValidRowsOnly: true, MaxErrors: 1})
	recs := mustRead(t, s)
	if len(recs) != 2 || recs[1].Attrs.Name != "d" || recs[1].Row != 5 {
		t.Fatalf("records %+v", recs)
	}
	if s.Rejected() != 2 || len(s.Errors()) != 1 || s.Errors()[0].Row != 3 {
		t.Fatalf("rejected %d, errors %v", s.Rejected(), s.Errors())
	}
	// Without ValidRowsOnly the stream stops at the first bad row.
	recs, err := readAll(t, NewCSV(strings.NewReader(in), Options{}))
	if len(recs) != 1 {
		t.Errorf("read %d records before the error, want 1", len(recs))
	}
	wantInvalid(t, err, 3, "NaN")
}
