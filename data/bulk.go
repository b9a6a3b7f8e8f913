package data

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Survey is one field campaign of a survey team: the files it uploads
// (SurveyUpload) share its device, method, declared CRS and stated accuracy.
type Survey struct {
	ID        string
	Name      string
	Team      string
	Device    string
	Method    string  // RTK, static GNSS, total station, …
	CRS       int     // declared EPSG code: 4490, 4326 or a Gauss-Krüger zone 4513–4554
	AccuracyM float64 // stated accuracy in metres
	Created   time.Time
}

// Validate checks a survey before it is stored: a team, a supported CRS
// and an accuracy of 0–1000 m.
func (s *Survey) Validate() error {
	if err := checkTexts(s); err != nil {
		return err
	}
	if s.CRS != 4490 && s.CRS != 4326 && (s.CRS < 4513 || s.CRS > 4554) {
		return &Error{Kind: KindInvalid, Field: "crs", Value: strconv.Itoa(s.CRS),
			Message: "CRS must be EPSG:4490, EPSG:4326 or a CGCS2000 3° Gauss-Krüger zone 4513–4554"}
	}
	return firstErr(required("team", strings.TrimSpace(s.Team)), checkMetres("accuracy_m", s.AccuracyM, 1000))
}

// Import targets: what the records of an upload become.
const (
	TargetSurvey = "survey" // SurveyFeature records of a survey
	TargetPlaces = "places" // NamedPlace records (place names and POIs)
)

// SurveyFeature is one record of a survey upload as read: a point, a line
// or a track in EPSG:4490, with the coordinates as given and where they
// came from.
type SurveyFeature struct {
	UploadID  string
	Index     int          // 1-based position among the upload's records
	Row       int          // 1-based line of the file where it starts
	Layer     string       // GPX: wpt, rte or trk
	Geometry  orb.Geometry // EPSG:4490 lon/lat
	Source    orb.Geometry // as given, in SourceCRS
	SourceCRS int
	Datum     string // CGCS2000 or WGS84
	Z         []float64
	Times     []time.Time
	Attrs     map[string]string
}

// Validate checks a survey record before it is stored: both geometries,
// its place in the upload, its datum, finite heights (NaN: no height) and
// its text.
func (f *SurveyFeature) Validate() error {
	if err := checkTexts(f); err != nil {
		return err
	}
	if f.Geometry == nil || f.Source == nil {
		return Invalidf("geometry", "record %d has no geometry", f.Index)
	}
	// The source is in its own CRS: only its numbers are checked.
	if err := firstErr(CheckGeometry("geometry", f.Geometry), CheckFinite("source", f.Source)); err != nil {
		return err
	}
	if f.Index <= 0 || f.Row <= 0 {
		return Invalidf("row", "record index %d or row %d is not positive", f.Index, f.Row)
	}
	if f.Datum != "CGCS2000" && f.Datum != "WGS84" {
		return Invalidf("datum", "record %d: datum %q is not CGCS2000 or WGS84", f.Index, f.Datum)
	}
	for i, z := range f.Z {
		if math.IsInf(z, 0) {
			return &Error{Kind: KindInvalid, Field: "z", Value: strconv.FormatFloat(z, 'g', -1, 64),
				Message: fmt.Sprintf("record %d: height %d is infinite", f.Index, i+1)}
		}
	}
	return nil
}

// Import is one upload to store in one transaction: the upload record, its
// raw file and every record its iterator yields. Exactly one of Places and
// Features is set, by Target.
type Import struct {
	Upload      *SurveyUpload // SHA256 and Size set; ID assigned if empty
	SurveyID    string        // the survey of a survey upload; empty for place imports
	Target      string        // TargetSurvey or TargetPlaces
	RequestHash string        // SHA-256 (hex) of the request: body, target and options
	// Places yields the places to store and io.EOF after the last. Any
	// other error rolls the whole import back and is returned.
	Places func() (*NamedPlace, error)
	// Features yields the survey records to store, like Places.
	Features func() (*SurveyFeature, error)
	// Raw returns the raw file, read once after the records, to keep as
	// provenance.
	Raw func() (io.ReadCloser, error)
	// Report returns the answer to keep for replays, called after the
	// records and before commit; an error rolls the import back.
	Report func(stored int) ([]byte, error)
}

