package tiles

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// npmInstall installs packages into a temporary directory and returns it;
// it skips without npm, or fails when CI=true.
func npmInstall(t *testing.T, pkgs ...string) string {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("npm is required in CI")
		}
		t.Skip("no npm")
	}
	dir := t.TempDir()
	args := append([]string{"install", "--no-audit", "--no-fund", "--prefix", dir}, pkgs...)
	if out, err := exec.Command(npm, args...).CombinedOutput(); err != nil {
		t.Fatalf("npm install %v: %v\n%s", pkgs, err, out)
	}
	return dir
}

// TestStyleValidates runs MapLibre's own validator over both styles.
func TestStyleValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("npm in -short mode")
	}
	dir := npmInstall(t, "@maplibre/maplibre-gl-style-spec")
	validate := filepath.Join(dir, "node_modules", ".bin", "gl-style-validate")
	for _, name := range Tilesets() {
		style, err := Style(name, "https://gis.example.org/toponym")
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(style)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), name+".json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(validate, path).CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("style %s: %v\n%s", name, err, out)
		}
	}
	if _, err := Style("secret", ""); err == nil {
		t.Error("an unknown style was made")
	}
}
