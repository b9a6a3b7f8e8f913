package api

import (
	"bufio"
	"bytes"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
)

// ogrLayer is one layer as GDAL's MVT driver reads it: the MVT feature
// ids (its mvt_id field) in order and each feature's WKT in EPSG:3857.
type ogrLayer struct {
	fids []uint64
	geom []string
}

// readOGR runs ogrinfo on a z/x/y.mvt file (so that the MVT driver
// georeferences it), keeping the buffer (CLIP=NO).
func readOGR(t *testing.T, file string) map[string]*ogrLayer {
	t.Helper()
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		skipOrFail(t, "no ogrinfo: apt-get install gdal-bin")
	}
	out, err := exec.Command(ogrinfo, "-ro", "-al", "-q", "-oo", "CLIP=NO", file).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", file, err, out)
	}
	layers := map[string]*ogrLayer{}
	var cur *ogrLayer
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "OGRFeature("); ok {
			name, fid, _ := strings.Cut(rest, "):")
			if layers[name] == nil {
				layers[name] = &ogrLayer{}
			}
			cur = layers[name]
			if _, err := strconv.ParseUint(fid, 10, 64); err != nil {
				t.Fatalf("ogrinfo %s: OGR feature id %q", file, fid)
			}
			cur.fids = append(cur.fids, 0)
			cur.geom = append(cur.geom, "")
		} else if v, ok := strings.CutPrefix(line, "mvt_id (Integer64) = "); ok && cur != nil {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				t.Fatalf("ogrinfo %s: mvt_id %q", file, v)
			}
			cur.fids[len(cur.fids)-1] = n
		} else if cur != nil && wktStart(line) {
			cur.geom[len(cur.geom)-1] = line
		}
	}
	return layers
}

func wktStart(line string) bool {
	for _, p := range []string{"POINT", "LINESTRING", "POLYGON", "MULTI"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// compareGDAL checks GDAL's reading against orb's: the same layers, and
// per layer the same feature ids, each with a geometry.
func compareGDAL(t *testing.T, file string, want map[string]*mvt.Layer, got map[string]*ogrLayer) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: GDAL reads %d layers, orb %d", file, len(got), len(want))
	}
	for name, wl := range want {
		gl := got[name]
		if gl == nil {
			t.Errorf("%s: GDAL reads no layer %s", file, name)
			continue
		}
		var ids []uint64
		for _, f := range wl.Features {
			ids = append(ids, mvtID(f.ID))
		}
		if !reflect.DeepEqual(gl.fids, ids) {
			t.Errorf("%s/%s: GDAL reads feature ids %v, orb %v", file, name, gl.fids, ids)
		}
		for i, g := range gl.geom {
			if g == "" {
				t.Errorf("%s/%s: GDAL reads feature %d without geometry", file, name, gl.fids[i])
			}
		}
	}
}

// ogrPoint parses a WKT point of ogrinfo.
func ogrPoint(wkt string) (orb.Point, bool) {
	f := strings.Fields(strings.Trim(strings.TrimPrefix(wkt, "POINT"), " ()"))
	if len(f) != 2 {
		return orb.Point{}, false
	}
	x, errX := strconv.ParseFloat(f[0], 64)
	y, errY := strconv.ParseFloat(f[1], 64)
	return orb.Point{x, y}, errX == nil && errY == nil
}
