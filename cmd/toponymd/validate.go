package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/inspection"
)

// validateCmd runs the inspection checks on a round and prints the
// findings as a table: `toponymd validate -round ID` (or -line ID for the
// line's latest round). Without -save it only reads; with -save -party
// CODE it stores the findings as that party, as POST …/validate does.
func validateCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("toponymd validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", getenv("TOPONYM_DATABASE_URL"), "PostGIS database URL; empty: the GeoPackage store (env TOPONYM_DATABASE_URL)")
	file := fs.String("gpkg", envOr(getenv, "TOPONYM_GPKG", "toponym.gpkg"), "GeoPackage store file (env TOPONYM_GPKG)")
	roundID := fs.String("round", "", "inspection round id")
	lineID := fs.String("line", "", "boundary line id: validate its latest round")
	save := fs.Bool("save", false, "store the findings in the round (needs -party)")
	party := fs.String("party", "", "division code of the party validating (with -save)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (*roundID == "") == (*lineID == "") || *save && *party == "" {
		return fmt.Errorf("%w: validate needs exactly one of -round or -line, and -party with -save", errUsage)
	}
	if *db == "" {
		if _, err := os.Stat(*file); err != nil {
			return fmt.Errorf("validate: GeoPackage store %s: %w", *file, err)
		}
	}
	cfg := &config{DatabaseURL: *db, GPKGPath: *file, MaxConns: 2, StatementTimeout: 10 * time.Minute}
	store, err := openStore(ctx, cfg, slog.New(slog.DiscardHandler), false)
	if err != nil {
		return err
	}
	defer store.Close()
	svc, err := inspection.New(store, nil)
	if err != nil {
		return err
	}
	if *lineID != "" {
		if *roundID, err = latestRound(ctx, svc, *lineID); err != nil {
			return err
		}
	}
	var res *inspection.Result
	if *save {
		res, err = svc.Validate(ctx, *roundID, data.Code(*party))
	} else {
		res, err = svc.Check(ctx, *roundID)
	}
	if err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	return printFindings(stdout, res)
}

func envOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}

func latestRound(ctx context.Context, svc *inspection.Service, lineID string) (string, error) {
	rounds, err := svc.Rounds(ctx, lineID)
	if err != nil {
		return "", err
	}
	if len(rounds) == 0 {
		return "", errors.New("validate: line " + lineID + " has no inspection round")
	}
	return rounds[len(rounds)-1].ID, nil
}

// printFindings writes the findings as an aligned table and a summary.
func printFindings(w io.Writer, res *inspection.Result) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\t规则 RULE\t级别 SEVERITY\t实测 MEASURED\t限差 TOLERANCE\t说明 MESSAGE")
	for i, f := range res.Findings {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.3f\t%.3f\t%s / %s\n", i+1, f.Rule, f.Severity, f.Measured, f.Tolerance,
			oneLine(f.MessageZH, 60), oneLine(f.MessageEN, 100))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	c := res.Counts()
	_, err := fmt.Fprintf(w, "\nround %s (%s): %d errors, %d warnings, %d info; technical status %s\n", res.Round.ID,
		res.Round.Status, c[data.SeverityError], c[data.SeverityWarning], c[data.SeverityInfo], res.TechnicalStatus)
	return err
}

// oneLine flattens s to one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
