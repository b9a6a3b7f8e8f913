package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// killRows is the size of the upload killed mid-load: large enough that
// its COPY runs long enough to be seen running.
const killRows = 200000

// TestSIGKILLMidUpload: toponymd serve is killed with SIGKILL twice while
// a large survey upload is under way, once while the body is still being
// received and once while the upload's transaction is copying its records
// into PostGIS. After each kill, once the killed process's sessions are
// gone, nothing of the upload is stored: no upload record, no raw file (nor
// its large object), no record, no audit entry, no session left in a
// transaction. A new process on the same database is ready at once, and
// the same upload retried with the same Idempotency-Key is stored exactly
// once: every row, one upload, one raw file, one audit entry, no orphan
// record; a second retry is answered from the kept report.
func TestSIGKILLMidUpload(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills toponymd; not in -short")
	}
	url := pgtest.URL(t)
	bin := binary(t)
	secret := killToken(t, bin, url)
	spool := t.TempDir()
	args := []string{"-db", url, "-rate", "0", "-max-upload-rows", "1000000"}
	s := startKillable(t, bin, spool, args...)
	k := &killClient{t: t, secret: secret}
	survey := k.createSurvey(s)
	body := killCSV(killRows)
	path := "/surveys/" + survey + "/uploads?file_name=rtk.csv"
	const key = "rtk-sigkill-1"

	db := killDB(t, url)
	s = k.killMidBody(s, db, path, body, key, spool, args)
	s = k.killMidLoad(s, db, path, body, key, spool, args)

	status, hdr, b := k.upload(s, path, body, key)
	if status != http.StatusCreated || hdr.Get("Idempotent-Replayed") != "" {
		t.Fatalf("retry after the kills: %d (replayed %q) %.300s", status, hdr.Get("Idempotent-Replayed"), b)
	}
	status, hdr, b2 := k.upload(s, path, body, key)
	if status != http.StatusCreated || hdr.Get("Idempotent-Replayed") != "true" || !bytes.Equal(b, b2) {
		t.Errorf("second retry: %d (replayed %q), want the kept answer", status, hdr.Get("Idempotent-Replayed"))
	}
	want := map[string]int{
		"SELECT count(*) FROM survey_upload":                     1,
		"SELECT count(*) FROM upload_file":                       1,
		"SELECT count(*) FROM pg_largeobject_metadata":           1,
		"SELECT count(*) FROM survey_feature":                    killRows,
		"SELECT count(DISTINCT idx) FROM survey_feature":         killRows,
		"SELECT count(*) FROM audit_log WHERE entity = 'import'": 1,
		`SELECT count(*) FROM survey_feature f WHERE NOT EXISTS
			(SELECT 1 FROM survey_upload u WHERE u.id = f.upload_id)`: 0,
	}
	for q, n := range want {
		if got := killCount(t, db, q); got != n {
			t.Errorf("%s = %d, want %d", q, got, n)
		}
	}
}

// killMidBody sends the request head and half the body, kills the server
// while the connection is still open, and checks the store.
func (k *killClient) killMidBody(s *server, db *pgx.Conn, path string, body []byte, key, spool string, args []string) *server {
	k.t.Helper()
	conn, err := net.Dial("tcp", s.addr)
	if err != nil {
		k.t.Fatal(err)
	}
	defer conn.Close()
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nIdempotency-Key: %s\r\n"+
		"Content-Type: text/csv\r\nContent-Length: %d\r\n\r\n", path, s.addr, k.secret, key, len(body))
	if _, err := conn.Write(append([]byte(head), body[:len(body)/2]...)); err != nil {
		k.t.Fatal(err)
	}
	// The server has the request once it holds an open spool file for it.
	killWait(k.t, "the upload's spool file", func() bool { return len(killSpool(spool)) > 0 })
	s.kill(k.t)
	return k.afterKill(db, spool, args)
}

// killMidLoad sends the whole body, kills the server while the upload's
// transaction copies records, and checks the store.
func (k *killClient) killMidLoad(s *server, db *pgx.Conn, path string, body []byte, key, spool string, args []string) *server {
	k.t.Helper()
	answered := make(chan int, 1)
	go func() {
		status, _, _ := k.upload(s, path, body, key)
		answered <- status
	}()
	copying := `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1
		AND state = 'active' AND query LIKE 'COPY survey_feature%'`
	killWait(k.t, "the upload's COPY", func() bool {
		select {
		case status := <-answered:
			k.t.Fatalf("the upload was answered %d before it could be killed mid-load; raise killRows", status)
		default:
		}
		return killCount(k.t, db, copying, postgis.ApplicationName) > 0
	})
	s.kill(k.t)
	if status := <-answered; status != 0 {
		k.t.Errorf("the upload killed mid-load was answered %d", status)
	}
	return k.afterKill(db, spool, args)
}

