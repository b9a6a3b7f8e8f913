package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/toponym/toponym/data"
)

// mapError turns a SQLite error into a data.Error by its extended result
// code. The store checks references, overlaps and uniqueness itself before
// writing, with precise fields; the constraints of the schema are the safety
// net this maps. SQLite names the failed constraint (or table.column of a
// UNIQUE index) only in the message, after "failed: ", which is the one
// place text is read.
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	if data.AsError(err) != nil {
		return err
	}
	wrapped := fmt.Errorf("gpkg: %s: %w", op, err)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &data.Error{Kind: data.KindUnavailable, Message: "the request was cancelled or timed out", Err: wrapped}
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		if errors.Is(err, sql.ErrConnDone) {
			return &data.Error{Kind: data.KindUnavailable, Message: "the GeoPackage is closed", Err: wrapped}
		}
		return wrapped
	}
	code := se.Code()
	what := failedConstraint(se.Error())
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return &data.Error{Kind: data.KindConflict, Field: fieldOf(what),
			Message: "a record with this " + fieldOf(what) + " already exists", Err: wrapped}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &data.Error{Kind: data.KindInvalid, Message: "a referenced record does not exist", Err: wrapped}
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return &data.Error{Kind: data.KindInvalid, Field: fieldOf(what),
			Message: "the value breaks the rule " + what, Err: wrapped}
	}
	switch code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN,
		sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_INTERRUPT:
		return &data.Error{Kind: data.KindUnavailable, Message: "the GeoPackage cannot be used now", Err: wrapped}
	case sqlite3.SQLITE_CONSTRAINT:
		return &data.Error{Kind: data.KindInvalid, Message: "the value breaks a rule of the store", Err: wrapped}
	}
	return wrapped
}

// failedConstraint returns what follows "failed: " in a constraint message:
// a constraint name or table.column list.
func failedConstraint(msg string) string {
	_, after, ok := strings.Cut(msg, "failed: ")
	if !ok {
		return ""
	}
	if i := strings.Index(after, " ("); i >= 0 {
		after = after[:i]
	}
	return strings.TrimSpace(after)
}

// fieldOf turns "markers.line_id, markers.number" or "admin_units_valid_ck"
// into a field name: the last column, or the constraint's middle word.
func fieldOf(what string) string {
	if i := strings.LastIndex(what, "."); i >= 0 {
		return what[i+1:]
	}
	what = strings.TrimSuffix(what, "_ck")
	if i := strings.LastIndex(what, "_"); i >= 0 {
		return what[i+1:]
	}
	return what
}

func isIOError(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY:
		return true
	}
	return false
}

// notFound maps sql.ErrNoRows to a KindNotFound error for what id.
func notFound(err error, what, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return data.NotFound(what, id)
	}
	return mapError("get "+what, err)
}

// conflictf returns a KindConflict error about field.
func conflictf(field, value, format string, args ...any) error {
	return &data.Error{Kind: data.KindConflict, Field: field, Value: value, Message: fmt.Sprintf(format, args...)}
}
