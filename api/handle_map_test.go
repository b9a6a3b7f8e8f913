package api

import (
	"context"
	"encoding/json"
	"html"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/toponym/toponym/tiles"
)

// chromium returns the path of a Debian headless Chromium, or skips (fails
// when CI=true) if there is none.
func chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no headless Chromium: apt-get install chromium-headless-shell"
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// chromiumArgs are the flags of a headless run on a machine without a GPU
// or network: software WebGL, no background traffic, no sandbox (tests may
// run as root).
func chromiumArgs(profile, budget string) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
		"--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update",
		"--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-extensions",
		"--user-data-dir=" + profile, "--window-size=1024,768", "--virtual-time-budget=" + budget}
}

var statusRe = regexp.MustCompile(`(?s)<pre id="status"[^>]*>(.*?)</pre>`)

// TestMapPageInChromium opens /map from a test server in headless Chromium,
// waits for the map to be idle, reads back the rendered features the page
// counts with queryRenderedFeatures, and saves a screenshot.
func TestMapPageInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser in -short mode")
	}
	bin := chromium(t)
	st := sampleGPKG(t)
	srv := httptest.NewServer(New(Config{}, st, nil))
	defer srv.Close()
	url := srv.URL + "/map?z=10"
	dir := t.TempDir()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var state struct {
		Loaded bool           `json:"loaded"`
		Counts map[string]int `json:"counts"`
		Errors []string       `json:"errors"`
	}
	// The page sets its status once the map is idle; under load that can
	// take longer than the virtual time budget, so try with larger ones.
	for i, budget := range []string{"20000", "40000", "80000"} {
		profile := filepath.Join(dir, "dom"+budget)
		dom, err := exec.CommandContext(ctx, bin, append(chromiumArgs(profile, budget), "--dump-dom", url)...).Output()
		if err != nil {
			t.Fatalf("chromium --dump-dom: %v", err)
		}
		m := statusRe.FindSubmatch(dom)
		if m == nil {
			t.Fatalf("the page has no status element; DOM:\n%.2000s", dom)
		}
		if len(m[1]) == 0 && i < 2 {
			continue
		}
		if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &state); err != nil {
			t.Fatalf("status %q: %v", m[1], err)
		}
		break
	}
	t.Logf("rendered features by layer: %v", state.Counts)
	if !state.Loaded || len(state.Errors) > 0 {
		t.Errorf("map loaded %v, errors %v", state.Loaded, state.Errors)
	}
	for _, l := range []string{tiles.LayerCounties, tiles.LayerTownships, tiles.LayerProvinceLines, tiles.LayerPlaceNames} {
		if state.Counts[l] == 0 {
			t.Errorf("no rendered feature of %s (counts %v)", l, state.Counts)
		}
	}

	shot := filepath.Join(outDir(t), "map.png")
	cmd := exec.CommandContext(ctx, bin, append(chromiumArgs(filepath.Join(dir, "shot"), "20000"), "--screenshot="+shot, url)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, out)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 20000 {
		t.Errorf("screenshot %s: %v (size too small for a drawn map)", shot, err)
	}
	t.Logf("screenshot: %s", shot)
}

// outDir is where the screenshot goes: $TOPONYM_TEST_OUT if set (to look
// at it), else the test's temporary directory.
func outDir(t *testing.T) string {
	if d := os.Getenv("TOPONYM_TEST_OUT"); d != "" {
		return d
	}
	return t.TempDir()
}
