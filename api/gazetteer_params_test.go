package api

import (
	"net/http"
	"testing"
)

// TestGazetteerParamProblemsNameParameterAndValue: a bad parameter of the
// gazetteer endpoints is a 400 naming the parameter as the caller wrote it
// and the value refused. The bug: admin_code was reported as "code" with
// no value, and kind without its value.
func TestGazetteerParamProblemsNameParameterAndValue(t *testing.T) {
	for name, h := range sampleServers(t) {
		t.Run(name, func(t *testing.T) {
			for _, c := range []struct{ target, param, value string }{
				{"/search?admin_code=4331", "admin_code", "4331"},
				{"/search?q=%E8%8C%B6&admin_code=99", "admin_code", "99"},
				{"/search?kind=xx", "kind", "xx"},
				{"/search?q=%E8%8C%B6&radius=500", "radius", "500"}, // radius without near was ignored
				{"/export/lpf?admin_code=4331", "admin_code", "4331"},
				{"/signs?admin_code=4331", "admin_code", "4331"},
				{"/protection-listings?admin_code=4331", "admin_code", "4331"},
				{"/admin-units/4331", "code", "4331"},
				{"/collections/admin-units/items?code=50024", "code", "50024"},
			} {
				rec := do(t, h, "GET", c.target, nil)
				p := decodeProblem(t, http.StatusBadRequest, rec.Header().Get("Content-Type"), rec.Body)
				if p.Parameter != c.param || p.Value != c.value {
					t.Errorf("%s: parameter %q value %q, want %q %q (%s)", c.target, p.Parameter, p.Value, c.param, c.value, p.Detail)
				}
			}
		})
	}
}
