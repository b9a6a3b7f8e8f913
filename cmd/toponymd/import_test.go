package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
)

// TestImportIntoGeoPackage: with no database URL, `toponymd import` loads
// the file into the embedded store's GeoPackage in one transaction; a bad
// row stores nothing and names its line.
func TestImportIntoGeoPackage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "names.geojsonl")
	good := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.02,28.45]},"properties":{"name":"清溪场","legal_class":3}}
{"type":"Feature","geometry":{"type":"Point","coordinates":[109.03,28.46]},"properties":{"name":"隘口","legal_class":3}}
`
	if err := os.WriteFile(file, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "field.gpkg")
	var out, errOut bytes.Buffer
	noEnv := func(string) string { return "" }
	if err := importCmd(context.Background(), []string{"-gpkg", path, "-progress", "none", file}, &out, &errOut, noEnv); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	var rep struct{ Stored int }
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Stored != 2 {
		t.Fatalf("report %s (%v), want 2 stored", out.String(), err)
	}

	bad := filepath.Join(dir, "bad.geojsonl")
	if err := os.WriteFile(bad, []byte(strings.Replace(good, "28.46", "NaN", 1)+
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.04,28.47]},"properties":{"name":"新田","legal_class":3}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	errOut.Reset()
	err := importCmd(context.Background(), []string{"-gpkg", path, "-progress", "none", bad}, &out, &errOut, noEnv)
	if err == nil || !strings.Contains(errOut.String(), "line 2") {
		t.Fatalf("a NaN row: err %v, stderr %q; want an error naming line 2", err, errOut.String())
	}

	st, err := gpkg.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for q, want := range map[string]int{"清溪场": 1, "qingxichang": 1, "新田": 0} {
		page, err := st.Search(context.Background(), data.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != want {
			t.Errorf("search %q: %d hits, want %d", q, len(page.Items), want)
		}
	}
}
