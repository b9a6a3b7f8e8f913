package api

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/ingest"
)

// isUpload reports whether r sends a file: a survey upload or a bulk
// import. These get Config.MaxUploadBytes and Config.UploadTimeout.
func isUpload(r *http.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	p := strings.TrimSuffix(r.URL.Path, "/")
	return p == "/imports" || (strings.HasPrefix(p, "/surveys/") && strings.HasSuffix(p, "/uploads"))
}

// requestLimits gives each request its deadline and body cap: the upload
// ones for uploads, the general ones otherwise.
func requestLimits(cfg Config) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		plain := withTimeout(cfg.RequestTimeout)(limitBody(cfg.MaxBodyBytes)(next))
		upload := withTimeout(cfg.UploadTimeout)(limitBody(cfg.MaxUploadBytes)(next))
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isUpload(r) {
				upload.ServeHTTP(w, r)
				return
			}
			plain.ServeHTTP(w, r)
		})
	}
}

// maxGzipRatio bounds how much a gzip body may expand: beyond it the body
// is taken for a compression bomb.
const maxGzipRatio = 200

// bombError is a compressed body that expands past its bounds.
type bombError struct{ limit, compressed, expanded int64 }

func (e *bombError) Error() string {
	if e.limit > 0 {
		return fmt.Sprintf("the decompressed request body exceeds the limit of %d bytes", e.limit)
	}
	return fmt.Sprintf("the gzip body expands more than %d-fold (%d bytes from %d): refused as a compression bomb",
		maxGzipRatio, e.expanded, e.compressed)
}

// uploadBody returns the body of an upload, decompressed if it is gzip.
// Decompressed bytes are capped at limit and at maxGzipRatio times the
// compressed bytes read (after the first MiB).
func uploadBody(r *http.Request, limit int64) (io.Reader, error) {
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		return r.Body, nil
	case "gzip", "x-gzip":
		cr := &countReader{r: r.Body}
		zr, err := gzip.NewReader(cr)
		if err != nil {
			return nil, &data.Error{Kind: data.KindInvalid, Field: "Content-Encoding", Value: enc,
				Message: "the body is not valid gzip: " + err.Error()}
		}
		return &bombGuard{r: zr, in: cr, limit: limit}, nil
	default:
		return nil, &data.Error{Kind: data.KindInvalid, Field: "Content-Encoding", Value: enc,
			Message: "Content-Encoding " + strconv.Quote(enc) + " is not supported; send gzip or no encoding"}
	}
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// bombGuard caps what a decompressor yields.
type bombGuard struct {
	r     io.Reader
	in    *countReader
	out   int64
	limit int64
}

func (b *bombGuard) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.out += int64(n)
	switch {
	case b.out > b.limit:
		return n, &bombError{limit: b.limit}
	case b.out > 1<<20 && b.out > maxGzipRatio*b.in.n:
		return n, &bombError{compressed: b.in.n, expanded: b.out}
	}
	if err != nil && !errors.Is(err, io.EOF) && !isBodyErr(err) {
		return n, &data.Error{Kind: data.KindInvalid, Field: "Content-Encoding", Value: "gzip",
			Message: "the gzip body is corrupt: " + err.Error()}
	}
	return n, err
}

// isBodyErr reports errors of the underlying body: the size cap, a
// client that went away.
func isBodyErr(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb) || errors.Is(err, context.Canceled)
}

// rawBody remembers the error of reading the request body as sent: a
// client that went away mid-upload (unexpected EOF, connection reset).
type rawBody struct {
	io.ReadCloser
	err error
}

func (b *rawBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && b.err == nil {
		b.err = err
	}
	return n, err
}

// uploadName is the file name of an upload: the file_name parameter, the
// Content-Disposition filename, or "upload" with the extension of the
// Content-Type.
func uploadName(r *http.Request) string {
	if n := r.URL.Query().Get("file_name"); n != "" {
		return path.Base(n)
	}
	if _, ps, err := mime.ParseMediaType(r.Header.Get("Content-Disposition")); err == nil && ps["filename"] != "" {
		return path.Base(ps["filename"])
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ingest.ParseFormat(mt) {
	case ingest.FormatGeoJSON:
		return "upload.geojson"
	case ingest.FormatGeoJSONSeq:
		return "upload.geojsons"
	case ingest.FormatCSV:
		return "upload.csv"
	case ingest.FormatGPX:
		return "upload.gpx"
	}
	return "upload"
}

// spoolUpload spools the body of r to a temporary file; an oversized or
// bomb body is written as 413 here and reported with handled true.
func (s *server) spoolUpload(w http.ResponseWriter, r *http.Request) (f *ingest.File, handled bool, err error) {
	raw := &rawBody{ReadCloser: r.Body}
	r.Body = raw
	body, err := uploadBody(r, s.cfg.MaxUploadBytes)
	if err != nil {
		return nil, false, err
	}
	f, err = ingest.Spool(body, uploadName(r))
	var bomb *bombError
	if errors.As(err, &bomb) {
		writeProblem(w, r, newProblem(http.StatusRequestEntityTooLarge, bomb.Error()))
		return nil, true, nil
	}
	if err != nil && raw.err != nil && !isBodyErr(raw.err) && !errors.Is(raw.err, os.ErrDeadlineExceeded) && data.AsError(err) == nil {
		return nil, false, &data.Error{Kind: data.KindInvalid, Field: "body", Err: err,
			Message: "the request body broke off before its end (" + raw.err.Error() + "): nothing was stored"}
	}
	if err != nil {
		return nil, false, err
	}
	if f.Size == 0 {
		f.Close()
		return nil, false, &data.Error{Kind: data.KindInvalid, Field: "body", Message: "the request body is empty: send the file as the body"}
	}
	return f, false, nil
}

// writeTooManyRows answers an upload past its row limit: 413 naming the
// limit, the record past it and the row of the file where that record
// starts. The upload's transaction was rolled back: nothing was stored.
func writeTooManyRows(w http.ResponseWriter, r *http.Request, e *ingest.TooManyRowsError) {
	detail := fmt.Sprintf("the file holds more than %d records, the most one upload to %s may hold", e.Limit, r.URL.Path)
	if e.Row > 0 {
		detail += fmt.Sprintf("; record %d starts at row %d", e.Index, e.Row)
	}
	p := newProblem(http.StatusRequestEntityTooLarge, detail+"; nothing was stored (split the file)")
	p.Field, p.Row, p.Value = "rows", e.Row, strconv.Itoa(e.Limit)
	writeProblem(w, r, p)
}
