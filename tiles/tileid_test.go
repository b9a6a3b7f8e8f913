package tiles

import (
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
	"github.com/toponym/toponym/data"
)

func TestParseTilePathBad(t *testing.T) {
	tests := []struct {
		name, z, x, y, field string
	}{
		{"empty zoom", "", "0", "0", "z"},
		{"negative zoom", "-1", "0", "0", "z"},
		{"plus sign", "+1", "0", "0", "z"},
		{"zoom too deep", "23", "0", "0", "z"},
		{"huge zoom", "99999999999999999999", "0", "0", "z"},
		{"leading zero", "01", "0", "0", "z"},
		{"space", " 1", "0", "0", "z"},
		{"decimal zoom", "1.5", "0", "0", "z"},
		{"hex", "0x1", "0", "0", "z"},
		{"full-width digit", "１", "0", "0", "z"},
		{"x at limit", "1", "2", "0", "x"},
		{"x negative", "3", "-0", "0", "x"},
		{"x with suffix", "3", "1.mvt", "0", "x"},
		{"x empty", "3", "", "0", "x"},
		{"y at limit", "2", "0", "4", "y"},
		{"y overflow uint32", "22", "0", "4294967296", "y"},
		{"y at z0", "0", "0", "1", "y"},
		{"y leading zero", "5", "3", "007", "y"},
		{"y letters", "5", "3", "abc", "y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := ParseTilePath(tt.z, tt.x, tt.y)
			if err == nil {
				t.Fatalf("ParseTilePath(%q, %q, %q) = %v, want an error", tt.z, tt.x, tt.y, id)
			}
			e := data.AsError(err)
			if e == nil || e.Kind != data.KindInvalid {
				t.Fatalf("error %v is not a KindInvalid data.Error", err)
			}
			if e.Field != tt.field {
				t.Errorf("error %q names field %q, want %q", err, e.Field, tt.field)
			}
		})
	}
}

func TestParseTilePathGood(t *testing.T) {
	tests := []struct {
		z, x, y string
		want    TileID
	}{
		{"0", "0", "0", TileID{0, 0, 0}},
		{"1", "1", "1", TileID{1, 1, 1}},
		{"14", "13352", "6872", TileID{14, 13352, 6872}},
		{"22", "4194303", "4194303", TileID{22, 4194303, 4194303}},
	}
	for _, tt := range tests {
		got, err := ParseTilePath(tt.z, tt.x, tt.y)
		if err != nil || got != tt.want {
			t.Errorf("ParseTilePath(%q, %q, %q) = %v, %v; want %v", tt.z, tt.x, tt.y, got, err, tt.want)
		}
		if got.String() != tt.z+"/"+tt.x+"/"+tt.y {
			t.Errorf("String() = %q", got.String())
		}
	}
}

func FuzzParseTilePath(f *testing.F) {
	f.Add("0", "0", "0")
	f.Add("22", "4194303", "1")
	f.Add("-1", "+2", "0x3")
	f.Fuzz(func(t *testing.T, z, x, y string) {
		id, err := ParseTilePath(z, x, y)
		if err != nil {
			if data.KindOf(err) != data.KindInvalid {
				t.Fatalf("error kind %v", data.KindOf(err))
			}
			return
		}
		if !id.Valid() || id.String() != z+"/"+x+"/"+y {
			t.Fatalf("accepted %q/%q/%q as %v", z, x, y, id)
		}
	})
}

