package data

import (
	"fmt"
	"math"
	"time"
)

// Small checks the Validate methods are built from. Each returns nil or a
// KindInvalid *Error naming field; firstErr keeps the first of several.

// EnsureID fills an empty *id with a new ID and otherwise checks that it
// is one (field "id"). Stores call it before they insert.
func EnsureID(id *string) error {
	if *id == "" {
		*id = NewID()
		return nil
	}
	return checkRef("id", *id)
}

// checkRef checks that a reference, if given, is an ID (a canonical UUID).
func checkRef(field, id string) error {
	if id != "" && !ValidID(id) {
		return &Error{Kind: KindInvalid, Field: field, Value: id,
			Message: fmt.Sprintf("%q is not an ID (a lower-case UUID)", id)}
	}
	return nil
}

// checkRefs checks every reference in ids with checkRef.
func checkRefs(field string, ids ...string) error {
	for _, id := range ids {
		if err := checkRef(field, id); err != nil {
			return err
		}
	}
	return nil
}

// requiredRef checks a reference that must be given.
func requiredRef(field, id string) error {
	return firstErr(required(field, id), checkRef(field, id))
}

// distinct reports the first ID listed twice in ids, ignoring empty ones.
func distinct(field, what string, ids ...string) error {
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			if a != "" && a == b {
				return &Error{Kind: KindInvalid, Field: field, Value: a,
					Message: fmt.Sprintf("%s is listed twice; %s", a, what)}
			}
		}
	}
	return nil
}

// checkCode checks an optional division code with ParseCode and names
// field on error.
func checkCode(field string, c Code) error {
	if c == "" {
		return nil
	}
	if _, err := ParseCode(string(c)); err != nil {
		e := *AsError(err)
		e.Field, e.Value = field, string(c)
		return &e
	}
	return nil
}

// requiredCode checks a division code that must be given.
func requiredCode(field string, c Code) error {
	return firstErr(required(field, string(c)), checkCode(field, c))
}

// checkMetres checks a distance or accuracy in metres: a number in 0–max.
func checkMetres(field string, v, max float64) error {
	if math.IsNaN(v) || v < 0 || v > max {
		return Invalidf(field, "%s m is out of range 0–%s m", ftoa(v), ftoa(max))
	}
	return nil
}

// checkEPSG checks an EPSG code; 0 means not recorded.
func checkEPSG(field string, code int) error {
	if code < 0 || code > 999999 {
		return Invalidf(field, "EPSG code %d is out of range 0–999999", code)
	}
	return nil
}

// checkSHA256 checks a SHA-256 digest in lower-case hex.
func checkSHA256(field, s string) error {
	if len(s) != 64 {
		return Invalidf(field, "SHA-256 must be 64 lower-case hex digits, not %d characters", len(s))
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return Invalidf(field, "SHA-256 has a character %q that is not a lower-case hex digit", s[i])
		}
	}
	return nil
}

// oneOf checks that v is one of allowed.
func oneOf[S ~string](field string, v S, allowed ...S) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return &Error{Kind: KindInvalid, Field: field, Value: string(v),
		Message: fmt.Sprintf("%q is not one of %q", v, allowed)}
}

// required checks that v is not empty.
func required(field, v string) error {
	if v == "" {
		return Invalidf(field, "%s is required", field)
	}
	return nil
}

// requiredTime checks that t is set; what names it in the message.
func requiredTime(field, what string, t time.Time) error {
	if t.IsZero() {
		return Invalidf(field, "%s is required", what)
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
