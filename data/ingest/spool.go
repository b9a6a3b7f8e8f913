package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Spooled uploads live in a directory of their own per process, under
// os.TempDir()/toponym-spool, holding a lock file the process keeps locked
// for its lifetime. A process killed mid-upload (SIGKILL, power loss)
// cannot remove its files, but the kernel drops its lock: CleanSpool, run
// when a server starts, removes every directory whose lock nobody holds.
//
// A lock file only ever appears locked: it is made and locked under a
// temporary name, then renamed into place; and a directory appears only
// with its lock in place: it is made under a staging name (stagePrefix)
// and renamed. So CleanSpool never takes a live process's directory for
// an abandoned one. A directory or lock file removed under a running
// process (a tmp cleaner) is made again on the next upload.

const (
	spoolRoot   = "toponym-spool"
	lockName    = "lock"
	stagePrefix = ".new-" // a spool directory being made, not yet in use
)

// spooler is one process's spool directory.
type spooler struct {
	root string // "": os.TempDir()/toponym-spool, read on each use
	// staged, if set, is called with a new directory before it is renamed
	// into place (tests).
	staged func(dir string)

	mu   sync.Mutex
	dir  string
	lock *os.File // kept open: the lock lasts as long as the process
}

// spool is this process's spool.
var spool spooler

// spoolDir returns this process's spool directory, creating and locking it
// on first use and again whenever it or its lock file has been removed.
func spoolDir() (string, error) { return spool.get() }

func (s *spooler) rootDir() string {
	if s.root != "" {
		return s.root
	}
	return filepath.Join(os.TempDir(), spoolRoot)
}

// current returns the directory in use, "" if none yet.
func (s *spooler) current() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dir
}

func (s *spooler) get() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir != "" && s.holdsLock() {
		return s.dir, nil
	}
	if s.dir != "" {
		if _, err := os.Stat(s.dir); err == nil {
			// The lock file went but the directory is there, perhaps with
			// uploads in flight: lock it again in place.
			if f, err := placeLock(s.dir); err == nil {
				s.lock.Close()
				s.lock = f
				return s.dir, nil
			}
		}
		s.lock.Close()
		s.dir, s.lock = "", nil
	}
	dir, f, err := s.create()
	if err != nil {
		return "", err
	}
	s.dir, s.lock = dir, f
	return dir, nil
}

// holdsLock reports whether s.dir's lock file is the one s holds.
func (s *spooler) holdsLock() bool {
	on, err := os.Stat(filepath.Join(s.dir, lockName))
	if err != nil {
		return false
	}
	held, err := s.lock.Stat()
	return err == nil && os.SameFile(on, held)
}

// create makes a new spool directory under a staging name, places its
// lock, and renames it into place.
func (s *spooler) create() (string, *os.File, error) {
	root := s.rootDir()
	if err := os.MkdirAll(root, 0o700); err != nil {
		return "", nil, fmt.Errorf("ingest: spool directory: %w", err)
	}
	stage, err := os.MkdirTemp(root, fmt.Sprintf("%s%d-*", stagePrefix, os.Getpid()))
	if err != nil {
		return "", nil, fmt.Errorf("ingest: spool directory: %w", err)
	}
	f, err := placeLock(stage)
	if err != nil {
		os.RemoveAll(stage)
		return "", nil, err
	}
	if s.staged != nil {
		s.staged(stage)
	}
	dir := filepath.Join(root, strings.TrimPrefix(filepath.Base(stage), stagePrefix))
	if err := os.Rename(stage, dir); err != nil {
		f.Close()
		os.RemoveAll(stage)
		return "", nil, fmt.Errorf("ingest: spool directory: %w", err)
	}
	return dir, f, nil
}

// placeLock makes dir's lock file: created and locked under a temporary
// name, then renamed into place, so that it is never seen unlocked.
func placeLock(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, lockName+"-*")
	if err != nil {
		return nil, fmt.Errorf("ingest: spool lock: %w", err)
	}
	if err = lockFile(f); errors.Is(err, errors.ErrUnsupported) {
		err = nil // no locks here: CleanSpool keeps every directory
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, lockName))
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("ingest: spool lock: %w", err)
	}
	return f, nil
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
	own := spool.current()
	n := 0
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || dir == own {
			continue
		}
		if abandoned(dir, strings.HasPrefix(e.Name(), stagePrefix)) {
			if err := os.RemoveAll(dir); err != nil {
				return n, fmt.Errorf("ingest: clean spool: %w", err)
			}
			n++
		}
	}
	return n, nil
}

// abandoned reports whether no process holds dir's lock. A directory in
// use shows its lock file, locked (placeLock); one without a lock file is
// abandoned, unless it is a staging directory, which a live process may
// be making (a crash there leaves a small directory behind).
func abandoned(dir string, staging bool) bool {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR, 0)
	if os.IsNotExist(err) {
		return !staging
	} else if err != nil {
		return false
	}
	defer f.Close() // closing drops the lock taken here
	return lockFile(f) == nil
}
