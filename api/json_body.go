package api

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/toponym/toponym/data"
)

// decodeBody decodes a request's JSON body into v strictly: unknown
// members, a second value and wrong types are KindInvalid errors naming
// the member ("body" for the whole), in JSON's words (jsonError). A body
// over the limit is the http.MaxBytesError, a 413.
func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return data.Invalidf("body", "the request body cannot be read: %v", err)
	}
	return decodeJSON(b, v, "")
}

// decodeJSON decodes the JSON value b into v strictly, as decodeBody does;
// path names b's place in the body ("" the body itself).
func decodeJSON(b []byte, v any, path string) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return jsonError(err, path)
	}
	if d.More() {
		return data.Invalidf(member(path, ""), "%s holds more than one JSON value", whole(path))
	}
	return nil
}

// jsonError explains an encoding/json decoding error of the value at path
// ("" the request body) to the client: the member at fault and the JSON
// type it must have, never a Go type. Domain errors (from UnmarshalJSON
// methods) and http.MaxBytesError pass through.
func jsonError(err error, path string) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &mb), data.AsError(err) != nil:
		return err
	case errors.Is(err, io.EOF):
		return data.Invalidf(member(path, ""), "%s is empty: send a JSON object", whole(path))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return data.Invalidf(member(path, ""), "the JSON of %s is truncated", whole(path))
	case errors.As(err, &syn):
		return &data.Error{Kind: data.KindInvalid, Field: member(path, ""), Value: "byte " + strconv.FormatInt(syn.Offset, 10),
			Message: fmt.Sprintf("invalid JSON at byte %d: %v", syn.Offset, syn)}
	case errors.As(err, &typ):
		return typeError(typ, path)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := member(path, strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`))
		return &data.Error{Kind: data.KindInvalid, Field: f, Message: "unknown member " + strconv.Quote(f)}
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "json: ") {
		// An UnmarshalJSON method's own words, as time.Time's on a bad time.
		return data.Invalidf(member(path, ""), "the JSON of %s cannot be read: %s", whole(path), msg)
	}
	return data.Invalidf(member(path, ""), "the JSON of %s cannot be read", whole(path))
}

// typeError explains a JSON value of the wrong type.
func typeError(typ *json.UnmarshalTypeError, path string) error {
	field := member(path, typ.Field)
	got, value := jsonValueWord(typ.Value), ""
	if n, ok := strings.CutPrefix(typ.Value, "number "); ok {
		got, value = n, n // a number out of the Go type's range, or a fraction
	}
	want := jsonTypeWord(typ.Type, false)
	subject := field
	if typ.Field == "" {
		subject = whole(path)
	}
	msg := fmt.Sprintf("%s must be a JSON %s, not %s", subject, want, got)
	if value != "" && want == "number" {
		msg = fmt.Sprintf("%s must be a whole number in range, not %s", subject, value)
	}
	return &data.Error{Kind: data.KindInvalid, Field: field, Value: value, Message: msg}
}

// member is the name of field of the value at path: "body" for the body
// itself, field in the body, path.field deeper.
func member(path, field string) string {
	switch {
	case path == "" && field == "":
		return "body"
	case path == "":
		return field
	case field == "":
		return path
	}
	return path + "." + field
}

// whole names the value at path in a sentence.
func whole(path string) string {
	if path == "" {
		return "the body"
	}
	return path
}

// jsonValueWord names a kind of JSON value as encoding/json reports it
// (array, object, string, number, bool), with its article.
func jsonValueWord(v string) string {
	switch v {
	case "array", "object":
		return "an " + v
	case "bool":
		return "true or false"
	case "":
		return "this value"
	}
	return "a " + v
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// jsonTypeWord names the JSON type a Go value of type t is read from:
// object, array of …, string, number, boolean; plural for the elements of
// an array.
func jsonTypeWord(t reflect.Type, plural bool) string {
	if t == nil {
		return "value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := func(w string) string {
		if plural {
			return w + "s"
		}
		return w
	}
	switch {
	case reflect.PointerTo(t).Implements(textUnmarshaler), t.Kind() == reflect.String:
		return s("string")
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return s("object")
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return s("string") // base64
		}
		return s("array") + " of " + jsonTypeWord(t.Elem(), true)
	case reflect.Bool:
		return s("boolean")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr, reflect.Float32, reflect.Float64:
		return s("number")
	}
	return s("value")
}
