package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// cluster is a throwaway PostgreSQL cluster this process started.
type cluster struct {
	bin  string // PostgreSQL bin directory
	dir  string // temporary directory: data/, socket, log
	port int
	user string // OS user the server runs as ("" for the current user)
}

const (
	pgVersion   = "15"
	postgisCtl  = "/usr/share/postgresql/" + pgVersion + "/extension/postgis.control"
	debianBin   = "/usr/lib/postgresql/" + pgVersion + "/bin"
	startupWait = 60 * time.Second
)

func (c *cluster) data() string { return filepath.Join(c.dir, "data") }

func (c *cluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// startCluster initialises and starts a cluster in a temporary directory.
func startCluster() (*cluster, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(postgisCtl); err != nil {
		return nil, fmt.Errorf("PostGIS is not installed (no %s)", postgisCtl)
	}
	c := &cluster{bin: bin}
	if os.Geteuid() == 0 {
		c.user = "postgres" // the server refuses to run as root
	}
	if err := c.makeDir(); err != nil {
		return nil, err
	}
	if err := c.initdb(); err != nil {
		os.RemoveAll(c.dir)
		return nil, err
	}
	if err := c.start(); err != nil {
		os.RemoveAll(c.dir)
		return nil, err
	}
	c.watch()
	return c, nil
}

func findBin() (string, error) {
	if _, err := os.Stat(filepath.Join(debianBin, "initdb")); err == nil {
		return debianBin, nil
	}
	out, err := exec.Command("pg_config", "--bindir").Output()
	if err != nil {
		return "", fmt.Errorf("PostgreSQL %s is not installed (no %s, no pg_config)", pgVersion, debianBin)
	}
	bin := strings.TrimSpace(string(out))
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		return "", fmt.Errorf("no initdb in %s", bin)
	}
	return bin, nil
}

func (c *cluster) makeDir() error {
	dir, err := os.MkdirTemp("", "toponym-pgtest-")
	if err != nil {
		return err
	}
	c.dir = dir
	if c.user == "" {
		return nil
	}
	u, err := user.Lookup(c.user)
	if err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("running as root needs the OS user %q to run the server: %w", c.user, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		os.RemoveAll(dir)
		return err
	}
	return nil
}

// command runs a PostgreSQL program as the cluster's OS user.
func (c *cluster) command(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, prog)
	if c.user == "" {
		return exec.Command(path, args...)
	}
	return exec.Command("runuser", append([]string{"-u", c.user, "--", path}, args...)...)
}

func run(cmd *exec.Cmd) error {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, out.String())
	}
	return nil
}

func (c *cluster) initdb() error {
	return run(c.command("initdb", "-D", c.data(), "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--locale=C.UTF-8", "--no-sync"))
}

func (c *cluster) start() error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if c.port, err = freePort(); err != nil {
			return err
		}
		opts := strings.Join([]string{
			"-c listen_addresses=127.0.0.1", "-p " + strconv.Itoa(c.port),
			"-c unix_socket_directories=" + c.dir, "-c fsync=off", "-c synchronous_commit=off",
			"-c full_page_writes=off", "-c max_connections=200", "-c shared_buffers=64MB",
		}, " ")
		err = run(c.command("pg_ctl", "-D", c.data(), "-l", filepath.Join(c.dir, "server.log"),
			"-o", opts, "-w", "-t", strconv.Itoa(int(startupWait.Seconds())), "start"))
		if err == nil {
			return c.ping()
		}
	}
	log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
	return fmt.Errorf("start cluster: %w\nserver log:\n%s", err, log)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (c *cluster) ping() error {
	ctx, cancel := context.WithTimeout(context.Background(), startupWait)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.url("postgres"))
	if err != nil {
		return fmt.Errorf("connect to the new cluster: %w", err)
	}
	return conn.Close(ctx)
}

// watch starts a watchdog that stops the cluster and removes its directory
// once this process has exited, however it exits. It runs in its own
// process group so an interrupt of the tests does not kill it first.
func (c *cluster) watch() {
	script := fmt.Sprintf(`while kill -0 %d 2>/dev/null; do sleep 1; done; %s; rm -rf %s`,
		os.Getpid(), shellJoin(c.command("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop").Args),
		shellQuote(c.dir))
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err == nil {
		go cmd.Wait() //nolint:errcheck // reaped if it ever ends first
	}
}

// stop stops the cluster now and removes its directory.
func (c *cluster) stop() {
	if err := run(c.command("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")); err != nil &&
		!errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "pgtest: stop cluster: %v\n", err)
	}
	os.RemoveAll(c.dir)
}

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
