package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/toponym/toponym/data"
)

// stubStore is a data.Store for tests without a database. Methods it does
// not override panic (the embedded interface is nil), which the recover
// middleware must turn into a 500.
type stubStore struct {
	data.Store
	ping    error
	markers func(ctx context.Context, q data.Query) (data.Page[*data.Marker], error)

	mu      sync.Mutex
	queries []data.Query // every ListPlaces query
	places  []*data.NamedPlace
}

func (s *stubStore) Ping(context.Context) error { return s.ping }

func (s *stubStore) ListMarkers(ctx context.Context, q data.Query) (data.Page[*data.Marker], error) {
	if s.markers != nil {
		return s.markers(ctx, q)
	}
	return data.Page[*data.Marker]{}, nil
}

func (s *stubStore) ListPlaces(_ context.Context, q data.Query) (data.Page[*data.NamedPlace], error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, q)
	limit, offset := q.Clamp()
	var match []*data.NamedPlace
	for _, p := range s.places {
		if p.Kind == q.Kind && p.Review == q.Review {
			match = append(match, p)
		}
	}
	page := data.Page[*data.NamedPlace]{Matched: len(match)}
	if offset < len(match) {
		page.Items = match[offset:min(len(match), offset+limit)]
	}
	return page, nil
}

func (s *stubStore) GetPlace(_ context.Context, id string) (*data.NamedPlace, error) {
	for _, p := range s.places {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, data.NotFound("place", id)
}

// logBuffer collects JSON log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines returns the logged records whose msg is msg.
func (b *logBuffer) lines(tb testing.TB, msg string) []map[string]any {
	tb.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if l == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			tb.Fatalf("log line %q: %v", l, err)
		}
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

// newStubServer returns the API over st and the buffer its logs go to.
func newStubServer(tb testing.TB, cfg Config, st data.Store) (http.Handler, *logBuffer) {
	tb.Helper()
	logs := &logBuffer{}
	return New(cfg, st, slog.New(slog.NewJSONHandler(logs, nil))), logs
}

// get performs a request on h and returns the recorder.
func do(tb testing.TB, h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decodeProblem checks that rec holds a problem+json with status and
// returns it.
func decodeProblem(tb testing.TB, status int, ct string, body io.Reader) Problem {
	tb.Helper()
	if !strings.HasPrefix(ct, problemMediaType) {
		tb.Fatalf("Content-Type = %q, want %s", ct, problemMediaType)
	}
	var p Problem
	if err := json.NewDecoder(body).Decode(&p); err != nil {
		tb.Fatalf("decode problem: %v", err)
	}
	if p.Status != status || p.Title != http.StatusText(status) || p.Type == "" {
		tb.Errorf("problem = %+v, want status %d", p, status)
	}
	return p
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
