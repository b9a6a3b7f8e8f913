package pgsource

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/planar"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/tiles"
)

// TestNoSliver decodes the townships (drawn from zoom 8) and counties of
// the tile holding the tri-junction at every zoom from 6 to 16, from both
// sources, and checks every pair of neighbours: each segment of one township that runs along the other's
// boundary is a segment of the other too, with the same end points. So the
// shared edge is identical on both sides: no sliver, no gap.
func TestNoSliver(t *testing.T) {
	pg, _ := pgSample(t)
	sources := map[string]tiles.Source{"PostGIS": pg, "embedded": gpkgSample(t)}
	for name, src := range sources {
		for z := uint32(6); z <= 16; z++ {
			id := tiles.TileAt(triJunction, z)
			b, err := src.Tile(context.Background(), tiles.Public, id)
			if err != nil {
				t.Fatal(err)
			}
			layers := decode(t, b)
			for _, layer := range []string{tiles.LayerTownships, tiles.LayerCounties} {
				units := layers[layer]
				if units == nil && layer == tiles.LayerTownships && z < 8 {
					continue
				}
				if units == nil || len(units.Features) < 2 {
					t.Fatalf("%s %s: want at least two %s", name, id, layer)
				}
				if n := checkNeighbours(t, name+" "+id.String(), units); n == 0 {
					t.Errorf("%s %s: no shared edge among %d %s", name, id, len(units.Features), layer)
				}
			}
		}
	}
}

// checkNeighbours checks every pair of features of the layer and returns
// how many segments they share.
func checkNeighbours(t *testing.T, where string, l *mvt.Layer) int {
	t.Helper()
	shared := 0
	for i, a := range l.Features {
		for _, c := range l.Features[i+1:] {
			n, err := sharedEdge(a.Geometry, c.Geometry)
			if err != nil {
				t.Errorf("%s %s: %s / %s: %v", where, l.Name, a.Properties["name"], c.Properties["name"], err)
			}
			shared += n
		}
	}
	return shared
}

type segment [2]orb.Point

func (s segment) key() segment {
	if s[1][0] < s[0][0] || (s[1][0] == s[0][0] && s[1][1] < s[0][1]) {
		return segment{s[1], s[0]}
	}
	return s
}

// sharedEdge checks that the segments of a lying along b's boundary (their
// midpoint within a quarter unit of it) are segments of b and the other
// way round; it returns how many segments the two share.
func sharedEdge(a, b orb.Geometry) (int, error) {
	sa, sb := segments(a), segments(b)
	setB := map[segment]bool{}
	for _, s := range sb {
		setB[segment(s).key()] = true
	}
	setA := map[segment]bool{}
	for _, s := range sa {
		setA[segment(s).key()] = true
	}
	n := 0
	for _, pair := range []struct {
		from [][2]orb.Point
		to   [][2]orb.Point
		set  map[segment]bool
	}{{sa, sb, setB}, {sb, sa, setA}} {
		for _, s := range pair.from {
			if s[0] == s[1] || (onBufferEdge(s[0]) && onBufferEdge(s[1])) {
				continue
			}
			mid := orb.Point{(s[0][0] + s[1][0]) / 2, (s[0][1] + s[1][1]) / 2}
			if distance(mid, pair.to) > 0.25 {
				continue
			}
			if !pair.set[segment(s).key()] {
				return n, fmt.Errorf("segment %v runs along the neighbour but is not one of its segments", s)
			}
			n++
		}
	}
	return n, nil
}

func distance(p orb.Point, segs [][2]orb.Point) float64 {
	best := math.Inf(1)
	for _, s := range segs {
		best = math.Min(best, planar.DistanceFromSegment(s[0], s[1], p))
	}
	return best
}

