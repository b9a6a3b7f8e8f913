package postgis_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestConstraintTable: every named constraint and unique index of the
// schema has an entry in the error table, so no violation reaches users
// without a field and a message; and no entry names a constraint that does
// not exist.
func TestConstraintTable(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.Pool(t)
	rows, err := pool.Query(ctx, `
		SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE n.nspname = 'public' AND c.contype IN ('c', 'f', 'u', 'x', 'p') AND c.conrelid <> 0
		  AND c.conrelid::regclass::text NOT IN ('spatial_ref_sys', 'schema_migrations')
		UNION
		SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%'
		  AND indexname NOT IN (SELECT conname FROM pg_constraint) AND tablename <> 'spatial_ref_sys'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		seen++
		if _, ok := postgis.Constraint(name); !ok {
			t.Errorf("constraint %s has no entry in the error table", name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen < 100 {
		t.Errorf("found only %d constraints; the catalogue query is wrong", seen)
	}
}

// TestMapError maps by SQLSTATE and constraint name, never by message.
func TestMapError(t *testing.T) {
	for _, c := range []struct {
		err   error
		kind  data.Kind
		field string
	}{
		{&pgconn.PgError{Code: "23505", ConstraintName: "survey_upload_idempotency_uq", Message: "x"}, data.KindConflict, "idempotency_key"},
		{&pgconn.PgError{Code: "23P01", ConstraintName: "admin_unit_version_overlap_ex"}, data.KindConflict, "valid"},
		{&pgconn.PgError{Code: "23503", ConstraintName: "marker_line_fk"}, data.KindInvalid, "line_id"},
		{&pgconn.PgError{Code: "23514", ConstraintName: "marker_sigma_ck"}, data.KindInvalid, "sigma_m"},
		{&pgconn.PgError{Code: "23514", ConstraintName: "some_future_ck", ColumnName: "geom"}, data.KindInvalid, "geometry"},
		{&pgconn.PgError{Code: "23502", ColumnName: "name"}, data.KindInvalid, "name"},
		{&pgconn.PgError{Code: "22P02"}, data.KindInvalid, ""},
		{&pgconn.PgError{Code: "57014"}, data.KindUnavailable, ""},
		{&pgconn.PgError{Code: "57P01"}, data.KindUnavailable, ""},
		{&pgconn.PgError{Code: "08006"}, data.KindUnavailable, ""},
		{&pgconn.PgError{Code: "40001"}, data.KindConflict, ""},
		{&pgconn.PgError{Code: "42P01"}, data.KindInternal, ""},
		{fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: "23505", ConstraintName: "marker_pk"}), data.KindConflict, "id"},
		{context.DeadlineExceeded, data.KindUnavailable, ""},
		{context.Canceled, data.KindUnavailable, ""},
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, data.KindUnavailable, ""},
		{errors.New("something else"), data.KindInternal, ""},
		{data.Invalidf("code", "bad"), data.KindInvalid, "code"},
	} {
		err := postgis.MapError("test", c.err)
		e := data.AsError(err)
		if e == nil || e.Kind != c.kind || e.Field != c.field {
			t.Errorf("%v: mapped to %#v, want kind %s field %q", c.err, e, c.kind, c.field)
			continue
		}
		if e.Message == "" {
			t.Errorf("%v: mapped without a user message", c.err)
		}
		if !errors.Is(err, c.err) && data.AsError(c.err) == nil {
			t.Errorf("%v: cause lost in %v", c.err, err)
		}
	}
	if postgis.MapError("test", nil) != nil {
		t.Error("nil mapped to an error")
	}
}

// TestOpenErrors: a malformed URL is invalid; a server that is not there
// is unavailable.
func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	_, err := postgis.Open(ctx, postgis.Config{URL: "postgres://%zz"})
	if data.KindOf(err) != data.KindInvalid {
		t.Errorf("malformed URL: %v, want invalid", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, err = postgis.Open(ctx, postgis.Config{URL: "postgres://nobody@" + addr + "/x?sslmode=disable&connect_timeout=5"})
	if data.KindOf(err) != data.KindUnavailable {
		t.Errorf("closed port: %v, want unavailable", err)
	}
	_, err = postgis.Open(ctx, postgis.Config{URL: "postgres://x@127.0.0.1/x", StatementTimeout: -time.Second})
	if data.KindOf(err) != data.KindInvalid {
		t.Errorf("negative timeout: %v, want invalid", err)
	}
}
