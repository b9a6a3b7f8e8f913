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
		fmt.Println(f.Rule, f.Severity, f.Subject)
		fmt.Println(f.MessageZH)
		fmt.Println(f.MessageEN)
	}
	// Output:
	// C8 error 4350012A
	// 界桩 4350012A 位移 3.00 米，超过限差 2.00 米
	// Marker 4350012A moved 3.00 m, more than the 2.00 m tolerance
}

// A round of two lines, run side by side: each line's findings come back
// in the order of the lines. The second line's only marker has no
// reference objects registered and no record in the round.
func ExampleRunLines() {
	z, _ := geo.ZoneByEPSG(4545)
	line := func(id string, y float64) inspect.Input {
		ls := orb.LineString{z.Inverse(orb.Point{620000, y}), z.Inverse(orb.Point{621000, y})}
		return inspect.Input{
			Line:  &data.BoundaryLine{ID: id, Name: id, Geometry: orb.MultiLineString{ls}},
			Round: &data.InspectionRound{ID: "r-" + id},
		}
	}
	a, b := line("A", 3150000), line("B", 3160000)
	b.Markers = []*data.Marker{{ID: "m1", Number: "4350001Q", SourceCRS: 4490,
		Position: z.Inverse(orb.Point{620500, 3160000})}}
	res, err := inspect.RunLines([]inspect.Input{a, b}, inspect.DefaultTolerances())
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, findings := range res {
		for _, f := range findings {
			fmt.Println(i, f.Rule, f.Severity, f.Subject)
		}
	}
	// Output:
	// 1 C9 warning 4350001Q
	// 1 C10 error 4350001Q
}
