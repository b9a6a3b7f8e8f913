package gpkg

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

const junctionCols = `id, name, line_1, line_2, line_3, unit_1, unit_2, unit_3, geom, sigma_m, marker_id, updated`

func scanJunction(r scanner) (*data.TriJunction, error) {
	j := &data.TriJunction{}
	var g orb.Geometry
	err := r.Scan(&j.ID, &j.Name, strCol{&j.LineIDs[0]}, strCol{&j.LineIDs[1]}, strCol{&j.LineIDs[2]},
		strCol{&j.UnitIDs[0]}, strCol{&j.UnitIDs[1]}, strCol{&j.UnitIDs[2]}, geomCol{&g}, &j.SigmaM,
		strCol{&j.MarkerID}, timeCol{&j.Updated})
	j.Agreed, _ = asPoint(g)
	return j, err
}

// CreateTriJunction stores the point where three lines and three units
// meet; its lines, units and marker must exist (KindInvalid).
func (s *Store) CreateTriJunction(ctx context.Context, j *data.TriJunction) error {
	if err := j.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&j.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "tri_junctions", j.ID); err != nil || ok {
			return firstErr(err, conflictf("id", j.ID, "a tri-junction with ID %s already exists", j.ID))
		}
		for i := range 3 {
			if err := firstErr(
				t.mustExist(ctx, "line_ids", "boundary line", "boundary_lines", "id", j.LineIDs[i]),
				t.mustExist(ctx, "unit_ids", "unit", "admin_unit_identities", "unit_id", j.UnitIDs[i])); err != nil {
				return err
			}
		}
		if err := t.mustExist(ctx, "marker_id", "marker", "markers", "id", j.MarkerID); err != nil {
			return err
		}
		geom, err := geomVal("agreed", j.Agreed)
		if err != nil {
			return err
		}
		updated := now()
		if _, err := t.exec(ctx, `INSERT INTO tri_junctions (`+junctionCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			j.ID, j.Name, strVal(j.LineIDs[0]), strVal(j.LineIDs[1]), strVal(j.LineIDs[2]), strVal(j.UnitIDs[0]),
			strVal(j.UnitIDs[1]), strVal(j.UnitIDs[2]), geom, j.SigmaM, strVal(j.MarkerID), timeVal(updated)); err != nil {
			return mapError("create tri-junction", err)
		}
		j.Updated = updated
		return nil
	})
}

// ListTriJunctions lists tri-junctions by bbox.
func (s *Store) ListTriJunctions(ctx context.Context, q data.Query) (data.Page[*data.TriJunction], error) {
	spec := listSpec{table: "tri_junctions", columns: junctionCols, geom: true}
	return listPage(ctx, s, spec, q, &where{}, scanJunction, nil)
}
