package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Phases of the run.
const (
	phaseBefore = iota
	phaseDuring
	phaseAfter
	phases
)

var phaseNames = [phases]string{"before", "during", "after"}

// counts are the outcomes of one kind of request in one phase.
type counts struct {
	ok, unavailable, other, transport atomic.Int64
}

func (c *counts) add(status int, err error) {
	switch {
	case err != nil:
		c.transport.Add(1)
	case status >= 200 && status < 300 || status == http.StatusNotModified:
		c.ok.Add(1)
	case status == http.StatusServiceUnavailable:
		c.unavailable.Add(1)
	default:
		c.other.Add(1)
	}
}

// load is the running workload.
type load struct {
	base, secret string
	client       *http.Client
	phase        atomic.Int32
	done         chan struct{}
	wg           sync.WaitGroup
	writes       [phases]counts
	reads        [phases]counts
	uploads      [phases]counts
	surveyID     string // the survey uploads go to
	uploadRows   int    // rows in each uploaded file
	started      int64  // the run's start, unique in idempotency keys

	mu           sync.Mutex
	ackedIDs     []string
	ackedUploads map[string]int // upload id → records acknowledged
	firstErr     string
}

func newLoad(base, secret string, uploadRows int) *load {
	return &load{base: base, secret: secret, done: make(chan struct{}), uploadRows: uploadRows,
		started: time.Now().UnixNano(), ackedUploads: map[string]int{},
		client: &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
}

// setPhase sets the phase that requests starting from now count in.
func (l *load) setPhase(p int) { l.phase.Store(int32(p)) }

func (l *load) start(writers, readers, uploaders int) {
	for i := range writers {
		l.loop(func(n int) { l.write(i, n) })
	}
	for i := range uploaders {
		l.loop(func(n int) { l.upload(i, n) })
	}
	for range readers {
		l.loop(func(int) { l.read() })
	}
}

func (l *load) loop(f func(n int)) {
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		for n := 0; ; n++ {
			select {
			case <-l.done:
				return
			default:
			}
			f(n)
		}
	}()
}

func (l *load) stop() {
	close(l.done)
	l.wg.Wait()
}

func (l *load) do(method, path, body string) (int, []byte, error) {
	req, err := http.NewRequest(method, l.base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+l.secret)
	if body != "" {
		req.Header.Set("Content-Type", "application/geo+json")
	}
	resp, err := l.client.Do(req)
	if err != nil {
		time.Sleep(50 * time.Millisecond) // the server is not the thing under test here
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// write creates one place name; an acknowledged write (201) is recorded.
func (l *load) write(worker, n int) {
	p := l.phase.Load()
	lon, lat := 108.8+rand.Float64()*0.6, 28.2+rand.Float64()*0.6
	body := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},`+
		`"properties":{"name":"测试地名%d-%d","pinyin":"Ceshi Diming","legal_class":3,"category":"1110","review":"draft"}}`,
		lon, lat, worker, n)
	status, b, err := l.do(http.MethodPost, "/collections/place-names/items", body)
	l.writes[p].add(status, err)
	if status == http.StatusCreated {
		var f struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(b, &f) == nil && f.ID != "" {
			l.mu.Lock()
			l.ackedIDs = append(l.ackedIDs, f.ID)
			l.mu.Unlock()
		}
		return
	}
	l.noteUnexpected(status, err, b)
}

// read fetches a public tile near the 湘渝黔 corner or a page of features.
func (l *load) read() {
	p := l.phase.Load()
	var path string
	if rand.IntN(2) == 0 {
		z := 10 + rand.IntN(4)
		n := 1 << z
		x := int((109.27+180)/360*float64(n)) + rand.IntN(3) - 1
		y := int((1-0.3363*2)/2*float64(n)) + rand.IntN(3) - 1 // about 28.5°N
		path = fmt.Sprintf("/tiles/public/%d/%d/%d.mvt", z, x, y)
	} else {
		path = "/collections/admin-units/items?limit=10&bbox=108.8,28.2,109.4,28.8"
	}
	status, _, err := l.do(http.MethodGet, path, "")
	l.reads[p].add(status, err)
}

// waitReady polls /readyz until it answers 200 and returns how long that
// took, or -1 after limit.
func (l *load) waitReady(limit time.Duration) time.Duration {
	start := time.Now()
	for time.Since(start) < limit {
		if status, _, err := l.do(http.MethodGet, "/readyz", ""); err == nil && status == http.StatusOK {
			return time.Since(start)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return -1
}

func (l *load) acked() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.ackedIDs...)
}

// report prints the outcome table: per phase and kind, requests and the
// share that failed (503, other status, transport error).
func (l *load) report(w io.Writer) {
	fmt.Fprintf(w, "%-7s %-6s %8s %8s %8s %8s %8s %7s\n", "phase", "kind", "requests", "ok", "503", "other", "conn", "error%")
	for p := range phases {
		for _, k := range []struct {
			name string
			c    *counts
		}{{"write", &l.writes[p]}, {"upload", &l.uploads[p]}, {"read", &l.reads[p]}} {
			ok, u, o, t := k.c.ok.Load(), k.c.unavailable.Load(), k.c.other.Load(), k.c.transport.Load()
			total := ok + u + o + t
			rate := 0.0
			if total > 0 {
				rate = 100 * float64(u+o+t) / float64(total)
			}
			fmt.Fprintf(w, "%-7s %-6s %8d %8d %8d %8d %8d %6.1f%%\n", phaseNames[p], k.name, total, ok, u, o, t, rate)
		}
	}
	if l.firstErr != "" {
		fmt.Fprintf(w, "first unexpected write or upload answer: %.300s\n", l.firstErr)
	}
}
