package postgis

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"

	"github.com/toponym/toponym/migrations"
)

// migrationLock is the pg_advisory_lock key that serialises Migrate calls
// across processes ("toponym" in ASCII).
const migrationLock int64 = 0x746f706f6e796d

const (
	sqlCreateMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version text        CONSTRAINT schema_migrations_pk PRIMARY KEY,
	name    text        NOT NULL,
	applied timestamptz NOT NULL DEFAULT now())`
	sqlAppliedMigrations = `SELECT version FROM schema_migrations`
	sqlRecordMigration   = `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`
	sqlLock              = `SELECT pg_advisory_lock($1)`
	sqlUnlock            = `SELECT pg_advisory_unlock($1)`
	// Migrations may run longer than a request's statement timeout.
	sqlNoTimeout = `SET LOCAL statement_timeout = 0`
)

var migrationName = regexp.MustCompile(`^([0-9]{4})_[a-z0-9_]+\.sql$`)

// Migration is one embedded migration file.
type Migration struct {
	Version string // "0001"
	Name    string // "0001_foundation.sql"
	SQL     string
}

// Migrations returns the embedded migrations in the order they apply.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("postgis: list migrations: %w", err)
	}
	sort.Strings(names)
	var out []Migration
	seen := map[string]string{}
	for _, n := range names {
		m := migrationName.FindStringSubmatch(n)
		if m == nil {
			return nil, fmt.Errorf("postgis: migration file %q is not named NNNN_name.sql", n)
		}
		if prev, ok := seen[m[1]]; ok {
			return nil, fmt.Errorf("postgis: migrations %q and %q share version %s", prev, n, m[1])
		}
		seen[m[1]] = n
		b, err := fs.ReadFile(migrations.FS, n)
		if err != nil {
			return nil, fmt.Errorf("postgis: read migration %s: %w", n, err)
		}
		out = append(out, Migration{Version: m[1], Name: n, SQL: string(b)})
	}
	return out, nil
}

// Migrate applies the embedded migrations not yet recorded in
// schema_migrations, in order, each in its own transaction. It holds an
// advisory lock while it works, so concurrent calls apply each migration
// once; a second call finds nothing to do.
func (s *Store) Migrate(ctx context.Context) error {
	if s.tx != nil {
		return errors.New("postgis: Migrate inside a transaction")
	}
	all, err := Migrations()
	if err != nil {
		return err
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return mapError("migrate", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, sqlLock, migrationLock); err != nil {
		return mapError("migrate: lock", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), sqlUnlock, migrationLock) //nolint:errcheck // unlocks on session end anyway
	if _, err := conn.Exec(ctx, sqlCreateMigrations); err != nil {
		return mapError("migrate: create schema_migrations", err)
	}
	applied, err := appliedVersions(ctx, s.withQuerier(conn))
	if err != nil {
		return err
	}
	for _, m := range all {
		if applied[m.Version] {
			continue
		}
		if err := s.withQuerier(conn).applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) withQuerier(q querier) *Store { return &Store{pool: s.pool, q: q} }

func appliedVersions(ctx context.Context, s *Store) (map[string]bool, error) {
	rows, err := s.q.Query(ctx, sqlAppliedMigrations)
	if err != nil {
		return nil, mapError("migrate: read schema_migrations", err)
	}
	versions, err := collectStrings(rows)
	if err != nil {
		return nil, mapError("migrate: read schema_migrations", err)
	}
	applied := map[string]bool{}
	for _, v := range versions {
		applied[v] = true
	}
	return applied, nil
}

func (s *Store) applyMigration(ctx context.Context, m Migration) error {
	return s.atomic(ctx, func(t *Store) error {
		if _, err := t.q.Exec(ctx, sqlNoTimeout); err != nil {
			return mapError("migrate "+m.Name, err)
		}
		if _, err := t.q.Exec(ctx, m.SQL); err != nil {
			return fmt.Errorf("postgis: migration %s: %w", m.Name, err)
		}
		if _, err := t.q.Exec(ctx, sqlRecordMigration, m.Version, m.Name); err != nil {
			return mapError("migrate "+m.Name, err)
		}
		return nil
	})
}