// afterKill waits until the killed server's sessions are gone, checks that
// nothing was stored, and starts a new server.
func (k *killClient) afterKill(db *pgx.Conn, spool string, args []string) *server {
	k.t.Helper()
	killWait(k.t, "the killed server's sessions to end", func() bool {
		return killCount(k.t, db, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND application_name = $1`, postgis.ApplicationName) == 0
	})
	for _, q := range []string{"SELECT count(*) FROM survey_upload", "SELECT count(*) FROM upload_file",
		"SELECT count(*) FROM pg_largeobject_metadata", "SELECT count(*) FROM survey_feature",
		"SELECT count(*) FROM audit_log WHERE entity = 'import'",
		"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
		"SELECT count(*) FROM pg_prepared_xacts"} {
		if n := killCount(k.t, db, q); n != 0 {
			k.t.Errorf("after SIGKILL: %s = %d, want 0", q, n)
		}
	}
	s := startKillable(k.t, k.binOf(), spool, args...)
	if code, b := s.get(k.t, "/readyz"); code != http.StatusOK {
		k.t.Fatalf("/readyz of the restarted server: %d %s", code, b)
	}
	// The restarted server removes what the killed one spooled.
	if left := killSpool(spool); len(left) > 0 {
		k.t.Errorf("the restarted server left the killed one's spool files: %v", left)
	}
	return s
}

// killClient makes authenticated requests to the server under test.
type killClient struct {
	t      *testing.T
	secret string
}

func (k *killClient) binOf() string { return binary(k.t) }

func (k *killClient) do(s *server, method, path string, body []byte, hdr map[string]string) (int, http.Header, []byte) {
	k.t.Helper()
	req, err := http.NewRequest(method, "http://"+s.addr+path, bytes.NewReader(body))
	if err != nil {
		k.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+k.secret)
	for h, v := range hdr {
		req.Header.Set(h, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, []byte(err.Error()) // the server was killed
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, []byte(err.Error())
	}
	return resp.StatusCode, resp.Header, b
}

func (k *killClient) upload(s *server, path string, body []byte, key string) (int, http.Header, []byte) {
	return k.do(s, "POST", path, body, map[string]string{"Idempotency-Key": key, "Content-Type": "text/csv"})
}

func (k *killClient) createSurvey(s *server) string {
	k.t.Helper()
	status, _, b := k.do(s, "POST", "/surveys", []byte(`{"name":"秀山 2024 勘界","team":"秀山县民政局",`+
		`"device":"Hi-Target V200","method":"RTK","crs":4545,"accuracy_m":0.02}`), map[string]string{"Content-Type": "application/json"})
	var sv struct{ ID string }
	if status != http.StatusCreated || json.Unmarshal(b, &sv) != nil || sv.ID == "" {
		k.t.Fatalf("create survey: %d %s", status, b)
	}
	return sv.ID
}

// startKillable starts toponymd serve with its temporary files in spool.
func startKillable(t *testing.T, bin, spool string, args ...string) *server {
	t.Helper()
	t.Setenv("TMPDIR", spool) // inherited by the server (cleanEnv keeps it)
	return startServer(t, bin, args...)
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *server) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.done:
	case <-time.After(time.Minute):
		t.Fatal("toponymd did not die within a minute of SIGKILL")
	}
}

// killToken creates an admin token with the CLI and returns its secret.
func killToken(t *testing.T, bin, url string) string {
	t.Helper()
	out := runCmd(t, bin, "token", "create", "-db", url, "-role", "admin", "-name", "sigkill test")
	secret := regexp.MustCompile(`tpn_[A-Za-z0-9_-]{43}`).FindString(out)
	if secret == "" {
		t.Fatalf("token create printed no secret:\n%s", out)
	}
	return secret
}

func killDB(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func killCount(t *testing.T, db *pgx.Conn, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(t.Context(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// killWait polls cond until it holds, failing the test after two minutes.
func killWait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited two minutes for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// killSpool lists the upload spool files in dir.
func killSpool(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, "toponym-spool", "*", "toponym-upload-*"))
	return m
}

// killCSV is a survey file of n rows in CGCS2000 GK zone 37 (EPSG:4545).
func killCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("点号,X,Y\n")
	for i := range n {
		fmt.Fprintf(&b, "BJ%d,%.4f,%.4f\n", i+1, 3154440.6231+float64(i%1000)*0.5, 617489.6489+float64(i/1000)*0.5)
	}
	return b.Bytes()
}
