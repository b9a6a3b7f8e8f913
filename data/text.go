package data

import (
	"fmt"
	"reflect"
	"strconv"
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
// path in the API's spelling: names[1].text, attrs.备注. It allocates
// nothing for sound text: a bulk import runs it for every record.
func checkTexts(v any) error {
	f := walkTexts(reflect.ValueOf(v))
	if f == nil {
		return nil
	}
	var b strings.Builder
	for i := len(f.path) - 1; i >= 0; i-- {
		seg := f.path[i]
		if b.Len() > 0 && seg[0] != '[' {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return CheckText(b.String(), f.text)
}

// textFault is a bad string and its path, innermost segment first.
type textFault struct {
	text string
	path []string
}

func (f *textFault) at(seg string) *textFault {
	if f != nil && seg != "" {
		f.path = append(f.path, seg)
	}
	return f
}

func walkTexts(v reflect.Value) *textFault {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); CheckText("", s) != nil {
			return &textFault{text: s}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return walkTexts(v.Elem())
		}
	case reflect.Struct:
		for _, f := range textFields(v.Type()) {
			if bad := walkTexts(v.Field(f.index)); bad != nil {
				return bad.at(f.name)
			}
		}
	case reflect.Slice, reflect.Array:
		if !holdsText(v.Type().Elem()) {
			return nil
		}
		for i := range v.Len() {
			if bad := walkTexts(v.Index(i)); bad != nil {
				return bad.at("[" + strconv.Itoa(i) + "]")
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if k := it.Key(); k.Kind() == reflect.String {
				if CheckText("", k.String()) != nil {
					return &textFault{text: k.String()}
				}
				if bad := walkTexts(it.Value()); bad != nil {
					return bad.at(k.String())
				}
			}
		}
	}
	return nil
}

// textField is an exported field of a struct that may hold text, and its
// name in the API's spelling ("" for an embedded struct).
type textField struct {
	index int
	name  string
}

// textFields returns the fields of struct type t that may hold text.
func textFields(t reflect.Type) []textField {
	if fs, ok := structFields.Load(t); ok {
		return fs.([]textField)
	}
	var fs []textField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || !holdsText(f.Type) {
			continue
		}
		name := snake(f.Name)
		if f.Anonymous {
			name = ""
		}
		fs = append(fs, textField{i, name})
	}
	structFields.Store(t, fs)
	return fs
}

// structFields caches textFields by type.
var structFields sync.Map

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
