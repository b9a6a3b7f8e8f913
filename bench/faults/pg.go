package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// cluster is the throwaway PostgreSQL cluster this program starts, stops
// and restarts: its own directory and loopback port, never another one.
type cluster struct {
	bin, dir string
	port     int
	asUser   string // run the server as this OS user ("" for the current)
}

const pgBin = "/usr/lib/postgresql/15/bin"

func newCluster() (*cluster, error) {
	bin := pgBin
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		out, err := exec.Command("pg_config", "--bindir").Output()
		if err != nil {
			return nil, fmt.Errorf("no PostgreSQL: install postgresql-15 and postgresql-15-postgis-3")
		}
		bin = strings.TrimSpace(string(out))
	}
	dir, err := os.MkdirTemp("", "toponym-faults-")
	if err != nil {
		return nil, err
	}
	c := &cluster{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		c.asUser = "postgres"
		u, err := user.Lookup(c.asUser)
		if err != nil {
			return nil, fmt.Errorf("running as root needs the OS user postgres: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	if c.port, err = freePort(); err != nil {
		return nil, err
	}
	if err := c.run("initdb", "-D", c.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		return nil, err
	}
	return c, c.start()
}

func (c *cluster) data() string { return filepath.Join(c.dir, "data") }

func (c *cluster) url() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// run runs a PostgreSQL program as the cluster's user.
func (c *cluster) run(prog string, args ...string) error {
	path := filepath.Join(c.bin, prog)
	cmd := exec.Command(path, args...)
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, out.String())
	}
	return nil
}

// start starts the server (durable settings: the point is to lose nothing).
func (c *cluster) start() error {
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=%s -c max_connections=100",
		c.port, c.dir)
	return c.run("pg_ctl", "-D", c.data(), "-l", filepath.Join(c.dir, "server.log"), "-o", opts, "-w", "-t", "60", "start")
}

// stopFast stops the server as an operator would: pg_ctl stop -m fast
// (open transactions are rolled back, clients disconnected).
func (c *cluster) stopFast() error {
	return c.run("pg_ctl", "-D", c.data(), "-m", "fast", "-w", "stop")
}

// remove stops the server if it runs and deletes the cluster.
func (c *cluster) remove() {
	_ = c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
	os.RemoveAll(c.dir)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
