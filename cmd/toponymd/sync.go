package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/toponym/toponym/data/fieldkit"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis"
)

// syncArgs are the parsed arguments of `toponymd sync FILE -db URL`.
type syncArgs struct {
	file  string
	dbURL string
}

// parseSyncArgs accepts the file before or after the flags.
func parseSyncArgs(args []string, getenv func(string) string, stderr io.Writer) (*syncArgs, error) {
	fs := flag.NewFlagSet("toponymd sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "server PostGIS database URL (default $TOPONYM_DATABASE_URL)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 1 {
		return nil, fmt.Errorf("%w: sync: unexpected argument %q", errUsage, pos[1])
	}
	if len(pos) == 0 {
		return nil, fmt.Errorf("%w: sync: the field GeoPackage FILE is required (toponymd sync FILE -db URL)", errUsage)
	}
	file := pos[0]
	a := &syncArgs{file: file, dbURL: *db}
	if err := checkDBURL(&a.dbURL, getenv); err != nil {
		return nil, err
	}
	return a, nil
}

// syncCmd runs `toponymd sync`: it sends the field file's new and changed
// records to the PostGIS store, each write audited as the CLI's OS user,
// prints the report, and records the new baseline in the file. Conflicts
// make it fail after printing them.
func syncCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	a, err := parseSyncArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	m, err := fieldkit.ReadManifest(ctx, a.file)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	server, err := postgis.Open(ctx, postgis.Config{URL: a.dbURL, MaxConns: 4})
	if err != nil {
		return fmt.Errorf("sync: open PostGIS store: %w", err)
	}
	defer server.Close()
	ctx, audited, err := auditedCLI(ctx, server)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	field, err := gpkg.Open(ctx, a.file)
	if err != nil {
		return fmt.Errorf("sync: open %s: %w", a.file, err)
	}
	rep, err := fieldkit.Sync(ctx, field, audited, m)
	field.Close()
	if err != nil {
		return fmt.Errorf("sync: nothing was written to the server: %w", err)
	}
	if err := rep.WriteTable(stdout); err != nil {
		return err
	}
	if err := fieldkit.WriteManifest(ctx, a.file, m.Rebase(rep)); err != nil {
		return fmt.Errorf("sync: the server is updated, but the file's manifest is not: %w", err)
	}
	if rep.HasProblems() {
		return fmt.Errorf("sync: %d 冲突 conflicts and %d 无法更新 unsupported changes were not sent; "+
			"the server keeps its versions. Resolve them (make the field copy match the server, or change the server) "+
			"and sync again", len(rep.Conflicts), len(rep.Unsupported))
	}
	return nil
}
