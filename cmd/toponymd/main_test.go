package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

func TestMain(m *testing.M) {
	defer func() {
		if build.dir != "" {
			os.RemoveAll(build.dir)
		}
	}()
	pgtest.Main(m)
}

var build struct {
	once sync.Once
	dir  string
	out  []byte
	err  error
}

// binary builds toponymd once per test process.
func binary(t *testing.T) string {
	t.Helper()
	build.once.Do(func() {
		build.dir, build.err = os.MkdirTemp("", "toponymd-test")
		if build.err == nil {
			build.out, build.err = exec.Command("go", "build", "-o", filepath.Join(build.dir, "toponymd"), ".").CombinedOutput()
		}
	})
	if build.err != nil {
		t.Fatalf("go build: %v\n%s", build.err, build.out)
	}
	return filepath.Join(build.dir, "toponymd")
}

func runCmd(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("toponymd %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// cleanEnv drops TOPONYM_* variables so only the test's flags count.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TOPONYM_") {
			env = append(env, kv)
		}
	}
	return env
}

// server is a toponymd serve process started by a test.
type server struct {
	cmd  *exec.Cmd
	addr string
	done chan error
}

func startServer(t *testing.T, bin string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "-listen", "127.0.0.1:0", "-log-format", "json"}, args...)...)
	cmd.Env = cleanEnv()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var rec map[string]any
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec["msg"] == "listening" {
				addrc <- rec["addr"].(string)
			}
			t.Logf("toponymd: %s", sc.Text())
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-s.done
		}
	})
	select {
	case s.addr = <-addrc:
	case err := <-s.done:
		t.Fatalf("toponymd serve exited before listening: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("toponymd serve did not start listening within 60s")
	}
	return s
}

func (s *server) get(t *testing.T, path string) (int, []byte) {
	t.Helper()
	resp, err := http.Get("http://" + s.addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// stop sends SIGTERM and expects a clean, prompt exit.
func (s *server) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("toponymd serve after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("toponymd serve did not stop within 30s of SIGTERM")
	}
}

func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", name, err)
		}
		t.Skipf("%s not installed: %v", name, err)
	}
	return p
}

// TestPostGISEndToEnd is the Foundation's walk-through: migrate, seed and
// serve against PostGIS, then GDAL lists the collections and reads every
// feature of a collection of more than 1,000 features across pages.
func TestPostGISEndToEnd(t *testing.T) {
	ogrinfo := needTool(t, "ogrinfo")
	url := pgtest.URL(t)
	bin := binary(t)
	runCmd(t, bin, "migrate", "-db", url)
	runCmd(t, bin, "migrate", "-db", url) // idempotent
	runCmd(t, bin, "seed", "-db", url)
	runCmd(t, bin, "seed", "-db", url) // idempotent

	const extra = 1100
	addPlaces(t, url, extra)

	s := startServer(t, bin, "-db", url)
	if code, body := s.get(t, "/readyz"); code != 200 {
		t.Fatalf("/readyz = %d %s", code, body)
	}
	var page struct {
		NumberMatched int `json:"numberMatched"`
	}
	_, body := s.get(t, "/collections/place-names/items?limit=1")
	if err := json.Unmarshal(body, &page); err != nil || page.NumberMatched <= 1000 {
		t.Fatalf("place-names numberMatched = %d (%v); want > 1000", page.NumberMatched, err)
	}

	out, err := exec.Command(ogrinfo, "-ro", "-so", "OAPIF:http://"+s.addr+"/").CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	for _, c := range []string{"admin-units", "boundary-lines", "markers", "tri-junctions", "place-names", "pois", "signs"} {
		if !strings.Contains(string(out), c) {
			t.Errorf("ogrinfo does not list collection %s:\n%s", c, out)
		}
	}

	out, err = exec.Command(ogrinfo, "-ro", "-al", "-oo", "PAGE_SIZE=250",
		"OAPIF:http://"+s.addr+"/", "place-names").CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo place-names: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "OGRFeature(place-names):"); n != page.NumberMatched {
		t.Errorf("GDAL read %d place-names across pages; the API matched %d", n, page.NumberMatched)
	}
	s.stop(t)
}

func addPlaces(t *testing.T, url string, n int) {
	t.Helper()
	ctx := context.Background()
	st, err := postgis.Open(ctx, postgis.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.Atomic(ctx, func(tx data.Store) error {
		for i := 0; i < n; i++ {
			p := &data.NamedPlace{
				Kind: data.KindPlaceName, Category: "1110", CensusClass: "居民点", LegalClass: 3,
				Geometry: orb.Point{109.0 + float64(i%40)*0.01, 28.3 + float64(i/40)*0.01},
				Review:   data.ReviewPublished,
				Names: []data.Name{{Status: data.NameStandard, Lang: "zh-Hans",
					Text: fmt.Sprintf("测试村%d", i), Pinyin: fmt.Sprintf("Ceshicun %d", i)}},
			}
			if err := tx.CreatePlace(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEmbeddedFirstRun is the README's run command: no database URL, a
// GeoPackage created and seeded on first start, and the API answering.
func TestEmbeddedFirstRun(t *testing.T) {
	bin := binary(t)
	path := filepath.Join(t.TempDir(), "toponym.gpkg")
	s := startServer(t, bin, "-gpkg", path)
	for _, tt := range []struct{ query, name string }{
		{"code=500241109", "洪安镇"},
		{"code=433124108&datetime=2010-01-01", "边城镇"},
		{"code=520628&datetime=2012-01-01", "松桃苗族自治县"},
	} {
		code, body := s.get(t, "/collections/admin-units/items?"+tt.query)
		if code != 200 {
			t.Fatalf("admin-units?%s = %d %s", tt.query, code, body)
		}
		var fc struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(body, &fc); err != nil {
			t.Fatal(err)
		}
		if len(fc.Features) != 1 || fc.Features[0].Properties["name"] != tt.name {
			t.Errorf("admin-units?%s: %d features, want one named %s: %s", tt.query, len(fc.Features), tt.name, body)
		}
	}
	s.stop(t)
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

func TestBadConfigurationExits(t *testing.T) {
	bin := binary(t)
	cmd := exec.Command(bin, "serve", "-listen", "nowhere", "-max-body", "x")
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("serve with bad flags succeeded:\n%s", out)
	}
	for _, want := range []string{"listen (-listen)", "max-body (-max-body)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output does not name %q:\n%s", want, out)
		}
	}
	cmd = exec.Command(bin, "frobnicate")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %v\n%s", err, out)
	}
}
