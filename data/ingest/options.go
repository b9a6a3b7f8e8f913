package ingest

import "time"

// Default limits, used where Options leaves a limit at zero.
const (
	DefaultMaxLineBytes = 1 << 20    // 1 MiB per line, feature or XML token
	DefaultMaxRows      = 10_000_000 // records per file
	DefaultMaxErrors    = 1000       // row errors kept by Stream.Errors
	DefaultMaxVertices  = 1_000_000  // vertices per record
	// MaxJSONDepth is the deepest nesting of arrays and objects accepted in
	// one GeoJSON feature; a MultiPolygon needs 6.
	MaxJSONDepth = 32
	// maxXMLDepth is the deepest element nesting accepted in GPX.
	maxXMLDepth = 64
)

// Options configure a reader. The zero value reads with the defaults.
type Options struct {
	// CRS is the declared EPSG code: 4490, 4326 or a Gauss-Krüger zone
	// 4513–4554. Zero takes it from the file (a GeoJSON "crs" member, a
	// zone-prefixed easting) or the format's default: EPSG:4326 for GeoJSON
	// (RFC 7946) and GPX, EPSG:4490 for CSV with lon/lat columns.
	CRS int
	// Encoding of CSV text: "utf-8", "gbk" or "gb18030"; empty detects
	// UTF-8 (with or without BOM) or GBK. GPX follows its XML declaration.
	Encoding string
	// Columns maps CSV fields to header names; empty fields are detected.
	Columns Columns
	// Comma is the CSV delimiter; zero detects comma, tab or semicolon.
	Comma rune
	// ValidRowsOnly makes a Stream skip invalid rows and collect their
	// errors (see Stream.Errors) instead of stopping at the first.
	ValidRowsOnly bool
	// MaxLineBytes limits one CSV record, GeoJSON feature, text-sequence
	// line or XML token; default DefaultMaxLineBytes.
	MaxLineBytes int
	// MaxRows limits the records of a file, valid or not; default
	// DefaultMaxRows.
	MaxRows int
	// MaxErrors limits the row errors a Stream keeps; later ones are only
	// counted. Default DefaultMaxErrors.
	MaxErrors int
	// MaxVertices limits the vertices of one record; default
	// DefaultMaxVertices.
	MaxVertices int
	// Location is the time zone of times written without one; default
	// China Standard Time (UTC+8).
	Location *time.Location
}

// Columns names the CSV header of each field. Northing is the survey X
// (北坐标), Easting the survey Y (东坐标).
type Columns struct {
	Lon, Lat, Northing, Easting                           string
	Name, Pinyin, Category, Kind, MarkerNumber, PointCode string
	Elevation, Time, Sigma                                string
}

// chinaTime is UTC+8, the zone of times written without one.
var chinaTime = time.FixedZone("CST", 8*3600)

// withDefaults returns o with zero limits replaced by the defaults.
func (o Options) withDefaults() Options {
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxErrors <= 0 {
		o.MaxErrors = DefaultMaxErrors
	}
	if o.MaxVertices <= 0 {
		o.MaxVertices = DefaultMaxVertices
	}
	if o.Location == nil {
		o.Location = chinaTime
	}
	return o
}
