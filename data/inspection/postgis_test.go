package inspection_test

import (
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func postgisStore(t *testing.T) data.Store { return pgtest.Store(t) }
