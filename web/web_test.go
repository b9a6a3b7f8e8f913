package web

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVendoredMapLibreMatchesNPM checks the vendored files byte for byte
// against the npm package of the recorded version.
func TestVendoredMapLibreMatchesNPM(t *testing.T) {
	if testing.Short() {
		t.Skip("npm in -short mode")
	}
	version, err := os.ReadFile("static/vendor/maplibre-gl/VERSION")
	if err != nil || strings.TrimSpace(string(version)) != MapLibreVersion {
		t.Fatalf("VERSION %q (%v), want %s", version, err, MapLibreVersion)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("npm is required in CI")
		}
		t.Skip("no npm")
	}
	dir := t.TempDir()
	if out, err := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefix", dir,
		"maplibre-gl@"+MapLibreVersion).CombinedOutput(); err != nil {
		t.Fatalf("npm install: %v\n%s", err, out)
	}
	pkg := filepath.Join(dir, "node_modules", "maplibre-gl")
	for name, want := range map[string]string{"maplibre-gl.js": "dist/maplibre-gl.js",
		"maplibre-gl.css": "dist/maplibre-gl.css", "maplibre-gl-LICENSE.txt": "LICENSE.txt"} {
		got, ok := File(name)
		npmFile, err := os.ReadFile(filepath.Join(pkg, want))
		if !ok || err != nil || !bytes.Equal(got, npmFile) {
			t.Errorf("%s differs from npm maplibre-gl@%s %s (%v)", name, MapLibreVersion, want, err)
		}
	}
}

func TestEveryAssetIsEmbedded(t *testing.T) {
	for _, name := range Names() {
		if b, ok := File(name); !ok || len(b) == 0 {
			t.Errorf("%s is not embedded", name)
		}
	}
	if _, ok := File("../web.go"); ok {
		t.Error("a path outside the assets was served")
	}
}
