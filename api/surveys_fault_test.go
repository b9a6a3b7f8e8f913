package api

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data/postgis/pgtest"
)

// servedRecorder remembers the status a handler answered.
type servedRecorder struct {
	http.ResponseWriter
	status int
}

func (r *servedRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *servedRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *servedRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// newFaultServer is an upload server over a fresh PostGIS database whose
// served channel receives the status of each upload once its handler has
// returned, so a test knows when an aborted upload is over.
func newFaultServer(tb testing.TB) (*uploadServer, <-chan int) {
	tb.Helper()
	st := pgtest.Store(tb)
	h := New(Config{}, st, discardLogger())
	served := make(chan int, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &servedRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if isUpload(r) {
			served <- rec.status
		}
	}))
	tb.Cleanup(srv.Close)
	return &uploadServer{url: srv.URL, st: st}, served
}

// abortedUpload is one way of leaving an upload half sent.
type abortedUpload struct {
	name    string
	chunked bool // Transfer-Encoding: chunked, else Content-Length of the whole body
	reset   bool // close with a TCP reset (SO_LINGER 0), else a FIN
}

// sendHalf sends the request head and half of body on a raw TCP
// connection, then closes it.
func sendHalf(tb testing.TB, base, path string, hdr map[string]string, body []byte, how abortedUpload) {
	tb.Helper()
	addr := strings.TrimPrefix(base, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		tb.Fatal(err)
	}
	var head bytes.Buffer
	fmt.Fprintf(&head, "POST %s HTTP/1.1\r\nHost: %s\r\n", path, addr)
	for k, v := range hdr {
		fmt.Fprintf(&head, "%s: %s\r\n", k, v)
	}
	half := body[:len(body)/2]
	if how.chunked {
		fmt.Fprintf(&head, "Transfer-Encoding: chunked\r\n\r\n%x\r\n", len(half))
	} else {
		fmt.Fprintf(&head, "Content-Length: %d\r\n\r\n", len(body))
	}
	if _, err := conn.Write(append(head.Bytes(), half...)); err != nil {
		tb.Fatal(err)
	}
	if how.reset {
		_ = conn.(*net.TCPConn).SetLinger(0)
	}
	if err := conn.Close(); err != nil {
		tb.Fatal(err)
	}
}

// waitServed returns the status the next upload was answered with.
func waitServed(tb testing.TB, served <-chan int) int {
	tb.Helper()
	select {
	case status := <-served:
		return status
	case <-time.After(2 * time.Minute):
		tb.Fatal("the server did not finish the aborted upload within 2 minutes")
		return 0
	}
}

// rtkCSV is a survey file of n rows in CGCS2000 GK zone 37 (EPSG:4545).
func rtkCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("点号,X,Y\n")
	for i := range n {
		fmt.Fprintf(&b, "BJ%d,%.4f,%.4f\n", i+1, 3154440.6231+float64(i%1000)*0.5, 617489.6489+float64(i/1000)*0.5)
	}
	return b.Bytes()
}

// placesSeq is a GeoJSON text sequence of n place names.
func placesSeq(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,28.5]},`+
			`"properties":{"名称":"测试地名%d","拼音":"Ceshi Diming %d","类别":"1110","legal_class":8,"行政区划代码":"500241"}}`+"\n",
			109+float64(i%1000)/10000, i, i)
	}
	return b.Bytes()
}

var abortedUploads = []abortedUpload{
	{"content-length, FIN", false, false},
	{"content-length, RST", false, true},
	{"chunked, FIN", true, false},
	{"chunked, RST", true, true},
}

// TestDisconnectMidUploadStoresNothing: a client that sends half of a
// large survey file (with or without a Content-Length, closing with a FIN
// or a reset) and goes away leaves nothing stored: no upload record, no
// raw file, no records; the answer was no success; no transaction is left
// open; the service stays ready, and the same file sent whole afterwards
// with the same Idempotency-Key is stored once, every row of it.
func TestDisconnectMidUploadStoresNothing(t *testing.T) {
	u, served := newFaultServer(t)
	survey := u.createSurvey(t, 4545)
	const rows = 20000
	body := rtkCSV(rows)
	path := "/surveys/" + survey + "/uploads?file_name=rtk.csv"
	key := map[string]string{"Idempotency-Key": "rtk-disconnect-1", "Content-Type": "text/csv"}
	for _, how := range abortedUploads {
		t.Run(how.name, func(t *testing.T) {
			sendHalf(t, u.url, path, key, body, how)
			status := waitServed(t, served)
			if status >= 200 && status < 300 || status >= 500 {
				t.Errorf("half an upload was answered %d, want a client error", status)
			}
			t.Logf("half an upload was answered %d", status)
			u.assertNothingStored(t)
			u.assertHealthy(t)
		})
	}
	status, _, b := u.send(t, "POST", path, bytes.NewReader(body), key)
	<-served
	if status != http.StatusCreated {
		t.Fatalf("the whole file after the aborted ones: %d %s", status, b)
	}
	if n := u.count(t, "SELECT count(*) FROM survey_feature"); n != rows {
		t.Errorf("%d records stored, want %d", n, rows)
	}
	if n := u.count(t, "SELECT count(*) FROM survey_upload"); n != 1 {
		t.Errorf("%d uploads stored, want 1", n)
	}
}

// TestDisconnectMidImportStoresNothing: the same for a bulk import of
// place names: half a GeoJSON sequence stores no place, name or upload.
func TestDisconnectMidImportStoresNothing(t *testing.T) {
	u, served := newFaultServer(t)
	body := placesSeq(5000)
	hdr := map[string]string{"Content-Type": "application/geo+json-seq"}
	for _, how := range abortedUploads {
		t.Run(how.name, func(t *testing.T) {
			sendHalf(t, u.url, "/imports?file_name=places.geojsons", hdr, body, how)
			status := waitServed(t, served)
			if status >= 200 && status < 300 || status >= 500 {
				t.Errorf("half an import was answered %d, want a client error", status)
			}
			t.Logf("half an import was answered %d", status)
			u.assertNothingStored(t)
			u.assertHealthy(t)
		})
	}
}

// assertHealthy checks that the service is ready and that no session of
// the test's database is left inside a transaction.
func (u *uploadServer) assertHealthy(tb testing.TB) {
	tb.Helper()
	if status, _, b := u.send(tb, "GET", "/readyz", nil, nil); status != http.StatusOK {
		tb.Errorf("/readyz after the aborted upload: %d %s", status, b)
	}
	if n := u.count(tb, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
		AND state LIKE 'idle in transaction%'`); n != 0 {
		tb.Errorf("%d sessions left idle in a transaction", n)
	}
}
