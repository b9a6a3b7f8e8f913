package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Spooled uploads live in a directory of their own per process, under
// os.TempDir()/toponym-spool, holding a lock file the process keeps locked
// for its lifetime. A process killed mid-upload (SIGKILL, power loss)
// cannot remove its files, but the kernel drops its lock: CleanSpool, run
// when a server starts, removes every directory whose lock nobody holds.

const spoolRoot = "toponym-spool"

var spool struct {
	once sync.Once
	dir  string
	err  error
	lock *os.File // kept open: the lock lasts as long as the process
}

// spoolDir returns this process's spool directory, creating and locking it
// on first use.
func spoolDir() (string, error) {
	spool.once.Do(func() {
		root := filepath.Join(os.TempDir(), spoolRoot)
		if err := os.MkdirAll(root, 0o700); err != nil {
			spool.err = fmt.Errorf("ingest: spool directory: %w", err)
			return
		}
		dir, err := os.MkdirTemp(root, fmt.Sprintf("%d-*", os.Getpid()))
		if err != nil {
			spool.err = fmt.Errorf("ingest: spool directory: %w", err)
			return
		}
		f, err := os.Create(filepath.Join(dir, "lock"))
		if err == nil {
			if err = lockFile(f); errors.Is(err, errors.ErrUnsupported) {
				err = nil // no locks here: CleanSpool keeps every directory
			}
		}
		if err != nil {
			os.RemoveAll(dir)
			spool.err = fmt.Errorf("ingest: spool lock: %w", err)
			return
		}
		spool.dir, spool.lock = dir, f
	})
	return spool.dir, spool.err
}

// CleanSpool removes the spool directories of processes that ended without
// removing their files, and returns how many it removed. Directories of
// running processes, this one included, are left alone.
func CleanSpool() (int, error) {
	return cleanSpool(filepath.Join(os.TempDir(), spoolRoot))
}

func cleanSpool(root string) (int, error) {
	entries, err := os.ReadDir(root)
	if os.IsNotExist(err) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("ingest: clean spool: %w", err)
	}
	n := 0
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || dir == spool.dir {
			continue
		}
		if abandoned(dir) {
			if err := os.RemoveAll(dir); err != nil {
				return n, fmt.Errorf("ingest: clean spool: %w", err)
			}
			n++
		}
	}
	return n, nil
}

// abandoned reports whether no process holds dir's lock.
func abandoned(dir string) bool {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR, 0)
	if os.IsNotExist(err) {
		return true // never locked, or half-created: nothing in use
	} else if err != nil {
		return false
	}
	defer f.Close() // closing drops the lock taken here
	return lockFile(f) == nil
}
