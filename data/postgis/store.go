package postgis

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/toponym/toponym/data"
)

// Config configures the connection pool.
type Config struct {
	// URL is a PostgreSQL connection URL or DSN.
	URL string
	// MaxConns bounds the pool; 0 keeps pgx's default (max(4, CPUs)).
	MaxConns int32
	// StatementTimeout bounds every statement; 0 means DefaultStatementTimeout.
	StatementTimeout time.Duration
}

// DefaultStatementTimeout is the statement_timeout when Config leaves it 0.
const DefaultStatementTimeout = 30 * time.Second

// ApplicationName is the application_name of every connection.
const ApplicationName = "toponymd"

// Store is the PostGIS data.Store. A Store from Open owns the pool; the
// Store that Atomic passes to its function is bound to one transaction.
type Store struct {
	pool *pgxpool.Pool
	q    querier
	tx   pgx.Tx // non-nil in a transaction-bound Store
}

// querier is what both the pool and a transaction offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Begin(ctx context.Context) (pgx.Tx, error)
}

var _ data.Store = (*Store)(nil)

// Open builds the connection pool and checks that the database answers.
// Every connection runs with statement_timeout, application_name toponymd
// and time zone UTC.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	pcfg, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "database_url",
			Message: "database URL is malformed", Err: fmt.Errorf("postgis: %w", err)}
	}
	if cfg.MaxConns < 0 {
		return nil, data.Invalidf("max_conns", "pool size %d is negative", cfg.MaxConns)
	}
	if cfg.MaxConns > 0 {
		pcfg.MaxConns = cfg.MaxConns
	}
	timeout := cfg.StatementTimeout
	if timeout < 0 {
		return nil, data.Invalidf("statement_timeout", "statement timeout %s is negative", timeout)
	}
	if timeout == 0 {
		timeout = DefaultStatementTimeout
	}
	rp := pcfg.ConnConfig.RuntimeParams
	rp["statement_timeout"] = strconv.FormatInt(timeout.Milliseconds(), 10)
	rp["application_name"] = ApplicationName
	rp["timezone"] = "UTC"
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, mapError("open", err)
	}
	s := &Store{pool: pool, q: pool}
	if err := s.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Pool returns the underlying pool, for packages that run their own
// PostGIS queries (tiles). Do not close it; close the Store.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool. On a transaction-bound Store it does nothing.
func (s *Store) Close() error {
	if s.tx == nil {
		s.pool.Close()
	}
	return nil
}

// Ping reports whether the database answers (KindUnavailable if not).
func (s *Store) Ping(ctx context.Context) error {
	if s.tx == nil {
		return mapError("ping", s.pool.Ping(ctx))
	}
	_, err := s.tx.Exec(ctx, "SELECT 1")
	return mapError("ping", err)
}

// Atomic runs fn in one transaction and commits if fn returns nil. A nested
// call joins the outer transaction inside a savepoint: if the inner fn
// fails, its writes are undone and the outer transaction may go on.
func (s *Store) Atomic(ctx context.Context, fn func(tx data.Store) error) error {
	return s.atomic(ctx, func(t *Store) error { return fn(t) })
}

func (s *Store) atomic(ctx context.Context, fn func(t *Store) error) (err error) {
	tx, err := s.q.Begin(ctx)
	if err != nil {
		return mapError("begin", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err := fn(&Store{pool: s.pool, q: tx, tx: tx}); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return mapError("commit", err)
	}
	return nil
}

// write runs fn, a write, so that its failure leaves the transaction
// around it usable, as a failed write in GeoPackage's does: on a Store bound
// to a transaction fn runs under a savepoint, rolled back if fn fails (a
// failed statement would otherwise abort the whole transaction, 25P02);
// otherwise fn runs on s as it is, without a transaction of its own.
func (s *Store) write(ctx context.Context, fn func(t *Store) error) error {
	if s.tx == nil {
		return fn(s)
	}
	return s.atomic(ctx, fn)
}

// errNoRows reports whether err says a query returned no row.
func errNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
