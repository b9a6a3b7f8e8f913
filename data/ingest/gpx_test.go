package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

const gpxHead = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="RTK" xmlns="http://www.topografix.com/GPX/1/1">
<metadata><name>界桩复测</name><extensions><x><y/></x></extensions></metadata>
`

const gpxBody = `<wpt lat="28.5" lon="109.2"><ele>312.5</ele><time>2024-05-01T01:30:00Z</time><name>4350001A</name><sym>Flag</sym><hdop>0.8</hdop><type>界桩</type></wpt>
<rte><name>r</name><rtept lat="28.5" lon="109.2"/><rtept lat="28.6" lon="109.3"><ele>300</ele></rtept></rte>
<trk><name>巡线</name>
 <trkseg><trkpt lat="28.5" lon="109.2"><ele>1</ele><time>2024-05-01T01:30:00Z</time></trkpt><trkpt lat="28.51" lon="109.21"><ele>2</ele><time>2024-05-01T01:30:05Z</time></trkpt></trkseg>
 <trkseg><trkpt lat="28.52" lon="109.22"/><trkpt lat="28.53" lon="109.23"/></trkseg>
</trk>
</gpx>
`

func TestGPX(t *testing.T) {
	recs := mustRead(t, NewGPX(strings.NewReader(gpxHead+gpxBody), Options{}))
	if len(recs) != 3 {
		t.Fatalf("got %d records", len(recs))
	}
	w, r, k := recs[0], recs[1], recs[2]
	if w.Layer != "wpt" || w.Row != 4 || w.Geometry != (orb.Point{109.2, 28.5}) || w.Datum != DatumWGS84 ||
		w.Attrs.Name != "4350001A" || w.Attrs.Kind != "界桩" || w.Attrs.Extra["hdop"] != "0.8" ||
		!w.Attrs.Time.Equal(time.Date(2024, 5, 1, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("waypoint %+v", w)
	}
	if h, ok := w.Height(); !ok || h != 312.5 {
		t.Errorf("waypoint height %v", h)
	}
	if r.Layer != "rte" || !orb.Equal(r.Geometry, orb.LineString{{109.2, 28.5}, {109.3, 28.6}}) || r.Times != nil ||
		!sameFloats(r.Z, []float64{nan(), 300}) {
		t.Errorf("route %+v", r)
	}
	mls, ok := k.Geometry.(orb.MultiLineString)
	if k.Layer != "trk" || !ok || len(mls) != 2 || k.Attrs.Name != "巡线" || len(k.Times) != 4 ||
		!sameFloats(k.Z, []float64{1, 2, nan(), nan()}) || k.Times[1].Sub(k.Times[0]) != 5*time.Second ||
		!k.Times[2].IsZero() {
		t.Errorf("track %+v", k)
	}
}

func TestGPXEncodingGBK(t *testing.T) {
	in := `<?xml version="1.0" encoding="GBK"?>` + "\n<gpx>" + gbk(t, `<wpt lat="28.5" lon="109.2"><name>洪安</name></wpt>`) + "</gpx>"
	recs := mustRead(t, NewGPX(strings.NewReader(in), Options{}))
	if len(recs) != 1 || recs[0].Attrs.Name != "洪安" {
		t.Fatalf("records %+v", recs)
	}
}

func TestGPXFailures(t *testing.T) {
	tests := []struct {
		name, in  string
		opts      Options
		row       int
		fragments []string
	}{
		{"truncated", gpxHead + gpxBody[:200], Options{}, 0, []string{"truncated"}},
		{"not gpx", `<kml><Placemark/></kml>`, Options{}, 1, []string{"not a GPX file"}},
		{"NaN", gpxHead + `<wpt lat="NaN" lon="109"/></gpx>`, Options{}, 4, []string{"NaN or infinite"}},
		{"Infinity", gpxHead + `<wpt lat="28" lon="Infinity"/></gpx>`, Options{}, 4, []string{"NaN or infinite"}},
		{"outside China", gpxHead + `<wpt lat="48.85" lon="2.35"/></gpx>`, Options{}, 4, []string{"outside China"}},
		{"swapped", gpxHead + `<wpt lat="109.2" lon="28.5"/></gpx>`, Options{}, 4, []string{"swapped"}},
		{"missing lon", gpxHead + `<wpt lat="28"/></gpx>`, Options{}, 4, []string{"lat and lon"}},
		{"bad ele", gpxHead + `<wpt lat="28" lon="109"><ele>high</ele></wpt></gpx>`, Options{}, 4, []string{"ele"}},
		{"bad trkpt", gpxHead + "<trk><trkseg><trkpt lat=\"28\" lon=\"109\"/>\n<trkpt lat=\"28\" lon=\"x\"/></trkseg></trk></gpx>",
			Options{}, 5, []string{"not a number"}},
		{"one-point segment", gpxHead + `<trk><trkseg><trkpt lat="28" lon="109"/></trkseg></trk></gpx>`, Options{}, 4,
			[]string{"only one point"}},
		{"too many points", gpxHead + "<trk><trkseg>" + strings.Repeat(`<trkpt lat="28" lon="109"/>`, 11) + "</trkseg></trk></gpx>",
			Options{MaxVertices: 10}, 4, []string{"more than 10 points"}},
		{"deep nesting", gpxHead + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</gpx>", Options{}, 4,
			[]string{"nested"}},
		{"projected CRS", gpxHead + "</gpx>", Options{CRS: 4545}, 0, []string{"EPSG:4326 or EPSG:4490"}},
		{"mismatched tags", gpxHead + "<wpt lat=\"28\" lon=\"109\"></trk></gpx>", Options{}, 4, []string{"invalid XML"}},
		{"unknown charset", `<?xml version="1.0" encoding="Big5"?><gpx/>`, Options{}, 0, []string{"not supported"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, NewGPX(strings.NewReader(tt.in), tt.opts))
			wantInvalid(t, err, tt.row, tt.fragments...)
		})
	}
}
