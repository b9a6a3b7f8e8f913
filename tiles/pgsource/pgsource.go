// Package pgsource is the PostGIS tile source: one prepared statement per
// tile returns every layer with ST_AsMVTGeom and ST_AsMVT, with the same
// layers, attributes, feature ids and filters as tiles.StoreSource.
//
// Spatial reference systems: the tables hold EPSG:4490 (CGCS2000 lon/lat
// degrees). The query box is the tile's EPSG:3857 envelope grown by the
// buffer (64 of 4096 units) and transformed to 4490, so the GiST indexes
// serve the && test and features lying only in the buffer ring are kept.
// Geometry is transformed to 3857 per feature, snapped to the zoom's
// generalisation grid (tiles.GridSize; a per-vertex rule that keeps a
// shared township edge identical on both sides) and quantised by
// ST_AsMVTGeom to the tile's 4096 grid.
package pgsource

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// Defaults of Source.
const (
	// DefaultMaxBytes is the byte cap of one uncompressed tile.
	DefaultMaxBytes = 512 << 10
	// coarserTries is how often an over-cap tile is queried again on a
	// grid four times coarser before layers are left out.
	coarserTries = 2
)

// Source renders tiles from a PostGIS database migrated by data/postgis.
type Source struct {
	pool     *pgxpool.Pool
	sql      string
	layers   []tiles.Layer
	now      func() time.Time
	maxBytes int
	maxFeats int
}

var _ tiles.Source = (*Source)(nil)

// Options tune a Source; the zero value gives the defaults.
type Options struct {
	Now         func() time.Time // clock for "today"; time.Now when nil
	MaxBytes    int              // byte cap per tile; DefaultMaxBytes when 0
	MaxFeatures int              // per layer; tiles.DefaultMaxFeatures when 0
}

// New returns a source on pool. The statement is prepared per connection
// by pgx's statement cache on first use.
func New(pool *pgxpool.Pool, opt Options) (*Source, error) {
	layers := tiles.Catalogue()
	sql, err := tileSQL(layers)
	if err != nil {
		return nil, err
	}
	s := &Source{pool: pool, sql: sql, layers: layers, now: opt.Now, maxBytes: opt.MaxBytes, maxFeats: opt.MaxFeatures}
	if s.now == nil {
		s.now = time.Now
	}
	if s.maxBytes <= 0 {
		s.maxBytes = DefaultMaxBytes
	}
	if s.maxFeats <= 0 {
		s.maxFeats = tiles.DefaultMaxFeatures
	}
	return s, nil
}

// SQL returns the tile statement (for the benchmark's floor and for
// EXPLAIN), and Args its arguments for a tile.
func (s *Source) SQL() string { return s.sql }

// Args returns the statement's arguments for one tile at the normal grid.
func (s *Source) Args(tileset string, id tiles.TileID) []any {
	return s.args(tileset, id, 1)
}

func (s *Source) args(tileset string, id tiles.TileID, grid float64) []any {
	return []any{int32(id.Z), int32(id.X), int32(id.Y), tileset == tiles.Public, s.today(), grid, int32(s.maxFeats)}
}

// chinaTime is the zone (UTC+8) whose civil date is "today", as in tiles.
var chinaTime = time.FixedZone("UTC+8", 8*3600)

func (s *Source) today() time.Time {
	y, m, d := s.now().In(chinaTime).Date()
	return data.Date(y, m, d)
}

// Tile returns the tile's layers of the tileset, concatenated. A tile over
// the byte cap is queried again on a coarser grid; if it still does not
// fit, layers are left out from the top of the catalogue (labels and
// points first) until it does.
func (s *Source) Tile(ctx context.Context, tileset string, id tiles.TileID) ([]byte, error) {
	if err := tiles.CheckTileset(tileset); err != nil {
		return nil, err
	}
	if !id.Valid() {
		e := data.Invalidf("tile", "tile %s is outside zoom 0–%d or its 2^z columns and rows", id, tiles.MaxZoom)
		e.Value = id.String()
		return nil, e
	}
	grid := 1.0
	for try := 0; ; try++ {
		parts, err := s.query(ctx, tileset, id, grid)
		if err != nil {
			return nil, err
		}
		if b, ok := join(parts, s.maxBytes); ok || try == coarserTries {
			return b, nil
		}
		grid *= 4
	}
}

// query runs the statement and returns each layer's bytes, bottom to top.
func (s *Source) query(ctx context.Context, tileset string, id tiles.TileID, grid float64) ([][]byte, error) {
	parts := make([][]byte, len(s.layers))
	dest := make([]any, len(parts))
	for i := range parts {
		dest[i] = &parts[i]
	}
	err := s.pool.QueryRow(ctx, s.sql, s.args(tileset, id, grid)...).Scan(dest...)
	if err != nil {
		return nil, mapErr(id, err)
	}
	for i, l := range s.layers {
		if !l.InTileset(tileset) {
			parts[i] = nil
		}
	}
	return parts, nil
}

// join concatenates the layers; when they exceed max it leaves out layers
// from the top until they fit and reports false.
func join(parts [][]byte, max int) ([]byte, bool) {
	fits, total := true, 0
	for _, p := range parts {
		total += len(p)
	}
	for i := len(parts) - 1; i >= 0 && total > max; i-- {
		total -= len(parts[i])
		parts[i], fits = nil, false
	}
	out := make([]byte, 0, total)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out, fits
}

func mapErr(id tiles.TileID, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("pgsource: tile %s: no row", id)
	}
	var e *data.Error
	if errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("pgsource: tile %s: %w", id, err)
}
