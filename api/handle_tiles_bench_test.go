package api

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// benchTileServer returns the API over the sample with one tile cached,
// the tile's path and its gzip ETag. With auth, authentication is on (the
// policy table applies; the requests are anonymous, for the public
// tileset) and every client has a rate limit it does not reach: the shape
// of `toponymd serve`.
func benchTileServer(b *testing.B, auth bool) (http.Handler, string, string) {
	b.Helper()
	st := sampleGPKG(b)
	var cfg Config
	if auth {
		cfg.Auth = AuthConfig{Tokens: st.(data.TokenStore), RatePerSecond: 1e12, Burst: 1 << 30}
	}
	h := New(cfg, st, nil)
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

func benchTile(b *testing.B, auth, inm bool, want int) {
	h, path, etag := benchTileServer(b, auth)
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
func BenchmarkTileCached(b *testing.B) { benchTile(b, false, false, 200) }

// BenchmarkTileNotModified is a 304 through the whole middleware chain.
func BenchmarkTileNotModified(b *testing.B) { benchTile(b, false, true, 304) }

// BenchmarkTileCachedAuth is BenchmarkTileCached with authentication, the
// policy table and the rate limiter on.
func BenchmarkTileCachedAuth(b *testing.B) { benchTile(b, true, false, 200) }

// BenchmarkTileNotModifiedAuth is BenchmarkTileNotModified with
// authentication, the policy table and the rate limiter on.
func BenchmarkTileNotModifiedAuth(b *testing.B) { benchTile(b, true, true, 304) }

// BenchmarkTileHTTP is a cached tile and a 304 over a real HTTP/1.1
// connection on loopback: net/http's work per request besides the API's.
// The client writes prepared requests and reads the answers with a
// bufio.Reader, allocating nothing per request, so that allocs/op are the
// server's.
func BenchmarkTileHTTP(b *testing.B) {
	h, path, etag := benchTileServer(b, false)
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, c := range []struct {
		name string
		inm  string
		want string
	}{{"cached", "", "200"}, {"304", "If-None-Match: " + etag + "\r\n", "304"}} {
		b.Run(c.name, func(b *testing.B) {
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close()
			req := []byte("GET " + path + " HTTP/1.1\r\nHost: bench\r\nAccept-Encoding: gzip\r\n" + c.inm + "\r\n")
			br := bufio.NewReaderSize(conn, 64<<10)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := conn.Write(req); err != nil {
					b.Fatal(err)
				}
				if err := readResponse(br, c.want); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// readResponse reads one HTTP/1.1 response with a Content-Length, or none
// for a 304, and checks its status code.
func readResponse(br *bufio.Reader, status string) error {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return err
	}
	if len(line) < 12 || string(line[9:12]) != status {
		return fmt.Errorf("status line %q, want %s", line, status)
	}
	length := 0
	for {
		line, err = br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(line) <= 2 {
			break
		}
		if v, ok := bytes.CutPrefix(line, []byte("Content-Length: ")); ok {
			for _, d := range bytes.TrimSpace(v) {
				length = length*10 + int(d-'0')
			}
		}
	}
	_, err = br.Discard(length)
	return err
}
