package api

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/toponym/toponym/tiles"
)

// The versions of the JavaScript decoder the tests install from npm.
const (
	vectorTileJS = "@mapbox/vector-tile@3.0.0"
	pbfJS        = "pbf@5.1.2"
)

// fetchedTile is one tile a test received: its id and uncompressed bytes.
type fetchedTile struct {
	id   tiles.TileID
	body []byte
}

// tileLog records every tile a test fetches through the API. When the test
// ends, @mapbox/vector-tile (one node run over all of them) and GDAL's MVT
// driver decode each, and what they read must equal orb's decoding: the
// same layers, feature ids, geometry types, vertices and attributes.
type tileLog struct {
	mu      sync.Mutex
	tiles   []fetchedTile
	checked int // tiles already checked
}

// decodedTile is one tile as the two other decoders read it.
type decodedTile struct {
	fetchedTile
	js  jsTile
	ogr map[string]*ogrLayer
}

// recordTiles returns a log whose tiles are checked at the end of t.
func recordTiles(t *testing.T) *tileLog {
	t.Helper()
	l := &tileLog{}
	t.Cleanup(func() { l.check(t) })
	return l
}

// get is do for GET, recording a 200 tile response (gunzipped).
func (l *tileLog) get(t *testing.T, h http.Handler, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	rec := do(t, h, "GET", target, header)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mediaMVT {
		return rec
	}
	id, err := tileIDOf(target)
	if err != nil {
		t.Fatal(err)
	}
	body := rec.Body.Bytes()
	if rec.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
	}
	l.mu.Lock()
	l.tiles = append(l.tiles, fetchedTile{id: id, body: bytes.Clone(body)})
	l.mu.Unlock()
	return rec
}

// tileIDOf parses /tiles/{tileset}/{z}/{x}/{y}.mvt.
func tileIDOf(target string) (tiles.TileID, error) {
	p := strings.Split(strings.TrimSuffix(strings.SplitN(target, "?", 2)[0], ".mvt"), "/")
	if len(p) != 6 {
		return tiles.TileID{}, fmt.Errorf("%s is no tile path", target)
	}
	return tiles.ParseTilePath(p[3], p[4], p[5])
}

