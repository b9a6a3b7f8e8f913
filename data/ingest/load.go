package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/toponym/toponym/data"
)

// Load reads one file into a store that implements data.Importer, in one
// transaction: the reading stays here (parse and validate), the writing in
// the store. It is what both the upload API and `toponymd import` run.

// LoadRequest is one file to load.
type LoadRequest struct {
	File           *File  // the raw file, spooled or on disk
	Target         string // data.TargetSurvey or data.TargetPlaces
	Survey         *data.Survey
	Team           string  // bulk imports: the team it is made for, kept on the upload (surveys carry their own)
	Options        Options // CRS, encoding, columns, ValidRowsOnly …
	Places         PlaceDefaults
	MediaType      string
	IdempotencyKey string
	// IdempotencyScope names the caller the key belongs to (a team, a
	// token, "anonymous"): the same key from two scopes names two uploads.
	// Empty for callers without one (the command line).
	IdempotencyScope string
	// Progress, if set, is called every ProgressEvery records and at the
	// end with the records read and the bytes of the file consumed.
	Progress      func(rows int, bytes int64)
	ProgressEvery int
}

// File is a raw file that can be read more than once, with its SHA-256.
type File struct {
	Name   string
	Path   string
	Size   int64
	SHA256 string
	temp   bool
}

// Report is the answer to an upload, kept with it for replays.
type Report struct {
	UploadID      string      `json:"upload_id"`
	SurveyID      string      `json:"survey_id,omitempty"`
	Target        string      `json:"target"`
	FileName      string      `json:"file_name"`
	SHA256        string      `json:"sha256"`
	Size          int64       `json:"size"`
	Format        string      `json:"format"`
	Rows          int         `json:"rows"`
	Stored        int         `json:"stored"`
	Rejected      int         `json:"rejected"`
	ValidRowsOnly bool        `json:"valid_rows_only"`
	Errors        []RowReport `json:"errors"`
	ErrorsCut     bool        `json:"errors_truncated,omitempty"`
	Replayed      bool        `json:"-"` // answered from the kept report
	Seconds       float64     `json:"seconds"`
}

// RowReport is one rejected row: its line, field, value and reason.
type RowReport struct {
	Row    int    `json:"row"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
}

// RejectedError says that rows were rejected and, without ValidRowsOnly,
// nothing was stored. It is a KindInvalid error; Rows lists the rows.
type RejectedError struct {
	Rejected int
	Rows     []RowReport
}

func (e *RejectedError) Error() string {
	return fmt.Sprintf("ingest: %d rows were rejected and nothing was stored", e.Rejected)
}

// Unwrap gives the domain error: KindInvalid naming the first row.
func (e *RejectedError) Unwrap() error {
	d := &data.Error{Kind: data.KindInvalid, Field: "rows", Value: strconv.Itoa(e.Rejected),
		Message: fmt.Sprintf("%d rows were rejected, so nothing was stored (send valid_rows_only to store the "+
			"valid rows)", e.Rejected)}
	if len(e.Rows) > 0 {
		d.Row = e.Rows[0].Row
	}
	return d
}

// Spool copies r to a temporary file, hashing it on the way. The file is
// removed by Close.
func Spool(r io.Reader, name string) (*File, error) {
	dir, err := spoolDir()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "toponym-upload-*")
	if err != nil {
		return nil, fmt.Errorf("ingest: spool: %w", err)
	}
	h := sha256.New()
	n, err := io.CopyBuffer(io.MultiWriter(f, h), r, make([]byte, 256<<10))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, err
	}
	return &File{Name: name, Path: f.Name(), Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), temp: true}, nil
}

// OpenFile hashes the file at path for loading; name is kept as its name.
func OpenFile(path, name string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "file", Value: path, Message: "cannot open " + path,
			Err: err}
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, f, make([]byte, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("ingest: read %s: %w", path, err)
	}
	return &File{Name: name, Path: path, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Close removes a spooled file.
func (f *File) Close() error {
	if f.temp {
		return os.Remove(f.Path)
	}
	return nil
}

// Open opens the file for reading.
func (f *File) Open() (io.ReadCloser, error) { return os.Open(f.Path) }

// RequestHash fingerprints a request: the file, target, survey and the
// options that change what is stored.
func (req *LoadRequest) RequestHash() string {
	o := req.Options
	survey := ""
	if req.Survey != nil {
		survey = req.Survey.ID
	}
	key := fmt.Sprintf("%s|%s|%s|%d|%s|%q|%d|%t|%s|%d|%s", req.File.SHA256, req.Target, survey, o.CRS, o.Encoding,
		o.Columns, o.Comma, o.ValidRowsOnly, req.Places.Kind, req.Places.LegalClass, req.Places.Review)
	if req.Survey == nil && req.Team != "" {
		key += "|team=" + req.Team // one team's key never replays another's upload
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// StoredKey is the idempotency key as stored: the key in its scope, so
// that callers in different scopes never see each other's uploads. The
// scope is query-escaped, so the first space ends it; "" without a key.
func (req *LoadRequest) StoredKey() string {
	if req.IdempotencyKey == "" || req.IdempotencyScope == "" {
		return req.IdempotencyKey
	}
	return url.QueryEscape(req.IdempotencyScope) + " " + req.IdempotencyKey
}

// Load stores req's file in st. A stored upload with the same idempotency
// key is answered from its kept report if the request is the same, and is a
// KindConflict error if it is not.
func Load(ctx context.Context, st data.Importer, req *LoadRequest) (*Report, data.ImportResult, error) {
	hash := req.RequestHash()
	if req.IdempotencyKey != "" {
		if rep, err := replay(ctx, st, req, hash); rep != nil || err != nil {
			return rep, data.ImportResult{}, err
		}
	}
	l, err := newLoader(req)
	if err != nil {
		return nil, data.ImportResult{}, err
	}
	defer l.close()
	res, err := st.Import(ctx, l.imp(hash))
	if err != nil {
		if req.IdempotencyKey != "" && data.KindOf(err) == data.KindConflict {
			if rep, rerr := replay(ctx, st, req, hash); rep != nil || rerr != nil {
				return rep, data.ImportResult{}, rerr // a concurrent request with the same key won
			}
		}
		return nil, data.ImportResult{}, err
	}
	return l.report, res, nil
}

// replay answers a repeated idempotency key of req's scope: the kept
// report, a conflict, or nil if the key is new. The request must be the
// same: the same file under the same name with the same options.
func replay(ctx context.Context, st data.Importer, req *LoadRequest, hash string) (*Report, error) {
	prev, err := st.UploadByKey(ctx, req.StoredKey())
	if data.KindOf(err) == data.KindNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if prev.RequestHash != hash || prev.Upload.FileName != req.File.Name {
		return nil, &data.Error{Kind: data.KindConflict, Field: "Idempotency-Key", Value: req.IdempotencyKey,
			Message: "Idempotency-Key was already used for a different request (another file, file name or " +
				"other options): use a new key for a new upload"}
	}
	var rep Report
	if err := json.Unmarshal(prev.Report, &rep); err != nil {
		return nil, fmt.Errorf("ingest: kept report of upload %s: %w", prev.Upload.ID, err)
	}
	rep.Replayed = true
	return &rep, nil
}

// since returns the seconds elapsed since t, rounded to milliseconds.
func since(t time.Time) float64 { return float64(time.Since(t).Milliseconds()) / 1000 }
