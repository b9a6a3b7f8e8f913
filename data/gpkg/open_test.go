package gpkg

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

func TestOpenCreatesGeoPackage(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	var appID, userVersion int64
	var journal string
	must(t, s.queryRow(ctx, "PRAGMA application_id").Scan(&appID))
	must(t, s.queryRow(ctx, "PRAGMA user_version").Scan(&userVersion))
	must(t, s.queryRow(ctx, "PRAGMA journal_mode").Scan(&journal))
	if appID != 0x47504B47 || userVersion != 10300 || journal != "wal" {
		t.Errorf("application_id %#x, user_version %d, journal %s; want 0x47504B47, 10300, wal", appID, userVersion, journal)
	}
	var n int
	must(t, s.queryRow(ctx, "SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0, 4326, 4490)").Scan(&n))
	if n != 4 {
		t.Errorf("%d of the required SRS rows, want 4", n)
	}
	must(t, s.queryRow(ctx, `SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'`).Scan(&n))
	var features int
	must(t, s.queryRow(ctx, `SELECT count(*) FROM gpkg_contents WHERE data_type = 'features'`).Scan(&features))
	if n != features || n == 0 {
		t.Errorf("%d R-tree registrations for %d feature tables", n, features)
	}
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "field.gpkg")
	s, err := Open(ctx, path)
	must(t, err)
	u := county("500241", "秀山", time.Time{}, time.Time{})
	must(t, s.CreateAdminUnit(ctx, u))
	must(t, s.Close())
	s, err = Open(ctx, path)
	must(t, err)
	defer s.Close()
	if _, err := s.GetAdminUnit(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	var versions int
	must(t, s.queryRow(ctx, "SELECT count(*) FROM toponym_schema").Scan(&versions))
	if versions != len(migrations) {
		t.Errorf("%d schema versions recorded, want %d", versions, len(migrations))
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.gpkg")
	must(t, os.WriteFile(text, []byte("this is not a database, just some text that is long enough to look like a header page"), 0o644))
	if s, err := Open(ctx, text); err == nil {
		s.Close()
		t.Error("opened a text file")
	}
	other := filepath.Join(dir, "other.db")
	s, err := Open(ctx, other)
	must(t, err)
	_, err = s.wconn.ExecContext(ctx, "PRAGMA application_id = 42")
	must(t, err)
	must(t, s.Close())
	_, err = Open(ctx, other)
	wantKind(t, err, data.KindInvalid)
	_, err = Open(ctx, "a?b.gpkg")
	wantKind(t, err, data.KindInvalid)
	_, err = Open(ctx, filepath.Join(dir, "no", "such", "dir", "x.gpkg"))
	if err == nil {
		t.Error("opened a file in a missing directory")
	}
}

func TestClosedStoreIsUnavailable(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "x.gpkg"))
	must(t, err)
	must(t, s.Close())
	wantKind(t, s.Ping(ctx), data.KindUnavailable)
}
