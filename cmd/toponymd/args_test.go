package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/gpkg"
)

func TestParseInterspersed(t *testing.T) {
	for _, c := range []struct {
		args    []string
		pos     []string
		db, one string
		v       bool
	}{
		{args: []string{"f.csv", "-db", "u"}, pos: []string{"f.csv"}, db: "u"},
		{args: []string{"-db", "u", "f.csv"}, pos: []string{"f.csv"}, db: "u"},
		{args: []string{"a", "-v", "b", "--one=x", "c"}, pos: []string{"a", "b", "c"}, v: true, one: "x"},
		{args: []string{"a", "--", "-db", "b"}, pos: []string{"a", "-db", "b"}},
		{args: []string{"-one", "--", "a", "-db", "u"}, pos: []string{"a"}, one: "--", db: "u"},
		{args: nil},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		db, one, v := fs.String("db", "", ""), fs.String("one", "", ""), fs.Bool("v", false, "")
		pos, err := parseInterspersed(fs, c.args)
		if err != nil || !slices.Equal(pos, c.pos) || *db != c.db || *one != c.one || *v != c.v {
			t.Errorf("%q: %q db=%q one=%q v=%v (%v), want %q db=%q one=%q v=%v",
				c.args, pos, *db, *one, *v, err, c.pos, c.db, c.one, c.v)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if _, err := parseInterspersed(fs, []string{"f", "-nope"}); err == nil {
		t.Error("an unknown flag after the file was accepted")
	}
}

// TestImportFlagsAfterFile: `toponymd import FILE -db …` as the README
// shows it; the flags after the file used to be left unparsed and the
// command failed with "give one FILE".
func TestImportFlagsAfterFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "names.geojsonl")
	row := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.02,28.45]},"properties":{"name":"清溪场","legal_class":3}}` + "\n"
	if err := os.WriteFile(file, []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "store.gpkg")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"import", file, "-gpkg", path, "-progress", "none"}, &out, &errOut, noEnv)
	if err != nil {
		t.Fatalf("import FILE -gpkg …: %v\n%s", err, errOut.String())
	}
	var rep struct{ Stored int }
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Stored != 1 {
		t.Fatalf("report %s (%v), want 1 stored", out.String(), err)
	}
	st, err := gpkg.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("-gpkg after the file was ignored: %v", err)
	}
	// The import is audited as the CLI's OS user, as POST /imports is.
	recs, err := st.ListAudit(context.Background(), data.AuditQuery{Entity: audit.EntityImport})
	st.Close()
	if err != nil || len(recs) != 1 || recs[0].Actor != cliPrincipal().Actor() {
		t.Errorf("audit of the import: %+v, %v; want one record by %s", recs, err, cliPrincipal().Actor())
	}
	err = run(context.Background(), []string{"import", file, "-gpkg", path, "extra"}, &out, &errOut, noEnv)
	if err == nil || !strings.Contains(err.Error(), "one FILE") {
		t.Errorf("two files: %v, want a usage error", err)
	}
}

// TestTokenRevokeFlagsAfterID: `token revoke ID -gpkg FILE`.
func TestTokenRevokeFlagsAfterID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.gpkg")
	var out, errb bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"token", "create", "-gpkg", path, "-role", "viewer", "-name", "x"}, &out, &errb, noEnv); err != nil {
		t.Fatalf("create: %v\n%s", err, errb.String())
	}
	id := strings.Fields(strings.TrimPrefix(out.String(), "token "))[0]
	out.Reset()
	if err := run(ctx, []string{"token", "revoke", id, "-gpkg", path}, &out, &errb, noEnv); err != nil {
		t.Fatalf("revoke ID -gpkg …: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "revoked") {
		t.Errorf("revoke printed %q", out.String())
	}
}
