package tiles

import (
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
)

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

// EmptyGlyphs returns a glyph PBF (the MapLibre glyph protocol buffer) for
// one font stack and range holding no glyphs: MapLibre draws CJK from a
// local font (localIdeographFontFamily) and the remaining characters it
// lacks are left out of labels rather than failing the map.
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
