package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/toponym/toponym/data"
)

// handlerFunc is an HTTP handler that returns its error instead of writing
// it; server.handle renders the error as problem+json.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Problem is an RFC 9457 problem details object with toponym's extension
// members: the parameter (query or path) or field (body) at fault, the row
// of an uploaded file, the offending value and the request id.
type Problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail,omitempty"`
	Instance  string `json:"instance,omitempty"`
	Parameter string `json:"parameter,omitempty"`
	Field     string `json:"field,omitempty"`
	Row       int    `json:"row,omitempty"`
	Value     string `json:"value,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

// problemMediaType is the media type of every error response.
const problemMediaType = "application/problem+json"

// kindStatus is the one table mapping error kinds to HTTP statuses.
var kindStatus = map[data.Kind]int{
	data.KindInvalid:     http.StatusBadRequest,
	data.KindNotFound:    http.StatusNotFound,
	data.KindConflict:    http.StatusConflict,
	data.KindForbidden:   http.StatusForbidden,
	data.KindUnavailable: http.StatusServiceUnavailable,
	data.KindInternal:    http.StatusInternalServerError,
}

// internalDetail is all a client learns of an unexpected error.
const internalDetail = "internal error"

// paramError marks a domain error whose Field names a query or path
// parameter rather than a field of a request body.
type paramError struct{ err *data.Error }

func (e *paramError) Error() string { return e.err.Error() }
func (e *paramError) Unwrap() error { return e.err }

// inParam marks err, if it is a domain error, as being about a parameter.
func inParam(err error) error {
	if e := data.AsError(err); e != nil {
		return &paramError{err: e}
	}
	return err
}

// problemFor maps err to the problem shown to the client. It reports
// whether the error is unexpected, so that its cause must be logged.
func problemFor(err error) (p Problem, unexpected bool) {
	var tooBig *http.MaxBytesError
	var stale *preconditionError
	switch {
	case errors.As(err, &tooBig):
		return newProblem(http.StatusRequestEntityTooLarge,
			"the request body exceeds the limit of "+strconv.FormatInt(tooBig.Limit, 10)+" bytes"), false
	case errors.As(err, &stale):
		p := newProblem(http.StatusPreconditionFailed, stale.Error())
		p.Field, p.Value = "If-Match", stale.ifMatch
		return p, false
	case errors.Is(err, data.ErrChanged): // the store's check, at the write
		p := newProblem(http.StatusPreconditionFailed, data.ErrChanged.Message)
		p.Field = "If-Match"
		return p, false
	case errors.Is(err, context.DeadlineExceeded):
		return newProblem(http.StatusServiceUnavailable, "the request took longer than the server allows"), false
	case errors.Is(err, context.Canceled):
		return newProblem(http.StatusServiceUnavailable, "the request was cancelled"), false
	}
	e := data.AsError(err)
	if e == nil || e.Kind == data.KindInternal {
		return newProblem(http.StatusInternalServerError, internalDetail), true
	}
	status, ok := kindStatus[e.Kind]
	if !ok {
		return newProblem(http.StatusInternalServerError, internalDetail), true
	}
	p = newProblem(status, e.Message)
	p.Row, p.Value = e.Row, e.Value
	var pe *paramError
	if errors.As(err, &pe) {
		p.Parameter = e.Field
	} else {
		p.Field = e.Field
	}
	return p, e.Kind == data.KindUnavailable
}

// newProblem returns a problem of type about:blank: its title is the
// status's reason phrase and detail says what went wrong.
func newProblem(status int, detail string) Problem {
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

// handle adapts h to http.Handler: a returned error is logged if it is
// unexpected and written as problem+json.
func (s *server) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	}
}

// fail renders err for the client; unexpected errors are logged once here
// with their cause.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p, unexpected := problemFor(err)
	if unexpected {
		level := slog.LevelError
		if p.Status == http.StatusServiceUnavailable {
			level = slog.LevelWarn
		}
		s.log.LogAttrs(r.Context(), level, "request failed",
			slog.String("request_id", requestID(r.Context())),
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", p.Status), slog.String("cause", err.Error()))
	}
	writeProblem(w, r, p)
}

// writeProblem writes p with its status, filling instance and request_id.
func writeProblem(w http.ResponseWriter, r *http.Request, p Problem) {
	p.Instance = r.URL.Path
	p.RequestID = requestID(r.Context())
	body, err := json.Marshal(p)
	if err != nil { // a Problem always marshals
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500}`)
	}
	h := w.Header()
	h.Set("Content-Type", problemMediaType)
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Crs")
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(body, '\n'))
}

// notFound answers unknown routes.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, r, newProblem(http.StatusNotFound, "no resource at "+r.URL.Path))
}

// methodNotAllowed answers a known route asked with a method it lacks:
// Allow and the detail name the methods registered for the path (HEAD with
// GET).
func methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	allowed := allowedMethods(r)
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeProblem(w, r, newProblem(http.StatusMethodNotAllowed,
		"method "+r.Method+" is not allowed on "+r.URL.Path+"; use "+orList(allowed)))
}

// allowedMethods returns the methods of the policy table's rows whose
// route the router matches r's path to, in the order GET, HEAD (served by
// the GET route), POST, PUT, PATCH, DELETE. Every route has a row
// (TestPolicyCoversEveryRoute).
func allowedMethods(r *http.Request) []string {
	rctx := chi.RouteContext(r.Context())
	if rctx == nil || rctx.Routes == nil {
		return nil
	}
	path := rctx.RoutePath
	if path == "" {
		path = r.URL.RawPath
	}
	if path == "" {
		path = r.URL.Path
	}
	registered := map[string]bool{}
	for _, p := range policy {
		if rctx.Routes.Find(chi.NewRouteContext(), p.method, path) == p.pattern {
			registered[p.method] = true
		}
	}
	registered[http.MethodHead] = registered[http.MethodGet]
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if registered[m] {
			out = append(out, m)
		}
	}
	return out
}

// orList joins words as "A", "A or B", "A, B or C".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
