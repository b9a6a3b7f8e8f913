package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/toponym/toponym/data"
)

// meter wraps a reader so that a decoder reading from it can never buffer
// more than max bytes past the last mark: the start of the record being
// decoded. It also counts lines, so a byte offset can be named by its line.
// Once the limit is hit, every Read returns the same error.
type meter struct {
	r     io.Reader
	noun  string // what a record is called in errors: "GeoJSON feature", …
	max   int64
	off   int64   // bytes read so far
	mark  int64   // offset of the current record's start
	line  int     // newlines before mark
	nl    []int64 // offsets of newlines at or after mark
	lines bool    // track lines (GeoJSON); CSV and XML decoders know them
	err   error   // the limit error, once hit
	ioErr error   // the underlying reader's last error other than io.EOF
}

// newMeter returns a meter over r; lines makes it track line numbers,
// at the cost of 8 bytes per newline within the window.
func newMeter(r io.Reader, noun string, max int, lines bool) *meter {
	return &meter{r: r, noun: noun, max: int64(max), lines: lines}
}

// Read reads at most up to mark+max.
func (m *meter) Read(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	room := m.mark + m.max - m.off
	if room <= 0 {
		m.err = m.tooLong()
		return 0, m.err
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := m.r.Read(p)
	if err != nil && err != io.EOF {
		m.ioErr = err
	}
	for i, b := 0, p[:n]; m.lines; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		m.nl = append(m.nl, m.off+int64(i+j))
		i += j + 1
	}
	m.off += int64(n)
	return n, err
}

// setMark moves the mark to offset off, the start of the next record, and
// returns the 1-based line of off.
func (m *meter) setMark(off int64) int {
	if off < m.mark {
		return m.line + 1
	}
	m.mark = off
	i := 0
	for i < len(m.nl) && m.nl[i] < off {
		i++
	}
	m.line += i
	m.nl = append(m.nl[:0], m.nl[i:]...)
	return m.line + 1
}

// lineAt returns the 1-based line of offset off, which must not be before
// the mark.
func (m *meter) lineAt(off int64) int {
	n := m.line
	for _, o := range m.nl {
		if o >= off {
			break
		}
		n++
	}
	return n + 1
}

// tooLong is the error of a record over the limit; without line tracking
// its Row is 0 and the caller sets it.
func (m *meter) tooLong() error {
	e := &data.Error{Kind: data.KindInvalid, Field: "size", Value: fmt.Sprintf("byte %d", m.mark),
		Message: fmt.Sprintf("%s starting at byte %d is longer than the limit of %d bytes", m.noun, m.mark, m.max)}
	if m.lines {
		e.Row = m.line + 1
		e.Message = fmt.Sprintf("%s starting at byte %d (line %d) is longer than the limit of %d bytes",
			m.noun, m.mark, m.line+1, m.max)
	}
	return e
}

// isIO reports whether err comes from the underlying reader rather than
// from the input's content.
func (m *meter) isIO(err error) bool {
	return m.ioErr != nil && errors.Is(err, m.ioErr)
}
