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
// row per point (pinyin_key: one per distinct key, all distinct here).
func TestGenerateRowsFitTheirCopy(t *testing.T) {
	const rows = 50
	f, err := generate(t.TempDir(), rows)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, sql string }{{f.places, sqlCopyPlaces}, {f.names, sqlCopyNames},
		{f.keys, sqlCopyNameKeys}, {f.pinyinKeys, sqlCopyPinyinKeys}} {
		cols := len(strings.Split(regexp.MustCompile(`\(([^)]*)\)`).FindStringSubmatch(c.sql)[1], ","))
		if n := countRows(t, c.path, cols); n != rows {
			t.Errorf("%s: %d rows, want %d", c.path, n, rows)
		}
	}
	if n := countRows(t, f.seq, 1); n != rows {
		t.Errorf("%s: %d lines, want %d", f.seq, n, rows)
	}
	// pinyin_key's primary key: the floor copies the keys as they are.
	b, err := os.ReadFile(f.pinyinKeys)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		k, _, _ := strings.Cut(line, "\t")
		if seen[k] {
			t.Errorf("pinyin key %q twice", k)
		}
		seen[k] = true
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
