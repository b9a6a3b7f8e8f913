package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// createSurvey creates the survey the uploaders attach their files to.
func (l *load) createSurvey() error {
	body := `{"name":"故障测试 fault run","team":"秀山县民政局","device":"Hi-Target V200","method":"RTK",` +
		`"crs":4545,"accuracy_m":0.02}`
	status, b, err := l.send(http.MethodPost, "/surveys", strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
	var sv struct {
		ID string `json:"id"`
	}
	if err != nil || status != http.StatusCreated || json.Unmarshal(b, &sv) != nil || sv.ID == "" {
		return fmt.Errorf("create survey: %d %v %.300s", status, err, b)
	}
	l.surveyID = sv.ID
	return nil
}

// send makes one request with headers and returns the status and body.
func (l *load) send(method, path string, body io.Reader, hdr map[string]string) (int, []byte, error) {
	req, err := http.NewRequest(method, l.base+path, body)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+l.secret)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := l.client.Do(req)
	if err != nil {
		time.Sleep(50 * time.Millisecond)
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// rtkFile is a survey file of rows points in CGCS2000 GK zone 37
// (EPSG:4545), near 秀山.
func rtkFile(worker, n, rows int) []byte {
	var b bytes.Buffer
	b.WriteString("点号,X,Y\n")
	x0, y0 := 3150000+rand.Float64()*8000, 612000+rand.Float64()*8000
	for i := range rows {
		fmt.Fprintf(&b, "U%d-%d-%d,%.4f,%.4f\n", worker, n, i+1, x0+float64(i)*0.7, y0+float64(i%50)*0.3)
	}
	return b.Bytes()
}

// upload attaches one multi-row file to the survey; an acknowledged upload
// (201) is recorded with the number of records it stored.
func (l *load) upload(worker, n int) {
	p := l.phase.Load()
	file := rtkFile(worker, n, l.uploadRows)
	key := fmt.Sprintf("faults-%d-%d-%d", l.started, worker, n)
	status, b, err := l.send(http.MethodPost, "/surveys/"+l.surveyID+"/uploads?file_name=rtk.csv", bytes.NewReader(file),
		map[string]string{"Content-Type": "text/csv", "Idempotency-Key": key})
	l.uploads[p].add(status, err)
	if status == http.StatusCreated {
		var rep struct {
			UploadID string `json:"upload_id"`
			Stored   int    `json:"stored"`
		}
		if json.Unmarshal(b, &rep) == nil && rep.UploadID != "" {
			l.mu.Lock()
			l.ackedUploads[rep.UploadID] = rep.Stored
			l.mu.Unlock()
		}
		return
	}
	l.noteUnexpected(status, err, b)
}

// noteUnexpected keeps the first answer that is neither a success nor 503.
func (l *load) noteUnexpected(status int, err error, b []byte) {
	if err == nil && status != http.StatusServiceUnavailable {
		l.mu.Lock()
		if l.firstErr == "" {
			l.firstErr = fmt.Sprintf("%d %s", status, b)
		}
		l.mu.Unlock()
	}
	if status == http.StatusServiceUnavailable {
		time.Sleep(20 * time.Millisecond)
	}
}

func (l *load) ackedUploadRows() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]int, len(l.ackedUploads))
	for id, n := range l.ackedUploads {
		out[id] = n
	}
	return out
}

// verifyUploads compares the acknowledged uploads with what is stored:
// the same uploads, each with the records it acknowledged, no record of an
// upload never acknowledged, one audit entry per upload.
func verifyUploads(ctx context.Context, conn *pgx.Conn, acked map[string]int) []string {
	ids := make([]string, 0, len(acked))
	ackedRows := 0
	for id, n := range acked {
		ids = append(ids, id)
		ackedRows += n
	}
	var uploads, ackedStored, rows, mismatched, audited int
	queries := []struct {
		sql  string
		args []any
		dst  *int
	}{
		{`SELECT count(*) FROM survey_upload`, nil, &uploads},
		{`SELECT count(*) FROM survey_upload WHERE id::text = ANY($1)`, []any{ids}, &ackedStored},
		{`SELECT count(*) FROM survey_feature`, nil, &rows},
		{`SELECT count(*) FROM (SELECT u.id FROM survey_upload u LEFT JOIN survey_feature f ON f.upload_id = u.id
			GROUP BY u.id HAVING count(f.idx) <> ($1::jsonb ->> u.id::text)::int OR ($1::jsonb ->> u.id::text) IS NULL) m`,
			[]any{acked}, &mismatched},
		{`SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'import' AND action = 'create'`, nil, &audited},
	}
	for _, q := range queries {
		if err := conn.QueryRow(ctx, q.sql, q.args...).Scan(q.dst); err != nil {
			return []string{fmt.Sprintf("uploads: %v", err)}
		}
	}
	fmt.Printf("uploads: acknowledged %d (%d records), stored %d (%d records), acknowledged and stored %d, "+
		"with another record count %d, audited %d\n", len(acked), ackedRows, uploads, rows, ackedStored, mismatched, audited)
	var problems []string
	if ackedStored != len(acked) {
		problems = append(problems, fmt.Sprintf("%d acknowledged uploads are missing", len(acked)-ackedStored))
	}
	if uploads != len(acked) || rows != ackedRows {
		problems = append(problems, fmt.Sprintf("stored uploads %d (%d records) ≠ acknowledged %d (%d records)",
			uploads, rows, len(acked), ackedRows))
	}
	if mismatched != 0 {
		problems = append(problems, fmt.Sprintf("%d stored uploads hold another number of records than acknowledged", mismatched))
	}
	if audited != uploads {
		problems = append(problems, fmt.Sprintf("audited uploads %d ≠ stored uploads %d", audited, uploads))
	}
	return problems
}
