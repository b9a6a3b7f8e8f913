package tiles

import (
	"bytes"
	"compress/gzip"
	"io"
	"sync"
)

// gzipper compresses tiles at one gzip level with writers it reuses: a
// writer holds hundreds of kilobytes of compressor state, more than most
// tiles, too much to allocate for each. The output is the same as a new
// writer's.
type gzipper struct {
	level   int
	writers sync.Pool // of *gzip.Writer at level
}

func newGzipper(level int) *gzipper { return &gzipper{level: level} }

// compress returns the gzip encoding of b. A nil gzipper compresses with a
// new writer at gzip.DefaultCompression.
func (g *gzipper) compress(b []byte) []byte {
	if g == nil {
		return gzipBytes(b, gzip.DefaultCompression)
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/2 + 64)
	zw, _ := g.writers.Get().(*gzip.Writer)
	if zw == nil {
		zw = newGzipWriter(&buf, g.level)
	} else {
		zw.Reset(&buf)
	}
	writeGzip(zw, b)
	zw.Reset(io.Discard) // keep no reference to the tile's buffer
	g.writers.Put(zw)
	return buf.Bytes()
}

// gzipBytes compresses b at a level of compress/gzip with a new writer.
func gzipBytes(b []byte, level int) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/2 + 64)
	writeGzip(newGzipWriter(&buf, level), b)
	return buf.Bytes()
}

// newGzipWriter returns a writer at level, or at the default level if
// level is not one of compress/gzip's.
func newGzipWriter(w io.Writer, level int) *gzip.Writer {
	zw, err := gzip.NewWriterLevel(w, level)
	if err != nil {
		return gzip.NewWriter(w)
	}
	return zw
}

func writeGzip(zw *gzip.Writer, b []byte) {
	_, _ = zw.Write(b) // writes to a bytes.Buffer do not fail
	_ = zw.Close()
}
