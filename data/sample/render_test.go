package sample

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// TestRenderSVG writes the sample's polygons to $SAMPLE_SVG for a visual
// check; it does nothing unless that variable is set.
func TestRenderSVG(t *testing.T) {
	path := os.Getenv("SAMPLE_SVG")
	if path == "" {
		t.Skip("set SAMPLE_SVG=file.svg to render the sample")
	}
	s := buildShapes()
	var b strings.Builder
	x0, y0, k := 108.0, 29.7, 600.0
	if os.Getenv("SAMPLE_ZOOM") != "" { // around the tri-junction
		x0, y0, k = 109.12, 28.62, 5000
	}
	w, h := int(2.0*k), int(2.1*k)
	if os.Getenv("SAMPLE_ZOOM") != "" {
		w, h = 1200, 1200
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" style="background:white">`, w, h, w, h)
	path2 := func(mp orb.MultiPolygon) string {
		var d strings.Builder
		for _, poly := range mp {
			for _, r := range poly {
				for i, p := range r {
					c := "L"
					if i == 0 {
						c = "M"
					}
					fmt.Fprintf(&d, "%s%.1f %.1f ", c, (p[0]-x0)*k*0.879, (y0-p[1])*k)
				}
				d.WriteString("Z ")
			}
		}
		return d.String()
	}
	colors := []string{"#fde", "#dfe", "#def", "#ffd", "#edf", "#fed", "#dff", "#efd", "#eee"}
	i := 0
	for _, code := range sortedKeys(s.counties) {
		fmt.Fprintf(&b, `<path d="%s" fill="%s" stroke="none" fill-rule="evenodd"/>`, path2(s.county(code)), colors[i%len(colors)])
		i++
	}
	for _, code := range sortedKeys(s.towns) {
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#888" stroke-width="0.6"/>`, path2(s.towns[code].multiPolygon()))
	}
	for _, code := range sortedKeys(s.counties) {
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="black" stroke-width="1.5"/>`, path2(s.county(code)))
	}
	for _, r := range townshipRows {
		c := s.towns[r.Code].multiPolygon().Bound().Center()
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="9">%s</text>`, (c[0]-x0)*k*0.879, (y0-c[1])*k, r.Code[6:])
	}
	for _, r := range upperRows[5:] {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="14" fill="blue">%s</text>`, (r.Lon-x0)*k*0.879, (y0-r.Lat)*k, r.Code)
	}
	set := Dataset()
	for _, m := range set.Markers {
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="orange"/><text x="%.1f" y="%.1f" font-size="8">%s</text>`,
			(m.Position[0]-x0)*k*0.879, (y0-m.Position[1])*k, (m.Position[0]-x0)*k*0.879+4, (y0-m.Position[1])*k, string([]rune(m.Number)[len([]rune(m.Number))-4:]))
	}
	for _, pl := range set.Places {
		c := pl.Geometry.Bound().Center()
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="green"/>`, (c[0]-x0)*k*0.879, (y0-c[1])*k)
	}
	p := TriJunctionPoint
	fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="red"/>`, (p[0]-x0)*k*0.879, (y0-p[1])*k)
	b.WriteString("</svg>")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
