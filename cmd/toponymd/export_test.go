package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/fieldkit"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/sample"
)

// runFK runs toponymd in process with an empty environment and returns
// its output and error.
func runFK(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut, func(string) string { return "" })
	return out.String() + errOut.String(), err
}

func TestExportSyncFlags(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "exists.gpkg")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "new.gpkg")
	db := "postgres://127.0.0.1:1/none"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "-o", out}, "-db:"},
		{[]string{"export", "-db", "mysql://x", "-o", out}, "-db:"},
		{[]string{"export", "-db", db}, "-o:"},
		{[]string{"export", "-db", db, "-o", existing}, "-o:"},
		{[]string{"export", "--format", "shp", "-db", db, "-o", out}, "-format:"},
		{[]string{"export", "-db", db, "-o", out, "-bbox", "109,28,110"}, "-bbox:"},
		{[]string{"export", "-db", db, "-o", out, "-bbox", "110,28,109,29"}, "-bbox:"},
		{[]string{"export", "-db", db, "-o", out, "-bbox", "109,28,110,29", "-admin", "500241"}, "-bbox:"},
		{[]string{"export", "-db", db, "-o", out, "-admin", "5002x1"}, "-admin:"},
		{[]string{"export", "-db", db, "-o", out, "-layers", "markers,roads"}, "-layers:"},
		{[]string{"export", "-db", db, "-o", out, "stray"}, "unexpected argument"},
		{[]string{"sync", "-db", db}, "FILE is required"},
		{[]string{"sync", out}, "-db:"},
		{[]string{"sync", out, "-db", db, "extra"}, "unexpected argument"},
	} {
		_, err := runFK(t, c.args...)
		if err == nil || !errors.Is(err, errUsage) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want a usage error naming %q", c.args, err, c.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a rejected export created %s", out)
	}
	_, err := runFK(t, "sync", filepath.Join(dir, "absent.gpkg"), "-db", db)
	if err == nil || !strings.Contains(err.Error(), "absent.gpkg") {
		t.Errorf("sync of a missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "absent.gpkg")); err == nil {
		t.Error("sync of a missing file created it")
	}
}

// TestExportSyncCLI runs export, a field edit, sync twice, and a conflict
// through the command line against PostGIS with the sample.
func TestExportSyncCLI(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	srv, err := postgis.Open(ctx, postgis.Config{URL: url, MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if err := sample.Load(ctx, srv); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "field.gpkg")
	out, err := runFK(t, "export", "--format", "gpkg", "-db", url, "-o", file, "-admin", "500241109",
		"-layers", "places,signs,markers")
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	m, err := fieldkit.ReadManifest(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "exported") || m.Selection.AdminCode != "500241109" || len(m.Records) == 0 {
		t.Errorf("export output %q, manifest selection %+v with %d records", out, m.Selection, len(m.Records))
	}

	field, err := gpkg.Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	page, err := field.ListPlaces(ctx, fieldQuery())
	if err != nil || len(page.Items) < 2 {
		t.Fatalf("field places: %v", err)
	}
	edited, clash := page.Items[0], page.Items[1]
	edited.Description = "外业核实 checked in the field"
	clash.Description = "外业版本 field version"
	for _, p := range page.Items[:2] {
		if err := field.UpdatePlace(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	field.Close()
	office, err := srv.GetPlace(ctx, clash.ID)
	if err != nil {
		t.Fatal(err)
	}
	office.Description = "局里版本 office version"
	if err := srv.UpdatePlace(ctx, office); err != nil {
		t.Fatal(err)
	}

	out, err = runFK(t, "sync", file, "-db", url)
	t.Logf("sync output:\n%s\nerror: %v", out, err)
	if err == nil || !strings.Contains(err.Error(), "1 冲突 conflicts") {
		t.Errorf("sync with a conflict: error %v, want one naming 1 conflict", err)
	}
	for _, want := range []string{"更新 updated 1", "冲突 conflicts 1", edited.ID, clash.ID, "Description"} {
		if !strings.Contains(out, want) {
			t.Errorf("sync report lacks %q:\n%s", want, out)
		}
	}
	got, err := srv.GetPlace(ctx, edited.ID)
	if err != nil || got.Description != edited.Description {
		t.Errorf("server place after sync: %v %q", err, got.Description)
	}
	got, err = srv.GetPlace(ctx, clash.ID)
	if err != nil || got.Description != office.Description {
		t.Errorf("conflicting place after sync: %v %q, want the office version kept", err, got.Description)
	}
	// The sync's writes are audited as the CLI's OS user, as API writes are.
	recs, err := srv.ListAudit(ctx, data.AuditQuery{Entity: audit.EntityPlace, EntityID: edited.ID})
	if err != nil || len(recs) != 1 || recs[0].Actor != cliPrincipal().Actor() || recs[0].Action != data.AuditUpdate {
		t.Errorf("audit of the synced place: %+v, %v; want one update by %s", recs, err, cliPrincipal().Actor())
	}

	out, _ = runFK(t, "sync", "-db", url, file)
	if !strings.Contains(out, "新建 created 0, 更新 updated 0, 冲突 conflicts 1") {
		t.Errorf("second sync:\n%s", out)
	}
}

func fieldQuery() data.Query { return data.Query{Limit: 10} }
