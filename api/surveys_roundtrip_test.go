package api

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/geo/projtest"
)

// Round trips through the upload API: what is read back in EPSG:4490 is
// held against PROJ's cs2cs within a millimetre.

const roundTripTolM = 0.001

// offMetres is the ground distance between two lon/lat points, in metres,
// for differences of a few millimetres.
func offMetres(a, b orb.Point) float64 {
	const r = 6378137.0
	dlat := (a[1] - b[1]) * math.Pi / 180
	dlon := (a[0] - b[0]) * math.Pi / 180 * math.Cos(a[1]*math.Pi/180)
	return r * math.Hypot(dlat, dlon)
}

// readBack returns the records of an upload: geometry coordinates in
// lon/lat, flattened, in file order.
func (u *uploadServer) readBack(tb testing.TB, survey, upload string) ([]orb.Point, []map[string]any) {
	tb.Helper()
	status, _, b := u.send(tb, "GET", "/surveys/"+survey+"/uploads/"+upload+"/items?limit=10000", nil, nil)
	if status != http.StatusOK {
		tb.Fatalf("items: %d %s", status, b)
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		tb.Fatal(err)
	}
	var pts []orb.Point
	var props []map[string]any
	for _, f := range fc.Features {
		switch f.Geometry.Type {
		case "Point":
			var c [2]float64
			_ = json.Unmarshal(f.Geometry.Coordinates, &c)
			pts = append(pts, c)
		case "LineString":
			var cs [][2]float64
			_ = json.Unmarshal(f.Geometry.Coordinates, &cs)
			for _, c := range cs {
				pts = append(pts, c)
			}
		default:
			tb.Fatalf("geometry type %s", f.Geometry.Type)
		}
		props = append(props, f.Properties)
	}
	return pts, props
}

// stored decodes a 201 upload answer.
func stored(tb testing.TB, status int, b []byte) map[string]any {
	tb.Helper()
	if status != http.StatusCreated {
		tb.Fatalf("upload: %d %s", status, b)
	}
	var rep map[string]any
	if err := json.Unmarshal(b, &rep); err != nil {
		tb.Fatal(err)
	}
	return rep
}

func TestCSVOfGaussKrugerRoundTrip(t *testing.T) {
	u := newUploadServer(t, Config{})
	rng := rand.New(rand.NewPCG(4545, 36))
	for _, c := range []struct {
		epsg   int
		prefix float64
	}{{4545, 0}, {4524, 36e6}} {
		t.Run(fmt.Sprint(c.epsg), func(t *testing.T) {
			survey := u.createSurvey(t, c.epsg)
			var csv strings.Builder
			csv.WriteString("点号,X坐标(m),Y坐标(m),高程\n")
			var gk []orb.Point // northing, easting without prefix
			for i := range 300 {
				n := 3000000 + float64(int64(rng.Float64()*330000e3))/1e3
				e := 400000 + float64(int64(rng.Float64()*200000e3))/1e3
				gk = append(gk, orb.Point{n, e})
				fmt.Fprintf(&csv, "BJ%03d,%.3f,%.3f,%.3f\n", i+1, n, e+c.prefix, 300+rng.Float64()*100)
			}
			status, _, b := u.postFile(t, survey, "file_name=rtk.csv", []byte(csv.String()), nil)
			rep := stored(t, status, b)
			if rep["stored"].(float64) != 300 || rep["rejected"].(float64) != 0 {
				t.Fatalf("report %v", rep)
			}
			got, props := u.readBack(t, survey, rep["upload_id"].(string))
			want := projtest.CS2CS(t, "EPSG:4545", "EPSG:4490", "%.12f", gk) // lat, lon
			for i := range want {
				w := orb.Point{want[i][1], want[i][0]}
				if d := offMetres(got[i], w); d > roundTripTolM {
					t.Errorf("point %d: read back %v, cs2cs %v: %.4f m apart", i+1, got[i], w, d)
				}
				if props[i]["source_crs"].(float64) != float64(c.epsg) || props[i]["row"].(float64) != float64(i+2) {
					t.Errorf("point %d: source_crs %v row %v", i+1, props[i]["source_crs"], props[i]["row"])
				}
			}
		})
	}
}

func TestGPXTrackRoundTrip(t *testing.T) {
	u := newUploadServer(t, Config{})
	survey := u.createSurvey(t, 4545) // GPX stays WGS 84 lon/lat whatever the survey declares
	rng := rand.New(rand.NewPCG(1, 2))
	var gpx strings.Builder
	gpx.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<gpx version="1.1" creator="Hi-Target" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>巡线</name><trkseg>` + "\n")
	var pts []orb.Point // lat, lon
	for i := range 500 {
		lat := 28.3 + rng.Float64()*0.4
		lon := 108.9 + rng.Float64()*0.5
		pts = append(pts, orb.Point{lat, lon})
		fmt.Fprintf(&gpx, `<trkpt lat="%.9f" lon="%.9f"><ele>%.2f</ele><time>2024-05-01T09:%02d:%02dZ</time></trkpt>`+"\n",
			lat, lon, 300.0, i/60, i%60)
	}
	gpx.WriteString("</trkseg></trk></gpx>\n")
	status, _, b := u.postFile(t, survey, "file_name=track.gpx", []byte(gpx.String()), nil)
	rep := stored(t, status, b)
	got, props := u.readBack(t, survey, rep["upload_id"].(string))
	if len(props) != 1 || props[0]["layer"] != "trk" || len(got) != len(pts) {
		t.Fatalf("read back %d features, %d points, want one track of %d", len(props), len(got), len(pts))
	}
	want := projtest.CS2CS(t, "EPSG:4326", "EPSG:4490", "%.12f", pts)
	for i := range want {
		w := orb.Point{want[i][1], want[i][0]}
		if d := offMetres(got[i], w); d > roundTripTolM {
			t.Errorf("track point %d: read back %v, cs2cs %v: %.4f m apart", i+1, got[i], w, d)
		}
	}
	// The raw file is kept byte for byte with its SHA-256.
	status, hdr, raw := u.send(t, "GET", "/surveys/"+survey+"/uploads/"+rep["upload_id"].(string)+"/raw", nil, nil)
	if status != http.StatusOK || string(raw) != gpx.String() || hdr.Get("X-Content-SHA256") != rep["sha256"] {
		t.Errorf("raw file: status %d, %d bytes (want %d), sha %q vs %v", status, len(raw), gpx.Len(),
			hdr.Get("X-Content-SHA256"), rep["sha256"])
	}
}
