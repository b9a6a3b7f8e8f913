package gpkg

import (
	"context"
	"errors"
)

// DataVersion returns SQLite's PRAGMA data_version on the Store's writer
// connection. A connection's data_version changes when another connection
// commits to the file, never for its own commits, and every write of the
// Store goes through that one connection: so the value changes whenever
// something else commits, another process (toponymd import or sync, QGIS,
// GDAL) or another Store on the same file, and stays put across the
// Store's own writes. Only changes are meaningful, not the value. It
// waits for the writer as a write does; on a transaction-bound Store it is
// an error.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	if s.tx != nil {
		return 0, errors.New("gpkg: data version inside a transaction")
	}
	if err := s.lockWriter(ctx); err != nil {
		return 0, err
	}
	defer func() { <-s.writer }()
	var v int64
	if err := s.wconn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, mapError("data version", err)
	}
	return v, nil
}
