package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/sample"
	"github.com/toponym/toponym/tiles"
)

// sampleGPKG returns a GeoPackage store holding the sample, shared by the
// tests of this file (loading it takes a while); tests that write get
// their own.
func sampleGPKG(tb testing.TB) data.Store {
	tb.Helper()
	st, err := gpkg.Open(context.Background(), filepath.Join(tb.TempDir(), "sample.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if err := sample.Load(context.Background(), st); err != nil {
		tb.Fatal(err)
	}
	return st
}

var tileCorner = orb.Point{109.2702, 28.5035} // the sample's tri-junction

func tilePath(tileset string, id tiles.TileID) string {
	return "/tiles/" + tileset + "/" + id.String() + ".mvt"
}

// countingSource counts the tiles it renders.
type countingSource struct {
	tiles.Source
	mu sync.Mutex
	n  int
}

func (c *countingSource) Tile(ctx context.Context, tileset string, id tiles.TileID) ([]byte, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.Source.Tile(ctx, tileset, id)
}

func (c *countingSource) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func TestTileEncodingsAndETags(t *testing.T) {
	st := sampleGPKG(t)
	src := &countingSource{Source: tiles.NewStoreSource(st)}
	h, _ := newStubServer(t, Config{Tiles: TilesConfig{Source: src}}, st)
	id := tiles.TileAt(tileCorner, 12)
	log := recordTiles(t)

	plain := log.get(t, h, tilePath(tiles.Public, id), nil)
	if plain.Code != 200 || plain.Header().Get("Content-Type") != mediaMVT || plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("plain: %d %v", plain.Code, plain.Header())
	}
	layers, err := mvt.Unmarshal(plain.Body.Bytes())
	if err != nil || len(layers) == 0 {
		t.Fatalf("plain tile: %d layers, %v", len(layers), err)
	}
	zipped := log.get(t, h, tilePath(tiles.Public, id), http.Header{"Accept-Encoding": {"gzip, deflate, br"}})
	if zipped.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip: %v", zipped.Header())
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr) // one gzip layer: not compressed twice
	if err != nil || !bytes.Equal(unzipped, plain.Body.Bytes()) {
		t.Fatalf("gunzipped tile differs from the plain one (%v)", err)
	}
	et, gt := plain.Header().Get("ETag"), zipped.Header().Get("ETag")
	if !strings.HasPrefix(et, `"`) || strings.HasPrefix(et, "W/") || et == gt || gt == "" {
		t.Errorf("ETags %q and %q: want two distinct strong tags", et, gt)
	}
	for _, hd := range []http.Header{plain.Header(), zipped.Header()} {
		if hd.Get("Cache-Control") != "public, no-cache" || !strings.Contains(hd.Get("Vary"), "Accept-Encoding") {
			t.Errorf("headers %v", hd)
		}
	}
	if n := src.count(); n != 1 {
		t.Errorf("source rendered %d times; want once, then the cache", n)
	}
	// 304s come from the cache, for each encoding's tag.
	for _, c := range []struct{ tag, enc string }{{et, ""}, {gt, "gzip"}} {
		rec := do(t, h, "GET", tilePath(tiles.Public, id), http.Header{"If-None-Match": {c.tag}, "Accept-Encoding": {c.enc}})
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != c.tag {
			t.Errorf("If-None-Match %s: %d %v", c.tag, rec.Code, rec.Header())
		}
	}
	if rec := do(t, h, "GET", tilePath(tiles.Public, id), http.Header{"If-None-Match": {`"stale"`}}); rec.Code != 200 {
		t.Errorf("a stale tag gave %d", rec.Code)
	}
	if n := src.count(); n != 1 {
		t.Errorf("source rendered %d times after the 304s; want 1", n)
	}
}

// TestNotModifiedWithoutStore: a cached tile is revalidated with the
// store down.
func TestNotModifiedWithoutStore(t *testing.T) {
	st := sampleGPKG(t)
	cache := tiles.NewCache(1 << 20)
	down := &stubStore{} // any store call panics
	h, _ := newStubServer(t, Config{Tiles: TilesConfig{Cache: cache, Source: tiles.NewStoreSource(st)}}, down)
	id := tiles.TileAt(tileCorner, 10)
	first := recordTiles(t).get(t, h, tilePath(tiles.Internal, id), nil)
	if first.Code != 200 {
		t.Fatal(first.Code)
	}
	st.Close()
	rec := do(t, h, "GET", tilePath(tiles.Internal, id), http.Header{"If-None-Match": {first.Header().Get("ETag")}})
	if rec.Code != http.StatusNotModified {
		t.Errorf("revalidation with the store closed: %d", rec.Code)
	}
}

