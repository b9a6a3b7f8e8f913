// Package glyphs renders the glyph ranges MapLibre GL asks for
// (/fonts/{fontstack}/{start}-{end}.pbf) from a TrueType or OpenType font:
// each glyph a signed distance field as the glyph protocol buffer of
// mapbox/fontnik carries it, so that MapLibre's text shader draws it.
//
// Units are pixels of a 24-pixel em, y up from the baseline while
// rendering; bitmaps are stored row by row from the top. The field's
// conventions are fontnik's: a 3-pixel border around the glyph's box,
// distances up to 8 pixels, and a byte of 255 - (32·d + 64) for a signed
// distance d in pixels (positive outside), so that the outline sits at 191
// (MapLibre's 0.75 edge).
package glyphs

import (
	"fmt"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Rendering constants (fontnik's).
const (
	Size   = 24  // em size in pixels
	Border = 3   // pixels of field around the glyph's box
	Radius = 8.0 // distance in pixels the field spans beyond the edge
	Cutoff = 0.25
)

// Glyph is one rendered glyph in the metrics of the glyph protocol buffer:
// Width and Height of the glyph's box, Bitmap of (Width+2·Border) ×
// (Height+2·Border) bytes (nil for an empty glyph), Left and Top of the
// box (Top measured from the line's ascender, as fontnik writes it) and
// the Advance, all in pixels.
type Glyph struct {
	ID            rune
	Width, Height int
	Left, Top     int
	Advance       int
	Bitmap        []byte
}

// Font renders glyphs of one font at Size pixels.
type Font struct {
	f        *sfnt.Font
	buf      sfnt.Buffer
	ascender int // pixels, rounded
}

// Open parses a TrueType or OpenType font file.
func Open(b []byte) (*Font, error) {
	f, err := sfnt.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("glyphs: %w", err)
	}
	fo := &Font{f: f}
	m, err := f.Metrics(&fo.buf, fixed.I(Size), font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("glyphs: metrics: %w", err)
	}
	fo.ascender = m.Ascent.Round()
	return fo, nil
}

// Glyph renders the glyph of r; ok is false when the font has none.
func (fo *Font) Glyph(r rune) (g Glyph, ok bool, err error) {
	idx, err := fo.f.GlyphIndex(&fo.buf, r)
	if err != nil || idx == 0 {
		return Glyph{}, false, err
	}
	adv, err := fo.f.GlyphAdvance(&fo.buf, idx, fixed.I(Size), font.HintingNone)
	if err != nil {
		return Glyph{}, false, fmt.Errorf("glyphs: advance of %U: %w", r, err)
	}
	segs, err := fo.f.LoadGlyph(&fo.buf, idx, fixed.I(Size), nil)
	if err != nil {
		return Glyph{}, false, fmt.Errorf("glyphs: outline of %U: %w", r, err)
	}
	g = Glyph{ID: r, Advance: adv.Round()}
	rings := flatten(segs)
	if len(rings) == 0 {
		return g, true, nil
	}
	render(&g, rings, fo.ascender)
	return g, true, nil
}

type pt struct{ x, y float64 }

// flatten turns the outline (y down, 26.6 fixed point) into closed
// polygons with y up, curves cut into straight pieces.
func flatten(segs sfnt.Segments) [][]pt {
	var rings [][]pt
	var cur []pt
	p := func(v fixed.Point26_6) pt { return pt{float64(v.X) / 64, -float64(v.Y) / 64} }
	closeRing := func() {
		if len(cur) > 2 {
			rings = append(rings, cur)
		}
		cur = nil
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			closeRing()
			cur = []pt{p(s.Args[0])}
		case sfnt.SegmentOpLineTo:
			cur = append(cur, p(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			a, b, c := cur[len(cur)-1], p(s.Args[0]), p(s.Args[1])
			for i := 1; i <= curveSteps; i++ {
				t := float64(i) / curveSteps
				u := 1 - t
				cur = append(cur, pt{u*u*a.x + 2*u*t*b.x + t*t*c.x, u*u*a.y + 2*u*t*b.y + t*t*c.y})
			}
		case sfnt.SegmentOpCubeTo:
			a, b, c, d := cur[len(cur)-1], p(s.Args[0]), p(s.Args[1]), p(s.Args[2])
			for i := 1; i <= curveSteps; i++ {
				t := float64(i) / curveSteps
				u := 1 - t
				cur = append(cur, pt{u*u*u*a.x + 3*u*u*t*b.x + 3*u*t*t*c.x + t*t*t*d.x,
					u*u*u*a.y + 3*u*u*t*b.y + 3*u*t*t*c.y + t*t*t*d.y})
			}
		}
	}
	closeRing()
	return rings
}

// curveSteps is how many straight pieces a curve becomes: at 24 pixels a
// curve spans a few pixels, and 8 pieces stay within a hundredth of one.
const curveSteps = 8

// render fills g's box, metrics and field from the rings.
func render(g *Glyph, rings [][]pt, ascender int) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rings {
		for _, p := range r {
			minX, minY = math.Min(minX, p.x), math.Min(minY, p.y)
			maxX, maxY = math.Max(maxX, p.x), math.Max(maxY, p.y)
		}
	}
	x0, y0 := math.Round(minX), math.Round(minY)
	x1, y1 := math.Round(maxX), math.Round(maxY)
	g.Left, g.Top = int(x0), int(y1)-ascender
	g.Width, g.Height = int(x1-x0), int(y1-y0)
	w, h := g.Width+2*Border, g.Height+2*Border
	g.Bitmap = make([]byte, w*h)
	for row := 0; row < h; row++ {
		// Pixel centres in font pixels, y up; row 0 is the top.
		cy := y0 - Border + float64(h-row-1) + 0.5
		for col := 0; col < w; col++ {
			cx := x0 - Border + float64(col) + 0.5
			g.Bitmap[row*w+col] = fieldByte(signedDistance(rings, pt{cx, cy}))
		}
	}
}

// fieldByte encodes a signed distance (pixels, positive outside).
func fieldByte(d float64) byte {
	v := d*(256/Radius) + Cutoff*256
	return byte(255 - math.Max(0, math.Min(255, v)))
}

// signedDistance returns the distance from p to the outline, negative
// inside (non-zero winding, as TrueType fills).
func signedDistance(rings [][]pt, p pt) float64 {
	best := math.Inf(1)
	winding := 0
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			best = math.Min(best, segmentDistance(p, a, b))
			if a.y <= p.y {
				if b.y > p.y && cross(a, b, p) > 0 {
					winding++
				}
			} else if b.y <= p.y && cross(a, b, p) < 0 {
				winding--
			}
		}
	}
	if winding != 0 {
		return -best
	}
	return best
}

func cross(a, b, p pt) float64 { return (b.x-a.x)*(p.y-a.y) - (p.x-a.x)*(b.y-a.y) }

func segmentDistance(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l))
	}
	return math.Hypot(p.x-(a.x+t*dx), p.y-(a.y+t*dy))
}
