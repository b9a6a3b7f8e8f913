package tiles

//go:generate go run ./internal/glyphs/gen -font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf -out fonts -ranges 0,256

import (
	"embed"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
)

// fonts holds the glyph ranges rendered from DejaVu Sans (see
// fonts/LICENSE-DejaVu.txt): Basic Latin and Latin-1 (0-255) and Latin
// Extended-A and -B (256-511), which hold every pinyin letter with its
// tone mark (ā á ǎ à … ǖ ǘ ǚ ǜ).
//
//go:embed fonts/*.pbf
var fonts embed.FS

// GlyphRanges lists the starts of the ranges that carry glyphs.
func GlyphRanges() []int { return []int{0, 256} }

// Glyphs returns the glyph PBF (MapLibre's glyph protocol buffer) of the
// range from start (a multiple of 256, as ParseGlyphRange returns) for
// the font stack: real signed-distance-field glyphs for the Latin ranges,
// an empty range otherwise. MapLibre draws CJK from a local font
// (localIdeographFontFamily) and never asks for those ranges; characters
// of other empty ranges are left out of labels.
func Glyphs(fontstack string, start int) []byte {
	b, err := fonts.ReadFile("fonts/" + strconv.Itoa(start) + "-" + strconv.Itoa(start+255) + ".pbf")
	if err != nil {
		return EmptyGlyphs(fontstack, start)
	}
	return b
}

// ParseGlyphRange checks a glyph range such as "0-255": a start that is a
// multiple of 256, up to 65280, and an end 255 above it. Errors are
// KindInvalid data.Errors on the field "range".
func ParseGlyphRange(s string) (start int, err error) {
	lo, hi, ok := strings.Cut(s, "-")
	a, errA := strconv.Atoi(lo)
	b, errB := strconv.Atoi(hi)
	if !ok || errA != nil || errB != nil || a < 0 || a%256 != 0 || a > 65280 || b != a+255 ||
		strconv.Itoa(a) != lo || strconv.Itoa(b) != hi {
		e := data.Invalidf("range", "glyph range %q is not of the form N-(N+255) with N a multiple of 256 up to 65280", s)
		e.Value = s
		return 0, e
	}
	return a, nil
}

// EmptyGlyphs returns a glyph PBF for one font stack and range holding no
// glyphs.
func EmptyGlyphs(fontstack string, start int) []byte {
	rng := strconv.Itoa(start) + "-" + strconv.Itoa(start+255)
	stack := append(pbString(1, fontstack), pbString(2, rng)...)
	return append([]byte{0x0a}, append(varint(uint64(len(stack))), stack...)...)
}

func pbString(field int, s string) []byte {
	b := []byte{byte(field<<3 | 2)}
	b = append(b, varint(uint64(len(s)))...)
	return append(b, s...)
}

func varint(v uint64) []byte {
	var b []byte
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}
