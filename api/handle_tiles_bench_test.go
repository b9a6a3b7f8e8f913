package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/toponym/toponym/tiles"
)

// benchTileServer returns the API over the sample with one tile cached,
// the tile's path and its gzip ETag.
func benchTileServer(b *testing.B) (http.Handler, string, string) {
	b.Helper()
	h := New(Config{}, sampleGPKG(b), nil)
	path := tilePath(tiles.Public, tiles.TileAt(tileCorner, 12))
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatal(rec.Code)
	}
	return h, path, rec.Header().Get("ETag")
}

// discardWriter is a ResponseWriter that keeps nothing, so that the
// benchmarks measure the server's work rather than a recorder's.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }

func benchTile(b *testing.B, inm bool, want int) {
	h, path, etag := benchTileServer(b)
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	if inm {
		req.Header.Set("If-None-Match", etag)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		w := &discardWriter{h: http.Header{}}
		for pb.Next() {
			clear(w.h)
			w.code = 200
			h.ServeHTTP(w, req)
			if w.code != want {
				b.Errorf("status %d, want %d", w.code, want)
				return
			}
		}
	})
}

// BenchmarkTileCached is a cached tile through the whole middleware chain.
func BenchmarkTileCached(b *testing.B) { benchTile(b, false, 200) }

// BenchmarkTileNotModified is a 304 through the whole middleware chain.
func BenchmarkTileNotModified(b *testing.B) { benchTile(b, true, 304) }
