package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// NewCSV returns a Stream over delimited text with a header row. Columns
// are found by their Chinese or English headers (经度/纬度, 北坐标/东坐标,
// X/Y, 名称, 拼音, 类别, 桩号, 高程, …) or given in opts.Columns. For
// a Gauss-Krüger zone, X is the northing and Y the easting, as in Chinese
// survey registers. Without opts.CRS, lon/lat columns are EPSG:4490 and a
// zone is taken from the first row's prefixed easting.
func NewCSV(r io.Reader, opts Options) *Stream {
	opts = opts.withDefaults()
	return newStream(FormatCSV, &csvSource{raw: r, opts: opts}, opts)
}

type csvSource struct {
	raw  io.Reader
	opts Options
	m    *meter
	r    *csv.Reader
	enc  string
	cols csvColumns
	crs  *crs
	x, y int // columns of the source x (lon or easting) and y (lat or northing)
	line int // line of the last record read
	xy   bool
}

func (s *csvSource) next() (Record, error) {
	if s.r == nil {
		if err := s.open(); err != nil {
			return Record{}, fatal(err)
		}
	}
	rec, err := s.r.Read()
	s.m.setMark(s.r.InputOffset())
	var pe *csv.ParseError
	switch {
	case err == nil:
		line := 0
		if len(rec) > 0 {
			line, _ = s.r.FieldPos(0)
			s.line = line
		}
		return s.row(rec, line)
	case err == io.EOF:
		return Record{}, io.EOF
	case errors.As(err, &pe):
		return Record{}, rowError(pe.StartLine, "", "", "CSV: %v", pe.Err)
	case data.AsError(err) != nil:
		e := data.AsError(err)
		if e.Row == 0 {
			e.Row = s.line + 1
		}
		return Record{}, fatal(e)
	}
	if s.m.isIO(err) {
		return Record{}, fatal(fmt.Errorf("ingest: read CSV: %w", err))
	}
	return Record{}, fatal(rowError(s.line+1, "", "", "CSV: %v", err))
}

// open chooses the encoding and delimiter and reads the header.
func (s *csvSource) open() error {
	tr, enc, err := textReader(bufio.NewReaderSize(s.raw, sniffBytes), s.opts.Encoding)
	if err != nil {
		return err
	}
	s.enc = enc
	s.m = newMeter(tr, "CSV record", s.opts.MaxLineBytes, false)
	br := bufio.NewReaderSize(s.m, 64<<10)
	comma := s.opts.Comma
	if comma == 0 {
		head, _ := br.Peek(min(4096, s.opts.MaxLineBytes))
		comma = detectComma(head)
	}
	s.r = csv.NewReader(br)
	s.r.Comma, s.r.FieldsPerRecord, s.r.ReuseRecord = comma, -1, true
	header, err := s.r.Read()
	s.m.setMark(s.r.InputOffset())
	switch {
	case err == io.EOF:
		return rowError(1, "header", "", "the file is empty: a header row is needed")
	case err != nil && data.AsError(err) != nil:
		e := data.AsError(err)
		e.Row = 1
		return e
	case err != nil:
		return rowError(1, "header", "", "CSV header: %v", err)
	}
	s.line = 1
	if err := s.checkText(header, 1); err != nil {
		return err
	}
	if s.cols, err = mapColumns(header, s.opts.Columns); err != nil {
		return err
	}
	return s.chooseColumns()
}

