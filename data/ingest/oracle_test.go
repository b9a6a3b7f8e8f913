package ingest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/geo/projtest"
)

// The oracle for reprojection is PROJ's cs2cs: files of Gauss-Krüger
// coordinates and GPX tracks are generated here, read back in EPSG:4490 and
// compared with cs2cs within a millimetre.

const oracleTolM = 0.001

// randomGK returns n survey points of zone 36 over 渝湘黔 as
// orb.Point{northing, easting} without the zone prefix, in millimetres.
func randomGK(n int, rng *rand.Rand) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		n := 3000000 + rng.Float64()*330000 // 27.1°N–30.1°N
		e := 400000 + rng.Float64()*200000  // within ±1.1° of 108°E
		pts[i] = orb.Point{float64(int64(n*1000)) / 1000, float64(int64(e*1000)) / 1000}
	}
	return pts
}

func TestCSVGaussKrugerAgainstCS2CS(t *testing.T) {
	rng := rand.New(rand.NewPCG(4545, 4524))
	gk := randomGK(500, rng)
	want := projtest.CS2CS(t, "EPSG:4545", "EPSG:4490", "%.12f", gk) // lat, lon
	for _, tt := range []struct {
		epsg, declared int
		prefix         float64
	}{{4545, 4545, 0}, {4524, 4524, 36e6}, {4524, 0, 36e6}} {
		t.Run(fmt.Sprintf("EPSG:%d declared %d", tt.epsg, tt.declared), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("点号,北坐标(X),东坐标(Y),高程\n")
			for i, p := range gk {
				fmt.Fprintf(&b, "P%d,%.3f,%.3f,%.3f\n", i+1, p[0], p[1]+tt.prefix, 300+float64(i)/10)
			}
			recs := mustRead(t, NewCSV(strings.NewReader(b.String()), Options{CRS: tt.declared}))
			if len(recs) != len(gk) {
				t.Fatalf("read %d records, want %d", len(recs), len(gk))
			}
			var worst float64
			for i, r := range recs {
				if r.SourceCRS != tt.epsg || r.Attrs.PointCode != "P"+strconv.Itoa(i+1) {
					t.Fatalf("record %d: CRS %d, point %q", i, r.SourceCRS, r.Attrs.PointCode)
				}
				d := planarDegreesToMetres(r.Geometry.(orb.Point), orb.Point{want[i][1], want[i][0]})
				worst = max(worst, d)
			}
			t.Logf("%d points: largest difference from cs2cs %.2g m", len(recs), worst)
			if worst > oracleTolM {
				t.Errorf("largest difference from cs2cs %.4f m, want ≤ %g m", worst, oracleTolM)
			}
		})
	}
}

func TestGPXTrackAgainstCS2CS(t *testing.T) {
	rng := rand.New(rand.NewPCG(4326, 4490))
	pts := make([]orb.Point, 300) // lat, lon as a receiver writes them
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>` + "\n")
	for i := range pts {
		pts[i] = orb.Point{28 + rng.Float64(), 108.5 + rng.Float64()}
		fmt.Fprintf(&b, `<trkpt lat="%.9f" lon="%.9f"><ele>%.3f</ele><time>2024-05-01T01:%02d:%02dZ</time></trkpt>`+"\n",
			pts[i][0], pts[i][1], 400+rng.Float64()*100, i/60, i%60)
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	recs := mustRead(t, NewGPX(strings.NewReader(b.String()), Options{}))
	if len(recs) != 1 {
		t.Fatalf("read %d records", len(recs))
	}
	ls := recs[0].Geometry.(orb.LineString)
	src := recs[0].Source.(orb.LineString)
	in4326 := make([]orb.Point, len(src))
	for i, p := range src {
		in4326[i] = orb.Point{p[1], p[0]}
	}
	want := projtest.CS2CS(t, "EPSG:4326", "EPSG:4490", "%.12f", in4326)
	var worst float64
	for i, p := range ls {
		worst = max(worst, planarDegreesToMetres(p, orb.Point{want[i][1], want[i][0]}))
	}
	t.Logf("%d track points: largest difference from cs2cs %.2g m", len(ls), worst)
	if worst > oracleTolM || len(recs[0].Z) != len(ls) || len(recs[0].Times) != len(ls) {
		t.Errorf("largest difference %.4f m; %d heights and %d times for %d points", worst, len(recs[0].Z),
			len(recs[0].Times), len(ls))
	}
}
