package postgis

// Test hooks for the external test package.
var (
	EncodeEWKB = encodeEWKB
	DecodeEWKB = decodeEWKB
	MapError   = mapError
	// PinyinKeysHeld: how many distinct keys an import holds before it
	// spills them; tests lower it to spill often.
	PinyinKeysHeld = &pinyinKeysHeld
	Constraint     = func(name string) (field string, ok bool) {
		c, ok := constraints[name]
		return c.field, ok
	}
)
