package inspectbench

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/geo/inspect"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var (
	oneLine  = Size{Lines: 1, Markers: 1000, Vertices: 20000}
	national = Size{Lines: 70, Markers: 60000 / 70, Vertices: 2_000_000 / 140}
)

// runAll runs the round (inspect.RunLines: lines spread over GOMAXPROCS
// goroutines) and returns the wall time and the findings that are not info.
func runAll(tb testing.TB, ins []inspect.Input) (time.Duration, int) {
	tb.Helper()
	start := time.Now()
	res, err := inspect.RunLines(ins, inspect.DefaultTolerances())
	elapsed := time.Since(start)
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for _, fs := range res {
		for _, f := range fs {
			if f.Severity != data.SeverityInfo {
				n++
			}
		}
	}
	return elapsed, n
}

// bestOf returns the fastest of k runs (wall time), the CPU time of that
// run, and the findings above info.
func bestOf(tb testing.TB, k int, ins []inspect.Input) (wall, cpu time.Duration, faults int) {
	wall = time.Duration(1<<63 - 1)
	for range k {
		c0 := cpuTime()
		d, f := runAll(tb, ins)
		if d < wall {
			wall, cpu, faults = d, cpuTime()-c0, f
		}
	}
	return wall, cpu, faults
}

// TestReport prints the benchmark: geo/inspect against the same checks as
// PostGIS SQL, one line and national scale. It only runs with
// TOPONYM_BENCH=1; it reports figures and asserts nothing about time.
func TestReport(t *testing.T) {
	if os.Getenv("TOPONYM_BENCH") == "" {
		t.Skip("set TOPONYM_BENCH=1 to run the benchmark report")
	}
	conn, err := pgx.Connect(t.Context(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(t.Context())
	t.Logf("GOMAXPROCS %d; targets: one line < 50 ms, national < 3 s, ≥ 5× faster than SQL", runtime.GOMAXPROCS(0))
	for _, c := range []struct {
		name string
		size Size
		runs int
	}{{"one line", oneLine, 7}, {"national", national, 3}} {
		ins, err := Generate(c.size)
		if err != nil {
			t.Fatal(err)
		}
		goTime, goCPU, faults := bestOf(t, c.runs, ins)
		if faults != 0 {
			t.Errorf("%s: %d findings above info on clean data", c.name, faults)
		}
		markers := c.size.Lines * c.size.Markers
		t.Logf("%s: %d lines, %d markers, %d version vertices (+%d agreed)", c.name, c.size.Lines, markers,
			c.size.VersionVertices(), c.size.Lines*c.size.Vertices)
		t.Logf("  geo/inspect Run (C1–C19, best of %d): %8.1f ms wall, %.1f ms CPU over %d threads; load %s",
			c.runs, ms(goTime), ms(goCPU), runtime.GOMAXPROCS(0), loadavg())
		if err := Load(t.Context(), conn, ins); err != nil {
			t.Fatal(err)
		}
		times, sqlTime, err := RunSQL(t.Context(), conn)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range Checks {
			t.Logf("  SQL %-45s %8.1f ms", q.Rule, ms(times[q.Rule]))
		}
		t.Logf("  SQL total (C1, C5–C8, C10, C11):           %8.1f ms", ms(sqlTime))
		t.Logf("  ratio SQL / Go: %.1f×", float64(sqlTime)/float64(goTime))
	}
}

// loadavg returns the 1-minute load average, or "?".
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil || len(b) == 0 {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkOneLine is one round of one line: 1,000 markers, two
// 20,000-vertex versions.
func BenchmarkOneLine(b *testing.B) { benchSize(b, oneLine) }

// BenchmarkNational is 70 provincial lines, 60,000 markers, 2 million
// version vertices, the lines spread over GOMAXPROCS goroutines.
func BenchmarkNational(b *testing.B) { benchSize(b, national) }

func benchSize(b *testing.B, s Size) {
	ins, err := Generate(s)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var total time.Duration
	c0 := cpuTime()
	for b.Loop() {
		d, _ := runAll(b, ins)
		total += d
	}
	b.ReportMetric(ms(total)/float64(b.N), "ms/round")
	// CPU time says more than the wall clock on a shared machine.
	b.ReportMetric(ms(cpuTime()-c0)/float64(b.N), "cpu-ms/round")
}
