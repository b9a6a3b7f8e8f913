// Package pgtest gives tests a fresh, migrated PostGIS database.
//
// URL returns the URL of a new empty database with the postgis extension and
// every migration applied, dropped when the test ends. Databases are cloned
// from a template migrated once per test process.
//
// The server: if $TOPONYM_TEST_DATABASE_URL is set, it is used as the admin
// connection (a role that may CREATE DATABASE). Otherwise pgtest starts a
// throwaway PostgreSQL 15 cluster once per process on 127.0.0.1 and a free
// port, in a temporary directory; call Main from TestMain so the cluster is
// stopped and removed when the tests end (a watchdog process removes it too
// if the test binary dies first).
//
// If PostGIS cannot be had, tests are skipped, or fail when CI=true.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/toponym/toponym/data/postgis"
)

// EnvURL names the variable holding an admin URL of an existing server.
const EnvURL = "TOPONYM_TEST_DATABASE_URL"

const installHint = "install PostgreSQL 15 with PostGIS (apt-get install postgresql-15 postgresql-15-postgis-3) " +
	"or set " + EnvURL + " to an admin URL of a server that has PostGIS"

// harness is the per-process state: the server and the template database.
type harness struct {
	once     sync.Once
	err      error    // why no database can be had
	adminURL string   // URL of the admin (maintenance) database
	template string   // name of the migrated template database
	cluster  *cluster // nil when EnvURL is used
	seq      atomic.Int64
}

var h harness

// URL returns the URL of a fresh database with PostGIS and all migrations
// applied, dropped in tb.Cleanup.
func URL(tb testing.TB) string {
	tb.Helper()
	h.once.Do(h.setup)
	if h.err != nil {
		unavailable(tb, h.err)
	}
	name := fmt.Sprintf("%s_%d", h.template, h.seq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := adminExec(ctx, h.adminURL, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+
		" TEMPLATE "+pgx.Identifier{h.template}.Sanitize()); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := dropDatabase(ctx, h.adminURL, name); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := withDatabase(h.adminURL, name)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	return u
}

// Pool returns a pool on a fresh database (see URL), closed in tb.Cleanup.
func Pool(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	pool, err := pgxpool.New(context.Background(), URL(tb))
	if err != nil {
		tb.Fatalf("pgtest: pool: %v", err)
	}
	tb.Cleanup(pool.Close)
	return pool
}

// Store returns a postgis.Store on a fresh database (see URL), closed in
// tb.Cleanup.
func Store(tb testing.TB) *postgis.Store {
	tb.Helper()
	s, err := postgis.Open(context.Background(), postgis.Config{URL: URL(tb), MaxConns: 4})
	if err != nil {
		tb.Fatalf("pgtest: open store: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Main runs the tests and then stops the throwaway cluster and drops the
// template database. Call it from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	h.teardown()
	os.Exit(code)
}

func unavailable(tb testing.TB, err error) {
	tb.Helper()
	msg := fmt.Sprintf("pgtest: PostGIS is not available: %v; %s", err, installHint)
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
}

func (h *harness) setup() {
	if u := os.Getenv(EnvURL); u != "" {
		h.adminURL = u
	} else {
		c, err := startCluster()
		if err != nil {
			h.err = err
			return
		}
		h.cluster, h.adminURL = c, c.url("postgres")
	}
	h.template = fmt.Sprintf("toponym_test_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := createTemplate(ctx, h.adminURL, h.template); err != nil {
		h.err = err
	}
}

func (h *harness) teardown() {
	if h.template != "" && h.err == nil && h.cluster == nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := dropDatabase(ctx, h.adminURL, h.template); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: drop template %s: %v\n", h.template, err)
		}
	}
	if h.cluster != nil {
		h.cluster.stop()
	}
}

// createTemplate creates the template database, migrates it and marks it a
// template. Its pool is closed before any clone is made.
func createTemplate(ctx context.Context, adminURL, name string) error {
	if err := adminExec(ctx, adminURL, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("create template database: %w", err)
	}
	u, err := withDatabase(adminURL, name)
	if err != nil {
		return err
	}
	s, err := postgis.Open(ctx, postgis.Config{URL: u, MaxConns: 2})
	if err != nil {
		return fmt.Errorf("open template database: %w", err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate template database: %w", err)
	}
	return nil
}

func adminExec(ctx context.Context, adminURL, sql string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql)
	return err
}

func dropDatabase(ctx context.Context, adminURL, name string) error {
	return adminExec(ctx, adminURL, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}

// withDatabase returns the connection string u with its database replaced
// by name; u is a postgres:// URL or a key=value DSN.
func withDatabase(u, name string) (string, error) {
	if strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://") {
		pu, err := url.Parse(u)
		if err != nil {
			return "", fmt.Errorf("parse %s: %w", EnvURL, err)
		}
		pu.Path = "/" + name
		pu.RawPath = ""
		return pu.String(), nil
	}
	return u + " dbname='" + name + "'", nil
}
