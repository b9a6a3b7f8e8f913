package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/toponym/toponym/api"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/ingest"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/sample"
	"github.com/toponym/toponym/tiles"
	"github.com/toponym/toponym/tiles/pgsource"
)

// serve runs the HTTP service until ctx is cancelled, then drains open
// requests for up to shutdownGrace.
func serve(ctx context.Context, cfg *config, log *slog.Logger) error {
	api.TuneGC()
	store, err := openStore(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer store.Close()
	// Uploads spooled by a server that was killed mid-upload: the store
	// kept nothing of them (one transaction each), so their files go too.
	if n, err := ingest.CleanSpool(); err != nil {
		log.Warn("spool", "err", err)
	} else if n > 0 {
		log.Info("removed the spooled uploads of ended servers", "directories", n)
	}
	audited, auth, err := withAuth(ctx, cfg, store, log)
	if err != nil {
		return err
	}

	// The tile cache followers stop before the store closes.
	followCtx, stopFollowing := context.WithCancel(ctx)
	defer stopFollowing()
	acfg := api.Config{
		CORSOrigins:    cfg.CORSOrigins,
		MaxBodyBytes:   cfg.MaxBodyBytes,
		RequestTimeout: cfg.RequestTimeout,
		Version:        version,
		Auth:           auth,
	}
	if pg, ok := store.(*postgis.Store); ok {
		// One ST_AsMVT query per tile; the embedded store's tiles are
		// encoded in Go from its bbox queries.
		src, err := pgsource.New(pg.Pool(), pgsource.Options{})
		if err != nil {
			return fmt.Errorf("tiles: %w", err)
		}
		acfg.Tiles.Source = src
		// Writes from elsewhere (import, sync, other servers) reach the
		// cache through the database's change notifications.
		acfg.Tiles.Cache = tiles.NewCache(api.DefaultTileCacheBytes)
		go pgsource.NewFollower(pg.Pool(), acfg.Tiles.Cache, log).Run(followCtx)
	}
	if gp, ok := store.(*gpkg.Store); ok {
		// Commits by other processes to the same file (import, sync,
		// QGIS) show in its data version; they drop the whole cache.
		acfg.Tiles.Cache = tiles.NewCache(api.DefaultTileCacheBytes)
		go tiles.NewVersionFollower(gp, acfg.Tiles.Cache, log).Run(followCtx)
	}
	handler := api.New(acfg, audited, log)
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/")

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", shutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

const shutdownGrace = 15 * time.Second

// openStore opens the configured store: PostGIS when a database URL is set,
// the embedded GeoPackage otherwise. A GeoPackage file that did not exist is
// created and seeded with the sample data when seedNew is set.
func openStore(ctx context.Context, cfg *config, log *slog.Logger, seedNew bool) (data.Store, error) {
	if cfg.DatabaseURL != "" {
		s, err := postgis.Open(ctx, postgis.Config{
			URL:              cfg.DatabaseURL,
			MaxConns:         int32(cfg.MaxConns),
			StatementTimeout: cfg.StatementTimeout,
		})
		if err != nil {
			return nil, fmt.Errorf("open PostGIS store: %w", err)
		}
		log.Info("store", "kind", "postgis")
		return s, nil
	}
	_, statErr := os.Stat(cfg.GPKGPath)
	created := errors.Is(statErr, os.ErrNotExist)
	s, err := gpkg.Open(ctx, cfg.GPKGPath)
	if err != nil {
		return nil, fmt.Errorf("open GeoPackage store %s: %w", cfg.GPKGPath, err)
	}
	log.Info("store", "kind", "gpkg", "path", cfg.GPKGPath, "created", created)
	if created && seedNew {
		if err := sample.Load(ctx, s); err != nil {
			s.Close()
			return nil, fmt.Errorf("seed new GeoPackage %s: %w", cfg.GPKGPath, err)
		}
		log.Info("seeded sample data", "path", cfg.GPKGPath)
	}
	return s, nil
}

// migrate applies the PostGIS migrations.
func migrate(ctx context.Context, cfg *config, log *slog.Logger) error {
	if cfg.DatabaseURL == "" {
		return errors.New("migrate needs a PostGIS database: set -db or TOPONYM_DATABASE_URL (the embedded GeoPackage store creates its schema itself)")
	}
	s, err := postgis.Open(ctx, postgis.Config{URL: cfg.DatabaseURL, MaxConns: 2, StatementTimeout: 10 * time.Minute})
	if err != nil {
		return fmt.Errorf("open PostGIS store: %w", err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Names stored before the search keys existed (migration 0003) get them
	// now, so search finds them; a no-op when every name has its keys.
	n, err := s.ReindexNames(ctx)
	if err != nil {
		return fmt.Errorf("migrate: index names for search: %w", err)
	}
	log.Info("migrated", "names_indexed", n)
	return nil
}

// seed loads the sample data into the configured store.
func seed(ctx context.Context, cfg *config, log *slog.Logger) error {
	s, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := sample.Load(ctx, s); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	log.Info("seeded sample data")
	return nil
}
