package tiles

import (
	"testing"

	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestMain removes the throwaway PostGIS cluster pgtest may start.
func TestMain(m *testing.M) { pgtest.Main(m) }
