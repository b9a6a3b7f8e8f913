package fieldkit

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/sample"
	"github.com/toponym/toponym/data/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// server returns a fresh PostGIS store holding the sample.
func server(t *testing.T) *postgis.Store {
	t.Helper()
	s := pgtest.Store(t)
	if err := sample.Load(context.Background(), s); err != nil {
		t.Fatalf("load sample: %v", err)
	}
	return s
}

// newFile returns a new GeoPackage store in the test's directory.
func newFile(t *testing.T) (*gpkg.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "field.gpkg")
	s, err := gpkg.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// export exports sel from src into a new file.
func export(t *testing.T, src data.Store, sel Selection) (*gpkg.Store, string, Manifest) {
	t.Helper()
	dst, path := newFile(t)
	m, err := Export(context.Background(), src, dst, sel)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	return dst, path, m
}

// readAll returns every record of s.
func readAll(t *testing.T, s data.Store) *Set {
	t.Helper()
	set, err := read(context.Background(), s, Selection{}, nil)
	if err != nil {
		t.Fatalf("read all: %v", err)
	}
	return set
}

// byKey indexes a set's records by kind and ID.
func byKey(set *Set) map[recordKey]any {
	out := map[recordKey]any{}
	for _, r := range set.Records() {
		out[recordKey{r.Kind, r.ID}] = r.Value
	}
	return out
}

// stripped returns a copy of the record rec points to with the
// store-managed timestamps zeroed.
func stripped(rec any) any {
	v := reflect.ValueOf(rec).Elem()
	c := reflect.New(v.Type())
	c.Elem().Set(v)
	for _, name := range []string{"Updated", "Created"} {
		if f := c.Elem().FieldByName(name); f.IsValid() {
			f.Set(reflect.Zero(f.Type()))
		}
	}
	return c.Interface()
}

// sameRecords fails unless want and got hold the same records, field by
// field (storetest.Diff), store-managed timestamps aside.
func sameRecords(t *testing.T, what string, want, got *Set) {
	t.Helper()
	w, g := byKey(want), byKey(got)
	if len(w) != len(g) {
		t.Errorf("%s: %d records, want %d", what, len(g), len(w))
	}
	bad := 0
	for k, wv := range w {
		gv, ok := g[k]
		if !ok {
			t.Errorf("%s: %s %s missing", what, k.kind, k.id)
		} else if d := storetest.Diff(stripped(wv), stripped(gv)); d != "" {
			t.Errorf("%s: %s %s differs: %s", what, k.kind, k.id, d)
		} else if Hash(wv) != Hash(gv) {
			t.Errorf("%s: %s %s: equal records, different hashes", what, k.kind, k.id)
		}
		if bad++; t.Failed() && bad > 20 {
			t.Fatalf("%s: too many differences", what)
		}
	}
}

// pgtestStore returns a fresh, empty PostGIS store.
func pgtestStore(t *testing.T) *postgis.Store { return pgtest.Store(t) }

// diffManifest compares two manifests.
func diffManifest(want, got Manifest) string {
	if !want.ExportedAt.Equal(got.ExportedAt) {
		return "exported_at differs"
	}
	want.ExportedAt = got.ExportedAt
	return storetest.Diff(want, got)
}
