package pgsource

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/planar"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/sample"
	"github.com/toponym/toponym/tiles"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// sampleDay is the "today" of the tests: after every sample event.
func sampleDay() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }

// triJunction is the sample's 湘渝黔 tri-junction, lon/lat.
var triJunction = orb.Point{109.2702, 28.5035}

// pgSample returns a PostGIS source over a fresh database holding the sample.
func pgSample(tb testing.TB) (*Source, *postgis.Store) {
	tb.Helper()
	st := pgtest.Store(tb)
	if err := sample.Load(context.Background(), st); err != nil {
		tb.Fatal(err)
	}
	src, err := New(st.Pool(), Options{Now: sampleDay})
	if err != nil {
		tb.Fatal(err)
	}
	return src, st
}

// gpkgSample returns the embedded source over a GeoPackage holding the sample.
func gpkgSample(tb testing.TB) *tiles.StoreSource {
	tb.Helper()
	st, err := gpkg.Open(context.Background(), filepath.Join(tb.TempDir(), "sample.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if err := sample.Load(context.Background(), st); err != nil {
		tb.Fatal(err)
	}
	return &tiles.StoreSource{Store: st, Now: sampleDay}
}

// sampleTiles returns the tiles around the tri-junction at several zooms:
// the tile holding it and its eight neighbours.
func sampleTiles() []tiles.TileID {
	var out []tiles.TileID
	for _, z := range []uint32{6, 8, 10, 12, 14, 16} {
		c := tiles.TileAt(triJunction, z)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				out = append(out, tiles.TileID{Z: z, X: uint32(int(c.X) + dx), Y: uint32(int(c.Y) + dy)})
			}
		}
	}
	return out
}

// TestSourcesAgree decodes both sources' tiles of the sample and compares
// them: layers, feature ids and attributes equal, geometry within
// geomTolerance tile units.
func TestSourcesAgree(t *testing.T) {
	pg, _ := pgSample(t)
	emb := gpkgSample(t)
	ctx := context.Background()
	features := 0
	for _, ts := range tiles.Tilesets() {
		for _, id := range sampleTiles() {
			a, err := emb.Tile(ctx, ts, id)
			if err != nil {
				t.Fatal(err)
			}
			b, err := pg.Tile(ctx, ts, id)
			if err != nil {
				t.Fatalf("%s %s: %v", ts, id, err)
			}
			features += compareTiles(t, ts+" "+id.String(), decode(t, a), decode(t, b))
		}
	}
	if features < 100 {
		t.Errorf("compared only %d features; the sample should fill these tiles", features)
	}
}

const geomTolerance = 2.0

func decode(t *testing.T, b []byte) map[string]*mvt.Layer {
	t.Helper()
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*mvt.Layer{}
	for _, l := range layers {
		if l.Extent != tiles.Extent || l.Version != 2 {
			t.Errorf("layer %s: extent %d version %d", l.Name, l.Extent, l.Version)
		}
		out[l.Name] = l
	}
	return out
}

// compareTiles reports differences between the embedded (a) and PostGIS
// (b) tile and returns the number of features compared.
func compareTiles(t *testing.T, where string, a, b map[string]*mvt.Layer) int {
	t.Helper()
	if !slices.Equal(sortedNames(a), sortedNames(b)) {
		t.Errorf("%s: layers %v (embedded) vs %v (PostGIS)", where, sortedNames(a), sortedNames(b))
		return 0
	}
	n := 0
	for name, la := range a {
		fa, fb := byID(la), byID(b[name])
		if !slices.Equal(sortedIDs(fa), sortedIDs(fb)) {
			t.Errorf("%s %s: feature ids %v vs %v", where, name, sortedIDs(fa), sortedIDs(fb))
			continue
		}
		for id, f := range fa {
			g := fb[id]
			if pa, pb := fmt.Sprint(normalise(f.Properties)), fmt.Sprint(normalise(g.Properties)); pa != pb {
				t.Errorf("%s %s %d: attributes\n%s\nvs\n%s", where, name, id, pa, pb)
			}
			if d := hausdorff(f.Geometry, g.Geometry); d > geomTolerance {
				t.Errorf("%s %s %d (%v): geometries %.2f tile units apart", where, name, id, f.Properties["name"], d)
			}
			if aa, ab := polygonArea(f.Geometry), polygonArea(g.Geometry); math.Abs(aa-ab) > 0.01*math.Max(aa, ab)+2000 {
				t.Errorf("%s %s %d (%v): areas %.0f vs %.0f", where, name, id, f.Properties["name"], aa, ab)
			}
			n++
		}
	}
	return n
}

