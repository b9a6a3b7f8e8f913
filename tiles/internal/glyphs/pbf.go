package glyphs

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
)

// The glyph protocol buffer (fontnik's glyphs.proto):
//
//	message glyphs { repeated fontstack stacks = 1; }
//	message fontstack { string name = 1; string range = 2; repeated glyph glyphs = 3; }
//	message glyph { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
//	                sint32 left = 5; sint32 top = 6; uint32 advance = 7; }

// Range renders the 256 code points from start (a multiple of 256) that
// the font has and encodes them as one fontstack named fontstack.
func (fo *Font) Range(fontstack string, start int) ([]byte, error) {
	var gs []Glyph
	for r := rune(start); r < rune(start+256); r++ {
		g, ok, err := fo.Glyph(r)
		if err != nil {
			return nil, err
		}
		if ok {
			gs = append(gs, g)
		}
	}
	return Encode(fontstack, start, gs), nil
}

// Encode writes glyphs as the glyph protocol buffer of one fontstack.
func Encode(fontstack string, start int, gs []Glyph) []byte {
	var stack []byte
	stack = appendBytes(stack, 1, []byte(fontstack))
	stack = appendBytes(stack, 2, []byte(strconv.Itoa(start)+"-"+strconv.Itoa(start+255)))
	for _, g := range gs {
		var m []byte
		m = appendVarint(m, 1, uint64(g.ID))
		if len(g.Bitmap) > 0 {
			m = appendBytes(m, 2, g.Bitmap)
		}
		m = appendVarint(m, 3, uint64(g.Width))
		m = appendVarint(m, 4, uint64(g.Height))
		m = appendVarint(m, 5, zigzag(g.Left))
		m = appendVarint(m, 6, zigzag(g.Top))
		m = appendVarint(m, 7, uint64(g.Advance))
		stack = appendBytes(stack, 3, m)
	}
	return appendBytes(nil, 1, stack)
}

func zigzag(v int) uint64 { return uint64((int64(v) << 1) ^ (int64(v) >> 63)) }

func appendVarint(b []byte, field int, v uint64) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3)
	return binary.AppendUvarint(b, v)
}

func appendBytes(b []byte, field int, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3|2)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// Decode reads a glyph protocol buffer of one fontstack: its name, range
// and glyphs. It checks that each bitmap has the size its box implies.
func Decode(b []byte) (name, rng string, gs []Glyph, err error) {
	err = fields(b, func(f int, v uint64, data []byte) error {
		if f != 1 || data == nil {
			return fmt.Errorf("glyphs: field %d at the top level", f)
		}
		return fields(data, func(f int, v uint64, data []byte) error {
			switch f {
			case 1:
				name = string(data)
			case 2:
				rng = string(data)
			case 3:
				g, err := decodeGlyph(data)
				if err != nil {
					return err
				}
				gs = append(gs, g)
			}
			return nil
		})
	})
	return name, rng, gs, err
}

func decodeGlyph(b []byte) (Glyph, error) {
	var g Glyph
	err := fields(b, func(f int, v uint64, data []byte) error {
		switch f {
		case 1:
			g.ID = rune(v)
		case 2:
			g.Bitmap = data
		case 3:
			g.Width = int(v)
		case 4:
			g.Height = int(v)
		case 5:
			g.Left = int(int64(v>>1) ^ -int64(v&1))
		case 6:
			g.Top = int(int64(v>>1) ^ -int64(v&1))
		case 7:
			g.Advance = int(v)
		}
		return nil
	})
	if err == nil && len(g.Bitmap) > 0 && len(g.Bitmap) != (g.Width+2*Border)*(g.Height+2*Border) {
		err = fmt.Errorf("glyphs: %U: bitmap of %d bytes for a %d×%d glyph", g.ID, len(g.Bitmap), g.Width, g.Height)
	}
	return g, err
}

var errTruncated = errors.New("glyphs: truncated protocol buffer")

// fields walks the fields of a message: varints with v, length-delimited
// ones with data.
func fields(b []byte, fn func(field int, v uint64, data []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errTruncated
		}
		b = b[n:]
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return errTruncated
		}
		b = b[n:]
		var data []byte
		switch key & 7 {
		case 0:
		case 2:
			if uint64(len(b)) < v {
				return errTruncated
			}
			data, b = b[:v], b[v:]
		default:
			return fmt.Errorf("glyphs: wire type %d", key&7)
		}
		if err := fn(int(key>>3), v, data); err != nil {
			return err
		}
	}
	return nil
}
