package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/ingest"
	"github.com/toponym/toponym/tiles"
)

// surveyRoutes registers surveys, their uploads and bulk imports:
//
//	POST /surveys                                  create a survey (JSON)
//	GET  /surveys/{surveyId}                       the survey and its uploads
//	POST /surveys/{surveyId}/uploads               attach a file (the body)
//	GET  /surveys/{surveyId}/uploads/{uploadId}    the answer given for it
//	GET  /surveys/{surveyId}/uploads/{uploadId}/items  its records (GeoJSON, EPSG:4490 lon/lat)
//	GET  /surveys/{surveyId}/uploads/{uploadId}/raw    the raw file as uploaded
//	POST /imports                                  bulk import of place names or POIs
//	GET  /imports/{uploadId}                       the answer given for it
func (s *server) surveyRoutes(r chi.Router) {
	r.Post("/surveys", s.handle(s.createSurvey))
	r.Get("/surveys/{surveyId}", s.handle(s.getSurvey))
	r.Post("/surveys/{surveyId}/uploads", s.handle(s.uploadToSurvey))
	r.Get("/surveys/{surveyId}/uploads/{uploadId}", s.handle(s.getUpload))
	r.Get("/surveys/{surveyId}/uploads/{uploadId}/items", s.handle(s.uploadItems))
	r.Get("/surveys/{surveyId}/uploads/{uploadId}/raw", s.handle(s.uploadRaw))
	r.Post("/imports", s.handle(s.bulkImport))
	r.Get("/imports/{uploadId}", s.handle(s.getImport))
}

// importer returns the store as a data.Importer, beneath the tile
// invalidation wrapper (imports invalidate their bound themselves).
func (s *server) importer() (data.Importer, error) {
	st := s.store
	if is, ok := st.(*tiles.InvalidatingStore); ok {
		st = is.Store
	}
	if imp, ok := st.(data.Importer); ok {
		return imp, nil
	}
	return nil, &data.Error{Kind: data.KindUnavailable, Message: "this deployment's store does not take uploads"}
}

// surveyJSON is a survey in requests and answers.
type surveyJSON struct {
	ID        string    `json:"id,omitempty"`
	Name      string    `json:"name"`
	Team      string    `json:"team"`
	Device    string    `json:"device"`
	Method    string    `json:"method"`
	CRS       int       `json:"crs"`
	AccuracyM float64   `json:"accuracy_m"`
	Created   time.Time `json:"created,omitzero"`
	Uploads   []upload  `json:"uploads,omitempty"`
	Links     []link    `json:"links,omitempty"`
}

// upload is one stored upload in a survey's answer.
type upload struct {
	ID       string    `json:"id"`
	FileName string    `json:"file_name"`
	SHA256   string    `json:"sha256"`
	Size     int64     `json:"size"`
	Created  time.Time `json:"created"`
	Href     string    `json:"href"`
}

func (s *server) createSurvey(w http.ResponseWriter, r *http.Request) error {
	imp, err := s.importer()
	if err != nil {
		return err
	}
	var in surveyJSON
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	sv := &data.Survey{Name: in.Name, Team: strings.TrimSpace(in.Team), Device: in.Device, Method: in.Method, CRS: in.CRS,
		AccuracyM: in.AccuracyM}
	if p := data.PrincipalFrom(r.Context()); sv.Team == "" && p != nil {
		sv.Team = p.Team // a surveyor's survey is its own team's unless it says
	}
	if err := s.actForTeam(r, sv.Team); err != nil {
		return err
	}
	if err := imp.CreateSurvey(r.Context(), sv); err != nil {
		return err
	}
	w.Header().Set("Location", s.baseURL(r)+"/surveys/"+sv.ID)
	return writeStatusJSON(w, http.StatusCreated, s.surveyOut(r, sv, nil))
}

func (s *server) surveyOut(r *http.Request, sv *data.Survey, ups []*data.StoredUpload) surveyJSON {
	base := s.baseURL(r) + "/surveys/" + sv.ID
	out := surveyJSON{ID: sv.ID, Name: sv.Name, Team: sv.Team, Device: sv.Device, Method: sv.Method, CRS: sv.CRS,
		AccuracyM: sv.AccuracyM, Created: sv.Created, Uploads: []upload{},
		Links: []link{{Href: base, Rel: "self", Type: mediaJSON, Title: "this survey"},
			{Href: base + "/uploads", Rel: "create-form", Type: "application/octet-stream", Title: "attach a file (POST)"}}}
	for _, u := range ups {
		out.Uploads = append(out.Uploads, upload{ID: u.Upload.ID, FileName: u.Upload.FileName, SHA256: u.Upload.SHA256,
			Size: u.Upload.Size, Created: u.Upload.Created, Href: base + "/uploads/" + u.Upload.ID})
	}
	return out
}

func (s *server) getSurvey(w http.ResponseWriter, r *http.Request) error {
	imp, err := s.importer()
	if err != nil {
		return err
	}
	id := strings.ToLower(chi.URLParam(r, "surveyId"))
	sv, err := imp.GetSurvey(r.Context(), id)
	if err != nil {
		return err
	}
	ups, err := imp.SurveyUploads(r.Context(), id)
	if err != nil {
		return err
	}
	return writeStatusJSON(w, http.StatusOK, s.surveyOut(r, sv, ups))
}

