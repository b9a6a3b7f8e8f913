package gpkg

import (
	"path/filepath"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/storetest"
)

// TestContract runs the contract every data.Store passes, each area on a
// new file in its own temporary directory.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) data.Store {
		s, err := Open(t.Context(), filepath.Join(t.TempDir(), "toponym.gpkg"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
