package api

import (
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// CRS URIs the API understands (OGC API – Features Part 2, CRS by reference).
const (
	CRS84URI    = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	EPSG4490URI = "http://www.opengis.net/def/crs/EPSG/0/4490"
)

// crsID is a coordinate reference system the API reads and writes.
type crsID int

const (
	crs84    crsID = iota // CGCS2000 ≈ WGS84 lon, lat (GeoJSON order)
	epsg4490              // CGCS2000 lat, lon (EPSG axis order)
)

// URI returns the CRS's OGC URI.
func (c crsID) URI() string {
	if c == epsg4490 {
		return EPSG4490URI
	}
	return CRS84URI
}

// latLon reports whether coordinates in c are written latitude first.
func (c crsID) latLon() bool { return c == epsg4490 }

// Page size bounds of /items.
const (
	defaultLimit = data.DefaultLimit
	maxLimit     = data.MaxLimit
	maxOffset    = 1_000_000_000
)

// parseCRS parses the value of the crs or bbox-crs parameter named param;
// the empty string means CRS84.
func parseCRS(param, s string) (crsID, error) {
	switch s {
	case "", CRS84URI:
		return crs84, nil
	case EPSG4490URI:
		return epsg4490, nil
	}
	return 0, data.Invalidf(param, "CRS %q is not supported; use %s or %s", s, CRS84URI, EPSG4490URI)
}

// parseBBox parses the bbox parameter: minx,miny,maxx,maxy or, with heights
// that are ignored, minx,miny,minz,maxx,maxy,maxz. In crs EPSG:4490 the axis
// order is latitude, longitude. The result is in lon/lat degrees. The box
// must not be inverted and must lie within ±180° longitude and ±90° latitude.
func parseBBox(s string, crs crsID) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return orb.Bound{}, data.Invalidf("bbox", "bbox %q has %d numbers; want 4 (minx,miny,maxx,maxy) or 6 (with heights)", s, len(parts))
	}
	v := make([]float64, len(parts))
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return orb.Bound{}, &data.Error{Kind: data.KindInvalid, Field: "bbox", Value: p,
				Message: "bbox number " + strconv.Itoa(i+1) + " (" + strconv.Quote(p) + ") is not a finite number"}
		}
		v[i] = f
	}
	if len(v) == 6 {
		v = []float64{v[0], v[1], v[3], v[4]}
	}
	if crs.latLon() {
		v[0], v[1], v[2], v[3] = v[1], v[0], v[3], v[2]
	}
	b := orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	if msg := checkBound(b, crs); msg != "" {
		return orb.Bound{}, &data.Error{Kind: data.KindInvalid, Field: "bbox", Value: s, Message: msg}
	}
	return b, nil
}

// checkBound returns what is wrong with b, or "".
func checkBound(b orb.Bound, crs crsID) string {
	order := "minx,miny,maxx,maxy in lon,lat"
	if crs.latLon() {
		order = "minlat,minlon,maxlat,maxlon"
	}
	switch {
	case b.Min[0] < -180 || b.Max[0] > 180:
		return ("bbox longitude lies outside -180..180 (axis order " + order + ")")
	case b.Min[1] < -90 || b.Max[1] > 90:
		return ("bbox latitude lies outside -90..90 (axis order " + order + ")")
	case b.Min[0] > b.Max[0]:
		return ("bbox is inverted: minimum longitude exceeds maximum (axis order " + order + ")")
	case b.Min[1] > b.Max[1]:
		return ("bbox is inverted: minimum latitude exceeds maximum (axis order " + order + ")")
	}
	return ""
}

// timeFilter is a parsed datetime parameter: at most one of At and
// Interval is set.
type timeFilter struct {
	At       *time.Time
	Interval *data.Period
}

