package tiles

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
)

// Tile geometry constants.
const (
	MaxZoom = 22   // deepest zoom served
	Extent  = 4096 // tile coordinate units across one tile (MVT extent)
	Buffer  = 64   // tile units kept outside each tile edge

	// MaxLatitude is the latitude (degrees) where Web Mercator tiles end.
	MaxLatitude = 85.05112877980659
	// EarthRadius is the Web Mercator sphere's radius in metres.
	EarthRadius = 6378137.0
	// OriginShift is half the Web Mercator world's width in metres (πR).
	OriginShift = math.Pi * EarthRadius
)

// TileID names one XYZ tile: zoom Z, column X (east) and row Y (south).
type TileID struct{ Z, X, Y uint32 }

// String returns the tile's path form "z/x/y".
func (t TileID) String() string {
	return strconv.FormatUint(uint64(t.Z), 10) + "/" + strconv.FormatUint(uint64(t.X), 10) + "/" +
		strconv.FormatUint(uint64(t.Y), 10)
}

// Valid reports whether the zoom is at most MaxZoom and x and y are below
// 2^z.
func (t TileID) Valid() bool {
	return t.Z <= MaxZoom && t.X < 1<<t.Z && t.Y < 1<<t.Z
}

// ParseTilePath parses the z, x and y segments of a tile path; a ".mvt"
// suffix must already be cut off by the caller. Each part must be plain
// decimal digits (no sign, no leading zero, no spaces); z must lie in
// 0–MaxZoom and x and y below 2^z. Errors are data.Error values of kind
// KindInvalid whose Field names the part ("z", "x" or "y").
func ParseTilePath(z, x, y string) (TileID, error) {
	zv, err := parseTileNumber("z", "zoom", z)
	if err != nil {
		return TileID{}, err
	}
	if zv > MaxZoom {
		return TileID{}, tileErr("z", z, "zoom %d is out of range 0–%d", zv, MaxZoom)
	}
	t := TileID{Z: uint32(zv)}
	limit := uint64(1) << t.Z
	xv, err := parseTileNumber("x", "column", x)
	if err != nil {
		return TileID{}, err
	}
	if xv >= limit {
		return TileID{}, tileErr("x", x, "column %d is out of range 0–%d at zoom %d", xv, limit-1, t.Z)
	}
	yv, err := parseTileNumber("y", "row", y)
	if err != nil {
		return TileID{}, err
	}
	if yv >= limit {
		return TileID{}, tileErr("y", y, "row %d is out of range 0–%d at zoom %d", yv, limit-1, t.Z)
	}
	t.X, t.Y = uint32(xv), uint32(yv)
	return t, nil
}

// parseTileNumber parses one path part as a canonical decimal number.
func parseTileNumber(field, what, s string) (uint64, error) {
	if s == "" {
		return 0, tileErr(field, s, "%s is empty; want a whole number", what)
	}
	if len(s) > 10 {
		return 0, tileErr(field, s, "%s %.12q… is too long", what, s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, tileErr(field, s, "%s %q has %q at position %d; want digits only", what, s, s[i], i+1)
		}
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, tileErr(field, s, "%s %q has a leading zero", what, s)
	}
	return strconv.ParseUint(s, 10, 64) // ≤ 10 digits cannot overflow
}

func tileErr(field, value, format string, args ...any) error {
	e := data.Invalidf(field, format, args...)
	e.Value = value
	return e
}

// Bound returns the tile's extent in lon/lat degrees.
func (t TileID) Bound() orb.Bound { return t.BufferedBound(0) }

// BufferedBound returns the tile's extent in lon/lat degrees grown by
// buffer tile units (of Extent) on every side, clipped to the Web Mercator
// world in latitude.
func (t TileID) BufferedBound(buffer float64) orb.Bound {
	n := float64(uint64(1) << t.Z)
	f := buffer / Extent
	x0, x1 := float64(t.X)-f, float64(t.X)+1+f
	y0, y1 := math.Max(float64(t.Y)-f, 0), math.Min(float64(t.Y)+1+f, n)
	return orb.Bound{
		Min: orb.Point{xToLon(x0, n), yToLat(y1, n)},
		Max: orb.Point{xToLon(x1, n), yToLat(y0, n)},
	}
}

// MercatorBound returns the tile's extent in EPSG:3857 metres.
func (t TileID) MercatorBound() orb.Bound {
	size := 2 * OriginShift / float64(uint64(1)<<t.Z)
	minX := -OriginShift + float64(t.X)*size
	maxY := OriginShift - float64(t.Y)*size
	return orb.Bound{Min: orb.Point{minX, maxY - size}, Max: orb.Point{minX + size, maxY}}
}

// lonToX returns the longitude's x in tiles at a zoom with n tiles across,
// clamped to the world.
func lonToX(lon, n float64) float64 {
	lon = math.Max(-180, math.Min(180, lon))
	return (lon + 180) / 360 * n
}

// latToY returns the latitude's y in tiles (downwards), clamped to the
// Web Mercator world.
func latToY(lat, n float64) float64 {
	lat = math.Max(-MaxLatitude, math.Min(MaxLatitude, lat))
	s := math.Sin(lat * math.Pi / 180)
	y := (0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n
	return math.Max(0, math.Min(n, y))
}

func xToLon(x, n float64) float64 { return x/n*360 - 180 }

func yToLat(y, n float64) float64 {
	return math.Atan(math.Sinh(math.Pi*(1-2*y/n))) * 180 / math.Pi
}

// TileAt returns the tile at zoom z (at most MaxZoom) that holds the
// lon/lat point p; points on a tile edge belong to the tile east or south
// of it, points beyond the Web Mercator world to its edge tiles.
func TileAt(p orb.Point, z uint32) TileID {
	z = min(z, MaxZoom)
	n := float64(uint64(1) << z)
	x := math.Min(math.Floor(lonToX(p[0], n)), n-1)
	y := math.Min(math.Floor(latToY(p[1], n)), n-1)
	return TileID{Z: z, X: uint32(math.Max(x, 0)), Y: uint32(math.Max(y, 0))}
}
