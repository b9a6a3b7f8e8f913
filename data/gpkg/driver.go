package gpkg

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"

	"github.com/paulmach/orb"
	"modernc.org/sqlite"
)

// sqliteDriver is a private modernc.org/sqlite driver carrying the SQL
// functions the GeoPackage R-tree triggers call (ST_MinX … ST_IsEmpty, as
// GDAL and SpatiaLite name them) and the exact bbox test of list queries.
// Registering on a driver of our own keeps them off every other SQLite
// connection in the process.
var sqliteDriver = sync.OnceValues(func() (*sqlite.Driver, error) {
	d := &sqlite.Driver{}
	bound := func(pick func(orb.Bound) float64) func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
		return func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, ok := args[0].([]byte)
			if !ok {
				return nil, nil
			}
			bd, nonEmpty, err := blobBound(b)
			if err != nil || !nonEmpty {
				return nil, err
			}
			return pick(bd), nil
		}
	}
	funcs := map[string]func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error){
		"ST_MinX":    bound(func(b orb.Bound) float64 { return b.Min[0] }),
		"ST_MaxX":    bound(func(b orb.Bound) float64 { return b.Max[0] }),
		"ST_MinY":    bound(func(b orb.Bound) float64 { return b.Min[1] }),
		"ST_MaxY":    bound(func(b orb.Bound) float64 { return b.Max[1] }),
		"ST_IsEmpty": stIsEmpty,
	}
	for name, fn := range funcs {
		if err := d.RegisterDeterministicScalarFunction(name, 1, fn); err != nil {
			return nil, err
		}
	}
	if err := d.RegisterDeterministicScalarFunction("toponym_intersects", 5, sqlIntersects); err != nil {
		return nil, err
	}
	if err := registerGazetteerFuncs(d); err != nil {
		return nil, err
	}
	return d, nil
})

func stIsEmpty(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	b, ok := args[0].([]byte)
	if !ok {
		return nil, nil
	}
	_, nonEmpty, err := blobBound(b)
	if err != nil {
		return nil, err
	}
	if nonEmpty {
		return int64(0), nil
	}
	return int64(1), nil
}

// sqlIntersects(geom, minx, miny, maxx, maxy) is 1 when the geometry blob
// intersects the rectangle exactly, not only by its envelope.
func sqlIntersects(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	b, ok := args[0].([]byte)
	if !ok {
		return int64(0), nil
	}
	var v [4]float64
	for i := range v {
		f, ok := args[i+1].(float64)
		if !ok {
			return nil, fmt.Errorf("toponym_intersects: argument %d is %T, want a real", i+2, args[i+1])
		}
		v[i] = f
	}
	g, _, err := DecodeGeometry(b)
	if err != nil {
		return nil, err
	}
	if intersectsBound(g, orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}) {
		return int64(1), nil
	}
	return int64(0), nil
}

// connector opens connections of sqliteDriver with one DSN.
type connector struct {
	drv *sqlite.Driver
	dsn string
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.drv }
