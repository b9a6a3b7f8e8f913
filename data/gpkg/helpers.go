package gpkg

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/toponym/toponym/data"
)

// idField is a field holding an ID or a reference to one.
type idField struct{ name, value string }

// checkIDs rejects IDs that are set but not canonical UUIDs, as the
// PostGIS store's uuid columns do.
func checkIDs(ids ...idField) error {
	for _, f := range ids {
		if f.value != "" && !data.ValidID(f.value) {
			return &data.Error{Kind: data.KindInvalid, Field: f.name, Value: f.value,
				Message: fmt.Sprintf("%q is not an ID (a UUID in canonical lower-case form)", f.value)}
		}
	}
	return nil
}

// newID fills *id when empty and checks it otherwise.
func newID(id *string) error {
	if *id == "" {
		*id = data.NewID()
		return nil
	}
	return checkIDs(idField{"id", *id})
}

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

// isCode reports whether s is 6, 9 or 12 digits, the form the PostGIS
// schema checks for a party or side code.
func isCode(s string) bool {
	if len(s) != 6 && len(s) != 9 && len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkCode returns a KindInvalid error when c is set but not a code.
func checkCode(field string, c data.Code) error {
	if c != "" && !isCode(string(c)) {
		return &data.Error{Kind: data.KindInvalid, Field: field, Value: string(c),
			Message: fmt.Sprintf("%q is not a division code of 6, 9 or 12 digits", c)}
	}
	return nil
}

func oneOf[T ~string](field string, v T, allowed ...T) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return &data.Error{Kind: data.KindInvalid, Field: field, Value: string(v),
		Message: fmt.Sprintf("%q is not one of %v", v, allowed)}
}

func inRange(field string, v, lo, hi float64) error {
	if !(v >= lo && v <= hi) {
		return &data.Error{Kind: data.KindInvalid, Field: field,
			Message: fmt.Sprintf("%g is out of range %g–%g", v, lo, hi)}
	}
	return nil
}
