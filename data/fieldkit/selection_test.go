package fieldkit

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

func TestParseBBox(t *testing.T) {
	good, err := ParseBBox(" 109.1, 28.4 ,109.3,28.6")
	if err != nil || good != (orb.Bound{Min: orb.Point{109.1, 28.4}, Max: orb.Point{109.3, 28.6}}) {
		t.Errorf("ParseBBox = %v, %v", good, err)
	}
	for _, s := range []string{"", "1,2,3", "1,2,3,4,5", "a,2,3,4", "109.3,28.4,109.1,28.6", "NaN,1,2,3",
		"1,2,Inf,4", "-181,0,0,0", "0,-91,0,0", "0,0,181,0"} {
		_, err := ParseBBox(s)
		if e := data.AsError(err); e == nil || e.Field != "bbox" || e.Kind != data.KindInvalid {
			t.Errorf("ParseBBox(%q) = %v, want an invalid error naming bbox", s, err)
		}
	}
}

func TestParseLayers(t *testing.T) {
	got, err := ParseLayers("markers, signs")
	if err != nil || len(got) != 2 || got[0] != LayerMarkers || got[1] != LayerSigns {
		t.Errorf("ParseLayers = %v, %v", got, err)
	}
	for _, s := range []string{"", "markers,,signs", "roads"} {
		if _, err := ParseLayers(s); data.AsError(err) == nil || data.AsError(err).Field != "layers" {
			t.Errorf("ParseLayers(%q) = %v, want an error naming layers", s, err)
		}
	}
}

func TestSelectionValidate(t *testing.T) {
	b := orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{110, 29}}
	bad := orb.Bound{Min: orb.Point{110, 28}, Max: orb.Point{109, 29}}
	for _, c := range []struct {
		name  string
		sel   Selection
		field string // "" for valid
	}{
		{"everything", Selection{}, ""},
		{"bbox", Selection{BBox: &b, Layers: []Layer{LayerMarkers}}, ""},
		{"admin", Selection{AdminCode: "500241"}, ""},
		{"both", Selection{BBox: &b, AdminCode: "500241"}, "bbox"},
		{"inverted bbox", Selection{BBox: &bad}, "bbox"},
		{"malformed code", Selection{AdminCode: "5002"}, "admin"},
		{"unknown layer", Selection{Layers: []Layer{"roads"}}, "layers"},
		{"repeated layer", Selection{Layers: []Layer{LayerSigns, LayerSigns}}, "layers"},
	} {
		err := c.sel.Validate()
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if e := data.AsError(err); e == nil || e.Kind != data.KindInvalid || e.Field != c.field {
			t.Errorf("%s: %v, want an invalid error naming %s", c.name, err, c.field)
		}
	}
}

func TestExportUnknownAdminCode(t *testing.T) {
	src := server(t)
	dst, _ := newFile(t)
	_, err := Export(context.Background(), src, dst, Selection{AdminCode: "110101"})
	if e := data.AsError(err); e == nil || e.Kind != data.KindNotFound || e.Field != "admin" {
		t.Errorf("export of an unknown code: %v, want not found naming admin", err)
	}
}