func sortedNames(m map[string]*mvt.Layer) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func byID(l *mvt.Layer) map[uint64]*mvtFeature {
	out := map[uint64]*mvtFeature{}
	for _, f := range l.Features {
		id, _ := f.ID.(float64)
		out[uint64(id)] = &mvtFeature{Geometry: f.Geometry, Properties: f.Properties}
	}
	return out
}

type mvtFeature struct {
	Geometry   orb.Geometry
	Properties map[string]any
}

func sortedIDs(m map[uint64]*mvtFeature) []uint64 {
	var out []uint64
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// normalise turns every number into float64 so that int and double
// encodings compare equal; fmt prints maps sorted by key.
func normalise(p map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		switch v := v.(type) {
		case int64:
			out[k] = float64(v)
		case uint64:
			out[k] = float64(v)
		case float32:
			out[k] = float64(v)
		case int:
			out[k] = float64(v)
		default:
			out[k] = v
		}
	}
	return out
}

// hausdorff returns the larger of the two directed distances from the
// vertices of one geometry to the other's vertices and segments.
func hausdorff(a, b orb.Geometry) float64 {
	return math.Max(directed(a, b), directed(b, a))
}

// Vertices on the edge of the buffered tile are skipped: clipping leaves
// zero-width runs along that edge which one encoder keeps and the other
// splits off; polygonArea checks that they hide no area.
func directed(a, b orb.Geometry) float64 {
	segs := segments(b)
	worst := 0.0
	for _, p := range vertices(a) {
		if onBufferEdge(p) {
			continue
		}
		best := math.Inf(1)
		for _, s := range segs {
			best = math.Min(best, planar.DistanceFromSegment(s[0], s[1], p))
		}
		worst = math.Max(worst, best)
	}
	return worst
}

func onBufferEdge(p orb.Point) bool {
	const lo, hi = -tiles.Buffer, tiles.Extent + tiles.Buffer
	return p[0] <= lo || p[0] >= hi || p[1] <= lo || p[1] >= hi
}

// polygonArea returns the total absolute area of a polygon geometry's
// rings, exteriors minus holes, in tile units squared.
func polygonArea(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.Polygon:
		return math.Abs(planar.Area(g))
	case orb.MultiPolygon:
		a := 0.0
		for _, p := range g {
			a += math.Abs(planar.Area(p))
		}
		return a
	}
	return 0
}

func vertices(g orb.Geometry) []orb.Point {
	var out []orb.Point
	for _, s := range segments(g) {
		out = append(out, s[0], s[1])
	}
	return out
}

// segments returns the segments of g; a point is a zero-length segment.
func segments(g orb.Geometry) [][2]orb.Point {
	var out [][2]orb.Point
	line := func(ls []orb.Point) {
		for i := 0; i+1 < len(ls); i++ {
			out = append(out, [2]orb.Point{ls[i], ls[i+1]})
		}
		if len(ls) == 1 {
			out = append(out, [2]orb.Point{ls[0], ls[0]})
		}
	}
	switch g := g.(type) {
	case orb.Point:
		line([]orb.Point{g})
	case orb.MultiPoint:
		for _, p := range g {
			line([]orb.Point{p})
		}
	case orb.LineString:
		line(g)
	case orb.MultiLineString:
		for _, l := range g {
			line(l)
		}
	case orb.Polygon:
		for _, r := range g {
			line(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				line(r)
			}
		}
	}
	return out
}
