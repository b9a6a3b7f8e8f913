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

// spoolCSV spools a small file and fails the test on error.
func spoolCSV(t *testing.T) *File {
	t.Helper()
	f, err := Spool(strings.NewReader("lon,lat\n106.5,29.5\n"), "a.csv")
	if err != nil {
		t.Fatalf("spool: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// wantLocked fails unless dir's lock file exists and is held.
func wantLocked(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, lockName)); err != nil {
		t.Fatalf("%s has no lock file: %v", dir, err)
	}
	if abandoned(dir, false) {
		t.Errorf("the lock file of %s is not held", dir)
	}
}

// TestSpoolDirRemoved: a tmp cleaner removes the spool directory, or only
// its lock file, under a running process. The directory was made once per
// process, so every later upload failed until a restart; now the next
// upload makes it (and its held lock) again.
func TestSpoolDirRemoved(t *testing.T) {
	dir := filepath.Dir(spoolCSV(t).Path)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	again := filepath.Dir(spoolCSV(t).Path)
	wantLocked(t, again)

	// Only the lock file goes: the directory, perhaps with uploads in
	// flight, is kept and locked again.
	if err := os.Remove(filepath.Join(again, lockName)); err != nil {
		t.Fatal(err)
	}
	if third := filepath.Dir(spoolCSV(t).Path); third != again {
		t.Errorf("spool moved to %s, want %s kept", third, again)
	}
	wantLocked(t, again)
}

// TestSpoolRootRemoved: the whole toponym-spool directory goes.
func TestSpoolRootRemoved(t *testing.T) {
	s := &spooler{root: filepath.Join(t.TempDir(), spoolRoot)}
	defer func() { s.lock.Close() }()
	if _, err := s.get(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(s.root); err != nil {
		t.Fatal(err)
	}
	dir, err := s.get()
	if err != nil {
		t.Fatalf("after the root was removed: %v", err)
	}
	wantLocked(t, dir)
}

// TestSpoolNeverLooksAbandoned: another process's CleanSpool running while
// this one makes its spool directory finds nothing to remove. The lock
// file used to be created, then locked, in a directory already in place:
// a CleanSpool in between found no lock file, or an unlocked one, and
// removed the directory of a live process.
func TestSpoolNeverLooksAbandoned(t *testing.T) {
	root := filepath.Join(t.TempDir(), spoolRoot)
	var removed int
	s := &spooler{root: root, staged: func(stage string) {
		// The directory is as another process sees it before it is in use.
		n, err := cleanSpool(root)
		if err != nil {
			t.Errorf("clean spool: %v", err)
		}
		removed += n
		if _, err := os.Stat(filepath.Join(stage, lockName)); err == nil && abandoned(stage, true) {
			t.Errorf("the lock file of %s is there but not held", stage)
		}
	}}
	defer func() { s.lock.Close() }()
	dir, err := s.get()
	if err != nil {
		t.Fatal(err)
	}
	if removed != 0 {
		t.Errorf("CleanSpool removed %d directories of a process making its spool", removed)
	}
	if n, err := cleanSpool(root); err != nil || n != 0 {
		t.Errorf("CleanSpool after: removed %d (%v), want 0", n, err)
	}
	wantLocked(t, dir)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%s holds %d entries, want only its lock file", dir, len(entries))
	}
}

// TestCleanSpoolStaging: a staging directory without a lock file may be
// another process's spool in the making and stays; one whose lock is free
// was left by a process that died and goes.
func TestCleanSpoolStaging(t *testing.T) {
	root := t.TempDir()
	making := filepath.Join(root, stagePrefix+"1-1")
	if err := os.Mkdir(making, 0o700); err != nil {
		t.Fatal(err)
	}
	dead := mkSpool(t, root, stagePrefix+"2-2")
	if n, err := cleanSpool(root); err != nil || n != 1 {
		t.Errorf("removed %d (%v), want 1", n, err)
	}
	for dir, want := range map[string]bool{making: true, dead: false} {
		if _, err := os.Stat(dir); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(dir), err == nil, want)
		}
	}
}
