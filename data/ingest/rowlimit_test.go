package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

// countingImporter is a data.Importer that drains an import's records the
// way a store does and keeps nothing when the iterator fails: it counts
// what it would have stored.
type countingImporter struct {
	data.Importer // unused methods panic
	pulled        int
	stored        int
	upload        data.SurveyUpload
}

func (c *countingImporter) UploadByKey(context.Context, string) (*data.StoredUpload, error) {
	return nil, data.NotFound("upload", "")
}

func (c *countingImporter) Import(_ context.Context, imp *data.Import) (data.ImportResult, error) {
	n := 0
	for {
		var err error
		if imp.Places != nil {
			_, err = imp.Places()
		} else {
			_, err = imp.Features()
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return data.ImportResult{}, fmt.Errorf("import rolled back: %w", err) // nothing stored
		}
		n++
		c.pulled = n
	}
	c.stored, c.upload = n, *imp.Upload
	return data.ImportResult{Stored: n}, nil
}

// csvFile writes a CSV of rows place records (a header on line 1) and
// returns it as a File to load.
func csvFile(tb testing.TB, rows int) *File {
	tb.Helper()
	var b strings.Builder
	b.WriteString("name,lon,lat\n")
	for i := range rows {
		fmt.Fprintf(&b, "地名%d,109.%04d,28.5\n", i+1, i%10000)
	}
	path := filepath.Join(tb.TempDir(), "places.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	f, err := OpenFile(path, "places.csv")
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// TestLoadRowLimit: a file past Options.MaxRows fails with a
// TooManyRowsError naming the limit, the record and its row; the store is
// handed no more than the limit's records and keeps none of them. At the
// limit the file loads whole.
func TestLoadRowLimit(t *testing.T) {
	for _, c := range []struct {
		name        string
		rows, limit int
		validOnly   bool
	}{
		{"past the limit", 1000, 10, false},
		{"past the limit, valid rows only", 1000, 10, true},
		{"one past the limit", 11, 10, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := &countingImporter{}
			req := &LoadRequest{File: csvFile(t, c.rows), Target: data.TargetPlaces, Places: PlaceDefaults{Kind: data.KindPOI},
				Options: Options{MaxRows: c.limit, ValidRowsOnly: c.validOnly}}
			_, _, err := Load(context.Background(), st, req)
			var tm *TooManyRowsError
			if !errors.As(err, &tm) {
				t.Fatalf("error %v (%T), want a TooManyRowsError", err, err)
			}
			// Line 1 is the header: record limit+1 starts on line limit+2.
			if tm.Limit != c.limit || tm.Index != c.limit+1 || tm.Row != c.limit+2 {
				t.Errorf("limit %d, record %d, row %d; want %d, %d, %d", tm.Limit, tm.Index, tm.Row, c.limit, c.limit+1, c.limit+2)
			}
			e := data.AsError(err)
			if e == nil || e.Kind != data.KindInvalid || e.Row != c.limit+2 ||
				!strings.Contains(e.Message, fmt.Sprint(c.limit)) || !strings.Contains(e.Message, fmt.Sprint(c.limit+2)) {
				t.Errorf("domain error %+v: want KindInvalid naming the limit and the row", e)
			}
			if st.pulled > c.limit || st.stored != 0 {
				t.Errorf("store pulled %d records and stored %d; want at most %d and none", st.pulled, st.stored, c.limit)
			}
		})
	}
	st := &countingImporter{}
	req := &LoadRequest{File: csvFile(t, 10), Target: data.TargetPlaces, Places: PlaceDefaults{Kind: data.KindPOI}, Options: Options{MaxRows: 10}}
	if _, _, err := Load(context.Background(), st, req); err != nil || st.stored != 10 {
		t.Errorf("a file at the limit: %v, %d stored; want all 10", err, st.stored)
	}
}

// TestLoadTeam: a bulk import keeps the team it was made for on its
// upload, and the team is part of the request's fingerprint, so that one
// team's Idempotency-Key never answers another team's request.
func TestLoadTeam(t *testing.T) {
	f := csvFile(t, 3)
	st := &countingImporter{}
	req := &LoadRequest{File: f, Target: data.TargetPlaces, Places: PlaceDefaults{Kind: data.KindPOI}, Team: "秀山测绘队"}
	if _, _, err := Load(context.Background(), st, req); err != nil {
		t.Fatal(err)
	}
	if st.upload.Team != "秀山测绘队" {
		t.Errorf("upload team %q, want 秀山测绘队", st.upload.Team)
	}
	other := *req
	other.Team = "花垣测绘队"
	none := *req
	none.Team = ""
	if req.RequestHash() == other.RequestHash() || req.RequestHash() == none.RequestHash() {
		t.Error("requests of two teams have one fingerprint")
	}
	sv := *req
	sv.Survey = &data.Survey{ID: data.NewID(), Team: "秀山测绘队"}
	noTeam := sv
	noTeam.Team = ""
	if sv.RequestHash() != noTeam.RequestHash() {
		t.Error("a survey upload's fingerprint depends on Team, which only bulk imports use")
	}
}