// detectComma picks the delimiter that occurs most in the first line,
// outside quotes: comma, tab or semicolon.
func detectComma(head []byte) rune {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == '\t' || c == ';'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// row turns one CSV record into a Record.
func (s *csvSource) row(rec []string, line int) (Record, error) {
	if err := s.checkText(rec, line); err != nil {
		return Record{}, err
	}
	if s.crs == nil {
		if err := s.decide(rec, line); err != nil {
			return Record{}, err
		}
	}
	p, err := s.point(rec, line)
	if err != nil {
		return Record{}, err
	}
	ll, err := s.crs.toLonLat(p)
	if err != nil {
		return Record{}, s.coordError(err, line)
	}
	sink := newSink(s.opts.Location)
	for i, v := range rec {
		if i == s.x || i == s.y {
			continue
		}
		role := fNone
		if i < len(s.cols.role) && (s.cols.role[i] < fLon || s.cols.role[i] > fY) {
			role = s.cols.role[i]
		}
		if err := sink.set(role, s.fieldName(i), v); err != nil {
			return Record{}, atRow(err, line)
		}
	}
	r := Record{Row: line, Geometry: ll, Source: p, SourceCRS: s.crs.epsg, Datum: s.crs.datum, Attrs: sink.attrs}
	if sink.height == sink.height {
		r.Z = []float64{sink.height}
	}
	return r, nil
}

// point reads the source point: lon, lat or easting, northing.
func (s *csvSource) point(rec []string, line int) (orb.Point, error) {
	x, err := s.number(rec, s.x, line)
	if err != nil {
		return orb.Point{}, err
	}
	y, err := s.number(rec, s.y, line)
	if err != nil {
		return orb.Point{}, err
	}
	return orb.Point{x, y}, nil
}

// number parses the coordinate in column i: decimal, or for degrees also
// degrees-minutes-seconds such as 108°30′15.2″.
func (s *csvSource) number(rec []string, i, line int) (float64, error) {
	name := s.cols.name(i)
	if i >= len(rec) {
		return 0, rowError(line, name, "", "row has %d fields: column %s is missing", len(rec), name)
	}
	v := strings.TrimSpace(rec[i])
	if v == "" {
		return 0, rowError(line, name, "", "%s is empty", name)
	}
	f, err := strconv.ParseFloat(v, 64)
	if err == nil || errors.Is(err, strconv.ErrRange) {
		return f, nil // ±Inf from an overflow is refused by the CRS check
	}
	if s.crs == nil || !s.crs.projected {
		if d, ok := parseDMS(v); ok {
			return d, nil
		}
	}
	return 0, rowError(line, name, v, "%s %q is not a number", name, v)
}

// coordError names the columns in a coordinate error.
func (s *csvSource) coordError(err error, line int) error {
	e := atRow(err, line)
	switch e.Field {
	case "easting", "lon":
		e.Field = s.cols.name(s.x)
	case "northing", "lat":
		e.Field = s.cols.name(s.y)
	default:
		e.Field = s.cols.name(s.x) + "/" + s.cols.name(s.y)
	}
	return e
}

// checkText refuses text that is not valid in the file's encoding (UTF-8
// that is not UTF-8 is most often GBK declared as UTF-8) and text with a
// NUL, which no store keeps.
func (s *csvSource) checkText(rec []string, line int) error {
	for i, v := range rec {
		switch {
		case s.enc == EncodingUTF8 && !utf8.ValidString(v):
			bad := []byte(v)[firstInvalid([]byte(v)):]
			return rowError(line, s.fieldName(i), fmt.Sprintf("% x", bad[:min(len(bad), 8)]),
				"text is not valid UTF-8: the file looks like GBK (GB2312) declared or detected as "+
					"UTF-8; declare the encoding GBK or save the file as UTF-8")
		case s.enc != EncodingUTF8 && strings.ContainsRune(v, utf8.RuneError):
			return rowError(line, s.fieldName(i), "", "text holds bytes that are not valid %s", strings.ToUpper(s.enc))
		case strings.IndexByte(v, 0) >= 0:
			return rowError(line, s.fieldName(i), "", "text holds a NUL character (U+0000): the file is "+
				"damaged or not a CSV text file")
		}
	}
	return nil
}

func (s *csvSource) fieldName(i int) string {
	if n := s.cols.name(i); n != "" && utf8.ValidString(n) {
		return n
	}
	return "column " + strconv.Itoa(i+1)
}