// TestBoundKnownValues checks the constants of the XYZ scheme: the world
// tile spans ±180° and ±85.0511°, ±20037508.342789244 m in EPSG:3857.
func TestBoundKnownValues(t *testing.T) {
	w := TileID{}.Bound()
	if w.Min[0] != -180 || w.Max[0] != 180 || !near(w.Max[1], 85.0511287798066, 1e-12) || !near(w.Min[1], -85.0511287798066, 1e-12) {
		t.Errorf("world bound %v", w)
	}
	m := TileID{}.MercatorBound()
	const o = 20037508.342789244
	if !near(m.Min[0], -o, 1e-6) || !near(m.Max[0], o, 1e-6) || !near(m.Min[1], -o, 1e-6) || !near(m.Max[1], o, 1e-6) {
		t.Errorf("world mercator bound %v", m)
	}
	// Tile 1/1/0 is the north-east quarter.
	q := TileID{1, 1, 0}.Bound()
	if q.Min[0] != 0 || q.Max[0] != 180 || !near(q.Min[1], 0, 1e-12) {
		t.Errorf("1/1/0 bound %v", q)
	}
}

// TestBoundAgainstOrb compares tile bounds with orb's maptile, an
// independent implementation.
func TestBoundAgainstOrb(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		z := r.Uint32N(MaxZoom + 1)
		id := TileID{Z: z, X: r.Uint32N(1 << z), Y: r.Uint32N(1 << z)}
		want := maptile.New(id.X, id.Y, maptile.Zoom(z)).Bound()
		if got := id.Bound(); !boundNear(got, want, 1e-9) {
			t.Fatalf("%v: Bound() = %v, orb says %v", id, got, want)
		}
		if got, want := id.BufferedBound(Buffer), maptile.New(id.X, id.Y, maptile.Zoom(z)).Bound(float64(Buffer)/Extent); !boundNear(got, want, 1e-9) {
			t.Fatalf("%v: BufferedBound() = %v, orb says %v", id, got, want)
		}
		if got := TileAt(id.Bound().Center(), z); got != id {
			t.Fatalf("TileAt(centre of %v) = %v", id, got)
		}
	}
}

// TestMercatorBoundAgainstPROJ converts each Mercator corner with PROJ's
// cs2cs (EPSG:3857 → EPSG:4326) and compares with the lon/lat bound.
func TestMercatorBoundAgainstPROJ(t *testing.T) {
	cs2cs := requireTool(t, "cs2cs")
	ids := []TileID{{0, 0, 0}, {5, 25, 13}, {10, 822, 429}, {14, 13164, 6872}, {18, 210634, 109960}, {22, 3370150, 1759370}}
	var in strings.Builder
	for _, id := range ids {
		m := id.MercatorBound()
		in.WriteString(ftoa(m.Min[0]) + " " + ftoa(m.Min[1]) + "\n" + ftoa(m.Max[0]) + " " + ftoa(m.Max[1]) + "\n")
	}
	cmd := exec.Command(cs2cs, "-d", "12", "EPSG:3857", "EPSG:4326")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cs2cs: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2*len(ids) {
		t.Fatalf("cs2cs printed %d lines, want %d:\n%s", len(lines), 2*len(ids), out)
	}
	for i, id := range ids {
		lo, hi := parseLatLon(t, lines[2*i]), parseLatLon(t, lines[2*i+1])
		want := orb.Bound{Min: lo, Max: hi}
		if got := id.Bound(); !boundNear(got, want, 1e-9) {
			t.Errorf("%v: Bound() = %v, PROJ says %v", id, got, want)
		}
	}
}

// parseLatLon reads cs2cs's "lat lon height" line into a lon/lat point.
func parseLatLon(t *testing.T, line string) orb.Point {
	t.Helper()
	f := strings.Fields(line)
	if len(f) < 2 {
		t.Fatalf("cs2cs line %q", line)
	}
	lat, err1 := strconv.ParseFloat(f[0], 64)
	lon, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("cs2cs line %q", line)
	}
	return orb.Point{lon, lat}
}

// requireTool returns the tool's path; it skips the test when the tool is
// missing, or fails under CI=true.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", name, err)
		}
		t.Skipf("%s not installed: %v", name, err)
	}
	return p
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func boundNear(a, b orb.Bound, tol float64) bool {
	return near(a.Min[0], b.Min[0], tol) && near(a.Min[1], b.Min[1], tol) &&
		near(a.Max[0], b.Max[0], tol) && near(a.Max[1], b.Max[1], tol)
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
