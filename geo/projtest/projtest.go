// Package projtest runs PROJ's cs2cs (Debian package proj-bin) as the
// independent oracle of the projection tests: a test converts its points
// with cs2cs and holds the service's own results against them. Without
// cs2cs a test fails in CI (CI=true) and is skipped elsewhere.
package projtest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// Path returns the cs2cs binary, failing tb in CI and skipping it
// elsewhere when there is none.
func Path(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("cs2cs")
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("cs2cs (PROJ, Debian package proj-bin) is required in CI: %v", err)
		}
		tb.Skipf("cs2cs not found (install proj-bin): %v", err)
	}
	return path
}

// CS2CS converts pts from one CRS to another with one cs2cs process and
// returns the first two output columns. Each point is written as its two
// coordinates in the order given (EPSG axis order: lat, lon for EPSG:4490;
// northing, easting for the Gauss-Krüger zones), as the shortest decimal
// that reads back as the same double; format is cs2cs's -f (e.g. "%.12f").
func CS2CS(tb testing.TB, from, to, format string, pts []orb.Point) []orb.Point {
	tb.Helper()
	var in bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&in, "%s %s\n", strconv.FormatFloat(p[0], 'f', -1, 64), strconv.FormatFloat(p[1], 'f', -1, 64))
	}
	cmd := exec.Command(Path(tb), "-f", format, from, to)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("cs2cs %s %s: %v: %s", from, to, err, stderr.String())
	}
	var res []orb.Point
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			tb.Fatalf("cs2cs output line %d %q: want two columns", len(res)+1, sc.Text())
		}
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("cs2cs output line %d %q: not numbers", len(res)+1, sc.Text())
		}
		res = append(res, orb.Point{x, y})
	}
	if len(res) != len(pts) {
		tb.Fatalf("cs2cs returned %d points for %d", len(res), len(pts))
	}
	return res
}
