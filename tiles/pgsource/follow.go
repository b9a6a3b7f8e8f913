package pgsource

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/tiles"
)

// Channel is the notification channel on which the database announces the
// bounding box of every committed change to what the tiles draw
// (migration 0010_tile_change_notify): "xmin ymin xmax ymax" in EPSG:4490.
const Channel = "toponym_tiles"

// Follower keeps a tile cache true to the database whoever writes to it:
// another server, toponymd import or sync, an operator's SQL. It listens
// on Channel over a connection of its own and drops the cached tiles each
// change touches. While it is not listening it may miss changes, so after
// a lost connection it drops the whole cache once it listens again.
type Follower struct {
	pool  *pgxpool.Pool
	cache *tiles.Cache
	log   *slog.Logger
	// listening, if set, is called each time the follower has started to
	// listen (tests).
	listening func()
}

// NewFollower returns a follower of the database of pool for cache.
func NewFollower(pool *pgxpool.Pool, cache *tiles.Cache, log *slog.Logger) *Follower {
	return &Follower{pool: pool, cache: cache, log: log}
}

// Follow backoff: the wait before listening again after a lost connection.
const (
	followRetryMin = 100 * time.Millisecond
	followRetryMax = 30 * time.Second
)

// Run follows the database until ctx ends, reconnecting after errors.
func (f *Follower) Run(ctx context.Context) {
	wait, missed := followRetryMin, false
	for ctx.Err() == nil {
		err := f.listen(ctx, missed)
		if ctx.Err() != nil {
			return
		}
		missed = true
		f.log.Warn("tile cache: lost the database's change notifications; dropping the cache once back",
			"err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, followRetryMax)
	}
}

// listen connects, listens on Channel and applies notifications until an
// error. If missed, changes may have gone unseen before: the whole cache
// is dropped once listening, before any notification is applied.
func (f *Follower) listen(ctx context.Context, missed bool) error {
	conn, err := pgx.ConnectConfig(ctx, f.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	if missed {
		f.cache.InvalidateAll()
		f.log.Info("tile cache: following the database's changes again; dropped every cached tile")
	}
	if f.listening != nil {
		f.listening()
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		b, err := ParseChange(n.Payload)
		if err != nil {
			f.log.Warn("tile cache: unreadable change notification; dropping every cached tile", "err", err)
			f.cache.InvalidateAll()
			continue
		}
		f.cache.Invalidate(b)
	}
}

// ParseChange reads a notification's payload: a bounding box in EPSG:4490.
func ParseChange(payload string) (orb.Bound, error) {
	parts := strings.Fields(payload)
	if len(parts) != 4 {
		return orb.Bound{}, fmt.Errorf("pgsource: change %q is not four numbers", payload)
	}
	var v [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return orb.Bound{}, errors.Join(fmt.Errorf("pgsource: change %q: %q is not a finite number", payload, p), err)
		}
		v[i] = x
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}