// Prepare checks what an import needs before a store begins it, marks the
// upload stored and assigns its ID, which the records' iterator may read.
// Every store's Import calls it first.
func (imp *Import) Prepare() error {
	switch {
	case imp.Upload == nil:
		return Invalidf("upload", "an import needs its upload record")
	case imp.Target != TargetPlaces && imp.Target != TargetSurvey:
		return Invalidf("target", "target %q is not survey or places", imp.Target)
	case imp.Target == TargetPlaces && imp.Places == nil, imp.Target == TargetSurvey && imp.Features == nil:
		return Invalidf("target", "an import of %s needs its records", imp.Target)
	case imp.Target == TargetSurvey && !ValidID(imp.SurveyID):
		return NotFound("survey", imp.SurveyID)
	case imp.Raw == nil || imp.Report == nil:
		return Invalidf("raw", "an import needs its raw file and its report")
	case !isSHA256Hex(imp.RequestHash):
		return Invalidf("request_hash", "request hash %q is not a lowercase hex SHA-256", imp.RequestHash)
	}
	imp.Upload.Status = "stored"
	if err := imp.Upload.Validate(); err != nil {
		return err
	}
	return EnsureID(&imp.Upload.ID)
}

func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// ImportResult says what an Import stored.
type ImportResult struct {
	Stored int       // records stored
	Bound  orb.Bound // EPSG:4490 bound of the stored geometries; empty if none
}

// StoredUpload is an upload as kept: the record, its survey, target, the
// request fingerprint and the answer given.
type StoredUpload struct {
	Upload      SurveyUpload
	SurveyID    string
	Target      string
	RequestHash string
	Report      []byte // JSON
}

// Importer is implemented by stores that take surveys, their uploads and
// bulk imports. It stands beside Store (it is not part of it) so that fakes
// of Store need not grow.
type Importer interface {
	CreateSurvey(ctx context.Context, s *Survey) error
	GetSurvey(ctx context.Context, id string) (*Survey, error)
	// SurveyUploads returns a survey's stored uploads, oldest first.
	SurveyUploads(ctx context.Context, surveyID string) ([]*StoredUpload, error)
	// Import stores imp in one transaction (see Import). A repeated
	// idempotency key is a KindConflict error.
	Import(ctx context.Context, imp *Import) (ImportResult, error)
	// UploadByKey returns the upload stored under an idempotency key;
	// KindNotFound if there is none.
	UploadByKey(ctx context.Context, key string) (*StoredUpload, error)
	// StoredUpload returns one stored upload; KindNotFound if none.
	StoredUpload(ctx context.Context, uploadID string) (*StoredUpload, error)
	// UploadFeatures returns the records of a survey upload in file order,
	// at most limit from offset.
	UploadFeatures(ctx context.Context, uploadID string, limit, offset int) ([]*SurveyFeature, error)
	// RawFile writes the raw bytes of an upload to w.
	RawFile(ctx context.Context, uploadID string, w io.Writer) error
}

// FeatureEditor is implemented by stores that can replace and delete the
// features OGC API – Features Part 4 edits, beyond what Store offers.
type FeatureEditor interface {
	// DeletePlace removes a place and its names; KindNotFound if unknown,
	// KindConflict while signs or listings refer to it.
	DeletePlace(ctx context.Context, id string) error
	// UpdateSign replaces a stored sign; KindNotFound if unknown.
	UpdateSign(ctx context.Context, s *Sign) error
	// DeleteSign removes a sign; KindNotFound if unknown.
	DeleteSign(ctx context.Context, id string) error
}

// UploadSource is the Sources entry naming the upload a record came from.
func UploadSource(uploadID string) string { return "upload:" + uploadID }
