package sample

import (
	"crypto/sha1"

	"github.com/toponym/toponym/data"
)

// namespace is the fixed name-space of the sample's identifiers: every ID is
// a name-based UUID (version 5, SHA-1) of a key such as "unit/500241/2011"
// in this name-space, so the same record gets the same ID on every run and
// in every store.
var namespace = [16]byte{0x6f, 0x70, 0x6f, 0x6e, 0x79, 0x6d, 0x2d, 0x73,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2d, 0x76, 0x31} // "oponym-sample-v1"

// ID returns the sample's fixed identifier for a key: a version-5 UUID in
// canonical text form. Keys are "<kind>/<name>", e.g. "unit/500000".
func ID(key string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(key))
	var b [16]byte
	copy(b[:], h.Sum(nil))
	b[6] = 0x50 | b[6]&0x0f
	b[8] = 0x80 | b[8]&0x3f
	return data.FormatUUID(b)
}

// UnitID returns the identity (UnitID) of the unit a key names, e.g.
// UnitID("520628") for 松桃苗族自治县 across all its versions.
func UnitID(key string) string { return ID("unit/" + key) }

// VersionID returns the ID of one version of a unit, e.g.
// VersionID("520628", "2011") for 松桃 from 2011 on.
func VersionID(unitKey, version string) string { return ID("version/" + unitKey + "/" + version) }
