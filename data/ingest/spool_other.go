//go:build !unix

package ingest

import (
	"errors"
	"os"
)

// lockFile is not supported here: every spool directory counts as in use,
// and CleanSpool removes nothing.
func lockFile(*os.File) error { return errors.ErrUnsupported }
