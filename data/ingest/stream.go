package ingest

import (
	"errors"
	"fmt"
	"io"

	"github.com/toponym/toponym/data"
)

// source is one format's parser. next returns a record, a row error (a
// *data.Error the stream may skip), a fatal error wrapped by fatal, or
// io.EOF.
type source interface {
	next() (Record, error)
}

// fatalError marks an error after which a source cannot go on.
type fatalError struct{ err error }

func (f fatalError) Error() string { return f.err.Error() }

func fatal(err error) error { return fatalError{err} }

// Stream is the Reader of every format: it numbers records, enforces
// Options.MaxRows and applies the row-error policy of
// Options.ValidRowsOnly.
type Stream struct {
	src      source
	format   Format
	opts     Options
	n        int // records and row errors seen
	errs     []*data.Error
	rejected int
	err      error // sticky: io.EOF or the error that ended the stream
}

var _ Reader = (*Stream)(nil)

func newStream(f Format, src source, opts Options) *Stream {
	return &Stream{src: src, format: f, opts: opts}
}

// Format returns the format being read.
func (s *Stream) Format() Format { return s.format }

// Errors returns the row errors skipped so far under ValidRowsOnly, at most
// Options.MaxErrors of them, in file order.
func (s *Stream) Errors() []*data.Error { return s.errs }

// Rejected returns how many rows were skipped as invalid, including those
// beyond Options.MaxErrors.
func (s *Stream) Rejected() int { return s.rejected }

// Next returns the next valid record. Without ValidRowsOnly the first row
// error ends the stream; with it, invalid rows are skipped and collected.
// At the end Next returns io.EOF.
func (s *Stream) Next() (Record, error) {
	for s.err == nil {
		rec, err := s.src.next()
		if err == io.EOF {
			s.err = io.EOF
			break
		}
		var f fatalError
		if errors.As(err, &f) {
			s.err = f.err
			break
		}
		s.n++
		if s.n > s.opts.MaxRows {
			s.err = &TooManyRowsError{Limit: s.opts.MaxRows, Row: rowOf(rec, err), Index: s.n}
			break
		}
		if err == nil {
			rec.Index = s.n
			return rec, nil
		}
		s.reject(err)
	}
	return Record{}, s.err
}

// TooManyRowsError is a file with more records than Options.MaxRows. The
// stream stops at the first record past the limit, without reading the
// rest of the file. It unwraps to a KindInvalid *data.Error naming the
// row, so callers that only know domain errors still see a bad request.
type TooManyRowsError struct {
	Limit int // Options.MaxRows
	Row   int // line of the file where the record past the limit starts; 0 if unknown
	Index int // that record's position in the file (Limit+1)
}

func (e *TooManyRowsError) Error() string { return e.domain().Error() }

// Unwrap gives the domain error: KindInvalid, field rows, at Row.
func (e *TooManyRowsError) Unwrap() error { return e.domain() }

func (e *TooManyRowsError) domain() *data.Error {
	msg := fmt.Sprintf("file has more than %d rows, the most one upload may hold", e.Limit)
	if e.Row > 0 {
		msg += fmt.Sprintf(": record %d starts at row %d", e.Index, e.Row)
	}
	return &data.Error{Kind: data.KindInvalid, Row: e.Row, Field: "rows", Value: fmt.Sprint(e.Index), Message: msg}
}

// reject applies the row-error policy to err.
func (s *Stream) reject(err error) {
	e := data.AsError(err)
	if e == nil {
		e = &data.Error{Kind: data.KindInvalid, Message: "ingest: " + err.Error(), Err: err}
	}
	if !s.opts.ValidRowsOnly {
		s.err = e
		return
	}
	s.rejected++
	if len(s.errs) < s.opts.MaxErrors {
		s.errs = append(s.errs, e)
	}
}

func rowOf(rec Record, err error) int {
	if e := data.AsError(err); e != nil && e.Row > 0 {
		return e.Row
	}
	return rec.Row
}

// rowError returns a KindInvalid error for row.
func rowError(row int, field, value, format string, args ...any) *data.Error {
	return &data.Error{Kind: data.KindInvalid, Row: row, Field: field, Value: value,
		Message: fmt.Sprintf(format, args...)}
}

// atRow sets the row of err, a *data.Error or not, and returns it.
func atRow(err error, row int) *data.Error {
	e := data.AsError(err)
	if e == nil {
		return &data.Error{Kind: data.KindInvalid, Row: row, Message: err.Error(), Err: err}
	}
	c := *e
	c.Row = row
	return &c
}
