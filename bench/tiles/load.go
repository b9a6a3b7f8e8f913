package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/toponym/toponym/tiles"
)

// result is one phase's outcome: requests, bytes received, the time it
// took, latency percentiles and failed requests.
type result struct {
	n             int
	bytes         int64
	elapsed       time.Duration
	p50, p95, p99 time.Duration
	errs          int64
	// CPU time (user and system) this process (the server, and the Go
	// client if it is used) and wrk spent in the phase.
	cpuSelf, cpuWrk time.Duration
	// Garbage collections of this process in the phase, their
	// stop-the-world pauses, and the bytes it allocated.
	gcs       uint32
	gcPause   time.Duration
	allocated uint64
}

// gcState is a snapshot of this process's collector counters.
type gcState struct {
	n     uint32
	pause time.Duration
	alloc uint64
}

func readGC() gcState {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return gcState{n: m.NumGC, pause: time.Duration(m.PauseTotalNs), alloc: m.TotalAlloc}
}

// since records the collections and allocation since s in r.
func (s gcState) since(r *result) {
	now := readGC()
	r.gcs, r.gcPause, r.allocated = now.n-s.n, now.pause-s.pause, now.alloc-s.alloc
}

// cpuTime returns this process's CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// capacity is the rate the CPU time per request allows on cores idle
// cores: what the phase would reach on a machine with nothing else
// running, the load generator included.
func (r result) capacity(cores int) float64 {
	if r.n == 0 || r.cpuSelf+r.cpuWrk == 0 {
		return 0
	}
	return float64(cores) * float64(time.Second) / (float64(r.cpuSelf+r.cpuWrk) / float64(r.n))
}

func (r result) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r result) pct(p float64) time.Duration {
	switch p {
	case 0.5:
		return r.p50
	case 0.95:
		return r.p95
	}
	return r.p99
}

// combine adds up rounds of one phase: their requests, bytes, time and
// errors, with each latency percentile the median of the rounds'.
func combine(rs []result) result {
	var c result
	var p50, p95, p99 []time.Duration
	for _, r := range rs {
		c.n, c.bytes, c.elapsed, c.errs = c.n+r.n, c.bytes+r.bytes, c.elapsed+r.elapsed, c.errs+r.errs
		c.cpuSelf, c.cpuWrk = c.cpuSelf+r.cpuSelf, c.cpuWrk+r.cpuWrk
		c.gcs, c.gcPause, c.allocated = c.gcs+r.gcs, c.gcPause+r.gcPause, c.allocated+r.allocated
		p50, p95, p99 = append(p50, r.p50), append(p95, r.p95), append(p99, r.p99)
	}
	median := func(d []time.Duration) time.Duration {
		if len(d) == 0 {
			return 0
		}
		slices.Sort(d)
		return d[len(d)/2]
	}
	c.p50, c.p95, c.p99 = median(p50), median(p95), median(p99)
	return c
}

func report(name string, r result) {
	per := int64(0)
	if r.n > 0 {
		per = r.bytes / int64(r.n)
	}
	fmt.Printf("%-22s %8.0f tiles/s  p50 %-9s p95 %-9s p99 %-9s %7d bytes/resp  (%d requests, %d errors)\n",
		name, r.rate(), r.p50.Round(time.Microsecond), r.p95.Round(time.Microsecond),
		r.p99.Round(time.Microsecond), per, r.n, r.errs)
	if r.n > 0 && r.cpuSelf > 0 {
		fmt.Printf("%-22s CPU per request: %s here, %s wrk; on %d idle cores: %.0f tiles/s\n", "",
			(r.cpuSelf / time.Duration(r.n)).Round(100*time.Nanosecond),
			(r.cpuWrk / time.Duration(r.n)).Round(100*time.Nanosecond), runtime.NumCPU(), r.capacity(runtime.NumCPU()))
	}
	if r.n > 0 && r.allocated > 0 {
		fmt.Printf("%-22s GC: %d cycles (one per %d requests), pauses %s in all; %d bytes allocated per request\n", "",
			r.gcs, r.n/max(1, int(r.gcs)), r.gcPause.Round(time.Microsecond), r.allocated/uint64(r.n))
	}
}

// measure runs fn over the list round-robin from conc workers for dur.
func measure(conc int, dur time.Duration, list []tiles.TileID, fn func(tiles.TileID) (int, error)) result {
	var (
		mu    sync.Mutex
		all   []time.Duration
		bytes atomic.Int64
		errs  atomic.Int64
		next  atomic.Int64
		wg    sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			for time.Now().Before(deadline) {
				id := list[int(next.Add(1)-1)%len(list)]
				t0 := time.Now()
				n, err := fn(id)
				lat = append(lat, time.Since(t0))
				if err != nil {
					errs.Add(1)
				}
				bytes.Add(int64(n))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(all)
	r := result{n: len(all), bytes: bytes.Load(), elapsed: time.Since(start), errs: errs.Load()}
	if len(all) > 0 {
		at := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
		r.p50, r.p95, r.p99 = at(0.5), at(0.95), at(0.99)
	}
	return r
}

// tileRequest is one request of a phase: a tile's path and, to
// revalidate, its ETag.
type tileRequest struct {
	path, etag string
}

var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, DisableCompression: true}}