func TestTileBadRequests(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	for _, c := range []struct {
		path   string
		status int
		param  string
	}{
		{"/tiles/public/23/0/0.mvt", 400, "z"},
		{"/tiles/public/3/8/0.mvt", 400, "x"},
		{"/tiles/public/3/0/8.mvt", 400, "y"},
		{"/tiles/public/a/0/0.mvt", 400, "z"},
		{"/tiles/public/3/-1/0.mvt", 400, "x"},
		{"/tiles/public/3/0/1e1.mvt", 400, "y"},
		{"/tiles/public/03/0/0.mvt", 400, "z"},
		{"/tiles/public/99999999999/0/0.mvt", 400, "z"},
		{"/tiles/public/3/x/0.mvt", 400, "x"},
		{"/tiles/public/3/0/%201.mvt", 400, "y"},
		{"/tiles/internal/1/2/0.mvt", 400, "x"},
		{"/tiles/secret/3/0/0.mvt", 404, "tileset"},
		{"/tiles/secret.json", 404, "tileset"},
		{"/styles/secret.json", 404, "tileset"},
		{"/fonts/Toponym%20Sans/1-256.pbf", 400, "range"},
		{"/fonts/Arial/0-255.pbf", 404, "fontstack"},
		{"/map/static/..%2fweb.go", 404, "file"},
		{"/tiles/public/3/0/0.png", 404, ""},
	} {
		rec := do(t, h, "GET", c.path, nil)
		p := decodeProblem(t, c.status, rec.Header().Get("Content-Type"), rec.Body)
		if rec.Code != c.status || p.Parameter != c.param {
			t.Errorf("%s: %d parameter %q (%s), want %d %q", c.path, rec.Code, p.Parameter, p.Detail, c.status, c.param)
		}
	}
}

