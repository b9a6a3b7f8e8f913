package geo_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/geo"
)

func ExampleZone_Forward() {
	z, err := geo.ZoneByEPSG(4545) // CGCS2000 3° GK zone 36, CM 108°E, no prefix
	if err != nil {
		panic(err)
	}
	p := z.Forward(orb.Point{109.2, 28.5}) // lon, lat
	fmt.Printf("E %.4f N %.4f\n", p[0], p[1])
	q := z.Inverse(p)
	fmt.Printf("lon %.9f lat %.9f\n", q[0], q[1])
	// Output:
	// E 617489.6489 N 3154440.6231
	// lon 109.200000000 lat 28.500000000
}

func ExampleCheckZone() {
	// An easting without the zone prefix declared as EPSG:4524.
	fmt.Println(geo.CheckZone(4524, 617489.6489, 109.2))
	// Output:
	// easting: easting 617489.649 m has no zone prefix, but EPSG:4524 (zone 36) expects an easting of 36000000–36999999 m; without the prefix use EPSG:4545
}

func ExamplePlanarLocate() {
	line := orb.LineString{{500000, 3100000}, {500100, 3100000}, {500100, 3100100}}
	loc, err := geo.PlanarLocate(line, orb.Point{500103, 3100040})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.1f m %s of the line, %.1f m along it\n", loc.Distance, loc.Side, loc.Measure)
	// Output:
	// 3.0 m right of the line, 140.0 m along it
}
