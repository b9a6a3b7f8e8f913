package pgtest_test

import (
	"context"
	"testing"

	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestURL checks that each URL names a distinct, migrated database with
// PostGIS, and that the databases do not share rows.
func TestURL(t *testing.T) {
	ctx := context.Background()
	a, b := pgtest.Pool(t), pgtest.Pool(t)
	var dbA, dbB, version string
	if err := a.QueryRow(ctx, "SELECT current_database(), postgis_lib_version()").Scan(&dbA, &version); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRow(ctx, "SELECT current_database()").Scan(&dbB); err != nil {
		t.Fatal(err)
	}
	if dbA == dbB {
		t.Fatalf("two calls gave the same database %s", dbA)
	}
	all, err := postgis.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var applied int
	if err := a.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != len(all) {
		t.Errorf("schema_migrations has %d rows, want %d", applied, len(all))
	}
	if _, err := a.Exec(ctx, "INSERT INTO admin_unit_identity (unit_id) VALUES (gen_random_uuid())"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := b.QueryRow(ctx, "SELECT count(*) FROM admin_unit_identity").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("second database sees %d rows written to the first", n)
	}
	t.Logf("PostGIS %s", version)
}

// TestStore checks the Store convenience answers Ping.
func TestStore(t *testing.T) {
	if err := pgtest.Store(t).Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}
