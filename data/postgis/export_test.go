package postgis

// Test hooks for the external test package.
var (
	EncodeEWKB = encodeEWKB
	DecodeEWKB = decodeEWKB
	MapError   = mapError
	Constraint = func(name string) (field string, ok bool) {
		c, ok := constraints[name]
		return c.field, ok
	}
)
