package api

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Hostile and broken files through the upload API: each gets a 4xx that
// names the problem, memory stays bounded and nothing is stored.

// heapPeak samples the heap in use while fn runs and returns its peak
// above the heap before, in bytes.
func heapPeak(fn func()) uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > base && m.HeapInuse-base > peak.Load() {
				peak.Store(m.HeapInuse - base)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	return peak.Load()
}

func gbk(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestHostileUploads(t *testing.T) {
	u := newUploadServer(t, Config{})
	survey := u.createSurvey(t, 4545)
	const gk = "点号,X,Y\nBJ1,3154440.6231,617489.6489\n"
	for _, c := range []struct {
		name, query string
		body        []byte
		status      int
		want        string // in the detail or a listed reason
	}{
		{"truncated JSON", "file_name=a.geojson&crs=4490",
			[]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"名称":"洪安`),
			400, "truncated"},
		{"GBK declared as UTF-8", "file_name=a.csv&encoding=utf-8", gbk(t, "点号,X,Y,名称\nBJ1,3154440.6231,617489.6489,洪安镇界桩\n"),
			400, "UTF-8"},
		{"NaN", "file_name=a.geojsons&crs=4490",
			[]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,28.5]},"properties":{}}` + "\n"), 400, "NaN"},
		{"Infinity", "file_name=a.geojsons&crs=4490",
			[]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,Infinity]},"properties":{}}` + "\n"), 400, "finite"},
		{"outside China", "file_name=a.geojsons&crs=4490",
			[]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.85]},"properties":{}}` + "\n"), 400, "outside China"},
		{"zone does not match the eastings", "file_name=a.csv&crs=4525",
			[]byte("点号,X,Y\nBJ1,3154440.6231,36617489.6489\n"), 400, "zone"},
		{"easting beyond the zone's ±1.5° band", "file_name=a.csv&crs=4545",
			[]byte("点号,X,Y\nBJ1,3154440.6231,817489.6489\n"), 400, "1.5"},
		{"prefixed zone declared, plain eastings given", "file_name=a.csv&crs=4524", []byte(gk), 400, "4524"},
		{"unsupported CRS", "file_name=a.csv&crs=3857", []byte(gk), 400, "3857"},
		{"not a known format", "file_name=a.bin", []byte{0, 1, 2, 3, 0xff}, 400, "format"},
		{"empty body", "file_name=a.csv", nil, 400, "empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, b := u.postFile(t, survey, c.query, c.body, nil)
			p := problemOf(t, status, hdr, b)
			if status != c.status || !mentions(p, c.want) {
				t.Errorf("status %d, want %d naming %q: %s", status, c.status, c.want, b)
			}
			u.assertNothingStored(t)
		})
	}
}

// mentions reports whether a problem's detail or any listed row names s.
func mentions(p rejectedProblem, s string) bool {
	if strings.Contains(p.Detail, s) || strings.Contains(p.Value, s) {
		return true
	}
	for _, r := range p.Errors {
		if strings.Contains(r.Reason, s) || strings.Contains(r.Value, s) {
			return true
		}
	}
	return false
}

// lazyLine is a reader of n bytes of one line of JSON that never ends,
// made as it is read.
type lazyLine struct{ left int64 }

func (l *lazyLine) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), l.left)
	for i := range p[:n] {
		p[i] = 'a'
	}
	if l.left == 1<<30 && n > 0 { // the first bytes open a JSON string
		copy(p, `{"type":"Feature","properties":{"名称":"`)
	}
	l.left -= n
	return int(n), nil
}

func TestOneGigabyteLineIsRefusedWithBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 1 GiB")
	}
	u := newUploadServer(t, Config{MaxUploadBytes: 2 << 30})
	survey := u.createSurvey(t, 4490)
	var status int
	var hdr http.Header
	var b []byte
	peak := heapPeak(func() {
		status, hdr, b = u.send(t, "POST", "/surveys/"+survey+"/uploads?file_name=big.geojsons",
			&lazyLine{left: 1 << 30}, nil)
	})
	p := problemOf(t, status, hdr, b)
	if status != http.StatusBadRequest || !strings.Contains(p.Detail, "longer than the limit") || p.Row != 1 {
		t.Errorf("status %d row %d, want 400 naming line 1 over the limit: %s", status, p.Row, b)
	}
	if peak > 64<<20 {
		t.Errorf("heap grew by %d MiB while streaming 1 GiB; want it bounded (< 64 MiB)", peak>>20)
	}
	u.assertNothingStored(t)
}

func TestBodyOverUploadLimitIs413(t *testing.T) {
	u := newUploadServer(t, Config{MaxUploadBytes: 1 << 20})
	survey := u.createSurvey(t, 4545)
	body := strings.Repeat("BJ1,3154440.6231,617489.6489\n", (2<<20)/29)
	status, hdr, b := u.postFile(t, survey, "file_name=a.csv", []byte("点号,X,Y\n"+body), nil)
	p := problemOf(t, status, hdr, b)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(p.Detail, "1048576") {
		t.Errorf("status %d, want 413 naming the limit: %s", status, b)
	}
	// Without a Content-Length the limit still holds while streaming.
	status, hdr, b = u.send(t, "POST", "/surveys/"+survey+"/uploads?file_name=a.csv",
		io.MultiReader(strings.NewReader("点号,X,Y\n"), strings.NewReader(body)), nil)
	if problemOf(t, status, hdr, b); status != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: status %d, want 413: %s", status, b)
	}
	u.assertNothingStored(t)
}

func TestGzipBombIs413(t *testing.T) {
	u := newUploadServer(t, Config{})
	survey := u.createSurvey(t, 4545)
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 512 { // 512 MiB of zeros in about half a MiB
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	var status int
	var hdr http.Header
	var b []byte
	peak := heapPeak(func() {
		status, hdr, b = u.postFile(t, survey, "file_name=a.csv", z.Bytes(), map[string]string{"Content-Encoding": "gzip"})
	})
	p := problemOf(t, status, hdr, b)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(p.Detail, "compression bomb") {
		t.Errorf("status %d, want 413 naming a compression bomb: %s", status, b)
	}
	if peak > 64<<20 {
		t.Errorf("heap grew by %d MiB on a gzip bomb", peak>>20)
	}
	u.assertNothingStored(t)

	// An honest gzip body is accepted.
	z.Reset()
	zw = gzip.NewWriter(&z)
	_, _ = zw.Write([]byte("点号,X,Y\nBJ1,3154440.6231,617489.6489\n"))
	_ = zw.Close()
	status, _, b = u.postFile(t, survey, "file_name=a.csv", z.Bytes(), map[string]string{"Content-Encoding": "gzip"})
	if status != http.StatusCreated {
		t.Errorf("gzip CSV: status %d: %s", status, b)
	}
}
