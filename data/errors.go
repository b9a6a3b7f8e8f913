package data

import (
	"errors"
	"fmt"
)

// Kind classifies an error for callers: the API maps each kind to one HTTP
// status, the CLI to one exit message.
type Kind int

const (
	KindInternal    Kind = iota // unexpected; details are logged, not shown
	KindInvalid                 // the input is malformed or breaks a rule
	KindNotFound                // the thing asked for does not exist
	KindConflict                // the write clashes with stored state
	KindForbidden               // the caller may not do this
	KindUnavailable             // a dependency (the database) is down
)

var kindNames = [...]string{"internal", "invalid", "not found", "conflict", "forbidden", "unavailable"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is the domain error: a kind, a user-safe message and typed details
// saying where the problem is. Err is the cause, kept for logs.
type Error struct {
	Kind    Kind
	Message string // user-safe, English
	Field   string // offending field or parameter, if any
	Row     int    // 1-based row or line number in an uploaded file, if any
	Value   string // offending value (a coordinate, a code), if any
	Err     error  // cause, never shown to users
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Row > 0 {
		msg = fmt.Sprintf("row %d: %s", e.Row, msg)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of kind k with a formatted message.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// Invalidf returns a KindInvalid error about field.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns a KindNotFound error for the entity what with id.
func NotFound(what, id string) *Error {
	return &Error{Kind: KindNotFound, Message: fmt.Sprintf("%s %q not found", what, id), Value: id}
}

// KindOf reports the kind of err: the kind of the first *Error in its chain,
// KindInternal otherwise.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
