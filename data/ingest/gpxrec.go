package ingest

import (
	"encoding/xml"
	"errors"
	"strconv"
	"time"

	"github.com/paulmach/orb"
)

// pointPosition reads the lat and lon attributes and converts them.
func (s *gpxSource) pointPosition(st xml.StartElement, pt *gpxPoint) error {
	var lat, lon string
	for _, a := range st.Attr {
		switch a.Name.Local {
		case "lat":
			lat = a.Value
		case "lon":
			lon = a.Value
		}
	}
	y, err1 := strconv.ParseFloat(lat, 64)
	x, err2 := strconv.ParseFloat(lon, 64)
	switch {
	case lat == "" || lon == "":
		return rowError(pt.row, st.Name.Local, "", "<%s> needs lat and lon attributes", st.Name.Local)
	case err1 != nil && !errors.Is(err1, strconv.ErrRange):
		return rowError(pt.row, st.Name.Local+"@lat", lat, "lat %q is not a number", lat)
	case err2 != nil && !errors.Is(err2, strconv.ErrRange):
		return rowError(pt.row, st.Name.Local+"@lon", lon, "lon %q is not a number", lon)
	}
	pt.src = orb.Point{x, y}
	ll, err := s.crs.toLonLat(pt.src)
	if err != nil {
		e := atRow(err, pt.row)
		e.Field = st.Name.Local + "@lon,lat"
		return e
	}
	pt.ll = ll
	return nil
}

// pointChild stores one child element of a point.
func (s *gpxSource) pointChild(pt *gpxPoint, name, v string, keepText bool) error {
	switch name {
	case "ele":
		h, err := strconv.ParseFloat(v, 64)
		if err != nil || !finite(h) || h < -10000 || h > 10000 {
			return rowError(s.line(), "ele", v, "ele %q is not a height in metres within -10000…10000", v)
		}
		pt.ele = h
	case "time":
		t, err := parseTime(v, s.opts.Location)
		if err != nil {
			return rowError(s.line(), "time", v, "time %q is not an xsd:dateTime such as 2024-05-01T09:30:00Z", v)
		}
		pt.time = t
	default:
		if keepText && v != "" {
			if pt.text == nil {
				pt.text = make(map[string]string)
			}
			pt.text[name] = v
		}
	}
	return nil
}

// waypoint reads a wpt into a Point record.
func (s *gpxSource) waypoint(st xml.StartElement) (Record, error) {
	pt, err := s.point(st, true)
	if err != nil {
		return Record{}, err
	}
	rec := Record{Row: pt.row, Layer: "wpt", Geometry: pt.ll, Source: pt.src,
		SourceCRS: s.crs.epsg, Datum: s.crs.datum}
	if pt.ele == pt.ele {
		rec.Z = []float64{pt.ele}
	}
	rec.Attrs = gpxAttrs(pt.text)
	rec.Attrs.Time = pt.time
	return rec, nil
}

// gpxAttrs maps a point's or path's text children onto Attrs.
func gpxAttrs(text map[string]string) Attrs {
	var a Attrs
	for k, v := range text {
		switch k {
		case "name":
			a.Name = v
		case "type":
			a.Kind = v
		default:
			if a.Extra == nil {
				a.Extra = make(map[string]string)
			}
			a.Extra[k] = v
		}
	}
	return a
}

// pathBuilder gathers the points of a route or track.
type pathBuilder struct {
	segs   [][]gpxPoint
	n      int
	hasZ   bool
	hasT   bool
	rowErr error
}

// path reads a rte (points ptName directly inside) or trk (points inside
// segName segments) into a record.
func (s *gpxSource) path(layer, ptName, segName string) (Record, error) {
	row := s.line()
	var pb pathBuilder
	text := map[string]string{}
	if segName == "" {
		pb.segs = [][]gpxPoint{nil}
	}
	target := s.depth - 1
	for s.depth > target {
		t, err := s.token()
		if err != nil {
			return Record{}, fatal(err)
		}
		st, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		if err := s.pathChild(&pb, st, target, ptName, segName, text); err != nil {
			return Record{}, err
		}
	}
	return s.pathRecord(layer, row, &pb, text)
}

// pathChild handles one element inside a rte or trk.
func (s *gpxSource) pathChild(pb *pathBuilder, st xml.StartElement, target int, ptName, segName string,
	text map[string]string) error {
	name, level := st.Name.Local, s.depth-target
	switch {
	case level == 2 && segName != "" && name == segName:
		pb.segs = append(pb.segs, nil)
	case name == ptName && ((segName == "" && level == 2) || (segName != "" && level == 3 && len(pb.segs) > 0)):
		pt, err := s.point(st, false)
		var f fatalError
		if errors.As(err, &f) {
			return err
		}
		pb.add(pt, err, s.opts.MaxVertices)
	case level == 2 && name != "extensions":
		v, err := s.text()
		if err != nil {
			return fatal(err)
		}
		if v != "" {
			text[name] = v
		}
	}
	return nil
}

func (pb *pathBuilder) add(pt gpxPoint, err error, max int) {
	pb.n++
	switch {
	case err != nil && pb.rowErr == nil:
		pb.rowErr = err
	case pb.n > max && pb.rowErr == nil:
		pb.rowErr = rowError(pt.row, "points", strconv.Itoa(pb.n), "more than %d points in one route or track", max)
	}
	if pb.rowErr != nil {
		return
	}
	pb.hasZ = pb.hasZ || pt.ele == pt.ele
	pb.hasT = pb.hasT || !pt.time.IsZero()
	last := len(pb.segs) - 1
	pb.segs[last] = append(pb.segs[last], pt)
}

// pathRecord builds the record of a route or track: a LineString, or a
// MultiLineString for a track of several segments.
func (s *gpxSource) pathRecord(layer string, row int, pb *pathBuilder, text map[string]string) (Record, error) {
	if pb.rowErr != nil {
		return Record{}, pb.rowErr
	}
	var src, ll orb.MultiLineString
	var z []float64
	var times []time.Time
	for i, seg := range pb.segs {
		if len(seg) == 0 {
			continue
		}
		if len(seg) == 1 {
			return Record{}, rowError(seg[0].row, layer, "", "<%s> segment %d has only one point", layer, i+1)
		}
		a, b := make(orb.LineString, len(seg)), make(orb.LineString, len(seg))
		for j, pt := range seg {
			a[j], b[j] = pt.src, pt.ll
			if pb.hasZ {
				z = append(z, pt.ele)
			}
			if pb.hasT {
				times = append(times, pt.time)
			}
		}
		src, ll = append(src, a), append(ll, b)
	}
	if len(src) == 0 {
		return Record{}, rowError(row, layer, "", "<%s> has no points", layer)
	}
	rec := Record{Row: row, Layer: layer, SourceCRS: s.crs.epsg, Datum: s.crs.datum, Z: z, Times: times,
		Attrs: gpxAttrs(text)}
	rec.Geometry, rec.Source = ll, src
	if len(src) == 1 {
		rec.Geometry, rec.Source = ll[0], src[0]
	}
	if len(times) > 0 {
		rec.Attrs.Time = times[0]
	}
	return rec, nil
}
