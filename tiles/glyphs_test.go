package tiles

import (
	"bytes"
	"os"
	"strconv"
	"testing"

	"github.com/toponym/toponym/tiles/internal/glyphs"
)

// TestEmbeddedGlyphs: the embedded Latin ranges decode, hold every pinyin
// letter with a bitmap of the size its box implies, and are what the
// generator renders from Debian's DejaVu Sans today (when it is there).
func TestEmbeddedGlyphs(t *testing.T) {
	var fo *glyphs.Font
	if b, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err == nil {
		if fo, err = glyphs.Open(b); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("no DejaVu Sans (%v): not regenerating", err)
	}
	have := map[rune]bool{}
	for _, start := range GlyphRanges() {
		b := Glyphs(FontStack, start)
		_, rng, gs, err := glyphs.Decode(b)
		if err != nil || rng != strconv.Itoa(start)+"-"+strconv.Itoa(start+255) || len(gs) < 150 {
			t.Fatalf("range %d: %q, %d glyphs, %v", start, rng, len(gs), err)
		}
		for _, g := range gs {
			have[g.ID] = len(g.Bitmap) > 0 || g.ID == ' ' || g.ID == 0xa0
		}
		if fo != nil {
			if again, err := fo.Range(FontStack, start); err != nil || !bytes.Equal(again, b) {
				t.Errorf("range %d differs from a fresh rendering (%v): run go generate ./tiles", start, err)
			}
		}
	}
	for _, r := range "Xiùshān Tǔjiāzú Miáozú Zìzhìxiàn lǘ nǚ lüè ÜǗǙǛ 0123456789 (),.-" {
		if !have[r] {
			t.Errorf("no glyph for %q", r)
		}
	}
	if _, _, gs, err := glyphs.Decode(Glyphs(FontStack, 19968)); err != nil || len(gs) != 0 {
		t.Errorf("CJK range: %d glyphs, %v; want an empty range", len(gs), err)
	}
}
