package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"path"
	"strings"

	"github.com/toponym/toponym/data"
)

// Open sniffs the format of r from its first 64 KiB and, where the content
// leaves it open, from the file name's extension, and returns a Stream
// over it. An unknown format is a KindInvalid error.
func Open(r io.Reader, name string, opts Options) (*Stream, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	f := Sniff(head, name)
	if f == FormatUnknown {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "format", Value: name,
			Message: "cannot tell the format of " + quote(name) + ": expected GeoJSON, a GeoJSON text " +
				"sequence, CSV or GPX"}
	}
	return NewReader(f, br, opts)
}

// NewReader returns a Stream reading format f from r.
func NewReader(f Format, r io.Reader, opts Options) (*Stream, error) {
	switch f {
	case FormatGeoJSON:
		return NewGeoJSON(r, opts), nil
	case FormatGeoJSONSeq:
		return NewGeoJSONSeq(r, opts), nil
	case FormatCSV:
		return NewCSV(r, opts), nil
	case FormatGPX:
		return NewGPX(r, opts), nil
	}
	return nil, &data.Error{Kind: data.KindInvalid, Field: "format", Value: f.String(),
		Message: "format " + f.String() + " is not supported: use geojson, geojsonseq, csv or gpx"}
}

// Sniff returns the format of a file from its first bytes, head, and its
// name: RS or one JSON object per line is a GeoJSON text sequence, another
// '{' GeoJSON, <gpx GPX, delimited text CSV. The extension decides where
// the content does not.
func Sniff(head []byte, name string) Format {
	byName := ParseFormat(strings.TrimPrefix(strings.ToLower(path.Ext(name)), "."))
	b := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(b) == 0 {
		return byName
	}
	switch b[0] {
	case recordSeparator:
		return FormatGeoJSONSeq
	case '{':
		if byName == FormatGeoJSONSeq || isJSONLines(b) {
			return FormatGeoJSONSeq
		}
		return FormatGeoJSON
	case '<':
		if bytes.Contains(b, []byte("<gpx")) || byName == FormatGPX {
			return FormatGPX
		}
		return FormatUnknown
	case '[':
		return FormatUnknown
	}
	if byName == FormatCSV || looksDelimited(b) {
		return FormatCSV
	}
	return byName
}

// isJSONLines reports whether b starts with a complete JSON object on its
// first line followed by another line starting with '{'.
func isJSONLines(b []byte) bool {
	i := bytes.IndexByte(b, '\n')
	if i < 0 || !json.Valid(b[:i]) {
		return false
	}
	rest := bytes.TrimLeft(b[i+1:], " \t\r\n")
	return len(rest) > 0 && rest[0] == '{'
}

// looksDelimited reports whether the first line of b is text with a comma,
// tab or semicolon.
func looksDelimited(b []byte) bool {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return bytes.IndexByte(b, 0) < 0 && bytes.ContainsAny(b, ",\t;")
}
