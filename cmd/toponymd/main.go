// Command toponymd is toponym's one binary: the HTTP service and its
// maintenance commands.
//
//	toponymd serve     run the service (embedded GeoPackage store unless -db is given)
//	toponymd migrate   apply the PostGIS schema migrations
//	toponymd seed      load the 湘渝黔 sample data
//	toponymd export    export a region of PostGIS into a field GeoPackage
//	toponymd sync      send a field GeoPackage's new and changed records to PostGIS
//	toponymd import    bulk-import place names or POIs into PostGIS
//	toponymd token     create, revoke or list API tokens
//	toponymd validate  run the inspection checks on a round, print the findings
//	toponymd version   print the version
//
// Configuration comes from flags and TOPONYM_* environment variables; run
// `toponymd serve -h` for the list.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "toponymd:", err)
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "toponymd:", err)
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

const usage = `usage: toponymd <command> [flags]

commands:
  serve     run the HTTP service (embedded GeoPackage store unless -db or TOPONYM_DATABASE_URL is set)
  migrate   apply the PostGIS schema migrations
  seed      load the 湘渝黔 sample data into the store
  export    export a region and layers of PostGIS into a field GeoPackage (-format gpkg -db URL -o FILE [-bbox|-admin] [-layers])
  sync      send a field GeoPackage's new and changed records to PostGIS (sync FILE -db URL)
  import    bulk-import place names or POIs into PostGIS in one transaction (import FILE -db URL)
  token     create, revoke or list API tokens (token create -role R -name N [-party CODE] [-team T])
  validate  run the inspection checks on a round and print the findings (-round ID | -line ID [-save -party CODE])
  version   print the version

Run "toponymd <command> -h" for its flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "toponymd", version)
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "token":
		return tokenCmd(ctx, rest, stdout, stderr, getenv)
	case "export":
		return exportCmd(ctx, rest, stdout, stderr, getenv)
	case "sync":
		return syncCmd(ctx, rest, stdout, stderr, getenv)
	case "import":
		return importCmd(ctx, rest, stdout, stderr, getenv)
	case "validate":
		return validateCmd(ctx, rest, stdout, stderr, getenv)
	case "serve", "migrate", "seed":
	default:
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
	cfg, err := parseConfig(cmd, rest, getenv, stderr)
	if err != nil {
		return err
	}
	log := cfg.logger(stderr)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log)
	case "migrate":
		return migrate(ctx, cfg, log)
	default:
		return seed(ctx, cfg, log)
	}
}
