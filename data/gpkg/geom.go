package gpkg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/toponym/toponym/data"
)

// GeoPackage binary geometry (GeoPackage 1.3, clause 2.1.3): a header of
// magic "GP", version 0, a flags byte, the SRS id and an optional envelope,
// followed by standard (ISO, 2D) WKB. This file is the only place that reads
// or writes the format.

const (
	flagLittleEndian = 0x01 // B: header byte order
	flagEmpty        = 0x10 // Y: empty geometry
	flagExtended     = 0x20 // X: extended GeoPackage geometry
	envelopeShift    = 1    // bits 1–3: envelope contents indicator
	envelopeMask     = 0x07
	headerSize       = 8
)

// envelopeSizes maps the envelope contents indicator to its size in bytes.
var envelopeSizes = [...]int{0, 32, 48, 48, 64}

// errBlob is the cause of every decoding failure.
var errBlob = errors.New("gpkg: not a GeoPackage geometry blob")

// EncodeGeometry returns g as a GeoPackage geometry blob in SRS srsID: a
// little-endian header with the [minx, maxx, miny, maxy] envelope (none for
// points and empty geometries, as GDAL writes them) and standard WKB. An
// empty geometry (no coordinates, or a point of NaN coordinates) sets the
// empty flag. A nil geometry or a non-finite coordinate in a non-empty
// geometry is an error.
func EncodeGeometry(g orb.Geometry, srsID int32) ([]byte, error) {
	if g == nil {
		return nil, fmt.Errorf("gpkg: encode: nil geometry")
	}
	empty := isEmpty(g)
	if !empty && !finite(g) {
		return nil, fmt.Errorf("gpkg: encode: %s has a NaN or infinite coordinate", g.GeoJSONType())
	}
	flags := byte(flagLittleEndian)
	withEnvelope := !empty && !isPoint(g)
	if empty {
		flags |= flagEmpty
	}
	if withEnvelope {
		flags |= 1 << envelopeShift
	}
	body, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("gpkg: encode: %w", err)
	}
	n := headerSize + len(body)
	if withEnvelope {
		n += 32
	}
	b := make([]byte, headerSize, n)
	b[0], b[1], b[2], b[3] = 'G', 'P', 0, flags
	binary.LittleEndian.PutUint32(b[4:], uint32(srsID))
	if withEnvelope {
		bd := g.Bound()
		for _, v := range [4]float64{bd.Min[0], bd.Max[0], bd.Min[1], bd.Max[1]} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	return append(b, body...), nil
}

// Header is the parsed header of a GeoPackage geometry blob.
type Header struct {
	SRSID    int32
	Empty    bool
	Envelope *orb.Bound // nil when the blob carries none
	wkbStart int
}

// DecodeHeader parses the header of a GeoPackage geometry blob.
func DecodeHeader(b []byte) (Header, error) {
	if len(b) < headerSize || b[0] != 'G' || b[1] != 'P' {
		return Header{}, fmt.Errorf("%w: bad magic", errBlob)
	}
	if b[2] != 0 {
		return Header{}, fmt.Errorf("%w: version %d, want 0", errBlob, b[2])
	}
	flags := b[3]
	if flags&flagExtended != 0 {
		return Header{}, fmt.Errorf("%w: extended geometry types are not supported", errBlob)
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&flagLittleEndian != 0 {
		order = binary.LittleEndian
	}
	ind := int(flags>>envelopeShift) & envelopeMask
	if ind >= len(envelopeSizes) {
		return Header{}, fmt.Errorf("%w: envelope indicator %d", errBlob, ind)
	}
	h := Header{SRSID: int32(order.Uint32(b[4:])), Empty: flags&flagEmpty != 0,
		wkbStart: headerSize + envelopeSizes[ind]}
	if len(b) < h.wkbStart {
		return Header{}, fmt.Errorf("%w: truncated envelope", errBlob)
	}
	if ind > 0 {
		f := func(i int) float64 { return math.Float64frombits(order.Uint64(b[headerSize+8*i:])) }
		h.Envelope = &orb.Bound{Min: orb.Point{f(0), f(2)}, Max: orb.Point{f(1), f(3)}}
	}
	return h, nil
}

// DecodeGeometry parses a GeoPackage geometry blob. An empty point decodes
// as a point of NaN coordinates; other empty geometries as empty values of
// their type. Z and M coordinates are not supported.
func DecodeGeometry(b []byte) (orb.Geometry, Header, error) {
	h, err := DecodeHeader(b)
	if err != nil {
		return nil, Header{}, err
	}
	g, err := wkb.Unmarshal(b[h.wkbStart:])
	if err != nil {
		return nil, Header{}, fmt.Errorf("%w: %w", errBlob, err)
	}
	return g, h, nil
}

// blobBound returns the envelope of a blob: its stored envelope, or the
// bound of its geometry when it carries none. ok is false for an empty
// geometry.
func blobBound(b []byte) (bd orb.Bound, ok bool, err error) {
	h, err := DecodeHeader(b)
	if err != nil {
		return orb.Bound{}, false, err
	}
	if h.Empty {
		return orb.Bound{}, false, nil
	}
	if h.Envelope != nil {
		return *h.Envelope, true, nil
	}
	g, err := wkb.Unmarshal(b[h.wkbStart:])
	if err != nil {
		return orb.Bound{}, false, fmt.Errorf("%w: %w", errBlob, err)
	}
	if isEmpty(g) {
		return orb.Bound{}, false, nil
	}
	return g.Bound(), true, nil
}

func isPoint(g orb.Geometry) bool {
	_, ok := g.(orb.Point)
	return ok
}

// isEmpty reports whether g has no coordinates; a point of NaN coordinates
// is the WKB form of an empty point.
func isEmpty(g orb.Geometry) bool {
	n := 0
	data.EachPoint(g, func(p orb.Point) {
		if !math.IsNaN(p[0]) || !math.IsNaN(p[1]) {
			n++
		}
	})
	return n == 0
}

func finite(g orb.Geometry) bool {
	ok := true
	data.EachPoint(g, func(p orb.Point) {
		for _, v := range p {
			ok = ok && !math.IsNaN(v) && !math.IsInf(v, 0)
		}
	})
	return ok
}
