package ingest

import (
	"encoding/json"
	"io"
	"sync/atomic"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/valid"
)

// loader walks one file for Load: it numbers the rows, gathers every
// rejected row in file order (up to Options.MaxErrors) and decides, at the
// end, whether the import may commit.
type loader struct {
	req    *LoadRequest
	rc     io.ReadCloser
	count  *countingReader
	s      *Stream
	start  time.Time
	seen   int // stream errors already gathered
	valid  int // records the stream returned
	conv   int // of those, rejected by PlaceOf
	report *Report
	upload *data.SurveyUpload
}

func newLoader(req *LoadRequest) (*loader, error) {
	rc, err := req.File.Open()
	if err != nil {
		return nil, err
	}
	opts := req.Options
	opts.ValidRowsOnly = true // gather every rejected row; commit is decided at the end
	opts = opts.withDefaults()
	cr := &countingReader{r: rc}
	s, err := Open(cr, req.File.Name, opts)
	if err != nil {
		rc.Close()
		return nil, err
	}
	u := &data.SurveyUpload{FileName: req.File.Name, MediaType: req.MediaType, SHA256: req.File.SHA256,
		Size: req.File.Size, IdempotencyKey: req.StoredKey(), CRS: req.Options.CRS, Team: req.Team}
	rep := &Report{Target: req.Target, FileName: req.File.Name, SHA256: req.File.SHA256, Size: req.File.Size,
		Format: s.Format().String(), ValidRowsOnly: req.Options.ValidRowsOnly, Errors: []RowReport{}}
	if sv := req.Survey; sv != nil {
		u.Team, u.Device, u.Method, u.CRS, u.AccuracyM = sv.Team, sv.Device, sv.Method, sv.CRS, sv.AccuracyM
		rep.SurveyID = sv.ID
	}
	return &loader{req: req, rc: rc, count: cr, s: s, start: time.Now(), report: rep, upload: u}, nil
}

func (l *loader) close() { l.rc.Close() }

// imp returns the data.Import of the file.
func (l *loader) imp(hash string) *data.Import {
	imp := &data.Import{Upload: l.upload, Target: l.req.Target, RequestHash: hash, Raw: l.req.File.Open,
		Report: l.finish}
	if l.req.Survey != nil {
		imp.SurveyID = l.req.Survey.ID
	}
	if l.req.Target == data.TargetPlaces {
		imp.Places = l.nextPlace
	} else {
		imp.Features = l.nextFeature
	}
	return imp
}

// next returns the next valid record, gathering the rows the stream
// skipped; at the end it returns the verdict: io.EOF to commit, or an
// error to roll back.
func (l *loader) next() (*Record, error) {
	rec, err := l.s.Next()
	l.gather()
	if err == nil {
		l.valid++
		l.report.Rows++
		l.progress(false)
		return &rec, nil
	}
	if err != io.EOF {
		return nil, err
	}
	l.progress(true)
	return nil, l.verdict()
}

// gather moves the stream's newly skipped rows into the report and
// updates the counts.
func (l *loader) gather() {
	errs := l.s.Errors()
	for _, e := range errs[l.seen:] {
		l.reject(e)
	}
	l.seen = len(errs)
	l.report.Rows = l.valid + l.s.Rejected()
	l.report.Rejected = l.s.Rejected() + l.conv
}

func (l *loader) reject(e *data.Error) {
	if len(l.report.Errors) >= l.req.Options.withDefaults().MaxErrors {
		l.report.ErrorsCut = true
		return
	}
	l.report.Errors = append(l.report.Errors, RowReport{Row: e.Row, Field: e.Field, Value: e.Value, Reason: e.Message})
}

// verdict decides at the end of the file.
func (l *loader) verdict() error {
	switch {
	case l.report.Rejected > 0 && !l.req.Options.ValidRowsOnly:
		return &RejectedError{Rejected: l.report.Rejected, Rows: l.report.Errors}
	case l.report.Rows == 0:
		return &data.Error{Kind: data.KindInvalid, Field: "file", Value: l.req.File.Name,
			Message: "the file holds no records"}
	case l.report.Rows == l.report.Rejected:
		return &RejectedError{Rejected: l.report.Rejected, Rows: l.report.Errors}
	}
	return io.EOF
}

func (l *loader) nextPlace() (*data.NamedPlace, error) {
	for {
		rec, err := l.next()
		if err != nil {
			return nil, err
		}
		p, err := PlaceOf(rec, l.req.Places)
		if err == nil {
			err = valid.Topology("geometry", p.Geometry)
		}
		if err == nil {
			return p, nil
		}
		l.rejectConverted(err, rec.Row)
	}
}

func (l *loader) nextFeature() (*data.SurveyFeature, error) {
	for {
		rec, err := l.next()
		if err != nil {
			return nil, err
		}
		f := SurveyFeatureOf(rec, l.upload.ID)
		bad := f.Validate()
		if bad == nil {
			bad = valid.Topology("geometry", f.Geometry)
		}
		if bad == nil {
			return f, nil
		}
		l.rejectConverted(bad, rec.Row)
	}
}

func (l *loader) rejectConverted(err error, row int) {
	l.conv++
	l.report.Rejected++
	l.reject(atRow(err, row))
}

// finish completes the report once the records are stored.
func (l *loader) finish(stored int) ([]byte, error) {
	l.report.UploadID, l.report.Stored, l.report.Seconds = l.upload.ID, stored, since(l.start)
	return json.Marshal(l.report)
}

func (l *loader) progress(end bool) {
	every := l.req.ProgressEvery
	if every <= 0 {
		every = 10000
	}
	if l.req.Progress != nil && (end || l.report.Rows%every == 0) {
		l.req.Progress(l.report.Rows, l.count.n.Load())
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
