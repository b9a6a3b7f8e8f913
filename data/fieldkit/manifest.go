package fieldkit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/paulmach/orb"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/toponym/toponym/data"
)

// ManifestFormat is the version of the manifest layout Export writes.
const ManifestFormat = 1

// Manifest records what an export put in a field file, so that Sync can
// tell which side changed a record since.
type Manifest struct {
	Format     int          `json:"format"`
	ExportedAt time.Time    `json:"exported_at"`
	Source     string       `json:"source"` // the source store, without credentials
	Selection  Selection    `json:"selection"`
	Region     *orb.Bound   `json:"region,omitempty"` // the box used, resolved from an admin code; nil: everything
	Records    []RecordHash `json:"records"`
}

// RecordHash is one exported record: its kind, ID and content hash (Hash).
type RecordHash struct {
	Kind   Kind   `json:"kind"`
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
}

// hashes returns the manifest's hashes by kind and ID.
func (m Manifest) hashes() map[recordKey]string {
	out := make(map[recordKey]string, len(m.Records))
	for _, r := range m.Records {
		out[recordKey{r.Kind, r.ID}] = r.SHA256
	}
	return out
}

type recordKey struct {
	kind Kind
	id   string
}

// The manifest lives in the GeoPackage itself, in two attribute tables
// registered in gpkg_contents, so the one file carries it into the field
// and back and GDAL and QGIS show it.
const (
	sqlCreateExport = `CREATE TABLE IF NOT EXISTS fieldkit_export (
	fid INTEGER PRIMARY KEY AUTOINCREMENT,
	format INTEGER NOT NULL,
	exported_at TEXT NOT NULL,
	source TEXT NOT NULL,
	selection TEXT NOT NULL,
	region TEXT)`
	sqlCreateRecords = `CREATE TABLE IF NOT EXISTS fieldkit_records (
	fid INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	record_id TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	UNIQUE (kind, record_id))`
	sqlRegister = `INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
VALUES (?, 'attributes', ?, ?) ON CONFLICT (table_name) DO NOTHING`
	sqlInsertExport = `INSERT INTO fieldkit_export (format, exported_at, source, selection, region) VALUES (?, ?, ?, ?, ?)`
	sqlInsertRecord = `INSERT INTO fieldkit_records (kind, record_id, sha256) VALUES (?, ?, ?)`
)

// openFile opens the GeoPackage at path through database/sql: an existing
// file only, read-only when readOnly.
func openFile(path string, readOnly bool) (*sql.DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, data.Invalidf("file", "GeoPackage path %q is empty or contains ? or #", path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "file", Value: path,
			Message: "GeoPackage " + path + " cannot be opened", Err: err}
	}
	dsn := path + "?_pragma=busy_timeout(10000)"
	if readOnly {
		dsn += "&_pragma=query_only(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("fieldkit: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// WriteManifest stores m in the GeoPackage at path, replacing any manifest
// there, in one transaction.
func WriteManifest(ctx context.Context, path string, m Manifest) error {
	db, err := openFile(path, false)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return unavailable("write the manifest", err)
	}
	defer tx.Rollback()
	if err := writeManifest(ctx, tx, m); err != nil {
		return unavailable("write the manifest", err)
	}
	if err := tx.Commit(); err != nil {
		return unavailable("write the manifest", err)
	}
	return nil
}

func writeManifest(ctx context.Context, tx *sql.Tx, m Manifest) error {
	sel, err := json.Marshal(m.Selection)
	if err != nil {
		return err
	}
	var region any
	if m.Region != nil {
		b, err := json.Marshal(m.Region)
		if err != nil {
			return err
		}
		region = string(b)
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{sqlCreateExport, nil}, {sqlCreateRecords, nil},
		{sqlRegister, []any{"fieldkit_export", "fieldkit_export 外业导出 field export", "field-kit export: time, source, selection"}},
		{sqlRegister, []any{"fieldkit_records", "fieldkit_records 外业导出记录 exported records",
			"field-kit manifest: kind, id and SHA-256 of every exported record"}},
		{"DELETE FROM fieldkit_export", nil}, {"DELETE FROM fieldkit_records", nil},
		{sqlInsertExport, []any{m.Format, m.ExportedAt.UTC().Format(time.RFC3339Nano), m.Source, string(sel), region}},
	} {
		if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
			return err
		}
	}
	stmt, err := tx.PrepareContext(ctx, sqlInsertRecord)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range m.Records {
		if _, err := stmt.ExecContext(ctx, string(r.Kind), r.ID, r.SHA256); err != nil {
			return err
		}
	}
	return nil
}

// ReadManifest reads the manifest of the field file at path (KindInvalid if
// the file has none: it was not made by Export).
func ReadManifest(ctx context.Context, path string) (Manifest, error) {
	db, err := openFile(path, true)
	if err != nil {
		return Manifest{}, err
	}
	defer db.Close()
	var m Manifest
	var at, sel string
	var region sql.NullString
	err = db.QueryRowContext(ctx, `SELECT format, exported_at, source, selection, region FROM fieldkit_export
		ORDER BY fid DESC LIMIT 1`).Scan(&m.Format, &at, &m.Source, &sel, &region)
	if err != nil {
		return Manifest{}, &data.Error{Kind: data.KindInvalid, Field: "file", Value: path,
			Message: path + " has no field-kit manifest (was it made by toponymd export?)", Err: err}
	}
	if m.Format != ManifestFormat {
		return Manifest{}, data.Invalidf("file", "manifest format %d of %s is not %d", m.Format, path, ManifestFormat)
	}
	if m.ExportedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return Manifest{}, data.Invalidf("file", "manifest export time %q is not RFC 3339", at)
	}
	if err := json.Unmarshal([]byte(sel), &m.Selection); err != nil {
		return Manifest{}, data.Invalidf("file", "manifest selection is not JSON: %v", err)
	}
	if region.Valid {
		m.Region = new(orb.Bound)
		if err := json.Unmarshal([]byte(region.String), m.Region); err != nil {
			return Manifest{}, data.Invalidf("file", "manifest region is not JSON: %v", err)
		}
	}
	m.Records, err = readRecords(ctx, db)
	return m, err
}

func readRecords(ctx context.Context, db *sql.DB) ([]RecordHash, error) {
	rows, err := db.QueryContext(ctx, `SELECT kind, record_id, sha256 FROM fieldkit_records ORDER BY fid`)
	if err != nil {
		return nil, unavailable("read the manifest", err)
	}
	defer rows.Close()
	var out []RecordHash
	for rows.Next() {
		var r RecordHash
		if err := rows.Scan((*string)(&r.Kind), &r.ID, &r.SHA256); err != nil {
			return nil, unavailable("read the manifest", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, unavailable("read the manifest", err)
	}
	return out, nil
}
