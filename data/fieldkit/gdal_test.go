package fieldkit

import (
	"database/sql"
	"os"
	"os/exec"
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
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %v: %v\n%s", args, err, out)
	}
	if m := regexp.MustCompile(`(?m)^(Warning|ERROR) \d+:.*$`).FindAllString(string(out), -1); len(m) > 0 {
		t.Errorf("ogrinfo %v reported:\n%s", args, strings.Join(m, "\n"))
	}
	return string(out)
}

// geometryTables returns the geometry tables of the GeoPackage at path and
// their row counts, read with plain SQL.
func geometryTables(t *testing.T, path string) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	must(t, err)
	defer db.Close()
	rows, err := db.Query(`SELECT table_name FROM gpkg_geometry_columns`)
	must(t, err)
	var names []string
	for rows.Next() {
		var n string
		must(t, rows.Scan(&n))
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, n := range names {
		var c int
		must(t, db.QueryRow(`SELECT count(*) FROM "`+n+`"`).Scan(&c))
		out[n] = c
	}
	return out
}

// TestGDALReadsExport checks with GDAL that an exported file has every
// geometry table as a layer in EPSG:4490 with its rows and a spatial index,
// and the manifest as an attribute layer with one feature per record.
func TestGDALReadsExport(t *testing.T) {
	bin := ogrinfo(t)
	src := server(t)
	file, path, m := export(t, src, Selection{AdminCode: "500241109"})
	must(t, file.Close())
	tables := geometryTables(t, path)
	if len(tables) == 0 {
		t.Fatal("the export has no geometry tables")
	}
	out := runOgrinfo(t, bin, "-ro", "-so", "-al", path)
	blocks := map[string]string{}
	locs := regexp.MustCompile(`(?m)^Layer name: (\S+)$`).FindAllStringSubmatchIndex(out, -1)
	for i, loc := range locs {
		end := len(out)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		blocks[out[loc[2]:loc[3]]] = out[loc[0]:end]
	}
	count := func(block string) string {
		if c := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(block); c != nil {
			return c[1]
		}
		return "none"
	}
	for name, rows := range tables {
		block, ok := blocks[name]
		if !ok {
			t.Errorf("layer %s missing from ogrinfo", name)
			continue
		}
		if got := count(block); got != strconv.Itoa(rows) {
			t.Errorf("layer %s: feature count %s, want %d", name, got, rows)
		}
		if !strings.Contains(block, `ID["EPSG",4490]`) && !strings.Contains(block, `AUTHORITY["EPSG","4490"]`) {
			t.Errorf("layer %s: CRS is not EPSG:4490", name)
		}
		sql := runOgrinfo(t, bin, "-ro", path, "-sql", "SELECT HasSpatialIndex('"+name+"','geom')")
		if !regexp.MustCompile(`(?m)^\s+HasSpatialIndex\S* \(Integer\) = 1$`).MatchString(sql) {
			t.Errorf("HasSpatialIndex(%s, geom) is not 1:\n%s", name, sql)
		}
	}
	if got := count(blocks["fieldkit_records"]); got != strconv.Itoa(len(m.Records)) {
		t.Errorf("GDAL reads %s manifest records, want %d", got, len(m.Records))
	}
	if got := count(blocks["fieldkit_export"]); got != "1" {
		t.Errorf("GDAL reads %s export rows, want 1", got)
	}
}

// validateScript is GDAL's GeoPackage validator, shipped by python3-gdal.
const validateScript = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

// TestGDALValidatesExport runs GDAL's validate_gpkg.py over an exported
// file, manifest tables included.
func TestGDALValidatesExport(t *testing.T) {
	if _, err := os.Stat(validateScript); err != nil {
		t.Skip("GDAL's validate_gpkg.py (python3-gdal) not installed")
	}
	src := server(t)
	file, path, _ := export(t, src, Selection{Layers: []Layer{LayerSigns, LayerMarkers}})
	must(t, file.Close())
	out, err := exec.Command("/usr/bin/python3", validateScript, "-k", "--extra", "--warning-as-error", path).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("validate_gpkg.py: %v\n%s", err, out)
	}
}
