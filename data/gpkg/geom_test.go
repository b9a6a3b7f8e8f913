package gpkg

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

var (
	ring    = orb.Ring{{109.1, 28.4}, {109.3, 28.4}, {109.3, 28.6}, {109.1, 28.6}, {109.1, 28.4}}
	hole    = orb.Ring{{109.15, 28.45}, {109.2, 28.45}, {109.2, 28.5}, {109.15, 28.45}}
	line    = orb.LineString{{109.0, 28.0}, {109.5, 28.7}, {109.9, 28.2}}
	polygon = orb.Polygon{ring, hole}
)

func codecCases() []struct {
	name  string
	g     orb.Geometry
	empty bool
} {
	return []struct {
		name  string
		g     orb.Geometry
		empty bool
	}{
		{"point", orb.Point{109.2702, 28.5035}, false},
		{"multipoint", orb.MultiPoint{{109, 28}, {110, 29}}, false},
		{"linestring", line, false},
		{"multilinestring", orb.MultiLineString{line, {{108, 27}, {108.5, 27.5}}}, false},
		{"polygon", polygon, false},
		{"multipolygon", orb.MultiPolygon{polygon, {{{100, 20}, {101, 20}, {101, 21}, {100, 20}}}}, false},
		{"collection", orb.Collection{orb.Point{109, 28}, line, polygon}, false},
		{"nested collection", orb.Collection{orb.Collection{orb.Point{1, 2}}, orb.MultiPoint{{3, 4}}}, false},
		{"empty point", orb.Point{math.NaN(), math.NaN()}, true},
		{"empty multipoint", orb.MultiPoint{}, true},
		{"empty linestring", orb.LineString{}, true},
		{"empty multilinestring", orb.MultiLineString{}, true},
		{"empty polygon", orb.Polygon{}, true},
		{"empty multipolygon", orb.MultiPolygon{}, true},
		{"empty collection", orb.Collection{}, true},
	}
}

func TestGeometryRoundTrip(t *testing.T) {
	for _, tc := range codecCases() {
		t.Run(tc.name, func(t *testing.T) {
			b, err := EncodeGeometry(tc.g, 4490)
			if err != nil {
				t.Fatal(err)
			}
			if string(b[:3]) != "GP\x00" {
				t.Fatalf("header %x: want magic GP and version 0", b[:3])
			}
			if b[3]&flagLittleEndian == 0 {
				t.Errorf("flags %08b: header not marked little-endian", b[3])
			}
			got, h, err := DecodeGeometry(b)
			if err != nil {
				t.Fatal(err)
			}
			if h.SRSID != 4490 || h.Empty != tc.empty {
				t.Errorf("header = srs %d empty %v; want 4490 %v", h.SRSID, h.Empty, tc.empty)
			}
			if got.GeoJSONType() != tc.g.GeoJSONType() {
				t.Fatalf("type %s, want %s", got.GeoJSONType(), tc.g.GeoJSONType())
			}
			checkEnvelope(t, tc.g, h, tc.empty)
			if tc.empty {
				if !isEmpty(got) {
					t.Errorf("decoded %v; want empty", got)
				}
				return
			}
			if !orb.Equal(got, tc.g) {
				t.Errorf("round trip: got %v, want %v", got, tc.g)
			}
		})
	}
}

// checkEnvelope checks the stored envelope against orb's bound of g, and
// that the WKB after the header is orb's standard WKB of g.
func checkEnvelope(t *testing.T, g orb.Geometry, h Header, empty bool) {
	t.Helper()
	_, isPt := g.(orb.Point)
	switch {
	case empty || isPt:
		if h.Envelope != nil {
			t.Errorf("envelope %v; want none for points and empty geometries", h.Envelope)
		}
	case h.Envelope == nil:
		t.Errorf("no envelope")
	case !h.Envelope.Equal(g.Bound()):
		t.Errorf("envelope %v, want %v", *h.Envelope, g.Bound())
	}
}

func TestEncodeWKBIsStandard(t *testing.T) {
	for _, tc := range codecCases() {
		b, err := EncodeGeometry(tc.g, 4490)
		if err != nil {
			t.Fatal(err)
		}
		h, _ := DecodeHeader(b)
		want, _ := wkb.Marshal(tc.g, binary.LittleEndian)
		if string(b[h.wkbStart:]) != string(want) {
			t.Errorf("%s: WKB body differs from orb's standard WKB", tc.name)
		}
	}
}

