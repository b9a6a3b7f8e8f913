package gpkg

import (
	"path/filepath"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/storetest"
)

// TestGazetteerContract runs the gazetteer contract on the GeoPackage store.
func TestGazetteerContract(t *testing.T) {
	storetest.RunGazetteer(t, func(t *testing.T) data.Store {
		s, err := Open(t.Context(), filepath.Join(t.TempDir(), "toponym.gpkg"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