func TestTileJSONAndStyle(t *testing.T) {
	h, _ := newStubServer(t, Config{}, &stubStore{})
	for _, ts := range tiles.Tilesets() {
		req := do(t, h, "GET", "/tiles/"+ts+".json", http.Header{"X-Forwarded-Host": {"evil"}})
		var doc tiles.TileJSONDoc
		if err := json.Unmarshal(req.Body.Bytes(), &doc); err != nil || req.Code != 200 {
			t.Fatalf("%s: %d %v", ts, req.Code, err)
		}
		if doc.TileJSON != "3.0.0" || len(doc.Tiles) != 1 || doc.Tiles[0] != "http://example.com/tiles/"+ts+"/{z}/{x}/{y}.mvt" {
			t.Errorf("%s: tilejson %s tiles %v", ts, doc.TileJSON, doc.Tiles)
		}
		rec := do(t, h, "GET", "/styles/"+ts+".json", nil)
		var style struct {
			Sources map[string]struct{ URL string } `json:"sources"`
			Glyphs  string                          `json:"glyphs"`
			Layers  []map[string]any                `json:"layers"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &style); err != nil || rec.Code != 200 {
			t.Fatalf("style %s: %d %v", ts, rec.Code, err)
		}
		if style.Sources["toponym"].URL != "http://example.com/tiles/"+ts+".json" ||
			style.Glyphs != "http://example.com/fonts/{fontstack}/{range}.pbf" {
			t.Errorf("style %s: sources %v glyphs %s", ts, style.Sources, style.Glyphs)
		}
		drawn := map[string]bool{}
		for _, l := range style.Layers {
			if sl, ok := l["source-layer"].(string); ok {
				drawn[sl] = true
			}
		}
		for _, l := range tiles.LayersFor(ts) {
			if !drawn[l.ID] {
				t.Errorf("style %s draws no layer %s", ts, l.ID)
			}
		}
	}
	for _, start := range []int{0, 256, 19968} {
		rec := do(t, h, "GET", fmt.Sprintf("/fonts/Toponym%%20Sans/%d-%d.pbf", start, start+255), nil)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/x-protobuf" ||
			!bytes.Equal(rec.Body.Bytes(), tiles.Glyphs(tiles.FontStack, start)) {
			t.Errorf("glyphs %d: %d %v", start, rec.Code, rec.Header())
		}
		if start < 512 && rec.Body.Len() < 10000 {
			t.Errorf("glyphs %d: %d bytes; want the Latin glyphs", start, rec.Body.Len())
		}
	}
	page := do(t, h, "GET", "/map", nil)
	if page.Code != 200 || !strings.Contains(page.Body.String(), "maplibre-gl.js") {
		t.Errorf("/map: %d", page.Code)
	}
	js := do(t, h, "GET", "/map/static/maplibre-gl.js", http.Header{"Accept-Encoding": {"gzip"}})
	if js.Code != 200 || js.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("maplibre-gl.js: %d %v", js.Code, js.Header())
	}
}

// TestTilesNeverStale: after a write through the API's store wrapper, the
// next request of an affected tile shows it, with the cache on, at zoom 6
// and at zoom 14; the old ETag no longer revalidates.
func TestTilesNeverStale(t *testing.T) {
	st := sampleGPKG(t)
	cache := tiles.NewCache(64 << 20)
	h, _ := newStubServer(t, Config{Tiles: TilesConfig{Cache: cache}}, st)
	if _, ok := newTileService(TilesConfig{Cache: cache}, st).store.(*tiles.InvalidatingStore); !ok {
		t.Fatal("the API's store is not an InvalidatingStore")
	}
	ctx := context.Background()
	at := data.Date(2025, time.June, 1)
	page, err := st.ListAdminUnits(ctx, data.Query{Level: data.LevelCounty, Code: "500241", At: &at})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("秀山: %v %d", err, len(page.Items))
	}
	county := page.Items[0]
	inside := county.Geometry[0][0][0]
	ids := []tiles.TileID{tiles.TileAt(inside, 6), tiles.TileAt(inside, 14)}
	tags := map[tiles.TileID]string{}
	log := recordTiles(t)
	for _, id := range ids {
		rec := log.get(t, h, tilePath(tiles.Public, id), nil)
		if names := countyNames(t, rec.Body.Bytes()); !names[county.Name] {
			t.Fatalf("%s: %s missing before the edit (%v)", id, county.Name, names)
		}
		tags[id] = rec.Header().Get("ETag")
	}
	wrapped := tiles.NewInvalidatingStore(st, cache)
	county.Name = "秀山土家族苗族自治县（改）"
	if err := wrapped.Atomic(ctx, func(tx data.Store) error { return tx.UpdateAdminUnit(ctx, county) }); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		rec := log.get(t, h, tilePath(tiles.Public, id), http.Header{"If-None-Match": {tags[id]}})
		if rec.Code != 200 {
			t.Fatalf("%s: %d after the edit; want the new tile", id, rec.Code)
		}
		if names := countyNames(t, rec.Body.Bytes()); !names[county.Name] {
			t.Errorf("%s: stale tile after the edit: %v", id, names)
		}
	}
	if s := cache.Stats(); s.Invalidated == 0 {
		t.Errorf("cache stats %+v: nothing invalidated", s)
	}
}

func countyNames(t *testing.T, b []byte) map[string]bool {
	t.Helper()
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, l := range layers {
		if l.Name != tiles.LayerCounties {
			continue
		}
		for _, f := range l.Features {
			name, _ := f.Properties["name"].(string)
			out[name] = true
		}
	}
	return out
}

func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		values []string
		want   bool
	}{
		{nil, false}, {[]string{""}, false}, {[]string{"gzip"}, true}, {[]string{"GZIP"}, true},
		{[]string{"br, gzip;q=0.5"}, true}, {[]string{"gzip;q=0"}, false}, {[]string{"gzip; q=0.0"}, false},
		{[]string{"*"}, true}, {[]string{"*;q=0"}, false}, {[]string{"gzip;q=0, *"}, false},
		{[]string{"identity", "x-gzip"}, true}, {[]string{"deflate, br"}, false}, {[]string{"gzipx"}, false},
	} {
		if got := acceptsGzip(c.values); got != c.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", c.values, got, c.want)
		}
	}
}

func TestETagMatch(t *testing.T) {
	const tag = `"abc"`
	for _, c := range []struct {
		values []string
		want   bool
	}{
		{[]string{`"abc"`}, true}, {[]string{`W/"abc"`}, true}, {[]string{`"x", "abc"`}, true},
		{[]string{`"x"`, ` "abc" `}, true}, {[]string{"*"}, true}, {[]string{`"abc-gz"`}, false},
		{[]string{`abc`}, false}, {[]string{""}, false}, {nil, false},
	} {
		if got := etagMatch(c.values, tag); got != c.want {
			t.Errorf("etagMatch(%q) = %v, want %v", c.values, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		etagMatch([]string{`"x", W/"abc"`}, tag)
		acceptsGzip([]string{"gzip, deflate, br"})
	}); n != 0 {
		t.Errorf("%v allocations per header check; want none", n)
	}
}