// get requests a path with Accept-Encoding: gzip and returns the status,
// ETag and body size.
func get(url, etag string) (int, string, int64, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, "", 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("ETag"), n, err
}

// warm fetches every tile once through a server on cache.
func (b *bench) warm(cache *tiles.Cache) error {
	base, stop, err := b.serve(cache)
	if err != nil {
		return err
	}
	defer stop()
	for _, id := range b.list {
		if code, _, _, err := get(base+tilePath(b.o.tileset, id), ""); err != nil || code != 200 {
			return fmt.Errorf("warming %s: %d %v", id, code, err)
		}
	}
	return nil
}

func tilePath(tileset string, id tiles.TileID) string {
	return "/tiles/" + tileset + "/" + id.String() + ".mvt"
}

// requests lists the phase's requests; to revalidate, it first fetches
// each tile's ETag (from the cache).
func (b *bench) requests(base string, revalidate bool) ([]tileRequest, error) {
	out := make([]tileRequest, len(b.list))
	for i, id := range b.list {
		out[i].path = tilePath(b.o.tileset, id)
		if !revalidate {
			continue
		}
		code, etag, _, err := get(base+out[i].path, "")
		if err != nil || code != 200 || etag == "" {
			return nil, fmt.Errorf("ETag of %s: %d %q %v", id, code, etag, err)
		}
		if code, _, _, err := get(base+out[i].path, etag); err != nil || code != http.StatusNotModified {
			return nil, fmt.Errorf("revalidating %s: %d %v", id, code, err)
		}
		out[i].etag = etag
	}
	return out, nil
}

// goClient loads the server from this process.
func goClient(base string, reqs []tileRequest, conc int, dur time.Duration) (result, error) {
	var next atomic.Int64
	want := http.StatusOK
	if reqs[0].etag != "" {
		want = http.StatusNotModified
	}
	self := cpuTime()
	r := measure(conc, dur, make([]tiles.TileID, len(reqs)), func(tiles.TileID) (int, error) {
		q := reqs[int(next.Add(1)-1)%len(reqs)]
		code, _, n, err := get(base+q.path, q.etag)
		if err == nil && code != want {
			err = fmt.Errorf("status %d", code)
		}
		return int(n), err
	})
	r.cpuSelf = cpuTime() - self
	return r, nil
}

// wrkScript requests the list round-robin from each connection, all
// requests formatted once at start, and prints the summary on one line.
const wrkScript = `local specs = {%s}
local reqs, n, i = {}, 0, 0
function init(args)
  for k, s in ipairs(specs) do
    local h = {["Accept-Encoding"] = "gzip"}
    if s[2] ~= "" then h["If-None-Match"] = s[2] end
    reqs[k] = wrk.format("GET", s[1], h)
  end
  n = #reqs
  i = math.random(n) - 1
end
function request()
  i = i %% n + 1
  return reqs[i]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\n", summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`

// runWrk loads the server with wrk, a separate process.
func runWrk(base string, reqs []tileRequest, conc, threads int, dur time.Duration) (result, error) {
	var specs []string
	for _, q := range reqs {
		specs = append(specs, fmt.Sprintf("{%q, %q}", q.path, q.etag))
	}
	dir, err := os.MkdirTemp("", "bench-tiles")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "tiles.lua")
	if err := os.WriteFile(script, []byte(fmt.Sprintf(wrkScript, strings.Join(specs, ", "))), 0o644); err != nil {
		return result{}, err
	}
	threads = max(1, min(threads, conc))
	cmd := exec.Command("wrk", "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conc),
		"-d", strconv.Itoa(max(1, int(dur.Seconds())))+"s", "--timeout", "30s", "-s", script, base)
	self := cpuTime()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	r, err := parseWrk(string(out))
	r.cpuSelf = cpuTime() - self
	r.cpuWrk = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return r, err
}

// parseWrk reads the RESULT line: requests, duration (µs), bytes, errors
// and the p50, p95 and p99 latencies (µs).
func parseWrk(out string) (result, error) {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) != 8 || f[0] != "RESULT" {
			continue
		}
		var v [7]int64
		for i := range v {
			n, err := strconv.ParseInt(f[i+1], 10, 64)
			if err != nil {
				return result{}, fmt.Errorf("wrk printed %q", line)
			}
			v[i] = n
		}
		us := func(n int64) time.Duration { return time.Duration(n) * time.Microsecond }
		return result{n: int(v[0]), elapsed: us(v[1]), bytes: v[2], errs: v[3], p50: us(v[4]), p95: us(v[5]), p99: us(v[6])}, nil
	}
	return result{}, fmt.Errorf("no RESULT line in wrk's output:\n%s", out)
}

// startProfile starts a CPU profile into file (none if file is empty) and
// returns the function that stops it.
func startProfile(file string) func() {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/tiles: profile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "bench/tiles: profile:", err)
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
