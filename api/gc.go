package api

import (
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector's target of a serving process when
// GOGC is not set: a heap may grow to five times what is live before a
// collection. A request allocates a few kilobytes and keeps nothing (cached
// tiles live in the tile cache), so with Go's default of 100 a small heap
// is collected every few hundred requests, and those pauses make the slow
// tail of cached tiles and 304s (bench/tiles: p99 1.4 ms at 100, 0.2 ms at
// 400 one request at a time). Memory stays bounded by the tile cache's
// byte limit and the request limits.
const GCPercent = 400

// TuneGC sets the collector's target to GCPercent unless the GOGC
// environment variable chooses one. toponymd serve calls it at start.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}
