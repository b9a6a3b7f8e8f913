package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// csvRows is a CSV of n place rows under a header line.
func csvRows(n int) string {
	var b strings.Builder
	b.WriteString("name,lon,lat\n")
	for i := range n {
		fmt.Fprintf(&b, "行%d,109.%03d,28.4\n", i+1, i)
	}
	return b.String()
}

// TestUploadRowLimits: a bulk import past MaxImportRows and a survey
// upload past MaxUploadRows are refused with 413 problem+json naming the
// limit and the row where the record past it starts, and nothing is
// stored; a file at the limit loads. The limits hold with authentication
// off too.
func TestUploadRowLimits(t *testing.T) {
	u := newUploadServer(t, Config{Auth: AuthConfig{MaxUploadRows: 3, MaxImportRows: 5}})
	csv := map[string]string{"Content-Type": "text/csv"}
	survey := u.createSurvey(t, 4490)
	for _, c := range []struct {
		name, path string
		limit      int
	}{
		{"bulk import", "/imports?kind=poi&file_name=p.csv", 5},
		{"survey upload", "/surveys/" + survey + "/uploads?file_name=p.csv", 3},
	} {
		for _, validOnly := range []string{"", "&valid_rows_only=true"} {
			status, hdr, b := u.send(t, "POST", c.path+validOnly, strings.NewReader(csvRows(c.limit+100)), csv)
			if status != http.StatusRequestEntityTooLarge {
				t.Fatalf("%s of %d rows, limit %d: %d %s", c.name, c.limit+100, c.limit, status, b)
			}
			p := problemOf(t, status, hdr, b)
			row := c.limit + 2 // the header is line 1: record limit+1 starts on line limit+2
			if p.Row != row || p.Value != fmt.Sprint(c.limit) || p.Field != "rows" ||
				!strings.Contains(p.Detail, fmt.Sprintf("more than %d records", c.limit)) ||
				!strings.Contains(p.Detail, fmt.Sprintf("row %d", row)) {
				t.Errorf("%s: problem %+v, want the limit %d and row %d", c.name, p.Problem, c.limit, row)
			}
			u.assertNothingStored(t)
		}
	}
	for _, c := range []struct{ path, table string }{
		{"/imports?kind=poi&file_name=p.csv", "named_place"},
		{"/surveys/" + survey + "/uploads?file_name=p.csv", "survey_feature"},
	} {
		n := map[string]int{"named_place": 5, "survey_feature": 3}[c.table]
		if status, _, b := u.send(t, "POST", c.path, strings.NewReader(csvRows(n)), csv); status != http.StatusCreated {
			t.Errorf("%s at the limit of %d rows: %d %s", c.path, n, status, b)
		}
		if got := u.count(t, "SELECT count(*) FROM "+c.table); got != n {
			t.Errorf("%s: %d rows stored, want %d", c.table, got, n)
		}
	}
}

// TestUploadRowLimitDefaults: the defaults allow large bulk imports and
// smaller survey files.
func TestUploadRowLimitDefaults(t *testing.T) {
	a := Config{}.withDefaults().Auth
	if a.MaxImportRows != DefaultMaxImportRows || a.MaxUploadRows != DefaultMaxUploadRows ||
		DefaultMaxImportRows < 1_000_000 || DefaultMaxUploadRows >= DefaultMaxImportRows {
		t.Errorf("defaults: imports %d, survey uploads %d", a.MaxImportRows, a.MaxUploadRows)
	}
}
