// Package gpkg is the embedded data.Store: one GeoPackage 1.3 file, written
// with modernc.org/sqlite (no cgo), that GDAL and QGIS open as it stands.
//
// Every geometry column is "geom" in EPSG:4490 (CGCS2000 geographic),
// stored longitude first as GeoPackage binary (see EncodeGeometry), indexed
// by the gpkg_rtree_index extension. Validity dates are text 'YYYY-MM-DD',
// NULL when unbounded; ranges are half-open [from, to).
//
// One writer connection takes every write, in BEGIN IMMEDIATE transactions;
// a pool of query-only reader connections serves reads. In WAL mode readers
// see the last committed state and are never blocked by a long write.
//
// Besides data.Store the Store is a data.Importer (surveys, uploads with
// their raw file, bulk imports in one transaction: import.go) and a
// data.FeatureEditor (edit.go). survey_features.source_geom keeps each
// survey record as given (lon, lat or easting, northing), a GeoPackage
// blob whose SRS id is the source EPSG code; it is not a registered
// geometry column.
package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/toponym/toponym/data"
)

// DefaultFile is the file `toponymd serve` opens in its working directory
// when no database URL is configured.
const DefaultFile = "toponym.gpkg"

// Store is the GeoPackage data.Store. A Store from Open owns the file; the
// Store that Atomic passes to its function is bound to the transaction.
type Store struct {
	path   string
	wdb    *sql.DB   // the one writer connection's pool (size 1)
	wconn  *sql.Conn // the writer connection, held for the Store's life
	rdb    *sql.DB   // query-only readers
	writer chan struct{}
	tx     *txState // non-nil in a transaction-bound Store
	rq     querier  // a reader connection in one snapshot, set by read
}

var _ data.Store = (*Store)(nil)

// Open opens the GeoPackage at path, creating it when absent, and brings its
// schema up to date. A file that is a SQLite database but not a GeoPackage
// is refused.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, data.Invalidf("path", "GeoPackage path %q is empty or contains ? or #", path)
	}
	drv, err := sqliteDriver()
	if err != nil {
		return nil, fmt.Errorf("gpkg: driver: %w", err)
	}
	s := &Store{path: path, writer: make(chan struct{}, 1)}
	// The writer caches up to 32 MiB of pages (SQLite's default is 2 MiB):
	// bulk imports write to many index pages, and the cap keeps memory flat.
	s.wdb = sql.OpenDB(connector{drv, path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=cache_size(-32768)"})
	s.wdb.SetMaxOpenConns(1)
	s.wdb.SetConnMaxLifetime(0)
	s.wdb.SetConnMaxIdleTime(0)
	if s.wconn, err = s.wdb.Conn(ctx); err != nil {
		s.wdb.Close()
		return nil, openError(path, err)
	}
	if err := migrate(ctx, s.wconn); err != nil {
		s.Close()
		return nil, openError(path, err)
	}
	s.rdb = sql.OpenDB(connector{drv, path + "?_pragma=busy_timeout(10000)&_pragma=query_only(1)"})
	s.rdb.SetMaxOpenConns(max(4, runtime.NumCPU()))
	s.rdb.SetMaxIdleConns(max(4, runtime.NumCPU()))
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openError(path string, err error) error {
	kind := data.KindUnavailable
	if _, statErr := os.Stat(path); statErr == nil && !isIOError(err) {
		kind = data.KindInvalid
	}
	return &data.Error{Kind: kind, Field: "path", Value: path,
		Message: "cannot open " + path + " as a GeoPackage", Err: fmt.Errorf("gpkg: open: %w", err)}
}

// Path returns the file the Store works on.
func (s *Store) Path() string { return s.path }

// Close closes the file. On a transaction-bound Store it does nothing.
func (s *Store) Close() error {
	if s.tx != nil {
		return nil
	}
	var errs []error
	if s.rdb != nil {
		errs = append(errs, s.rdb.Close())
	}
	if s.wconn != nil {
		errs = append(errs, s.wconn.Close())
	}
	errs = append(errs, s.wdb.Close())
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("gpkg: close: %w", err)
		}
	}
	return nil
}

// Ping reports whether the file answers (KindUnavailable if not).
func (s *Store) Ping(ctx context.Context) error {
	var one int
	err := s.queryRow(ctx, "SELECT 1").Scan(&one)
	if err != nil {
		return &data.Error{Kind: data.KindUnavailable, Message: "the GeoPackage does not answer",
			Err: fmt.Errorf("gpkg: ping: %w", err)}
	}
	return nil
}

// querier is what a pool and a connection both offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader returns where reads go: the transaction's connection inside
// Atomic (so fn sees its own writes), the reader pool outside.
func (s *Store) reader() querier {
	if s.tx != nil {
		return s.tx.conn
	}
	if s.rq != nil {
		return s.rq
	}
	return s.rdb
}

func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s.tx == nil {
		return nil, fmt.Errorf("gpkg: write outside a transaction") // a bug: every write runs in atomic
	}
	return s.tx.conn.ExecContext(ctx, q, args...)
}

func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.reader().QueryContext(ctx, q, args...)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return s.reader().QueryRowContext(ctx, q, args...)
}
