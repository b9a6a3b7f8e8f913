package gpkg

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// ogrinfo returns the path of GDAL's ogrinfo: in CI its absence fails the
// test, elsewhere it skips.
func ogrinfo(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("ogrinfo (GDAL) is required in CI: apt-get install gdal-bin")
		}
		t.Skip("ogrinfo (GDAL) not installed")
	}
	return p
}

func runOgrinfo(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "CPL_DEBUG=OFF")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %v: %v\n%s", args, err, out)
	}
	// GDAL prints warnings and errors as "Warning 1: …" or "ERROR 1: …".
	if m := regexp.MustCompile(`(?m)^(Warning|ERROR) \d+:.*$`).FindAllString(string(out), -1); len(m) > 0 {
		t.Errorf("ogrinfo %v reported:\n%s", args, strings.Join(m, "\n"))
	}
	return string(out)
}

// TestGDALReadsStore checks, with GDAL as the independent reader, that the
// file is a GeoPackage whose every geometry table is a layer in EPSG:4490
// with the right feature count and a spatial index.
func TestGDALReadsStore(t *testing.T) {
	bin := ogrinfo(t)
	path := filepath.Join(t.TempDir(), "toponym.gpkg")
	s, err := Open(context.Background(), path)
	must(t, err)
	counts := seed(t, s)
	must(t, s.Close())

	out := runOgrinfo(t, bin, "-ro", "-so", "-al", path)
	layers := regexp.MustCompile(`(?m)^Layer name: (\S+)$`).FindAllStringSubmatchIndex(out, -1)
	seen := map[string]bool{}
	for i, loc := range layers {
		name := out[loc[2]:loc[3]]
		end := len(out)
		if i+1 < len(layers) {
			end = layers[i+1][0]
		}
		block := out[loc[0]:end]
		want, isGeom := counts[name]
		if !isGeom {
			continue
		}
		seen[name] = true
		m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(block)
		if m == nil || m[1] != strconv.Itoa(want) {
			t.Errorf("layer %s: feature count %v, want %d", name, m, want)
		}
		if !strings.Contains(block, `ID["EPSG",4490]`) && !strings.Contains(block, `AUTHORITY["EPSG","4490"]`) {
			t.Errorf("layer %s: CRS is not EPSG:4490:\n%s", name, block)
		}
		if !strings.Contains(block, "Geometry Column = geom") {
			t.Errorf("layer %s: no geometry column geom", name)
		}
	}
	for name := range counts {
		if !seen[name] {
			t.Errorf("layer %s missing from ogrinfo -so:\n%s", name, out)
		}
		sql := runOgrinfo(t, bin, "-ro", path, "-sql", "SELECT HasSpatialIndex('"+name+"','geom')")
		if !regexp.MustCompile(`(?m)^\s+HasSpatialIndex\S* \(Integer\) = 1$`).MatchString(sql) {
			t.Errorf("HasSpatialIndex(%s, geom) is not 1:\n%s", name, sql)
		}
	}
}

// validateScript is GDAL's GeoPackage validator, shipped by python3-gdal.
const validateScript = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

// TestGDALValidator runs GDAL's validate_gpkg.py with its content checks,
// warnings counted as errors, over a seeded store.
func TestGDALValidator(t *testing.T) {
	if _, err := os.Stat(validateScript); err != nil {
		t.Skip("GDAL's validate_gpkg.py (python3-gdal) not installed")
	}
	path := filepath.Join(t.TempDir(), "toponym.gpkg")
	s, err := Open(context.Background(), path)
	must(t, err)
	seed(t, s)
	must(t, s.RegisterSRS(context.Background(), mustGK(t, 4545)))
	must(t, s.Close())
	out, err := exec.Command("/usr/bin/python3", validateScript, "-k", "--extra", "--warning-as-error", path).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("validate_gpkg.py: %v\n%s", err, out)
	}
}
