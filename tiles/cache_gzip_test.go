package tiles

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"sync"
	"testing"
)

// TestGzipperReuse: a reused writer's output is byte for byte a new
// writer's at the same level, and decompresses to the input, from several
// goroutines at once.
func TestGzipperReuse(t *testing.T) {
	for _, level := range []int{gzip.BestSpeed, gzip.DefaultCompression} {
		g := newGzipper(level)
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for i := range 20 {
					in := bytes.Repeat([]byte(fmt.Sprintf("tile %d/%d ", w, i)), 50*(i+1))
					got, want := g.compress(in), gzipBytes(in, level)
					if !bytes.Equal(got, want) {
						t.Errorf("level %d, input %d/%d: the reused writer's output differs from a new one's", level, w, i)
						return
					}
					zr, err := gzip.NewReader(bytes.NewReader(got))
					if err != nil {
						t.Error(err)
						return
					}
					if out, err := io.ReadAll(zr); err != nil || !bytes.Equal(out, in) {
						t.Errorf("level %d: round trip %v", level, err)
						return
					}
				}
			})
		}
		wg.Wait()
	}
	if !bytes.Equal((*gzipper)(nil).compress([]byte("x")), gzipBytes([]byte("x"), gzip.DefaultCompression)) {
		t.Error("a nil gzipper does not compress at the default level")
	}
}

// BenchmarkCacheMissGzip is a tile the cache cannot keep, computed and
// gzipped for a client that accepts gzip: the uncached path's work in the
// cache. Compare BenchmarkGzipNewWriter, the same with a new writer.
func BenchmarkCacheMissGzip(b *testing.B) {
	c := NewCache(0)
	data := bytes.Repeat([]byte("tile bytes "), 300)
	compute := func(context.Context) ([]byte, error) { return data, nil }
	b.ReportAllocs()
	for b.Loop() {
		e, err := c.Fetch(context.Background(), Public, TileID{Z: 3}, compute)
		if err != nil {
			b.Fatal(err)
		}
		e.Header(true)
	}
}

// BenchmarkGzipNewWriter gzips a tile with a new writer at the level of
// tiles the cache cannot keep: the naive baseline of BenchmarkCacheMissGzip.
func BenchmarkGzipNewWriter(b *testing.B) {
	data := bytes.Repeat([]byte("tile bytes "), 300)
	b.ReportAllocs()
	for b.Loop() {
		gzipBytes(data, gzip.BestSpeed)
	}
}