// check writes the tiles not yet checked as {n}/{z}/{x}/{y}.mvt, has both
// decoders read them, compares and returns what they read.
func (l *tileLog) check(t *testing.T) []decodedTile {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	todo := l.tiles[l.checked:]
	l.checked = len(l.tiles)
	if len(todo) == 0 || t.Failed() {
		return nil
	}
	dir := t.TempDir()
	files := make([]string, len(todo))
	for i, ft := range todo {
		files[i] = filepath.Join(dir, strconv.Itoa(i), strconv.Itoa(int(ft.id.Z)), strconv.Itoa(int(ft.id.X)),
			strconv.Itoa(int(ft.id.Y))+".mvt")
		if err := os.MkdirAll(filepath.Dir(files[i]), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(files[i], ft.body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	js := decodeJS(t, todo, files)
	out := make([]decodedTile, len(todo))
	for i, ft := range todo {
		want := orbLayers(t, ft)
		out[i] = decodedTile{fetchedTile: ft, js: js[i], ogr: readOGR(t, files[i])}
		compareJS(t, files[i], want, js[i].Layers)
		compareGDAL(t, files[i], want, out[i].ogr)
	}
	t.Logf("%d tiles decoded alike by orb, @mapbox/vector-tile and GDAL", len(todo))
	return out
}

// orbLayers decodes a tile with orb, in tile coordinates.
func orbLayers(t *testing.T, ft fetchedTile) map[string]*mvt.Layer {
	t.Helper()
	ls, err := mvt.Unmarshal(ft.body)
	if err != nil {
		t.Fatalf("orb cannot decode %s: %v", ft.id, err)
	}
	out := map[string]*mvt.Layer{}
	for _, l := range ls {
		out[l.Name] = l
	}
	return out
}

// skipOrFail skips, or fails when CI=true, for a missing tool.
func skipOrFail(tb testing.TB, msg string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

// npmInstall installs packages into a temporary directory and returns it.
func npmInstall(tb testing.TB, pkgs ...string) string {
	tb.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		skipOrFail(tb, "no npm: apt-get install npm")
	}
	dir := tb.TempDir()
	args := append([]string{"install", "--no-audit", "--no-fund", "--prefer-offline", "--prefix", dir}, pkgs...)
	if out, err := exec.Command(npm, args...).CombinedOutput(); err != nil {
		skipOrFail(tb, fmt.Sprintf("npm install %v: %v\n%s", pkgs, err, out))
	}
	return dir
}

// jsTile is what decode.mjs prints for one tile.
type jsTile struct {
	Layers map[string]jsLayer `json:"layers"`
}

type jsLayer struct {
	Version  int         `json:"version"`
	Extent   int         `json:"extent"`
	Features []jsFeature `json:"features"`
}

type jsFeature struct {
	ID    uint64         `json:"id"`
	Type  int            `json:"type"` // 1 point, 2 line, 3 polygon
	Props map[string]any `json:"props"`
	Geom  [][][2]float64 `json:"geom"`  // loadGeometry: parts of x, y
	Bound [4]float64     `json:"bound"` // of toGeoJSON: west, south, east, north
}

// decodeMJS decodes the tiles named in argv[2] (a JSON list of {file, z,
// x, y}) with @mapbox/vector-tile and prints, per tile, each layer's
// features: id, type, properties, loadGeometry() and the lon/lat bound of
// toGeoJSON(x, y, z).
const decodeMJS = `import {readFileSync} from 'node:fs';
import {VectorTile} from '@mapbox/vector-tile';
import {PbfReader} from 'pbf';

function bound(coords, b) {
  if (typeof coords[0] === 'number') {
    b[0] = Math.min(b[0], coords[0]); b[1] = Math.min(b[1], coords[1]);
    b[2] = Math.max(b[2], coords[0]); b[3] = Math.max(b[3], coords[1]);
  } else coords.forEach(c => bound(c, b));
  return b;
}

const list = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = list.map(({file, z, x, y}) => {
  const tile = new VectorTile(new PbfReader(readFileSync(file)));
  const layers = {};
  for (const [name, l] of Object.entries(tile.layers)) {
    const features = [];
    for (let i = 0; i < l.length; i++) {
      const f = l.feature(i);
      const geom = f.loadGeometry().map(part => part.map(p => [p.x, p.y]));
      const gj = f.toGeoJSON(x, y, z);
      features.push({id: f.id, type: f.type, props: f.properties, geom,
        bound: bound(gj.geometry.coordinates, [Infinity, Infinity, -Infinity, -Infinity])});
    }
    layers[name] = {version: l.version, extent: l.extent, features};
  }
  return {layers};
});
process.stdout.write(JSON.stringify(out));
`

// decodeJS runs decode.mjs once over all files.
func decodeJS(t *testing.T, fetched []fetchedTile, files []string) []jsTile {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "no node: apt-get install nodejs npm")
	}
	dir := npmInstall(t, vectorTileJS, pbfJS)
	script := filepath.Join(dir, "decode.mjs")
	type item struct {
		File string `json:"file"`
		Z    uint32 `json:"z"`
		X    uint32 `json:"x"`
		Y    uint32 `json:"y"`
	}
	list := make([]item, len(files))
	for i, f := range files {
		list[i] = item{File: f, Z: fetched[i].id.Z, X: fetched[i].id.X, Y: fetched[i].id.Y}
	}
	listJSON, _ := json.Marshal(list)
	listFile := filepath.Join(dir, "tiles.json")
	if err := os.WriteFile(script, []byte(decodeMJS), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(listFile, listJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script, listFile)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("@mapbox/vector-tile: %v\n%s", err, stderr.Bytes())
	}
	var tilesJS []jsTile
	if err := json.Unmarshal(out, &tilesJS); err != nil || len(tilesJS) != len(files) {
		t.Fatalf("decode.mjs printed %d tiles for %d (%v)", len(tilesJS), len(files), err)
	}
	return tilesJS
}

// compareJS checks the JavaScript decoding against orb's.
func compareJS(t *testing.T, file string, want map[string]*mvt.Layer, got map[string]jsLayer) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: @mapbox/vector-tile reads %d layers, orb %d", file, len(got), len(want))
	}
	for name, wl := range want {
		gl, ok := got[name]
		if !ok || gl.Version != 2 || gl.Extent != tiles.Extent || len(gl.Features) != len(wl.Features) {
			t.Errorf("%s/%s: @mapbox/vector-tile reads version %d extent %d, %d features; orb %d",
				file, name, gl.Version, gl.Extent, len(gl.Features), len(wl.Features))
			continue
		}
		for i, wf := range wl.Features {
			gf := gl.Features[i]
			if id := mvtID(wf.ID); id != gf.ID {
				t.Errorf("%s/%s[%d]: id %d, orb %v", file, name, i, gf.ID, wf.ID)
			}
			if gf.Type != geomType(wf.Geometry) {
				t.Errorf("%s/%s[%d]: type %d, orb %s", file, name, i, gf.Type, wf.Geometry.GeoJSONType())
			}
			if g, w := flatJS(gf.Geom), flatOrb(wf.Geometry); !reflect.DeepEqual(g, w) {
				t.Errorf("%s/%s[%d]: vertices %v, orb %v", file, name, i, g, w)
			}
			if g, w := jsonValues(t, gf.Props), jsonValues(t, map[string]any(wf.Properties)); !reflect.DeepEqual(g, w) {
				t.Errorf("%s/%s[%d]: properties %v, orb %v", file, name, i, g, w)
			}
		}
	}
}

// mvtID returns orb's decoded feature id (a float64) as an integer.
func mvtID(v any) uint64 {
	switch v := v.(type) {
	case float64:
		return uint64(v)
	case uint64:
		return v
	case int64:
		return uint64(v)
	}
	return 0
}

func geomType(g orb.Geometry) int {
	switch g.(type) {
	case orb.Point, orb.MultiPoint:
		return 1
	case orb.LineString, orb.MultiLineString:
		return 2
	}
	return 3
}

// flatJS lists the vertices, dropping a ring's closing repeat.
func flatJS(parts [][][2]float64) [][2]float64 {
	var out [][2]float64
	for _, p := range parts {
		if len(p) > 2 && p[0] == p[len(p)-1] {
			p = p[:len(p)-1]
		}
		out = append(out, p...)
	}
	return out
}

func flatOrb(g orb.Geometry) [][2]float64 {
	var parts [][][2]float64
	add := func(pts []orb.Point) {
		part := make([][2]float64, len(pts))
		for i, p := range pts {
			part[i] = [2]float64(p)
		}
		parts = append(parts, part)
	}
	switch g := g.(type) {
	case orb.Point:
		add([]orb.Point{g})
	case orb.MultiPoint:
		for _, p := range g {
			add([]orb.Point{p})
		}
	case orb.LineString:
		add(g)
	case orb.MultiLineString:
		for _, ls := range g {
			add(ls)
		}
	case orb.Polygon:
		for _, r := range g {
			add(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				add(r)
			}
		}
	}
	return flatJS(parts)
}

// jsonValues normalises attribute values through JSON (numbers as float64).
func jsonValues(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
