package api

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/toponym/toponym/data"
)

// requestIDHeader carries the request id in both directions.
const requestIDHeader = "X-Request-Id"

// requestID returns the id withRequestID put in ctx, or "". It is the id
// data.RequestIDFrom reads, which the audit log records.
func requestID(ctx context.Context) string { return data.RequestIDFrom(ctx) }

// saneRequestID reports whether an incoming request id may be reused: 1 to
// 128 characters of letters, digits and . _ - : only, so that it is safe in
// logs and headers.
func saneRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '.' || c == '_' || c == '-' || c == ':'
		if !ok {
			return false
		}
	}
	return true
}

// withRequestID gives each request an id: the client's X-Request-Id when it
// is sane, a new UUID-shaped one otherwise (see requestIDs). The id goes
// into the context (data.WithRequestID) and the response's X-Request-Id
// header.
func withRequestID(next http.Handler) http.Handler {
	ids := newRequestIDs()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id string
		if v := r.Header[requestIDHeader]; len(v) > 0 && saneRequestID(v[0]) {
			id = v[0]
		} else {
			id = ids.next()
		}
		w.Header()[requestIDHeader] = []string{id}
		next.ServeHTTP(w, r.WithContext(data.WithRequestID(r.Context(), id)))
	})
}

// accessLog logs one line per request once it is answered. When log does
// not log at level Info for a request, the request passes untouched.
func accessLog(log *slog.Logger, now func() time.Time) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !log.Enabled(r.Context(), slog.LevelInfo) {
				next.ServeHTTP(w, r)
				return
			}
			start := now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			defer func() {
				status := ww.Status()
				if status == 0 {
					status = http.StatusOK
				}
				log.LogAttrs(r.Context(), slog.LevelInfo, "request",
					slog.String("request_id", requestID(r.Context())),
					slog.String("method", r.Method),
					slog.String("path", r.URL.Path),
					slog.String("query", r.URL.RawQuery),
					slog.Int("status", status),
					slog.Int("bytes", ww.BytesWritten()),
					slog.Duration("duration", now().Sub(start)),
					slog.String("remote", r.RemoteAddr))
			}()
			next.ServeHTTP(ww, r)
		})
	}
}

// recoverPanics turns a panic in a handler into a logged error with its
// stack and a problem+json 500 "internal error" that shows no stack.
// http.ErrAbortHandler is passed on: it is how a handler aborts on purpose.
func recoverPanics(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.LogAttrs(r.Context(), slog.LevelError, "panic",
					slog.String("request_id", requestID(r.Context())),
					slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
				writeProblem(w, r, newProblem(http.StatusInternalServerError, internalDetail))
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// withTimeout gives each request's context a deadline d from now.
// Handlers and the store stop when it passes; the error renders as 503.
// The deadline's timer starts only when something waits for it (see
// deadlineCtx): a handler that never blocks, such as a cached tile's,
// costs none.
func withTimeout(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := newDeadlineCtx(r.Context(), time.Now().Add(d))
			defer ctx.release()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// limitBody caps request bodies at n bytes. A declared Content-Length over
// the cap is refused at once with 413; a body that grows past it fails the
// handler's read with *http.MaxBytesError, which also renders as 413.
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				writeProblem(w, r, newProblem(http.StatusRequestEntityTooLarge,
					"the request body exceeds the limit of "+strconv.FormatInt(n, 10)+" bytes"))
				return
			}
			if r.Body != nil && r.Body != http.NoBody {
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// corsAllow answers cross-origin requests from the exact origins listed
// ("*" allows any origin, without credentials). A preflight (OPTIONS with
// Access-Control-Request-Method) from an allowed origin gets 204 with the
// allowed methods and headers; from any other origin it gets 403.
func corsAllow(origins []string) func(http.Handler) http.Handler {
	anyOrigin := slices.Contains(origins, "*")
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
			if origin == "" {
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			h.Add("Vary", "Origin")
			allowed := anyOrigin || slices.Contains(origins, origin)
			if !allowed {
				if preflight {
					writeProblem(w, r, newProblem(http.StatusForbidden, "origin "+origin+" is not allowed"))
					return
				}
				next.ServeHTTP(w, r) // no CORS headers: the browser blocks the read
				return
			}
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Expose-Headers", "Content-Crs, X-Request-Id, Link")
			if preflight {
				h.Add("Vary", "Access-Control-Request-Method")
				h.Add("Vary", "Access-Control-Request-Headers")
				h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
				h.Set("Access-Control-Allow-Headers", allowedHeaders(r.Header.Get("Access-Control-Request-Headers")))
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// corsHeaders are the request headers a cross-origin client may send.
var corsHeaders = []string{"accept", "accept-encoding", "accept-language", "authorization", "content-type", "x-request-id"}

// allowedHeaders returns the requested headers that are allowed.
func allowedHeaders(requested string) string {
	var ok []string
	for _, h := range strings.Split(requested, ",") {
		h = strings.ToLower(strings.TrimSpace(h))
		if slices.Contains(corsHeaders, h) {
			ok = append(ok, h)
		}
	}
	if len(ok) == 0 {
		return strings.Join(corsHeaders, ", ")
	}
	return strings.Join(ok, ", ")
}

// skipUnder returns mw bypassed for requests whose path starts with one of
// prefixes.
func skipUnder(mw func(http.Handler) http.Handler, prefixes ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		wrapped := mw(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, p := range prefixes {
				if strings.HasPrefix(r.URL.Path, p) {
					next.ServeHTTP(w, r)
					return
				}
			}
			wrapped.ServeHTTP(w, r)
		})
	}
}
