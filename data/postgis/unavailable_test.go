package postgis_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/faultproxy"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
)

// ThroughProxy returns a store that reaches a fresh database through a
// faultproxy, and the proxy.
func throughProxy(t *testing.T) (*postgis.Store, *faultproxy.Proxy) {
	t.Helper()
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	p, err := faultproxy.Start(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	u.Host = p.Addr()
	s, err := postgis.Open(context.Background(), postgis.Config{URL: u.String(), MaxConns: 4,
		StatementTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, p
}

// eventually calls f until it returns nil, at most n times, a little
// apart: a pool may hand out one connection that died with the outage
// before it notices.
func eventually(n int, f func() error) error {
	var err error
	for range n {
		if err = f(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// TestUnavailableAndRecovery: while the database cannot be reached every
// call fails with KindUnavailable (never internal); once it can, the same
// Store works again without being reopened, and the write made before the
// outage is still there.
func TestUnavailableAndRecovery(t *testing.T) {
	ctx := context.Background()
	s, p := throughProxy(t)
	u := storetest.Unit("500241", "秀山县", 108.9, 28.3)
	if err := s.CreateAdminUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	p.Cut()
	for name, call := range map[string]func() error{
		"ping":   func() error { return s.Ping(ctx) },
		"get":    func() error { _, err := s.GetAdminUnit(ctx, u.ID); return err },
		"list":   func() error { _, err := s.ListAdminUnits(ctx, data.Query{}); return err },
		"create": func() error { return s.CreateAdminUnit(ctx, storetest.Unit("500242", "酉阳县", 108.7, 28.8)) },
		"atomic": func() error {
			return s.Atomic(ctx, func(tx data.Store) error {
				return tx.CreatePlace(ctx, storetest.Place("洪安", "Hong'an", 109.2, 28.46, "500241109"))
			})
		},
	} {
		if err := call(); data.KindOf(err) != data.KindUnavailable {
			t.Errorf("%s while the database is unreachable: %v (kind %v), want unavailable", name, err, data.KindOf(err))
		}
	}
	if err := p.Restore(); err != nil {
		t.Fatal(err)
	}
	if err := eventually(50, func() error { return s.Ping(ctx) }); err != nil {
		t.Fatalf("the store did not recover: %v", err)
	}
	got, err := s.GetAdminUnit(ctx, u.ID)
	if err != nil || got.Name != u.Name {
		t.Fatalf("after recovery: %v, %v", got, err)
	}
	page, err := s.ListAdminUnits(ctx, data.Query{})
	if err != nil || page.Matched != 1 {
		t.Errorf("after recovery %d units (%v), want the one acknowledged before the outage", page.Matched, err)
	}
}
