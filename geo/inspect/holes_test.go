package inspect_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo/inspect"
)

// C1 finds a township's hole outside its shell, as the entry checks of
// geo/valid do; a hole inside is fine.
func TestC1HoleOutsideShell(t *testing.T) {
	shell := orb.Ring{{109.27, 28.50}, {109.28, 28.50}, {109.28, 28.51}, {109.27, 28.51}, {109.27, 28.50}}
	inside := orb.Ring{{109.272, 28.502}, {109.273, 28.502}, {109.273, 28.503}, {109.272, 28.502}}
	outside := orb.Ring{{109.29, 28.50}, {109.295, 28.50}, {109.295, 28.505}, {109.29, 28.50}}
	for _, c := range []struct {
		name string
		hole orb.Ring
		want int
	}{{"inside", inside, 0}, {"outside", outside, 1}} {
		in := inspect.Input{Townships: []*data.AdminUnit{{Code: "500241109", Name: "洪安镇",
			Geometry: orb.MultiPolygon{{shell, c.hole}}}}}
		got, err := inspect.C1Validity(in, inspect.DefaultTolerances())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != c.want {
			t.Errorf("hole %s: %d findings %v, want %d", c.name, len(got), got, c.want)
		}
	}
}
