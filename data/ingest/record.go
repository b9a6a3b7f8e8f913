package ingest

import (
	"time"

	"github.com/paulmach/orb"
)

// Reader streams records from one file. Next returns io.EOF after the last
// record. A row error is a *data.Error of kind data.KindInvalid with Row
// set; any other error ends the stream and is returned again by every later
// call.
type Reader interface {
	Next() (Record, error)
}

// Record is one row of a file: a CSV record, a GeoJSON feature, a GPX
// waypoint, route or track.
type Record struct {
	Row       int          // 1-based line where the record starts
	Index     int          // 1-based position among the file's records
	Layer     string       // GPX: "wpt", "rte" or "trk"; empty otherwise
	Geometry  orb.Geometry // EPSG:4490 lon, lat in degrees
	Source    orb.Geometry // as given: lon, lat or easting, northing in SourceCRS
	SourceCRS int          // EPSG code of Source
	Datum     string       // DatumCGCS2000 or DatumWGS84
	// Z holds heights in metres, one per vertex in the order of Geometry,
	// NaN where a vertex has none; nil when no vertex has a height.
	Z []float64
	// Times holds GPX route and track point times, one per vertex, zero
	// where a point has none; nil when no point has one.
	Times []time.Time
	Attrs Attrs
}

// Height returns the height of a point record, if it has one.
func (r *Record) Height() (float64, bool) {
	if len(r.Z) == 0 || r.Z[0] != r.Z[0] {
		return 0, false
	}
	return r.Z[0], true
}

// Datums recorded in Record.Datum.
const (
	DatumCGCS2000 = "CGCS2000"
	DatumWGS84    = "WGS84"
)

// Attrs are a record's attributes: the known ones typed, the rest in
// Extra under their header or property name.
type Attrs struct {
	Name         string    // 名称 name
	Pinyin       string    // 拼音 romanisation
	Category     string    // 类别 category: GB/T 18521 code or class
	Kind         string    // 类型 kind, as given
	MarkerNumber string    // 桩号 marker number, as given (not parsed)
	PointCode    string    // 点号 survey point code
	Time         time.Time // 时间 observation time; zero if none
	SigmaM       float64   // 中误差 σ in metres; 0 if not given
	Extra        map[string]string
}

// Format is a file format this package reads.
type Format int

// Formats.
const (
	FormatUnknown    Format = iota
	FormatGeoJSON           // a GeoJSON object: FeatureCollection, Feature or geometry
	FormatGeoJSONSeq        // RFC 8142 text sequence or newline-delimited GeoJSON
	FormatCSV               // delimited text with a header row
	FormatGPX               // GPX 1.0 or 1.1
)

var formatNames = [...]string{"unknown", "geojson", "geojsonseq", "csv", "gpx"}

// String returns the format's short name: geojson, geojsonseq, csv, gpx.
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// ParseFormat returns the format named s (as String writes it, or a media
// type or file extension such as "application/geo+json" or "ndjson").
func ParseFormat(s string) Format {
	switch s {
	case "geojson", "json", "application/geo+json", "application/json":
		return FormatGeoJSON
	case "geojsonseq", "geojsons", "geojsonl", "ndjson", "jsonl", "application/geo+json-seq",
		"application/x-ndjson":
		return FormatGeoJSONSeq
	case "csv", "txt", "tsv", "text/csv":
		return FormatCSV
	case "gpx", "application/gpx+xml":
		return FormatGPX
	}
	return FormatUnknown
}
