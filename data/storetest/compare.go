package storetest

import (
	"fmt"
	"reflect"
	"time"
)

// Diff returns the first difference between want and got as "path: want
// X, got Y", or "" when they are equal. Times compare with Equal (location
// aside); nil and empty slices are equal; floats compare exactly, so
// geometry must round-trip bit for bit.
func Diff(want, got any) string {
	return diff("", reflect.ValueOf(want), reflect.ValueOf(got))
}

var timeType = reflect.TypeOf(time.Time{})

func diff(path string, w, g reflect.Value) string {
	if !w.IsValid() || !g.IsValid() {
		if w.IsValid() != g.IsValid() && !(isNilish(w) && isNilish(g)) {
			return fmt.Sprintf("%s: want %v, got %v", path, show(w), show(g))
		}
		return ""
	}
	if w.Type() != g.Type() {
		return fmt.Sprintf("%s: want type %s, got %s", path, w.Type(), g.Type())
	}
	if w.Type() == timeType {
		wt, gt := w.Interface().(time.Time), g.Interface().(time.Time)
		if !wt.Equal(gt) {
			return fmt.Sprintf("%s: want %s, got %s", path, wt.Format(time.RFC3339Nano), gt.Format(time.RFC3339Nano))
		}
		return ""
	}
	switch w.Kind() {
	case reflect.Pointer, reflect.Interface:
		if w.IsNil() || g.IsNil() {
			if w.IsNil() != g.IsNil() && !(isNilish(w) && isNilish(g)) {
				return fmt.Sprintf("%s: want %v, got %v", path, show(w), show(g))
			}
			return ""
		}
		return diff(path, w.Elem(), g.Elem())
	case reflect.Struct:
		for i := 0; i < w.NumField(); i++ {
			if d := diff(path+"."+w.Type().Field(i).Name, w.Field(i), g.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice, reflect.Array:
		if w.Len() != g.Len() {
			return fmt.Sprintf("%s: want %d elements, got %d: want %v, got %v", path, w.Len(), g.Len(), show(w), show(g))
		}
		for i := 0; i < w.Len(); i++ {
			if d := diff(fmt.Sprintf("%s[%d]", path, i), w.Index(i), g.Index(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		return diffMap(path, w, g)
	}
	if !w.Equal(g) {
		return fmt.Sprintf("%s: want %v, got %v", path, show(w), show(g))
	}
	return ""
}

// diffMap compares two maps key by key; nil and empty maps are equal.
func diffMap(path string, w, g reflect.Value) string {
	if w.Len() != g.Len() {
		return fmt.Sprintf("%s: want %d entries, got %d: want %v, got %v", path, w.Len(), g.Len(), show(w), show(g))
	}
	for _, k := range w.MapKeys() {
		gv := g.MapIndex(k)
		if !gv.IsValid() {
			return fmt.Sprintf("%s[%v]: want %v, got nothing", path, k, show(w.MapIndex(k)))
		}
		if d := diff(fmt.Sprintf("%s[%v]", path, k), w.MapIndex(k), gv); d != "" {
			return d
		}
	}
	return ""
}

// isNilish reports whether v is absent, nil or an empty slice; an
// interface holding an empty slice (an empty orb geometry) counts too.
func isNilish(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Interface:
		return v.IsNil() || isNilish(v.Elem())
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Slice:
		return v.Len() == 0
	}
	return false
}

func show(v reflect.Value) any {
	if !v.IsValid() {
		return "nothing"
	}
	return v.Interface()
}
