// Command faults is toponym's load-and-fault script: it starts its own
// throwaway PostgreSQL cluster (a temporary directory, a free loopback
// port), migrates it, creates an admin token, runs `toponymd serve`
// against it and puts concurrent writes (OGC API – Features Part 4 POSTs
// of place names), survey uploads (multi-row CSV files, each with its
// Idempotency-Key) and reads (public tiles, feature pages) on it for a
// bounded time. In the middle it stops PostgreSQL (pg_ctl stop -m fast),
// waits, and starts it again. It prints the requests and error rates
// before, during and after the outage, and the acknowledged writes and
// uploads against the rows stored; it exits 1 if an acknowledged write or
// upload (or any of its records) is missing, if a row was stored that was
// never acknowledged, or if the service did not recover without a restart.
//
//	go run ./bench/faults [-before 10s] [-down 5s] [-after 10s] [-writers 4] [-uploaders 2] [-upload-rows 200]
//	                      [-readers 4] [-bin toponymd]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

type options struct {
	before, down, after time.Duration
	writers, readers    int
	uploaders, rows     int
	bin                 string
}

func main() {
	var o options
	flag.DurationVar(&o.before, "before", 10*time.Second, "load before the outage")
	flag.DurationVar(&o.down, "down", 5*time.Second, "how long PostgreSQL stays down")
	flag.DurationVar(&o.after, "after", 10*time.Second, "load after PostgreSQL is back")
	flag.IntVar(&o.writers, "writers", 4, "concurrent writers")
	flag.IntVar(&o.readers, "readers", 4, "concurrent readers")
	flag.IntVar(&o.uploaders, "uploaders", 2, "concurrent survey uploaders")
	flag.IntVar(&o.rows, "upload-rows", 200, "rows in each uploaded file")
	flag.StringVar(&o.bin, "bin", "", "toponymd binary (default: built from this repository)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	c, err := newCluster()
	if err != nil {
		return err
	}
	defer c.remove()
	fmt.Printf("faults: PostgreSQL on 127.0.0.1:%d (%s)\n", c.port, c.dir)
	if o.bin == "" {
		o.bin = filepath.Join(c.dir, "toponymd")
		if out, err := exec.Command("go", "build", "-o", o.bin, "./cmd/toponymd").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/toponymd (run from the repository root): %w\n%s", err, out)
		}
	}
	if out, err := exec.Command(o.bin, "migrate", "-db", c.url()).CombinedOutput(); err != nil {
		return fmt.Errorf("migrate: %w\n%s", err, out)
	}
	out, err := exec.Command(o.bin, "token", "create", "-db", c.url(), "-role", "admin", "-name", "faults").CombinedOutput()
	secret := regexp.MustCompile(`tpn_[A-Za-z0-9_-]{43}`).FindString(string(out))
	if err != nil || secret == "" {
		return fmt.Errorf("token create: %v\n%s", err, out)
	}
	srv, base, err := serve(o.bin, c)
	if err != nil {
		return err
	}
	defer stopServer(srv)
	l := newLoad(base, secret, o.rows)
	if err := l.createSurvey(); err != nil {
		return err
	}
	l.start(o.writers, o.readers, o.uploaders)
	time.Sleep(o.before)
	l.setPhase(phaseDuring)
	if err := c.stopFast(); err != nil {
		return err
	}
	fmt.Println("faults: PostgreSQL stopped")
	time.Sleep(o.down)
	if err := c.start(); err != nil {
		return err
	}
	fmt.Println("faults: PostgreSQL started again")
	recovered := l.waitReady(60 * time.Second)
	l.setPhase(phaseAfter)
	time.Sleep(o.after)
	l.stop()
	stopServer(srv)
	l.report(os.Stdout)
	if recovered < 0 {
		return errors.New("the service did not become ready again within 60 s")
	}
	fmt.Printf("recovery: /readyz answered 200 %.1f s after PostgreSQL started\n", recovered.Seconds())
	return verify(c.url(), l.acked(), l.ackedUploadRows())
}

// serve starts toponymd serve on a free port and waits for /healthz.
func serve(bin string, c *cluster) (*exec.Cmd, string, error) {
	port, err := freePort()
	if err != nil {
		return nil, "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	logf, err := os.Create(filepath.Join(c.dir, "toponymd.log"))
	if err != nil {
		return nil, "", err
	}
	cmd := exec.Command(bin, "serve", "-db", c.url(), "-listen", addr, "-rate", "0", "-log-level", "warn",
		"-request-timeout", "10s", "-statement-timeout", "5s")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	base := "http://" + addr
	for range 100 {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			return cmd, base, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	stopServer(cmd)
	return nil, "", fmt.Errorf("toponymd serve did not start; see %s", logf.Name())
}

func stopServer(cmd *exec.Cmd) {
	if cmd.ProcessState != nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_ = cmd.Wait()
}

// verify compares the acknowledged writes and uploads with the stored rows.
func verify(url string, acked []string, uploads map[string]int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var stored, ackedStored, audited int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM named_place`).Scan(&stored); err != nil {
		return err
	}
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM named_place WHERE id::text = ANY($1)`, acked).Scan(&ackedStored); err != nil {
		return err
	}
	if err := conn.QueryRow(ctx, `SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'place' AND action = 'create'`).
		Scan(&audited); err != nil {
		return err
	}
	fmt.Printf("writes: acknowledged %d, stored rows %d, acknowledged and stored %d, audited creates %d\n",
		len(acked), stored, ackedStored, audited)
	var problems []string
	if ackedStored != len(acked) {
		problems = append(problems, fmt.Sprintf("%d acknowledged writes are missing", len(acked)-ackedStored))
	}
	if stored != len(acked) {
		problems = append(problems, fmt.Sprintf("stored rows %d ≠ acknowledged writes %d", stored, len(acked)))
	}
	if audited != stored {
		problems = append(problems, fmt.Sprintf("audited creates %d ≠ stored rows %d", audited, stored))
	}
	problems = append(problems, verifyUploads(ctx, conn, uploads)...)
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	fmt.Println("faults: OK: every acknowledged write and upload is stored and audited, nothing else is")
	return nil
}
