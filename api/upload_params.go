package api

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/ingest"
)

// uploadParamNames are the query parameters of an upload or import.
var uploadParamNames = []string{"file_name", "crs", "encoding", "delimiter", "valid_rows_only",
	"col_lon", "col_lat", "col_northing", "col_easting", "col_name", "col_pinyin", "col_category", "col_kind",
	"col_marker", "col_point_code", "col_elevation", "col_time", "col_sigma"}

// importParamNames are the extra parameters of a bulk import.
var importParamNames = []string{"kind", "legal_class", "review"}

// parseUploadParams reads the query of an upload (target survey) or a bulk
// import (target places). Errors name the parameter.
func parseUploadParams(r *http.Request, target string) (*ingest.LoadRequest, error) {
	q := r.URL.Query()
	allowed := uploadParamNames
	if target == data.TargetPlaces {
		allowed = append(append([]string{}, uploadParamNames...), importParamNames...)
	}
	if err := checkParams(q, allowed...); err != nil {
		return nil, err
	}
	req := &ingest.LoadRequest{Target: target, MediaType: r.Header.Get("Content-Type"),
		IdempotencyKey:   strings.TrimSpace(r.Header.Get("Idempotency-Key")),
		IdempotencyScope: idempotencyScope(data.PrincipalFrom(r.Context()))}
	if len(req.IdempotencyKey) > 255 || !utf8.ValidString(req.IdempotencyKey) {
		return nil, data.Invalidf("Idempotency-Key", "Idempotency-Key must be at most 255 bytes of UTF-8")
	}
	o := &req.Options
	var err error
	if o.CRS, err = intParam(q.Get("crs"), "crs"); err != nil {
		return nil, err
	}
	o.Encoding = strings.ToLower(q.Get("encoding"))
	switch o.Encoding {
	case "", "utf-8", "utf8", "gbk", "gb18030":
	default:
		return nil, &data.Error{Kind: data.KindInvalid, Field: "encoding", Value: o.Encoding,
			Message: "encoding must be utf-8, gbk or gb18030"}
	}
	if d := q.Get("delimiter"); d != "" {
		rs := []rune(d)
		if len(rs) != 1 {
			return nil, data.Invalidf("delimiter", "delimiter must be one character")
		}
		o.Comma = rs[0]
	}
	if o.ValidRowsOnly, err = boolParam(q.Get("valid_rows_only"), "valid_rows_only"); err != nil {
		return nil, err
	}
	c := &o.Columns
	for name, dst := range map[string]*string{"col_lon": &c.Lon, "col_lat": &c.Lat, "col_northing": &c.Northing,
		"col_easting": &c.Easting, "col_name": &c.Name, "col_pinyin": &c.Pinyin, "col_category": &c.Category,
		"col_kind": &c.Kind, "col_marker": &c.MarkerNumber, "col_point_code": &c.PointCode,
		"col_elevation": &c.Elevation, "col_time": &c.Time, "col_sigma": &c.Sigma} {
		*dst = q.Get(name)
	}
	if target == data.TargetPlaces {
		err = parsePlaceDefaults(q.Get, &req.Places)
	}
	return req, err
}

// idempotencyScope is whose Idempotency-Key a request's is: a surveyor's
// team (its members retry each other's uploads), else the token or
// identity ("token:<id>", "oidc:<subject>"), else "anonymous". Two scopes
// may use the same key for different uploads.
func idempotencyScope(p *data.Principal) string {
	if p != nil && p.Role == data.RoleSurveyor && p.Team != "" {
		return "team:" + p.Team
	}
	return p.Actor()
}

func parsePlaceDefaults(get func(string) string, d *ingest.PlaceDefaults) error {
	switch k := get("kind"); k {
	case "", "place_name":
		d.Kind = data.KindPlaceName
	case "poi":
		d.Kind = data.KindPOI
	default:
		return &data.Error{Kind: data.KindInvalid, Field: "kind", Value: k, Message: "kind must be place_name or poi"}
	}
	n, err := intParam(get("legal_class"), "legal_class")
	if err != nil || n < 0 || n > 8 {
		return &data.Error{Kind: data.KindInvalid, Field: "legal_class", Value: get("legal_class"),
			Message: "legal_class must be a number 1–8"}
	}
	d.LegalClass = n
	switch rv := data.ReviewStatus(get("review")); rv {
	case "", data.ReviewDraft, data.ReviewReviewed, data.ReviewPublished:
		d.Review = rv
	default:
		return &data.Error{Kind: data.KindInvalid, Field: "review", Value: string(rv),
			Message: "review must be draft, reviewed or published"}
	}
	return nil
}

func intParam(s, name string) (int, error) {
	if s == "" {
		return 0, nil
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "EPSG:"), "epsg:")
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &data.Error{Kind: data.KindInvalid, Field: name, Value: s, Message: name + " must be a whole number"}
	}
	return n, nil
}

func boolParam(s, name string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	}
	return false, &data.Error{Kind: data.KindInvalid, Field: name, Value: s, Message: name + " must be true or false"}
}

// uploadItems serves the records of a survey upload as GeoJSON in
// EPSG:4490 lon/lat, each with its source coordinates and CRS.
func (s *server) uploadItems(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := checkParams(q, "limit", "offset"); err != nil {
		return inParam(err)
	}
	limit, err := parseLimit(q.Get("limit"))
	if err != nil {
		return inParam(err)
	}
	offset, err := parseOffset(q.Get("offset"))
	if err != nil {
		return inParam(err)
	}
	st, err := s.storedUpload(r, strings.ToLower(chi.URLParam(r, "surveyId")))
	if err != nil {
		return err
	}
	imp, _ := s.importer()
	recs, err := imp.UploadFeatures(r.Context(), st.Upload.ID, limit, offset)
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	for _, f := range recs {
		fc.Append(surveyRecordFeature(f))
	}
	fc.ExtraMembers = geojson.Properties{"numberReturned": len(recs)}
	w.Header().Set("Content-Crs", "<"+CRS84URI+">")
	return write(w, formatJSON, mediaGeoJSON, resource{title: "upload " + st.Upload.ID, body: fc})
}

func surveyRecordFeature(f *data.SurveyFeature) *geojson.Feature {
	g := geojson.NewFeature(f.Geometry)
	g.ID = f.Index
	z := make([]any, len(f.Z))
	for i, v := range f.Z {
		if v == v {
			z[i] = v
		}
	}
	g.Properties = geojson.Properties{"index": f.Index, "row": f.Row, "layer": f.Layer,
		"source_crs": f.SourceCRS, "datum": f.Datum, "source": geojson.NewGeometry(f.Source), "z": z, "attrs": f.Attrs}
	return g
}

// uploadRaw serves the raw file of a survey upload as it was sent.
func (s *server) uploadRaw(w http.ResponseWriter, r *http.Request) error {
	st, err := s.storedUpload(r, strings.ToLower(chi.URLParam(r, "surveyId")))
	if err != nil {
		return err
	}
	imp, _ := s.importer()
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(st.Upload.FileName, `"`, "")+`"`)
	h.Set("Content-Length", strconv.FormatInt(st.Upload.Size, 10))
	h.Set("X-Content-SHA256", st.Upload.SHA256)
	return ignoreWriteErr(imp.RawFile(r.Context(), st.Upload.ID, w))
}
