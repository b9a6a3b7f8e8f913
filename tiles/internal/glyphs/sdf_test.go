package glyphs

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

const dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

func openDejaVu(t *testing.T) *Font {
	t.Helper()
	b, err := os.ReadFile(dejaVu)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v: apt-get install fonts-dejavu-core", err)
		}
		t.Skipf("%v: apt-get install fonts-dejavu-core", err)
	}
	fo, err := Open(b)
	if err != nil {
		t.Fatal(err)
	}
	return fo
}

// art draws a glyph's field as text: '#' inside the outline, '.' outside.
func art(g Glyph) []string {
	w := g.Width + 2*Border
	var rows []string
	for r := 0; r*w < len(g.Bitmap); r++ {
		var b strings.Builder
		for _, v := range g.Bitmap[r*w : (r+1)*w] {
			if v >= 192 {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		rows = append(rows, b.String())
	}
	return rows
}

// TestGlyphShapes checks fields against what the letters look like: an
// 'o' is a ring with a hole at its centre, an 'l' a bar, the space has no
// bitmap, and ǚ (pinyin) is taller than u.
func TestGlyphShapes(t *testing.T) {
	fo := openDejaVu(t)
	get := func(r rune) Glyph {
		g, ok, err := fo.Glyph(r)
		if err != nil || !ok {
			t.Fatalf("%q: ok %v, %v", r, ok, err)
		}
		return g
	}
	o := get('o')
	a := art(o)
	t.Logf("o (%d×%d, left %d top %d advance %d):\n%s", o.Width, o.Height, o.Left, o.Top, o.Advance, strings.Join(a, "\n"))
	mid := a[len(a)/2]
	if mid[len(mid)/2] != '.' || !strings.Contains(mid, "#") {
		t.Errorf("o: the middle row %q is not a ring around a hole", mid)
	}
	for _, row := range []string{a[0], a[len(a)-1]} {
		if strings.Contains(row, "#") {
			t.Errorf("o: the border row %q is inside the outline", row)
		}
	}
	l := get('l')
	if l.Height <= o.Height || l.Width >= o.Width {
		t.Errorf("l is %d×%d, o %d×%d: want l taller and narrower", l.Width, l.Height, o.Width, o.Height)
	}
	if sp := get(' '); sp.Bitmap != nil || sp.Advance <= 0 {
		t.Errorf("space: %d-byte bitmap, advance %d", len(sp.Bitmap), sp.Advance)
	}
	u, uu := get('u'), get('ǚ')
	if uu.Top <= u.Top || uu.Height <= u.Height || uu.Advance != u.Advance {
		t.Errorf("ǚ top %d height %d advance %d vs u %d %d %d", uu.Top, uu.Height, uu.Advance, u.Top, u.Height, u.Advance)
	}
	// Bitmaps run from the top: the baseline letters' top rows are empty
	// but for x-height letters the dots of ǚ are in the top rows.
	if !strings.Contains(strings.Join(art(uu)[:Border+3], ""), "#") {
		t.Errorf("ǚ has nothing near its top:\n%s", strings.Join(art(uu), "\n"))
	}
}

// TestRangeRoundTrip encodes a range, decodes it and finds every pinyin
// letter with a bitmap of the size its box implies.
func TestRangeRoundTrip(t *testing.T) {
	fo := openDejaVu(t)
	for _, start := range []int{0, 256} {
		b, err := fo.Range("Toponym Sans", start)
		if err != nil {
			t.Fatal(err)
		}
		name, rng, gs, err := Decode(b)
		if err != nil || name != "Toponym Sans" || rng != strconv.Itoa(start)+"-"+strconv.Itoa(start+255) {
			t.Fatalf("%d: %q %q %d glyphs, %v", start, name, rng, len(gs), err)
		}
		again, _ := fo.Range("Toponym Sans", start)
		if !bytes.Equal(b, again) {
			t.Errorf("%d: rendering twice gives different bytes", start)
		}
		have := map[rune]bool{}
		for _, g := range gs {
			have[g.ID] = true
		}
		for _, r := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜĀÁǍÀ" {
			if int(r) >= start && int(r) < start+256 && !have[r] {
				t.Errorf("range %d has no %q", start, r)
			}
		}
	}
}
