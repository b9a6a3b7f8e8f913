package gpkg

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/paulmach/orb"
	"modernc.org/sqlite"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

var _ data.Gazetteer = (*Store)(nil)

// registerGazetteerFuncs adds the SQL functions of the search to d:
// toponym_similarity(a, b), pg_trgm's similarity of two keys, and
// toponym_distance_m(geom, lon, lat), metres from a point to a geometry.
func registerGazetteerFuncs(d *sqlite.Driver) error {
	if err := d.RegisterDeterministicScalarFunction("toponym_similarity", 2, sqlSimilarity); err != nil {
		return err
	}
	return d.RegisterDeterministicScalarFunction("toponym_distance_m", 3, sqlDistance)
}

func sqlSimilarity(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	a, _ := args[0].(string)
	b, _ := args[1].(string)
	return gazetteer.Similarity(a, b), nil
}

func sqlDistance(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	b, ok := args[0].([]byte)
	if !ok {
		return nil, nil
	}
	lon, ok1 := args[1].(float64)
	lat, ok2 := args[2].(float64)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("toponym_distance_m: longitude and latitude must be reals")
	}
	g, _, err := DecodeGeometry(b)
	if err != nil {
		return nil, err
	}
	return gazetteer.DistanceM(g, orb.Point{lon, lat}), nil
}

// writeNameKeys stores the search keys, variants and trigrams of every
// name of p, stored before; the keys of the names they replaced went with
// them.
func (t *Store) writeNameKeys(ctx context.Context, p *data.NamedPlace) error {
	w := newPlaceWriter(t.tx.conn)
	defer w.close()
	if err := w.addKeys(ctx, p); err != nil {
		return err
	}
	return w.flush(ctx)
}

// ReindexNames writes the search keys of the names that have none (names
// stored before schema version 3) and returns how many places it
// reindexed. Run it once after upgrading a file; it is harmless to run
// again.
func (s *Store) ReindexNames(ctx context.Context) (int, error) {
	ids, err := queryAll(ctx, s, "reindex names", `SELECT DISTINCT place_id FROM place_names n
		WHERE NOT EXISTS (SELECT 1 FROM gaz_name_keys k WHERE k.name_id = n.id) ORDER BY place_id`,
		func(r scanner) (string, error) {
			var id string
			return id, r.Scan(&id)
		})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return len(ids), s.atomic(ctx, func(t *Store) error {
		for _, id := range ids {
			p, err := t.GetPlace(ctx, id)
			if err != nil {
				return err
			}
			if _, err := t.exec(ctx, "DELETE FROM gaz_name_keys WHERE place_id = ?", id); err != nil {
				return mapError("reindex names", err)
			}
			if err := t.writeNameKeys(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
}
