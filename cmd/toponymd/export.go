package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/fieldkit"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis"
)

// exportArgs are the parsed flags of `toponymd export`.
type exportArgs struct {
	dbURL string
	out   string
	sel   fieldkit.Selection
}

// parseExportArgs parses and validates the flags of `toponymd export`;
// every error names its flag.
func parseExportArgs(args []string, getenv func(string) string, stderr io.Writer) (*exportArgs, error) {
	fs := flag.NewFlagSet("toponymd export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "gpkg", "output format: gpkg (GeoPackage 1.3)")
	db := fs.String("db", "", "source PostGIS database URL (default $TOPONYM_DATABASE_URL)")
	out := fs.String("o", "", "output GeoPackage file; must not exist")
	bbox := fs.String("bbox", "", "region as minlon,minlat,maxlon,maxlat (EPSG:4490 degrees)")
	admin := fs.String("admin", "", "region as the bounds of the current unit with this division code")
	layers := fs.String("layers", "", "comma-separated layers (default all): "+layerNames())
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("%w: export: unexpected argument %q", errUsage, fs.Arg(0))
	}
	a := &exportArgs{dbURL: *db, out: *out}
	if *format != "gpkg" {
		return nil, flagError("format", "format %q is not supported; use gpkg", *format)
	}
	if err := checkDBURL(&a.dbURL, getenv); err != nil {
		return nil, err
	}
	if a.out == "" {
		return nil, flagError("o", "an output file is required")
	}
	if _, err := os.Stat(a.out); !errors.Is(err, os.ErrNotExist) {
		return nil, flagError("o", "%s already exists; an export writes a new file", a.out)
	}
	if *bbox != "" && *admin != "" {
		return nil, flagError("bbox", "give -bbox or -admin, not both")
	}
	if *bbox != "" {
		b, err := fieldkit.ParseBBox(*bbox)
		if err != nil {
			return nil, flagError("bbox", "%s", data.AsError(err).Message)
		}
		a.sel.BBox = &b
	}
	if *admin != "" {
		a.sel.AdminCode = data.Code(*admin)
	}
	if *layers != "" {
		ls, err := fieldkit.ParseLayers(*layers)
		if err != nil {
			return nil, flagError("layers", "%s", data.AsError(err).Message)
		}
		a.sel.Layers = ls
	}
	if err := a.sel.Validate(); err != nil {
		return nil, flagError(data.AsError(err).Field, "%s", data.AsError(err).Message)
	}
	return a, nil
}

func layerNames() string {
	names := make([]string, len(fieldkit.Layers))
	for i, l := range fieldkit.Layers {
		names[i] = string(l)
	}
	return strings.Join(names, ",")
}

// flagError is a usage error about one flag.
func flagError(name, format string, args ...any) error {
	return fmt.Errorf("%w: -%s: %s", errUsage, name, fmt.Sprintf(format, args...))
}

// checkDBURL fills *u from TOPONYM_DATABASE_URL when empty and checks it
// is a PostgreSQL URL.
func checkDBURL(u *string, getenv func(string) string) error {
	if *u == "" {
		*u = getenv(envVars["db"])
	}
	if *u == "" {
		return flagError("db", "a PostGIS database URL is required (or set %s)", envVars["db"])
	}
	p, err := url.Parse(*u)
	if err != nil || (p.Scheme != "postgres" && p.Scheme != "postgresql") {
		return flagError("db", "want a postgres:// or postgresql:// URL")
	}
	return nil
}

// exportCmd runs `toponymd export`: it copies a region and layers of the
// PostGIS store into a new field GeoPackage with its manifest.
func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) (err error) {
	a, err := parseExportArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	src, err := postgis.Open(ctx, postgis.Config{URL: a.dbURL, MaxConns: 4})
	if err != nil {
		return fmt.Errorf("export: open PostGIS store: %w", err)
	}
	defer src.Close()
	dst, err := gpkg.Open(ctx, a.out)
	if err != nil {
		return fmt.Errorf("export: create %s: %w", a.out, err)
	}
	defer func() {
		dst.Close()
		if err != nil {
			removeGPKG(a.out)
		}
	}()
	m, err := fieldkit.Export(ctx, src, dst, a.sel)
	if e := data.AsError(err); e != nil && (e.Field == "admin" || e.Field == "bbox" || e.Field == "layers") {
		return fmt.Errorf("export: -%s: %s", e.Field, e.Message)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	counts := map[fieldkit.Kind]int{}
	for _, r := range m.Records {
		counts[r.Kind]++
	}
	fmt.Fprintf(stdout, "导出 exported %d records to %s (source %s)\n", len(m.Records), a.out, m.Source)
	for _, k := range kindOrder {
		if counts[k] > 0 {
			fmt.Fprintf(stdout, "  %-20s %d\n", k, counts[k])
		}
	}
	return nil
}

// kindOrder lists the record kinds in the order the export summary prints.
var kindOrder = []fieldkit.Kind{fieldkit.KindAdminUnit, fieldkit.KindDivisionEvent, fieldkit.KindBoundaryLine,
	fieldkit.KindLineVersion, fieldkit.KindMarker, fieldkit.KindMarkerStatus, fieldkit.KindTriJunction,
	fieldkit.KindPlace, fieldkit.KindListing, fieldkit.KindSign, fieldkit.KindInspectionRound, fieldkit.KindSurveyUpload}

// removeGPKG removes a half-written GeoPackage and its WAL files.
func removeGPKG(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}