func (s *server) uploadToSurvey(w http.ResponseWriter, r *http.Request) error {
	imp, err := s.importer()
	if err != nil {
		return err
	}
	sv, err := imp.GetSurvey(r.Context(), strings.ToLower(chi.URLParam(r, "surveyId")))
	if err != nil {
		return err
	}
	if err := s.actForTeam(r, sv.Team); err != nil {
		return err // a surveyor uploads to its own team's surveys only
	}
	req, err := parseUploadParams(r, data.TargetSurvey)
	if err != nil {
		return inParam(err)
	}
	req.Survey = sv
	req.Options.MaxRows = s.cfg.Auth.MaxUploadRows
	return s.runUpload(w, r, imp, req, "/surveys/"+sv.ID+"/uploads/")
}

func (s *server) bulkImport(w http.ResponseWriter, r *http.Request) error {
	imp, err := s.importer()
	if err != nil {
		return err
	}
	req, err := parseUploadParams(r, data.TargetPlaces)
	if err != nil {
		return inParam(err)
	}
	if req.Team, err = s.teamOf(r); err != nil {
		return err
	}
	if _, err := s.draftOnly(r, "review", req.Places.Review); err != nil { // "" is draft already
		return inParam(err)
	}
	req.Options.MaxRows = s.cfg.Auth.MaxImportRows
	return s.runUpload(w, r, imp, req, "/imports/")
}

// runUpload spools the body, loads it in one transaction and answers with
// the report: 201, or the kept answer of an idempotent replay.
func (s *server) runUpload(w http.ResponseWriter, r *http.Request, imp data.Importer, req *ingest.LoadRequest,
	prefix string) error {
	f, handled, err := s.spoolUpload(w, r)
	if handled || err != nil {
		return err
	}
	defer f.Close()
	req.File = f
	if req.Survey != nil && req.Options.CRS == 0 && !isGPX(f) {
		req.Options.CRS = req.Survey.CRS
	}
	rep, res, err := ingest.Load(r.Context(), imp, req)
	var rej *ingest.RejectedError
	if errors.As(err, &rej) {
		writeRejected(w, r, rej)
		return nil
	}
	var many *ingest.TooManyRowsError
	if errors.As(err, &many) {
		writeTooManyRows(w, r, many)
		return nil
	}
	if err != nil {
		return err
	}
	if res.Stored > 0 && req.Target == data.TargetPlaces {
		s.tiles.cache.Invalidate(res.Bound)
	}
	if rep.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", s.baseURL(r)+prefix+rep.UploadID)
	return writeStatusJSON(w, http.StatusCreated, rep)
}

// isGPX reports whether a spooled file is GPX, which is always lon/lat
// whatever CRS its survey declares.
func isGPX(f *ingest.File) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	head := make([]byte, 4096)
	n, _ := rc.Read(head)
	return ingest.Sniff(head[:n], f.Name) == ingest.FormatGPX
}

// rejectedProblem is the answer to a file with rejected rows: a problem
// listing every rejected row (up to the reader's limit).
type rejectedProblem struct {
	Problem
	Rejected int                `json:"rejected"`
	Errors   []ingest.RowReport `json:"errors"`
}

func writeRejected(w http.ResponseWriter, r *http.Request, rej *ingest.RejectedError) {
	p, _ := problemFor(rej)
	p.Instance, p.RequestID = r.URL.Path, requestID(r.Context())
	body, _ := json.Marshal(rejectedProblem{Problem: p, Rejected: rej.Rejected, Errors: rej.Rows})
	h := w.Header()
	h.Set("Content-Type", problemMediaType)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(body, '\n'))
}

func (s *server) getUpload(w http.ResponseWriter, r *http.Request) error {
	return s.writeStored(w, r, strings.ToLower(chi.URLParam(r, "surveyId")))
}

func (s *server) getImport(w http.ResponseWriter, r *http.Request) error {
	return s.writeStored(w, r, "")
}

// writeStored answers with the kept report of an upload of survey (or of
// a bulk import when survey is empty).
func (s *server) writeStored(w http.ResponseWriter, r *http.Request, survey string) error {
	st, err := s.storedUpload(r, survey)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", mediaJSON)
	_, err = w.Write(st.Report)
	return ignoreWriteErr(err)
}

func (s *server) storedUpload(r *http.Request, survey string) (*data.StoredUpload, error) {
	imp, err := s.importer()
	if err != nil {
		return nil, err
	}
	id := strings.ToLower(chi.URLParam(r, "uploadId"))
	st, err := imp.StoredUpload(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if st.SurveyID != survey {
		return nil, data.NotFound("upload", id)
	}
	return st, nil
}

// writeJSON writes v as JSON with status.
func writeStatusJSON(w http.ResponseWriter, status int, v any) error {
	body, err := encodeJSON(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", mediaJSON)
	w.WriteHeader(status)
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}
