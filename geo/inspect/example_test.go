package inspect_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/inspect"
)

// A marker observed 3 m east of its registered position has moved: the
// limit is 2σ with σ = √(1.0² + 0.05²) m.
func ExampleC8Displacement() {
	z, _ := geo.ZoneByEPSG(4545)
	reg := orb.Point{620000, 3150000}
	obs := z.Inverse(orb.Point{reg[0] + 3, reg[1]})
	in := inspect.Input{
		Markers: []*data.Marker{{ID: "m1", Number: "4350012A", Position: z.Inverse(reg), Datum: "CGCS2000"}},
		MarkerChecks: []*data.MarkerCheck{{MarkerID: "m1", Observed: &obs, AccuracyM: 0.05,
			Status: data.StatusIntact}},
	}
	findings, err := inspect.C8Displacement(in, inspect.DefaultTolerances())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Println(f.Rule, f.Severity)
		fmt.Println(f.MessageZH)
		fmt.Println(f.MessageEN)
	}
	// Output:
	// C8 error
	// 界桩 4350012A 位移 3.00 米，超过限差 2.00 米
	// Marker 4350012A moved 3.00 m, more than the 2.00 m tolerance
}
