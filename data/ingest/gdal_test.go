package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// GDAL's GPX driver is an independent reader: its track_points layer must
// give the same positions and heights as ours.

// ogrPoints runs ogr2ogr over file's layer and returns each feature's
// point and "ele" property.
func ogrPoints(tb testing.TB, file, layer string) ([]orb.Point, []float64) {
	tb.Helper()
	path, err := exec.LookPath("ogr2ogr")
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("ogr2ogr (GDAL, Debian package gdal-bin) is required in CI: %v", err)
		}
		tb.Skipf("ogr2ogr not found (install gdal-bin): %v", err)
	}
	out, err := exec.Command(path, "-f", "GeoJSONSeq", "/vsistdout/", file, layer,
		"-lco", "COORDINATE_PRECISION=12").Output()
	if err != nil {
		tb.Fatalf("ogr2ogr %s %s: %v", file, layer, err)
	}
	var pts []orb.Point
	var eles []float64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var f struct {
			Geometry struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				Ele *float64 `json:"ele"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil || len(f.Geometry.Coordinates) < 2 {
			tb.Fatalf("ogr2ogr output %q: %v", sc.Text(), err)
		}
		pts = append(pts, orb.Point{f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]})
		ele := math.NaN()
		if f.Properties.Ele != nil {
			ele = *f.Properties.Ele
		}
		eles = append(eles, ele)
	}
	return pts, eles
}

func TestGPXAgainstGDAL(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>巡线</name>` + "\n")
	for seg := range 3 {
		b.WriteString("<trkseg>\n")
		for i := range 50 + seg {
			fmt.Fprintf(&b, `<trkpt lat="%.9f" lon="%.9f">`, 28+rng.Float64(), 108.5+rng.Float64())
			if i%7 != 0 {
				fmt.Fprintf(&b, "<ele>%.3f</ele>", 300+rng.Float64()*200)
			}
			b.WriteString("</trkpt>\n")
		}
		b.WriteString("</trkseg>\n")
	}
	b.WriteString("</trk></gpx>\n")
	file := filepath.Join(t.TempDir(), "track.gpx")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	wantPts, wantEle := ogrPoints(t, file, "track_points")
	recs := mustRead(t, NewGPX(bytes.NewReader(b.Bytes()), Options{}))
	if len(recs) != 1 {
		t.Fatalf("read %d records", len(recs))
	}
	var got []orb.Point
	for _, ls := range recs[0].Geometry.(orb.MultiLineString) {
		got = append(got, ls...)
	}
	if len(got) != len(wantPts) || !sameFloats(recs[0].Z, wantEle) {
		t.Fatalf("%d points and heights %v; GDAL has %d points and heights %v", len(got), recs[0].Z,
			len(wantPts), wantEle)
	}
	for i := range got {
		if d := planarDegreesToMetres(got[i], wantPts[i]); d > oracleTolM {
			t.Fatalf("point %d: %v, GDAL %v (%.4f m apart)", i, got[i], wantPts[i], d)
		}
	}
}
