//go:build unix

package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCleanSpool: the spool directory of a process that died (its lock
// free) is removed; one whose lock is held, and this process's own, stay.
func TestCleanSpool(t *testing.T) {
	f, err := Spool(strings.NewReader("lon,lat\n106.5,29.5\n"), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	own := filepath.Dir(f.Path)
	if _, err := CleanSpool(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Path); err != nil {
		t.Fatalf("CleanSpool removed this process's spooled file: %v", err)
	}
	root := t.TempDir() // other processes' spools are not this test's to count

	dead := mkSpool(t, root, "dead")    // its process ended: lock free
	held := mkSpool(t, root, "held")    // a live process holds the lock
	bare := filepath.Join(root, "bare") // crashed before its lock existed
	if err := os.Mkdir(bare, 0o700); err != nil {
		t.Fatal(err)
	}
	lock, err := os.OpenFile(filepath.Join(held, "lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := lockFile(lock); err != nil {
		t.Fatal(err)
	}

	n, err := cleanSpool(root)
	if err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]bool{own: true, held: true, dead: false, bare: false} {
		if _, err := os.Stat(dir); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(dir), err == nil, want)
		}
	}
	if n != 2 {
		t.Errorf("CleanSpool removed %d directories, want 2", n)
	}
	if _, err := os.Stat(f.Path); err != nil {
		t.Errorf("this process's spooled file is gone: %v", err)
	}

	lock.Close() // the holder ends
	if n, err := cleanSpool(root); err != nil || n != 1 {
		t.Errorf("after the holder ended: removed %d (%v), want 1", n, err)
	}
	if _, err := os.Stat(held); !os.IsNotExist(err) {
		t.Errorf("the ended holder's directory is still there: %v", err)
	}
}

// mkSpool makes a spool directory with a lock file and a left-over upload.
func mkSpool(t *testing.T, root, name string) string {
	t.Helper()
	dir := filepath.Join(root, name)
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"lock", "toponym-upload-1"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
