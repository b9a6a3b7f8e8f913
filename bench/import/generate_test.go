package main

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestGenerateRowsFitTheirCopy: every pre-rendered floor row has one value
// per column of the COPY statement that loads it, and every file has one
// row per point.
func TestGenerateRowsFitTheirCopy(t *testing.T) {
	const rows = 50
	f, err := generate(t.TempDir(), rows)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, sql string }{{f.places, sqlCopyPlaces}, {f.names, sqlCopyNames},
		{f.keys, sqlCopyNameKeys}} {
		cols := len(strings.Split(regexp.MustCompile(`\(([^)]*)\)`).FindStringSubmatch(c.sql)[1], ","))
		if n := countRows(t, c.path, cols); n != rows {
			t.Errorf("%s: %d rows, want %d", c.path, n, rows)
		}
	}
	if n := countRows(t, f.seq, 1); n != rows {
		t.Errorf("%s: %d lines, want %d", f.seq, n, rows)
	}
}

func countRows(t *testing.T, path string, cols int) int {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	n := 0
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		n++
		if got := strings.Count(sc.Text(), "\t") + 1; cols > 1 && got != cols {
			t.Fatalf("%s row %d: %d values, want %d: %q", path, n, got, cols, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}
