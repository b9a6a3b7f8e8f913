package api

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// gdalTool returns the path of a GDAL command: the test fails without it
// in CI and is skipped elsewhere.
func gdalTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing: install gdal-bin", name)
		}
		tb.Skipf("%s is missing (install gdal-bin)", name)
	}
	return path
}

// runGDAL runs a GDAL command against the local server and returns stdout.
func runGDAL(tb testing.TB, path string, args ...string) string {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append(os.Environ(), "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1", "GDAL_HTTP_MAX_RETRY=0",
		"CPL_DEBUG=OFF", "GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("%s %s: %v\n%s", filepath.Base(path), strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// TestGDALReadsEveryPage checks the API against GDAL's OAPIF driver, an
// independent OGC API – Features client: it must list every collection and
// read all 1,234 place names by following next links, 100 per page.
func TestGDALReadsEveryPage(t *testing.T) {
	ogrinfo, ogr2ogr := gdalTool(t, "ogrinfo"), gdalTool(t, "ogr2ogr")
	st := pgtest.Store(t)
	const n = 1234
	err := st.Atomic(context.Background(), func(tx data.Store) error {
		for i := range n {
			at := orb.Point{108.8 + float64(i%50)*0.01, 28.2 + float64(i/50)*0.01}
			p := place(data.KindPlaceName, data.ReviewPublished, "地名"+strconv.Itoa(i), "Diming", at)
			if err := tx.CreatePlace(context.Background(), p); err != nil {
				return err
			}
		}
		return tx.CreatePlace(context.Background(), place(data.KindPlaceName, data.ReviewDraft, "草稿", "Caogao", orb.Point{109, 28.5}))
	})
	if err != nil {
		t.Fatal(err)
	}
	h, logs := newStubServer(t, Config{}, st)
	srv := httptest.NewServer(h) // listens on 127.0.0.1:0
	defer srv.Close()
	ds := "OAPIF:" + srv.URL + "/"

	info := runGDAL(t, ogrinfo, "-ro", "-so", "-oo", "PAGE_SIZE=100", ds)
	for _, c := range catalogue() {
		if !strings.Contains(info, c.ID) {
			t.Errorf("ogrinfo does not list %s:\n%s", c.ID, info)
		}
	}

	out := filepath.Join(t.TempDir(), "place-names.geojson")
	runGDAL(t, ogr2ogr, "-f", "GeoJSON", "-oo", "PAGE_SIZE=100", out, ds, "place-names")
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type        string     `json:"type"`
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, f := range fc.Features {
		id, _ := f.Properties["id"].(string)
		if !data.ValidID(id) || f.Geometry.Type != "Point" {
			t.Fatalf("feature %v: id %q, geometry %s", f.Properties, id, f.Geometry.Type)
		}
		ids[id] = true
	}
	if len(fc.Features) != n || len(ids) != n {
		t.Errorf("GDAL read %d features with %d distinct ids, want %d", len(fc.Features), len(ids), n)
	}
	pages := 0
	for _, l := range logs.lines(t, "request") {
		if l["path"] == "/collections/place-names/items" && l["status"] == float64(200) {
			pages++
		}
	}
	if pages < n/100 {
		t.Errorf("GDAL fetched %d pages of place names; want at least %d (PAGE_SIZE=100)", pages, n/100)
	}
}
