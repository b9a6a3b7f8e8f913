package inspection

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

//go:embed report.html.tmpl
var reportHTML string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc":    func(i int) int { return i + 1 },
	"num":    func(v float64) string { return fmt.Sprintf("%.3f", v) },
	"deref":  func(v *float64) float64 { return *v },
	"lonlat": func(p *orb.Point) string { return fmt.Sprintf("%.7f, %.7f", p[0], p[1]) },
	"join":   func(s []string) string { return strings.Join(s, ", ") },
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12] + "…"
		}
		return s
	},
}).Parse(reportHTML))

// WriteHTML writes the report as a printable bilingual HTML page with an
// inline SVG map of the line, its markers and the findings.
func (r *Report) WriteHTML(w io.Writer) error {
	return reportTmpl.Execute(w, struct {
		R   *Report
		Map template.HTML
	}{r, template.HTML(r.svgMap())})
}

// svgMap draws the agreed line, the markers and the findings in an
// equirectangular view scaled by cos(latitude), north up.
func (r *Report) svgMap() string {
	const width, height, pad = 800.0, 500.0, 20.0
	b := r.line.Geometry.Bound()
	for _, m := range r.markers {
		b = b.Extend(m.Position)
	}
	for _, f := range r.records.Findings {
		if f.Location != nil {
			b = b.Union(f.Location.Bound())
		}
	}
	kx := math.Cos((b.Min[1] + b.Max[1]) / 2 * math.Pi / 180)
	w, h := math.Max((b.Max[0]-b.Min[0])*kx, 1e-9), math.Max(b.Max[1]-b.Min[1], 1e-9)
	scale := math.Min((width-2*pad)/w, (height-2*pad)/h)
	xy := func(p orb.Point) (float64, float64) {
		return pad + (p[0]-b.Min[0])*kx*scale, height - pad - (p[1]-b.Min[1])*scale
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="map" xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">`,
		width, height, width, height)
	sb.WriteString(`<rect width="100%" height="100%" fill="#fafaf5"/>`)
	for _, ls := range r.line.Geometry {
		sb.WriteString(`<polyline fill="none" stroke="#333" stroke-width="1.5" points="`)
		for i, p := range thin(ls, 2000) {
			x, y := xy(p)
			if i > 0 {
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "%.1f,%.1f", x, y)
		}
		sb.WriteString(`"/>`)
	}
	for _, m := range r.markers {
		x, y := xy(m.Position)
		fmt.Fprintf(&sb, `<circle cx="%.1f" cy="%.1f" r="2" fill="#357"><title>%s</title></circle>`, x, y,
			template.HTMLEscapeString(m.Number))
	}
	for i, f := range r.records.Findings {
		if f.Location == nil || f.Severity == "info" {
			continue
		}
		x, y := xy(f.Location.Bound().Center())
		colour := map[bool]string{true: "#b00", false: "#d80"}[f.Severity == "error"]
		fmt.Fprintf(&sb, `<circle cx="%.1f" cy="%.1f" r="7" fill="none" stroke="%s" stroke-width="2"><title>%d %s %s</title></circle>`,
			x, y, colour, i+1, f.Rule, template.HTMLEscapeString(f.MessageEN))
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="10" fill="%s">%d</text>`, x+8, y-8, colour, i+1)
	}
	sb.WriteString(`</svg>`)
	return sb.String()
}

// thin keeps at most n points of ls, evenly spaced, ends kept: enough for
// a map of the whole line.
func thin(ls orb.LineString, n int) orb.LineString {
	if len(ls) <= n {
		return ls
	}
	out := make(orb.LineString, 0, n+1)
	step := float64(len(ls)-1) / float64(n)
	for i := 0; i < n; i++ {
		out = append(out, ls[int(float64(i)*step)])
	}
	return append(out, ls[len(ls)-1])
}
