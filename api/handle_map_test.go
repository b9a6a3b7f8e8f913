package api

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/toponym/toponym/tiles"
)

// puppeteerCore is the npm package that drives the browser; 24.x runs on
// Debian's Node 20.
const puppeteerCore = "puppeteer-core@24.43.1"

// headlessShell is Debian's chromium-headless-shell.
const headlessShell = "/usr/bin/chromium-headless-shell"

// chromium returns the path of Debian's headless Chromium shell, or skips
// (fails when CI=true) if there is none.
func chromium(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(headlessShell); err != nil {
		skipOrFail(tb, "no "+headlessShell+": apt-get install chromium-headless-shell")
	}
	return headlessShell
}

// chromiumArgs are the flags of a headless run on a machine without a GPU
// or network: software WebGL, no background traffic, no sandbox (tests may
// run as root).
var chromiumArgs = []string{"--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader",
	"--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update",
	"--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-extensions",
	"--disable-dev-shm-usage", "--window-size=1024,768"}

// browseMJS opens each map page of argv[4] (JSON [{url, shot}]) in the
// browser (argv[2], flags argv[3] as JSON), waits until the map is idle
// with its tiles loaded, reads back the rendered features with
// map.queryRenderedFeatures, saves a screenshot and prints, per page,
// {counts, labels, errors, logs}.
const browseMJS = `import puppeteer from 'puppeteer-core';

const [executablePath, flags, views] = process.argv.slice(2);
const browser = await puppeteer.launch({executablePath, headless: 'shell', args: JSON.parse(flags),
  defaultViewport: {width: 1024, height: 768}, protocolTimeout: 120000});
const results = [];
try {
  for (const {url, shot} of JSON.parse(views)) {
    const logs = [];
    const page = await browser.newPage();
    page.on('console', m => logs.push(m.type() + ': ' + m.text()));
    page.on('pageerror', e => logs.push('pageerror: ' + e));
    page.on('requestfailed', r => logs.push('requestfailed: ' + r.url()));
    await page.goto(url, {waitUntil: 'load', timeout: 60000});
    await page.waitForFunction(() => window.toponym && window.toponym.loaded &&
      window.toponym.map.loaded() && window.toponym.map.areTilesLoaded(), {timeout: 120000, polling: 250});
    const result = await page.evaluate(() => {
      const map = window.toponym.map;
      const counts = {}, labels = [];
      for (const f of map.queryRenderedFeatures()) {
        counts[f.sourceLayer] = (counts[f.sourceLayer] || 0) + 1;
        if (f.layer.type === 'symbol') {
          labels.push({layer: f.layer.id, name: f.properties.name || f.properties.number || '',
            pinyin: f.properties.pinyin || ''});
        }
      }
      return {counts, labels, errors: window.toponym.errors};
    });
    await page.screenshot({path: shot});
    results.push({...result, logs});
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
`

// browserView is one page the browser opens and what it read back.
type browserView struct {
	url, shot string
	layers    []string       // layers that must have rendered features
	pinyin    bool           // labels must carry pinyin
	Counts    map[string]int `json:"counts"`
	Labels    []struct {
		Layer, Name, Pinyin string
	} `json:"labels"`
	Errors []string `json:"errors"`
	Logs   []string `json:"logs"`
}

var hanRe = regexp.MustCompile(`\p{Han}`)

// TestMapPageInChromium opens /map from a test server in Debian's
// chromium-headless-shell driven by puppeteer-core: the public tileset at
// zoom 10 and the internal one at zoom 13 around the sample's
// tri-junction. It waits until the sample data is drawn, reads back the
// rendered features with queryRenderedFeatures (features of each layer in
// view, Chinese labels placed, pinyin on the internal labels) and saves
// screenshots in the test's directory ($TOPONYM_TEST_OUT to keep them).
func TestMapPageInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser in -short mode")
	}
	bin := chromium(t)
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "no node: apt-get install nodejs npm")
	}
	dir := npmInstall(t, puppeteerCore)
	script := filepath.Join(dir, "browse.mjs")
	if err := os.WriteFile(script, []byte(browseMJS), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(Config{}, sampleGPKG(t), nil))
	defer srv.Close()

	out := outDir(t)
	views := []*browserView{
		{url: srv.URL + "/map?z=10", shot: filepath.Join(out, "map-public-z10.png"),
			layers: []string{tiles.LayerCounties, tiles.LayerTownships, tiles.LayerProvinceLines,
				tiles.LayerCountyLines, tiles.LayerTriJunctions, tiles.LayerPlaceNames}},
		{url: srv.URL + "/map?tileset=internal&z=13", shot: filepath.Join(out, "map-internal-z13.png"),
			layers: []string{tiles.LayerTownships, tiles.LayerPlaceNames, tiles.LayerPOIs, tiles.LayerMarkers,
				tiles.LayerTriJunctions}, pinyin: true},
	}
	type item struct {
		URL  string `json:"url"`
		Shot string `json:"shot"`
	}
	var list []item
	for _, v := range views {
		list = append(list, item{v.url, v.shot})
	}
	viewsJSON, _ := json.Marshal(list)
	flags, _ := json.Marshal(append(chromiumArgs, "--user-data-dir="+filepath.Join(dir, "profile")))
	cmd := exec.Command(node, script, bin, string(flags), string(viewsJSON))
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	printed, err := cmd.Output()
	if err != nil {
		t.Fatalf("browse.mjs: %v\n%s\n%s", err, printed, stderr.Bytes())
	}
	var read []browserView
	if err := json.Unmarshal(printed, &read); err != nil || len(read) != len(views) {
		t.Fatalf("browse.mjs printed %q: %v", printed, err)
	}
	for i, v := range views {
		v.Counts, v.Labels, v.Errors, v.Logs = read[i].Counts, read[i].Labels, read[i].Errors, read[i].Logs
		checkView(t, v)
	}
}

// checkView checks what the browser read back from one page.
func checkView(t *testing.T, v *browserView) {
	t.Helper()
	t.Logf("%s: rendered features by layer %v; %d labels; screenshot %s", v.url, v.Counts, len(v.Labels), v.shot)
	if len(v.Errors) > 0 {
		t.Errorf("%s: map errors %v (console %v)", v.url, v.Errors, v.Logs)
	}
	for _, l := range v.layers {
		if v.Counts[l] == 0 {
			t.Errorf("%s: no rendered feature of %s (counts %v)", v.url, l, v.Counts)
		}
	}
	han, pinyin := 0, 0
	for _, l := range v.Labels {
		if hanRe.MatchString(l.Name) {
			han++
		}
		if l.Pinyin != "" {
			pinyin++
		}
	}
	if han == 0 || (v.pinyin && pinyin == 0) {
		t.Errorf("%s: %d Chinese labels, %d with pinyin placed among %d: %v", v.url, han, pinyin, len(v.Labels), v.Labels)
	}
	if fi, err := os.Stat(v.shot); err != nil || fi.Size() < 20000 {
		t.Errorf("screenshot %s: %v (too small for a drawn map)", v.shot, err)
	}
}

// outDir is where the screenshot goes: $TOPONYM_TEST_OUT if set (to look
// at it), else the test's temporary directory.
func outDir(t *testing.T) string {
	if d := os.Getenv("TOPONYM_TEST_OUT"); d != "" {
		return d
	}
	return t.TempDir()
}
