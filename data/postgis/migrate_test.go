package postgis_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestMigrations checks the embedded files are named and numbered in order.
func TestMigrations(t *testing.T) {
	all, err := postgis.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || all[0].Name != "0001_foundation.sql" {
		t.Fatalf("migrations start with %v, want 0001_foundation.sql", all)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Version <= all[i-1].Version {
			t.Errorf("migration %s does not come after %s", all[i].Name, all[i-1].Name)
		}
	}
}

// TestMigrateIdempotent: a second Migrate finds nothing to do.
func TestMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Store(t)
	before := appliedVersions(t, s)
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if after := appliedVersions(t, s); !slices.Equal(before, after) {
		t.Errorf("second Migrate changed schema_migrations from %v to %v", before, after)
	}
}

// TestMigrateConcurrent: Migrate calls racing on an empty database apply
// every migration exactly once.
func TestMigrateConcurrent(t *testing.T) {
	ctx := context.Background()
	s := pgtest.Store(t)
	// Empty the database: drop the schema with the extensions in it.
	if _, err := s.Pool().Exec(ctx, `DROP SCHEMA public CASCADE; CREATE SCHEMA public;
		DROP TABLE IF EXISTS schema_migrations`); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Migrate(ctx)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Migrate %d: %v", i, err)
		}
	}
	all, err := postgis.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range all {
		want = append(want, m.Version)
	}
	if got := appliedVersions(t, s); !slices.Equal(got, want) {
		t.Errorf("schema_migrations holds %v, want %v", got, want)
	}
}

func appliedVersions(t *testing.T, s *postgis.Store) []string {
	t.Helper()
	rows, err := s.Pool().Query(context.Background(), "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
