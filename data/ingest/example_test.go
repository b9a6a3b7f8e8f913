package ingest_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/toponym/toponym/data/ingest"
)

func ExampleOpen() {
	register := "桩号,X,Y,高程\n" +
		"4350001A,3154440.6231,36617489.6489,301.2\n" +
		"4350002A,3154440.6231,617489.6489,299.0\n"
	s, err := ingest.Open(strings.NewReader(register), "界桩成果表.csv", ingest.Options{ValidRowsOnly: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, err := s.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		h, _ := rec.Height()
		fmt.Printf("%s EPSG:%d → %.6f (%g m)\n", rec.Attrs.MarkerNumber, rec.SourceCRS, rec.Geometry, h)
	}
	for _, e := range s.Errors() {
		fmt.Println(e)
	}
	// Output:
	// 4350001A EPSG:4524 → [109.200000 28.500000] (301.2 m)
	// row 3: Y: easting 617489.649 m has no zone prefix, but EPSG:4524 (zone 36) expects an easting of 36000000–36999999 m; without the prefix use EPSG:4545
}
