package tiles

import (
	"context"
	"log/slog"
	"time"
)

// A DataVersioner reports a version of the stored data that changes
// whenever a writer other than the server's own store commits, and stays
// put across the store's own commits (which InvalidatingStore already
// invalidates tile by tile). Only changes are meaningful. The GeoPackage
// store (*gpkg.Store, SQLite's PRAGMA data_version on its one writer
// connection) is one.
type DataVersioner interface {
	DataVersion(ctx context.Context) (int64, error)
}

// DefaultFollowInterval is how often a VersionFollower polls by default.
const DefaultFollowInterval = time.Second

// VersionFollower keeps a tile cache true to a store that other processes
// write too (toponymd import or sync, QGIS editing the GeoPackage): it
// polls the store's DataVersioner and, when the version has changed, drops
// every cached tile, since it cannot tell where the change was. Tiles
// rendered before the drop and finished after it are not stored (see
// Cache.Generation).
type VersionFollower struct {
	src   DataVersioner
	cache *Cache
	log   *slog.Logger
	// Interval is the time between polls; zero means
	// DefaultFollowInterval.
	Interval time.Duration
	// polled, if set, is called after each poll (tests).
	polled func()
}

// NewVersionFollower returns a follower of src for cache.
func NewVersionFollower(src DataVersioner, cache *Cache, log *slog.Logger) *VersionFollower {
	return &VersionFollower{src: src, cache: cache, log: log}
}

// followState is what a follower knows of the store between polls.
type followState struct {
	version int64
	known   bool // version was read at least once
	failed  bool // a poll failed before version was known
}

// Run polls until ctx ends. The first successful poll sets the version to
// compare against; if polls failed before it, the cache is dropped then,
// since changes may have gone unseen meanwhile.
func (f *VersionFollower) Run(ctx context.Context) {
	every := f.Interval
	if every <= 0 {
		every = DefaultFollowInterval
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	var st followState
	for {
		f.poll(ctx, &st)
		if f.polled != nil {
			f.polled()
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// poll reads the version once and drops the cache if it changed.
func (f *VersionFollower) poll(ctx context.Context, st *followState) {
	v, err := f.src.DataVersion(ctx)
	if err != nil {
		if ctx.Err() == nil {
			f.log.Warn("tile cache: cannot read the store's data version", "err", err)
		}
		st.failed = st.failed || !st.known
		return
	}
	changed := st.known && v != st.version || !st.known && st.failed
	st.version, st.known, st.failed = v, true, false
	if changed {
		n := f.cache.InvalidateAll()
		f.log.Info("tile cache: another process changed the store; dropped every cached tile", "tiles", n)
	}
}
