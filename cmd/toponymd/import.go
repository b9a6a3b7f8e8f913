package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/ingest"
	"github.com/toponym/toponym/data/postgis"
)

// importCmd runs `toponymd import FILE`: a bulk import of place names or
// POIs into PostGIS in one transaction, streamed and copied with COPY.
// It prints a progress bar on a terminal and plain lines otherwise, then
// the report as JSON on stdout. The import is audited as the CLI's OS user.
func importCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("toponymd import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "PostGIS database URL (default $TOPONYM_DATABASE_URL; none: the GeoPackage store)")
	gpkgPath := fs.String("gpkg", "toponym.gpkg", "GeoPackage of the embedded store, used when no database URL is given")
	kind := fs.String("kind", "place_name", "kind of rows without one: place_name or poi")
	legal := fs.Int("legal-class", 0, "legal class (1–8) of place names whose row has none")
	review := fs.String("review", "draft", "review status of the imported places: draft, reviewed or published")
	crs := fs.Int("crs", 0, "declared EPSG code: 4490, 4326 or 4513–4554 (default: from the file)")
	enc := fs.String("encoding", "", "CSV text encoding: utf-8, gbk or gb18030 (default: detected)")
	validOnly := fs.Bool("valid-rows-only", false, "store the valid rows and report the rest (default: a bad row stores nothing)")
	key := fs.String("idempotency-key", "", "a retry with the same key stores nothing twice")
	progress := fs.String("progress", "auto", "progress display: auto, bar, lines or none")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: import: give one FILE (toponymd import FILE [-db URL])", errUsage)
	}
	if *db == "" {
		*db = getenv(envVars["db"])
	}
	if *db != "" {
		if err := checkDBURL(db, getenv); err != nil {
			return err
		}
	}
	req := &ingest.LoadRequest{Target: data.TargetPlaces, IdempotencyKey: *key,
		Options: ingest.Options{CRS: *crs, Encoding: *enc, ValidRowsOnly: *validOnly},
		Places:  ingest.PlaceDefaults{Kind: data.PlaceKind(*kind), LegalClass: *legal, Review: data.ReviewStatus(*review)}}
	if req.Places.Kind != data.KindPlaceName && req.Places.Kind != data.KindPOI {
		return flagError("kind", "kind %q is not place_name or poi", *kind)
	}
	path := files[0]
	f, err := ingest.OpenFile(path, filepath.Base(path))
	if err != nil {
		return err
	}
	req.File = f
	st, err := openImportStore(ctx, *db, *gpkgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, audited, err := auditedCLI(ctx, st)
	if err != nil {
		return err
	}
	p := newProgress(stderr, *progress, f.Size)
	req.Progress, req.ProgressEvery = p.update, 20000
	rep, _, err := ingest.Load(ctx, audited, req)
	p.done()
	var rej *ingest.RejectedError
	if errors.As(err, &rej) {
		for _, r := range rej.Rows {
			fmt.Fprintf(stderr, "line %d: %s: %s\n", r.Row, r.Field, r.Reason)
		}
		return fmt.Errorf("%d rows rejected; nothing was stored (use -valid-rows-only to store the rest)", rej.Rejected)
	}
	if err != nil {
		return err
	}
	enc2 := json.NewEncoder(stdout)
	enc2.SetIndent("", "  ")
	return enc2.Encode(rep)
}

// openImportStore opens the PostGIS store at url, or the GeoPackage store
// at path when url is empty.
func openImportStore(ctx context.Context, url, path string) (data.Store, error) {
	if url != "" {
		st, err := postgis.Open(ctx, postgis.Config{URL: url, MaxConns: 2})
		if err != nil {
			return nil, err
		}
		return st, nil
	}
	st, err := gpkg.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open GeoPackage store %s: %w", path, err)
	}
	return st, nil
}

// progressBar shows rows, rows/s and the ETA (from the bytes read): a bar
// redrawn in place on a terminal, a line every few seconds otherwise.
type progressBar struct {
	w      io.Writer
	mode   string // bar, lines or none
	total  int64
	start  time.Time
	last   time.Time
	rows   int
	drawn  bool
	period time.Duration
}

func newProgress(w io.Writer, mode string, total int64) *progressBar {
	if mode == "auto" {
		mode = "lines"
		if f, ok := w.(*os.File); ok && isTerminal(f) {
			mode = "bar"
		}
	}
	period := 5 * time.Second
	if mode == "bar" {
		period = 200 * time.Millisecond
	}
	now := time.Now()
	return &progressBar{w: w, mode: mode, total: total, start: now, last: now, period: period}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progressBar) update(rows int, bytes int64) {
	p.rows = rows
	now := time.Now()
	if p.mode == "none" || now.Sub(p.last) < p.period {
		return
	}
	p.last = now
	el := now.Sub(p.start).Seconds()
	rate := float64(rows) / max(el, 1e-9)
	frac := float64(bytes) / float64(max(p.total, 1))
	eta := "?"
	if frac > 0 {
		eta = (time.Duration(el/frac*(1-frac)) * time.Second).Round(time.Second).String()
	}
	if p.mode == "lines" {
		fmt.Fprintf(p.w, "import: %d rows, %.0f rows/s, %.0f%%, ETA %s\n", rows, rate, frac*100, eta)
		return
	}
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r[%s%s] %5.1f%% %d rows %.0f rows/s ETA %s   ", strings.Repeat("█", n),
		strings.Repeat("░", width-min(n, width)), frac*100, rows, rate, eta)
	p.drawn = true
}

func (p *progressBar) done() {
	if p.mode == "none" {
		return
	}
	if p.drawn {
		fmt.Fprintln(p.w)
	}
	el := time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "import: %d rows read in %.1f s (%.0f rows/s)\n", p.rows, el, float64(p.rows)/max(el, 1e-9))
}