// TestBufferRing: a feature lying only in the buffer ring east of a tile is
// in the tile, from both sources; one beyond the buffer is not.
func TestBufferRing(t *testing.T) {
	st := pgtest.Store(t)
	ctx := context.Background()
	id := tiles.TileAt(triJunction, 16) // signs are drawn from zoom 15
	at := func(fx, fy float64) orb.Point {
		n := math.Exp2(float64(id.Z))
		x, y := float64(id.X)+fx, float64(id.Y)+fy
		return orb.Point{x/n*360 - 180, math.Atan(math.Sinh(math.Pi*(1-2*y/n))) * 180 / math.Pi}
	}
	in := &data.Sign{Kind: "road_sign", Text: "缓冲区内 in the buffer", Position: at(1+32.0/tiles.Extent, 0.5)}
	out := &data.Sign{Kind: "road_sign", Text: "缓冲区外 beyond the buffer", Position: at(1+96.0/tiles.Extent, 0.5)}
	for _, s := range []*data.Sign{in, out} {
		if err := st.CreateSign(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	pg, err := New(st.Pool(), Options{Now: sampleDay})
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]tiles.Source{"PostGIS": pg, "embedded": &tiles.StoreSource{Store: st, Now: sampleDay}} {
		// The internal tileset: the public one shows the signs of
		// published places only, and these signs have no place.
		b, err := src.Tile(ctx, tiles.Internal, id)
		if err != nil {
			t.Fatal(err)
		}
		signs := decode(t, b)[tiles.LayerSigns]
		if signs == nil || len(signs.Features) != 1 || signs.Features[0].Properties["text"] != in.Text {
			t.Fatalf("%s: signs layer %+v, want only the sign in the buffer ring", name, signs)
		}
		p := signs.Features[0].Geometry.(orb.Point)
		if math.Abs(p[0]-(tiles.Extent+32)) > 1 || math.Abs(p[1]-tiles.Extent/2) > 1 {
			t.Errorf("%s: sign at %v, want (%d, %d)", name, p, tiles.Extent+32, tiles.Extent/2)
		}
	}
}

// TestByteCap: a cap below the tile's size leaves out layers from the top
// until the tile fits; what is left is the bottom of the catalogue.
func TestByteCap(t *testing.T) {
	full, st := pgSample(t)
	id := tiles.TileAt(triJunction, 12)
	ctx := context.Background()
	whole, err := full.Tile(ctx, tiles.Internal, id)
	if err != nil {
		t.Fatal(err)
	}
	capped, err := New(st.Pool(), Options{Now: sampleDay, MaxBytes: len(whole) / 3})
	if err != nil {
		t.Fatal(err)
	}
	b, err := capped.Tile(ctx, tiles.Internal, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > len(whole)/3 {
		t.Errorf("capped tile has %d bytes, cap %d", len(b), len(whole)/3)
	}
	got, want := layerNames(t, b), layerNames(t, whole)
	if len(got) == 0 || len(got) >= len(want) || !slices.Equal(got, want[:len(got)]) {
		t.Errorf("capped layers %v, want a bottom part of %v", got, want)
	}
}

func layerNames(t *testing.T, b []byte) []string {
	t.Helper()
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range layers {
		out = append(out, l.Name)
	}
	return out
}

// TestStatementUsesIndexes: the plan of a tile's statement scans the
// geometry columns through their GiST indexes.
func TestStatementUsesIndexes(t *testing.T) {
	src, st := pgSample(t)
	ctx := context.Background()
	conn, err := st.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	// The sample is small: make sequential scans unattractive, as they are
	// on a full database, and leave the geometry indexes the only ones on
	// the tables' filters (this database is the test's own).
	for _, sql := range []string{"SET enable_seqscan = off", "DROP INDEX admin_unit_valid_gix",
		"DROP INDEX boundary_line_valid_gix", "DROP INDEX marker_valid_gix", "DROP INDEX named_place_valid_gix",
		"DROP INDEX admin_unit_level_ix", "ALTER TABLE marker DROP CONSTRAINT marker_number_overlap_ex",
		"ALTER TABLE boundary_line DROP CONSTRAINT boundary_line_code_overlap_ex"} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := conn.Query(ctx, "EXPLAIN "+src.SQL(), src.Args(tiles.Internal, tiles.TileAt(triJunction, 16))...)
	if err != nil {
		t.Fatal(err)
	}
	var plan strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(line + "\n")
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if strings.Contains(plan.String(), "Seq Scan") {
		t.Errorf("plan scans a table sequentially:\n%s", plan.String())
	}
	for _, ix := range []string{"admin_unit_geom_gix", "boundary_line_geom_gix", "marker_position_gix",
		"tri_junction_agreed_gix", "named_place_geom_gix", "sign_position_gix"} {
		if !strings.Contains(plan.String(), ix) {
			t.Errorf("plan does not use %s:\n%s", ix, plan.String())
		}
	}
}
