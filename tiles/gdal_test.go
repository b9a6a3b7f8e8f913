package tiles

import (
	"bufio"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// ogrFeature is one feature as ogrinfo prints it.
type ogrFeature struct {
	attrs map[string]string
	wkt   string
}

// ogrRead writes the tile as z/x/y.mvt (so that GDAL's MVT driver
// georeferences it in EPSG:3857), has it keep the buffer (CLIP=NO) and parses `ogrinfo -al` into features
// per layer.
func ogrRead(t *testing.T, tile []byte, id TileID) map[string][]ogrFeature {
	t.Helper()
	ogrinfo := requireTool(t, "ogrinfo")
	path := filepath.Join(t.TempDir(), strconv.Itoa(int(id.Z)), strconv.Itoa(int(id.X)), strconv.Itoa(int(id.Y))+".mvt")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, tile, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogrinfo, "-ro", "-al", "-q", "-oo", "CLIP=NO", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	layers := map[string][]ogrFeature{}
	var layer string
	var cur *ogrFeature
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "OGRFeature("); ok {
			layer = rest[:strings.Index(rest, ")")]
			layers[layer] = append(layers[layer], ogrFeature{attrs: map[string]string{}})
			cur = &layers[layer][len(layers[layer])-1]
			continue
		}
		if cur == nil {
			continue
		}
		trimmed := strings.TrimSpace(line)
		if name, value, ok := strings.Cut(trimmed, " = "); ok && strings.Contains(name, " (") {
			cur.attrs[name[:strings.Index(name, " (")]] = value
		} else if strings.HasPrefix(trimmed, "POINT") || strings.HasPrefix(trimmed, "LINESTRING") ||
			strings.HasPrefix(trimmed, "POLYGON") || strings.HasPrefix(trimmed, "MULTI") {
			cur.wkt = trimmed
		}
	}
	return layers
}

// TestGDALReadsTiles has GDAL's MVT driver read the fixture tiles: the
// layers and their features must be those expected, and the marker in the
// buffer ring of the east neighbour must sit east of the tile, within the
// buffer, where Web Mercator puts it.
func TestGDALReadsTiles(t *testing.T) {
	fx := newFixture()
	for _, ts := range Tilesets() {
		b, err := fx.source().Tile(context.Background(), ts, fx.tile)
		if err != nil {
			t.Fatal(err)
		}
		got := ogrRead(t, b, fx.tile)
		want := fx.expected(ts)
		if len(got) != len(want) {
			t.Errorf("%s: GDAL reads %d layers, want %d", ts, len(got), len(want))
		}
		for name, ids := range want {
			var keys []string
			for _, f := range got[name] {
				key := f.attrs["id"]
				if name == LayerMarkers {
					key = f.attrs["number"]
				}
				keys = append(keys, key)
			}
			sort.Strings(keys)
			ids = slices.Clone(ids)
			sort.Strings(ids)
			if !slices.Equal(keys, ids) {
				t.Errorf("%s/%s: GDAL reads %v, want %v", ts, name, keys, ids)
			}
		}
		checkRingMarker(t, fx, got[LayerMarkers])
	}
}

func checkRingMarker(t *testing.T, fx *fixture, markers []ogrFeature) {
	t.Helper()
	m := fx.store.markers[1]
	mb := fx.tile.MercatorBound()
	unit := (mb.Max[0] - mb.Min[0]) / Extent
	for _, f := range markers {
		if f.attrs["number"] != m.Number {
			continue
		}
		var x, y float64
		if _, err := fmtSscan(f.wkt, &x, &y); err != nil {
			t.Fatalf("marker geometry %q: %v", f.wkt, err)
		}
		if x <= mb.Max[0] || x > mb.Max[0]+Buffer*unit {
			t.Errorf("ring marker x %.3f m not in the east buffer (%.3f, %.3f]", x, mb.Max[0], mb.Max[0]+Buffer*unit)
		}
		wantX := EarthRadius * m.Position[0] * math.Pi / 180
		if math.Abs(x-wantX) > unit {
			t.Errorf("ring marker x %.3f m, want %.3f ± %.3f", x, wantX, unit)
		}
		return
	}
	t.Errorf("GDAL finds no marker %s in the tile's buffer", m.Number)
}

// fmtSscan reads the coordinates of a WKT point.
func fmtSscan(wkt string, x, y *float64) (int, error) {
	s := strings.TrimSuffix(strings.TrimPrefix(wkt, "POINT ("), ")")
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, strconv.ErrSyntax
	}
	var err error
	if *x, err = strconv.ParseFloat(f[0], 64); err != nil {
		return 0, err
	}
	if *y, err = strconv.ParseFloat(f[1], 64); err != nil {
		return 1, err
	}
	return 2, nil
}
