package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/toponym/toponym/data"
)

// recordSeparator (RS, 0x1E) starts each text of an RFC 8142 sequence.
const recordSeparator = 0x1e

// NewGeoJSONSeq returns a Stream over a GeoJSON text sequence: RFC 8142
// (each Feature preceded by RS) or newline-delimited GeoJSON (one Feature
// per line). A bad line is a row error; the CRS is opts.CRS, else
// EPSG:4326.
func NewGeoJSONSeq(r io.Reader, opts Options) *Stream {
	opts = opts.withDefaults()
	src := &seqSource{sp: newSplitter(r, opts.MaxLineBytes), opts: opts}
	return newStream(FormatGeoJSONSeq, src, opts)
}

type seqSource struct {
	sp   *splitter
	opts Options
	fp   *featureParser
}

func (s *seqSource) next() (Record, error) {
	if s.fp == nil {
		epsg := s.opts.CRS
		if epsg == 0 {
			epsg = 4326
		}
		c, err := newCRS(epsg)
		if err != nil {
			return Record{}, fatal(err)
		}
		s.fp = &featureParser{crs: c, opts: s.opts}
	}
	for {
		text, row, err := s.sp.next()
		if err != nil {
			if err == io.EOF {
				return Record{}, io.EOF
			}
			return Record{}, fatal(err)
		}
		text = bytes.Trim(text, " \t\r\n\x1e")
		if len(text) == 0 {
			continue
		}
		if text[0] != '{' {
			return Record{}, rowError(row, "feature", string(snippet(text, 0)),
				"line does not hold a GeoJSON object")
		}
		return s.fp.parse(text, row)
	}
}

// splitter cuts a text sequence into texts: at RS if the input starts with
// RS, else at newlines. No text longer than max bytes is buffered.
type splitter struct {
	r     *bufio.Reader
	max   int
	delim byte // 0 until the first byte is seen
	line  int  // newlines consumed so far
	buf   []byte
}

func newSplitter(r io.Reader, max int) *splitter {
	return &splitter{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next text (without its delimiter) and the 1-based line
// where it starts. The text is valid until the next call.
func (s *splitter) next() ([]byte, int, error) {
	if s.delim == 0 {
		s.delim = '\n'
		if b, err := s.r.Peek(1); err == nil && b[0] == recordSeparator {
			s.delim = recordSeparator
			_, _ = s.r.ReadByte()
		}
	}
	start := s.line + 1
	s.buf = s.buf[:0]
	for {
		chunk, err := s.r.ReadSlice(s.delim)
		if len(s.buf)+len(chunk) > s.max+1 {
			return nil, start, s.tooLong(start)
		}
		s.buf = append(s.buf, chunk...)
		switch {
		case err == nil:
			s.line += bytes.Count(s.buf, []byte{'\n'})
			return bytes.TrimSuffix(s.buf, []byte{s.delim}), start, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(s.buf) > 0:
			s.line += bytes.Count(s.buf, []byte{'\n'})
			return s.buf, start, nil
		case err == io.EOF:
			return nil, start, io.EOF
		}
		return nil, start, fmt.Errorf("ingest: read GeoJSON sequence: %w", err)
	}
}

func (s *splitter) tooLong(line int) error {
	return &data.Error{Kind: data.KindInvalid, Row: line, Field: "size",
		Message: fmt.Sprintf("line %d is longer than the limit of %d bytes", line, s.max)}
}