func TestEncodeRingAndBoundAsPolygon(t *testing.T) {
	for _, g := range []orb.Geometry{ring, orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{3, 4}}} {
		b, err := EncodeGeometry(g, 4490)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := DecodeGeometry(b)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.(orb.Polygon); !ok {
			t.Errorf("%T decoded as %T, want orb.Polygon", g, got)
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	for name, g := range map[string]orb.Geometry{
		"nil":           nil,
		"half NaN":      orb.Point{math.NaN(), 1},
		"infinite":      orb.LineString{{1, 2}, {math.Inf(1), 3}},
		"NaN in a ring": orb.Polygon{{{1, 1}, {2, math.NaN()}, {1, 2}, {1, 1}}},
	} {
		if _, err := EncodeGeometry(g, 4490); err == nil {
			t.Errorf("%s: encoded without error", name)
		}
	}
}

// TestDecodeBigEndianHeader decodes a blob written by hand with a big-endian
// header and envelope and a big-endian WKB body, as other writers may.
func TestDecodeBigEndianHeader(t *testing.T) {
	b := []byte{'G', 'P', 0, 1 << envelopeShift, 0, 0, 0x11, 0x8a} // srs 4490, envelope, big-endian
	for _, v := range []float64{1, 3, 2, 4} {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(v))
	}
	b = append(b, wkb.MustMarshal(orb.LineString{{1, 2}, {3, 4}}, binary.BigEndian)...)
	g, h, err := DecodeGeometry(b)
	if err != nil {
		t.Fatal(err)
	}
	if h.SRSID != 4490 || !h.Envelope.Equal(orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{3, 4}}) {
		t.Errorf("header %+v", h)
	}
	if !orb.Equal(g, orb.LineString{{1, 2}, {3, 4}}) {
		t.Errorf("geometry %v", g)
	}
}

func TestDecodeRejects(t *testing.T) {
	good, _ := EncodeGeometry(line, 4490)
	for name, b := range map[string][]byte{
		"empty":          {},
		"short":          []byte("GP\x00"),
		"bad magic":      append([]byte("XP"), good[2:]...),
		"version 1":      append([]byte("GP\x01"), good[3:]...),
		"extended":       append([]byte{'G', 'P', 0, good[3] | flagExtended}, good[4:]...),
		"bad indicator":  append([]byte{'G', 'P', 0, 7 << envelopeShift}, good[4:]...),
		"cut envelope":   good[:20],
		"cut wkb":        good[:len(good)-3],
		"no wkb":         good[:40],
		"wkb type 99":    append(append([]byte{}, good[:40]...), 1, 99, 0, 0, 0),
		"raw wkb, no GP": wkb.MustMarshal(line),
	} {
		if _, _, err := DecodeGeometry(b); !errors.Is(err, errBlob) {
			t.Errorf("%s: err = %v, want errBlob", name, err)
		}
	}
}

func TestBlobBound(t *testing.T) {
	for _, tc := range codecCases() {
		b, _ := EncodeGeometry(tc.g, 4490)
		bd, ok, err := blobBound(b)
		if err != nil || ok == tc.empty {
			t.Errorf("%s: ok %v err %v", tc.name, ok, err)
			continue
		}
		if ok && !bd.Equal(tc.g.Bound()) {
			t.Errorf("%s: bound %v, want %v", tc.name, bd, tc.g.Bound())
		}
	}
}

func FuzzDecodeGeometry(f *testing.F) {
	for _, tc := range codecCases() {
		b, _ := EncodeGeometry(tc.g, 4490)
		f.Add(b)
	}
	f.Add([]byte("GP\x00\x03"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, h, err := DecodeGeometry(b)
		if err != nil {
			return
		}
		if isEmpty(g) || !finite(g) {
			return
		}
		// A decodable non-empty geometry re-encodes and decodes to itself.
		b2, err := EncodeGeometry(g, h.SRSID)
		if err != nil {
			t.Fatalf("re-encode %v: %v", g, err)
		}
		g2, _, err := DecodeGeometry(b2)
		if err != nil || !orb.Equal(g, g2) {
			t.Fatalf("re-decode: %v %v, want %v", g2, err, g)
		}
	})
}
