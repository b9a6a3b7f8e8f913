//go:build unix

package ingest

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f without waiting; it fails if
// another open file holds it.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