// parseDatetime parses the datetime parameter: an instant (a date
// 2010-01-01 or an RFC 3339 date-time) or a closed interval a/b whose ends
// may be open (".." or empty). Validity is kept in civil dates, so an
// instant is reduced to the date it names at its own offset (data.Day:
// 2005-01-01T00:00:00+08:00 is 2005-01-01, as the stores keep dates); the
// interval's end date is included, which gives the half-open data.Period
// [a, b+1 day).
func parseDatetime(s string) (timeFilter, error) {
	if s == "" {
		return timeFilter{}, nil
	}
	start, end, isInterval := strings.Cut(s, "/")
	if !isInterval {
		t, err := parseInstant(s)
		if err != nil {
			return timeFilter{}, err
		}
		return timeFilter{At: &t}, nil
	}
	if strings.Contains(end, "/") {
		return timeFilter{}, datetimeErr(s, "an interval has exactly one '/'")
	}
	var p data.Period
	var err error
	if start != "" && start != ".." {
		if p.From, err = parseInstant(start); err != nil {
			return timeFilter{}, err
		}
	}
	if end != "" && end != ".." {
		var to time.Time
		if to, err = parseInstant(end); err != nil {
			return timeFilter{}, err
		}
		p.To = to.AddDate(0, 0, 1)
	}
	switch {
	case p.From.IsZero() && p.To.IsZero():
		return timeFilter{}, datetimeErr(s, "an interval needs at least one bound")
	case !p.From.IsZero() && !p.To.IsZero() && !p.From.Before(p.To):
		return timeFilter{}, datetimeErr(s, "the interval ends before it begins")
	}
	return timeFilter{Interval: &p}, nil
}

// parseDateOrTime parses a date (UTC midnight) or an RFC 3339 date-time,
// returned in UTC.
func parseDateOrTime(s string) (time.Time, error) {
	t, err := parseAtOffset(s)
	return t.UTC(), err
}

// parseAtOffset parses a date (UTC midnight) or an RFC 3339 date-time, kept
// at its own offset.
func parseAtOffset(s string) (time.Time, error) {
	layout := time.RFC3339Nano
	if len(s) == len(data.DateLayout) {
		layout = data.DateLayout
	}
	return time.Parse(layout, s)
}

// parseInstant parses a date or an RFC 3339 date-time to the civil date it
// names at its own offset (data.Day), as UTC midnight.
func parseInstant(s string) (time.Time, error) {
	t, err := parseAtOffset(s)
	if err != nil {
		return time.Time{}, datetimeErr(s, "not a date (2010-01-01) or an RFC 3339 date-time (2010-01-01T08:00:00Z)")
	}
	if t = data.Day(t); t.Year() < 1 || t.Year() > 9999 {
		return time.Time{}, datetimeErr(s, "the year lies outside 0001–9999")
	}
	return t, nil
}

func datetimeErr(value, msg string) error {
	return &data.Error{Kind: data.KindInvalid, Field: "datetime", Value: value,
		Message: "datetime " + strconv.Quote(value) + ": " + msg}
}

// parseLimit parses the limit parameter: 1..10000, 100 when empty.
func parseLimit(s string) (int, error) {
	if s == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxLimit {
		return 0, &data.Error{Kind: data.KindInvalid, Field: "limit", Value: s,
			Message: "limit " + strconv.Quote(s) + " is not an integer from 1 to " + strconv.Itoa(maxLimit)}
	}
	return n, nil
}

// parseOffset parses the offset parameter: a non-negative integer, 0 when
// empty.
func parseOffset(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxOffset {
		return 0, &data.Error{Kind: data.KindInvalid, Field: "offset", Value: s,
			Message: "offset " + strconv.Quote(s) + " is not an integer from 0 to " + strconv.Itoa(maxOffset)}
	}
	return n, nil
}

// Output formats of the f parameter.
const (
	formatJSON = "json"
	formatHTML = "html"
)

// parseFormat parses the f parameter: json (the default) or html.
func parseFormat(s string) (string, error) {
	switch s {
	case "", formatJSON:
		return formatJSON, nil
	case formatHTML:
		return formatHTML, nil
	}
	return "", &data.Error{Kind: data.KindInvalid, Field: "f", Value: s,
		Message: "format " + strconv.Quote(s) + " is not supported; use json or html"}
}

// checkParams reports the first query parameter not in allowed, or one
// given more than once, as a KindInvalid error naming it.
func checkParams(q url.Values, allowed ...string) error {
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !slices.Contains(allowed, name) {
			return &data.Error{Kind: data.KindInvalid, Field: name,
				Message: "unknown query parameter " + strconv.Quote(name) + "; this resource accepts " + strings.Join(allowed, ", ")}
		}
		if len(q[name]) > 1 {
			return &data.Error{Kind: data.KindInvalid, Field: name,
				Message: "query parameter " + strconv.Quote(name) + " is given more than once"}
		}
	}
	return nil
}
