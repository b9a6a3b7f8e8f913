package data

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// CheckText refuses text no store can keep alike: a NUL character, which
// PostgreSQL text cannot hold, and bytes that are not UTF-8.
func CheckText(field, v string) error {
	if i := strings.IndexByte(v, 0); i >= 0 {
		return &Error{Kind: KindInvalid, Field: field, Value: quoteAround(v, i),
			Message: fmt.Sprintf("text holds a NUL character (U+0000) at byte %d", i)}
	}
	if !utf8.ValidString(v) {
		i := 0
		for i < len(v) {
			r, n := utf8.DecodeRuneInString(v[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return &Error{Kind: KindInvalid, Field: field, Value: fmt.Sprintf("% x", v[i:min(len(v), i+8)]),
			Message: fmt.Sprintf("text is not valid UTF-8 at byte %d", i)}
	}
	return nil
}

// quoteAround returns a short quoted piece of v around byte i.
func quoteAround(v string, i int) string {
	from, to := max(0, i-12), min(len(v), i+12)
	for from > 0 && !utf8.RuneStart(v[from]) {
		from--
	}
	for to < len(v) && !utf8.RuneStart(v[to]) {
		to++
	}
	return fmt.Sprintf("%q", v[from:to])
}

// checkTexts applies CheckText to every string v holds in its exported
// fields, slices, maps and pointers, and names the first bad one by its
// path in the API's spelling: names[1].text, attrs.备注.
func checkTexts(v any) error {
	return walkTexts(reflect.ValueOf(v), "")
}

func walkTexts(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.String:
		return CheckText(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walkTexts(v.Elem(), path)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || !holdsText(f.Type) {
				continue
			}
			name := snake(f.Name)
			if f.Anonymous {
				name = ""
			}
			if err := walkTexts(v.Field(i), join(path, name)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if !holdsText(v.Type().Elem()) {
			return nil
		}
		for i := range v.Len() {
			if err := walkTexts(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			k := it.Key()
			if k.Kind() == reflect.String {
				if err := CheckText(path, k.String()); err != nil {
					return err
				}
				if err := walkTexts(it.Value(), join(path, k.String())); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// holdsText reports whether values of t may hold a string (interfaces
// may). Geometries and times, the bulk of a record, hold none.
func holdsText(t reflect.Type) bool {
	if h, ok := textTypes.Load(t); ok {
		return h.(bool)
	}
	h := typeHoldsText(t, map[reflect.Type]bool{})
	textTypes.Store(t, h)
	return h
}

// textTypes caches holdsText by type.
var textTypes sync.Map

func typeHoldsText(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return typeHoldsText(t.Elem(), seen)
	case reflect.Map:
		return typeHoldsText(t.Key(), seen) || typeHoldsText(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && typeHoldsText(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

func join(path, name string) string {
	switch {
	case name == "":
		return path
	case path == "":
		return name
	}
	return path + "." + name
}

// snake spells a Go field name as the API does: CensusCode census_code,
// SourceCRS source_crs, ID id.
func snake(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
