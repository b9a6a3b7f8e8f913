package api

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

// TestJSONBodyProblemsSpeakJSON: a body of the wrong JSON type is a 400
// naming the member ("body" for the whole body) and the JSON type it must
// have. The bug: details named Go types (api.surveyJSON, api.roundBody,
// []data.Code, api.placeEntry) and the field was empty for the body.
func TestJSONBodyProblemsSpeakJSON(t *testing.T) {
	u := newUploadServer(t, Config{})
	js := map[string]string{"Content-Type": mediaJSON, PartyHeader: "500000"} // the party, for submissions
	id := data.NewID()
	feature := func(props string) string {
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":` + props + `}`
	}
	for _, c := range []struct {
		name, path, body, field, detail string
	}{
		{"survey array", "/surveys", `[]`, "body", "the body must be a JSON object, not an array"},
		{"survey string", "/surveys", `"x"`, "body", "the body must be a JSON object, not a string"},
		{"survey crs string", "/surveys", `{"crs":"4490"}`, "crs", "crs must be a JSON number, not a string"},
		{"survey crs fraction", "/surveys", `{"crs":4490.5}`, "crs", "crs must be a whole number in range, not 4490.5"},
		{"round array", "/inspections", `[1]`, "body", "the body must be a JSON object, not an array"},
		{"round parties string", "/inspections", `{"parties":"430000"}`, "parties", "parties must be a JSON array of strings, not a string"},
		{"round empty", "/inspections", ``, "body", "the body is empty"},
		{"round year fraction", "/inspections", `{"year":2025.5}`, "year", "year must be a whole number in range, not 2025.5"},
		{"submission bad time", "/inspections/" + id + "/submissions", `{"marker_checks":[{"observed_at":"yesterday"}]}`, "body",
			`parsing time "yesterday"`},
		{"submission observed", "/inspections/" + id + "/submissions", `{"marker_checks":[{"observed":"109,28"}]}`,
			"marker_checks.observed", "must be a JSON array of numbers, not a string"},
		{"round two values", "/inspections", `{} {}`, "body", "more than one JSON value"},
		{"place array", "/places", `[]`, "body", "the body must be a JSON object, not an array"},
		{"place names object", "/places", `{"names":{}}`, "names", "names must be a JSON array of objects, not an object"},
		{"place name text number", "/places", `{"names":[{"text":1}]}`, "names.text", "names.text must be a JSON string, not a number"},
		{"place overrides", "/places", `{"pinyin_overrides":[]}`, "pinyin_overrides", "must be a JSON object, not an array"},
		{"review array", "/places/" + id + "/review", `[]`, "body", "the body must be a JSON object, not an array"},
		{"sign status true", "/signs/" + id + "/status", `true`, "body", "the body must be a JSON object, not true or false"},
		{"feature properties array", "/collections/pois/items", feature(`[]`), "properties",
			"properties must be a JSON object, not an array"},
		{"feature names string", "/collections/pois/items", feature(`{"names":"x"}`), "properties.names",
			"properties.names must be a JSON array of objects, not a string"},
		{"feature sources", "/collections/pois/items", feature(`{"sources":[1]}`), "properties.sources",
			"properties.sources must be a JSON string, not a number"},
		{"feature array", "/collections/pois/items", `[]`, "body", "the body must be a JSON object, not an array"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, b := u.send(t, "POST", c.path, strings.NewReader(c.body), js)
			p := problemOf(t, status, hdr, b)
			if status != http.StatusBadRequest || p.Field != c.field || !strings.Contains(p.Detail, c.detail) {
				t.Errorf("%d field %q detail %q, want 400 %q %q", status, p.Field, p.Detail, c.field, c.detail)
			}
			for _, goWord := range []string{"api.", "data.", "[]", "main.", "Go "} {
				if strings.Contains(p.Detail, goWord) {
					t.Errorf("detail %q names a Go type (%q)", p.Detail, goWord)
				}
			}
		})
	}
}

// TestJSONTypeWord: Go types are named by the JSON type they are read
// from.
func TestJSONTypeWord(t *testing.T) {
	type obj struct{ A int }
	for _, c := range []struct {
		v    any
		want string
	}{
		{"", "string"}, {data.Code(""), "string"}, {0, "number"}, {uint8(0), "number"}, {0.5, "number"},
		{true, "boolean"}, {obj{}, "object"}, {&obj{}, "object"}, {map[string]string{}, "object"},
		{[]data.Code{}, "array of strings"}, {[]obj{}, "array of objects"}, {[][]float64{}, "array of arrays of numbers"},
		{[]byte{}, "string"}, {[2]float64{}, "array of numbers"}, {data.Date(2020, 1, 1), "string"},
	} {
		if got := jsonTypeWord(reflect.TypeOf(c.v), false); got != c.want {
			t.Errorf("%T: %q, want %q", c.v, got, c.want)
		}
	}
}
