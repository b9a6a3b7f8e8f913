package fieldkit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"sort"
	"strconv"
	"time"

	"github.com/toponym/toponym/data"
)

// Hash returns the hex SHA-256 of the canonical encoding of rec, a pointer
// to a data record. The encoding covers every exported field in declaration
// order except the store-managed timestamps Updated and Created and the
// server-owned review state of a place (Review, ReviewedBy, ReviewedAt:
// the gazetteer's review workflow sets it, never a field edit); times are
// UTC RFC 3339 with nanoseconds, floats are shortest round-trip decimals,
// nil and empty slices encode alike, and an interface (a place's geometry)
// encodes its dynamic type with its value, so a LineString and a MultiPoint
// with the same coordinates differ.
func Hash(rec any) string {
	sum := sha256.Sum256(canonical(rec))
	return hex.EncodeToString(sum[:])
}

// canonical returns the canonical encoding of v (see Hash).
func canonical(v any) []byte {
	var b bytes.Buffer
	encode(&b, reflect.ValueOf(v))
	return b.Bytes()
}

var (
	timeType  = reflect.TypeOf(time.Time{})
	placeType = reflect.TypeOf(data.NamedPlace{})
)

// storeManaged reports whether field f of struct type owner is set by the
// server store, not by whoever writes the record, and so is left out of
// hashes and comparisons: the timestamps a store sets on write, and a
// place's review state, which only the review workflow changes.
func storeManaged(owner reflect.Type, f reflect.StructField) bool {
	if owner == placeType && (f.Name == "Review" || f.Name == "ReviewedBy" || f.Name == "ReviewedAt") {
		return true
	}
	return f.Type == timeType && (f.Name == "Updated" || f.Name == "Created")
}

func encode(b *bytes.Buffer, v reflect.Value) {
	if !v.IsValid() {
		b.WriteString("null")
		return
	}
	if v.Type() == timeType {
		encodeTime(b, v.Interface().(time.Time))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		encode(b, v.Elem())
	case reflect.Interface:
		if v.IsNil() || (v.Elem().Kind() == reflect.Slice && v.Elem().Len() == 0) {
			b.WriteString("null")
			return
		}
		b.WriteString(v.Elem().Type().String())
		encode(b, v.Elem())
	case reflect.Struct:
		encodeStruct(b, v)
	case reflect.Slice, reflect.Array:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			encode(b, v.Index(i))
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case reflect.Map:
		encodeMap(b, v)
	default:
		encodeScalar(b, v)
	}
}

func encodeTime(b *bytes.Buffer, t time.Time) {
	if t.IsZero() {
		b.WriteString("null")
		return
	}
	b.WriteString(strconv.Quote(t.UTC().Format(time.RFC3339Nano)))
}

func encodeStruct(b *bytes.Buffer, v reflect.Value) {
	b.WriteByte('{')
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || storeManaged(v.Type(), f) {
			continue
		}
		b.WriteString(f.Name)
		b.WriteByte(':')
		encode(b, v.Field(i))
		b.WriteByte(',')
	}
	b.WriteByte('}')
}

func encodeMap(b *bytes.Buffer, v reflect.Value) {
	keys := make([]string, 0, v.Len())
	byKey := map[string]reflect.Value{}
	for _, k := range v.MapKeys() {
		s := string(canonical(k.Interface()))
		keys = append(keys, s)
		byKey[s] = v.MapIndex(k)
	}
	sort.Strings(keys)
	b.WriteByte('{')
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte(':')
		encode(b, byKey[k])
		b.WriteByte(',')
	}
	b.WriteByte('}')
}

func encodeScalar(b *bytes.Buffer, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if f == 0 {
			f = 0 // -0 and 0 are one value
		}
		b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	default:
		b.WriteString("?" + v.Kind().String())
	}
}

// DiffFields returns the names of the fields in which a and b, pointers to
// records of one type, differ, store-managed fields aside, in
// declaration order.
func DiffFields(a, b any) []string {
	va, vb := reflect.Indirect(reflect.ValueOf(a)), reflect.Indirect(reflect.ValueOf(b))
	if !va.IsValid() || !vb.IsValid() || va.Type() != vb.Type() || va.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := 0; i < va.NumField(); i++ {
		f := va.Type().Field(i)
		if !f.IsExported() || storeManaged(va.Type(), f) {
			continue
		}
		var ea, eb bytes.Buffer
		encode(&ea, va.Field(i))
		encode(&eb, vb.Field(i))
		if !bytes.Equal(ea.Bytes(), eb.Bytes()) {
			out = append(out, f.Name)
		}
	}
	return out
}
