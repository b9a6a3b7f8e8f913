package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// NewGPX returns a Stream over a GPX 1.0 or 1.1 file: one record per
// waypoint (wpt), route (rte, a LineString) and track (trk, a LineString,
// or a MultiLineString for several segments). Heights (ele) go to
// Record.Z, point times to Record.Times. The CRS is EPSG:4326 as GPX
// requires, or EPSG:4490 if opts.CRS says so.
func NewGPX(r io.Reader, opts Options) *Stream {
	opts = opts.withDefaults()
	m := newMeter(r, "GPX element", opts.MaxLineBytes, false)
	d := xml.NewDecoder(m)
	d.Strict = true
	d.CharsetReader = charsetReader
	return newStream(FormatGPX, &gpxSource{m: m, d: d, opts: opts}, opts)
}

// charsetReader decodes the Chinese encodings an XML declaration may name.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch enc := canonicalEncoding(label); enc {
	case EncodingGBK, EncodingGB18030:
		return decoded(r, enc), nil
	}
	if strings.EqualFold(label, "us-ascii") || strings.EqualFold(label, "ascii") {
		return r, nil
	}
	return nil, fmt.Errorf("encoding %q is not supported: use UTF-8 or GBK", label)
}

type gpxSource struct {
	m     *meter
	d     *xml.Decoder
	opts  Options
	crs   *crs
	depth int
	done  bool
}

func (s *gpxSource) next() (Record, error) {
	if s.crs == nil {
		if err := s.open(); err != nil {
			return Record{}, fatal(err)
		}
	}
	for !s.done {
		t, err := s.token()
		if err != nil {
			return Record{}, fatal(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if s.depth != 2 {
				continue
			}
			switch t.Name.Local {
			case "wpt":
				return s.waypoint(t)
			case "rte":
				return s.path("rte", "rtept", "")
			case "trk":
				return s.path("trk", "trkpt", "trkseg")
			}
			if err := s.skip(1); err != nil {
				return Record{}, fatal(err)
			}
		case xml.EndElement:
			s.done = s.depth == 0
		}
	}
	return Record{}, io.EOF
}

// open checks the declared CRS and the root element.
func (s *gpxSource) open() error {
	epsg := s.opts.CRS
	if epsg == 0 {
		epsg = 4326
	}
	k, err := newCRS(epsg)
	if err != nil || k.projected {
		return &data.Error{Kind: data.KindInvalid, Field: "crs", Value: strconv.Itoa(epsg),
			Message: "GPX holds longitude and latitude: declare EPSG:4326 or EPSG:4490, not EPSG:" + strconv.Itoa(epsg)}
	}
	for {
		t, err := s.token()
		if err != nil {
			return err
		}
		if st, ok := t.(xml.StartElement); ok {
			if st.Name.Local != "gpx" {
				return s.fail("root element is <%s>: not a GPX file", st.Name.Local)
			}
			s.crs = &k
			return nil
		}
	}
}

// token returns the next token, counting depth and moving the meter's mark
// so that no single token can exceed the line limit.
func (s *gpxSource) token() (xml.Token, error) {
	t, err := s.d.Token()
	s.m.setMark(s.d.InputOffset())
	if err != nil {
		return nil, s.xmlError(err)
	}
	switch t.(type) {
	case xml.StartElement:
		s.depth++
		if s.depth > maxXMLDepth {
			return nil, s.fail("elements are nested more than %d deep", maxXMLDepth)
		}
	case xml.EndElement:
		s.depth--
	}
	return t, nil
}

// skip reads tokens until the element just started, n levels up, ends.
func (s *gpxSource) skip(n int) error {
	target := s.depth - n
	for s.depth > target {
		if _, err := s.token(); err != nil {
			return err
		}
	}
	return nil
}

// text reads the character data of the element just started, skipping
// any child elements.
func (s *gpxSource) text() (string, error) {
	var b strings.Builder
	target := s.depth - 1
	for s.depth > target {
		t, err := s.token()
		if err != nil {
			return "", err
		}
		if cd, ok := t.(xml.CharData); ok && s.depth == target+1 && b.Len() < 1<<16 {
			b.Write(cd)
		}
	}
	return strings.TrimSpace(b.String()), nil
}

func (s *gpxSource) line() int {
	l, _ := s.d.InputPos()
	return l
}

func (s *gpxSource) xmlError(err error) error {
	if e := data.AsError(err); e != nil {
		if e.Row == 0 {
			e.Row = s.line()
		}
		return e
	}
	var syn *xml.SyntaxError
	switch {
	case err == io.EOF && s.depth > 0, errors.As(err, &syn) && strings.Contains(syn.Msg, "unexpected EOF"):
		return s.fail("GPX is truncated: it ends at byte %d inside an open element", s.m.off)
	case err == io.EOF:
		return s.fail("no <gpx> element: not a GPX file")
	case errors.As(err, &syn):
		e := s.fail("invalid XML: %s", syn.Msg)
		e.Row = syn.Line
		return e
	}
	if s.m.isIO(err) {
		return fmt.Errorf("ingest: read GPX: %w", err)
	}
	return s.fail("invalid XML: %v", err)
}

func (s *gpxSource) fail(format string, args ...any) *data.Error {
	return &data.Error{Kind: data.KindInvalid, Row: s.line(), Value: "byte " + strconv.FormatInt(s.m.off, 10),
		Message: fmt.Sprintf(format, args...)}
}

// gpxPoint is one wpt, rtept or trkpt.
type gpxPoint struct {
	row  int
	src  orb.Point // lon, lat
	ll   orb.Point
	ele  float64 // NaN if none
	time time.Time
	text map[string]string // name, desc, sym, …
}

// point reads the point element just started. A row error is returned
// once the element has been consumed; a fatal error (see fatal) at once.
func (s *gpxSource) point(st xml.StartElement, keepText bool) (gpxPoint, error) {
	pt := gpxPoint{row: s.line(), ele: math.NaN()}
	rowErr := s.pointPosition(st, &pt)
	target := s.depth - 1
	for s.depth > target {
		t, err := s.token()
		if err != nil {
			return pt, fatal(err)
		}
		child, ok := t.(xml.StartElement)
		if !ok || s.depth != target+2 {
			continue
		}
		v, err := s.text()
		if err != nil {
			return pt, fatal(err)
		}
		if err := s.pointChild(&pt, child.Name.Local, v, keepText); err != nil && rowErr == nil {
			rowErr = err
		}
	}
	return pt, rowErr
}
