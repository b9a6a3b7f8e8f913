package postgis_test

import (
	"context"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestSessionSettings: every connection carries the statement timeout,
// application name and UTC.
func TestSessionSettings(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	for _, c := range []struct {
		timeout time.Duration
		want    string
	}{{0, "30s"}, {1500 * time.Millisecond, "1500ms"}} {
		s, err := postgis.Open(ctx, postgis.Config{URL: url, StatementTimeout: c.timeout, MaxConns: 2})
		if err != nil {
			t.Fatal(err)
		}
		var timeout, app, tz string
		err = s.Pool().QueryRow(ctx, "SELECT current_setting('statement_timeout'), current_setting('application_name'), current_setting('TimeZone')").
			Scan(&timeout, &app, &tz)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if timeout != c.want || app != postgis.ApplicationName || tz != "UTC" {
			t.Errorf("timeout %s: session has statement_timeout=%s application_name=%s TimeZone=%s", c.timeout, timeout, app, tz)
		}
	}
}

// TestStatementTimeout: a statement cut off by statement_timeout is
// reported as unavailable.
func TestStatementTimeout(t *testing.T) {
	ctx := context.Background()
	s, err := postgis.Open(ctx, postgis.Config{URL: pgtest.URL(t), StatementTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Pool().Exec(ctx, "SELECT pg_sleep(5)")
	if k := data.KindOf(postgis.MapError("sleep", err)); k != data.KindUnavailable {
		t.Errorf("statement over the timeout: %v mapped to %s, want unavailable", err, k)
	}
}

// TestCanceledContext: a canceled request is unavailable, not internal.
func TestCanceledContext(t *testing.T) {
	s := pgtest.Store(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.ListAdminUnits(ctx, data.Query{})
	if data.KindOf(err) != data.KindUnavailable {
		t.Errorf("canceled context: %v, want unavailable", err)
	}
}

// TestClosedStore: calls on a closed store are unavailable.
func TestClosedStore(t *testing.T) {
	s, err := postgis.Open(context.Background(), postgis.Config{URL: pgtest.URL(t)})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.Ping(context.Background()); data.KindOf(err) != data.KindUnavailable {
		t.Errorf("ping after Close: %v, want unavailable", err)
	}
}
