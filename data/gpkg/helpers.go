package gpkg

import (
	"database/sql"
	"errors"
	"fmt"
)

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
