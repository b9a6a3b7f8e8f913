package fieldkit

import (
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// Layer names a layer of an export, as the API names its collections.
type Layer string

// The layers of an export.
const (
	LayerAdminUnits    Layer = "admin-units"         // unit versions with every version and event of each unit
	LayerBoundaryLines Layer = "boundary-lines"      // lines with their versions
	LayerMarkers       Layer = "markers"             // markers with their status history
	LayerTriJunctions  Layer = "tri-junctions"       // tri-junctions
	LayerPlaces        Layer = "places"              // places with their names
	LayerListings      Layer = "protection-listings" // protection listings of the exported places
	LayerSigns         Layer = "signs"               // place-name signs
)

// Layers lists every layer, in the order they are written.
var Layers = []Layer{LayerAdminUnits, LayerBoundaryLines, LayerMarkers, LayerTriJunctions, LayerPlaces,
	LayerListings, LayerSigns}

// Selection says what an export takes: a region, given as a bounding box or
// as an admin code (the bounds of the unit's current version), or neither
// for everything; and a set of layers, all of them when empty.
type Selection struct {
	BBox      *orb.Bound `json:"bbox,omitempty"`       // EPSG:4490 lon/lat
	AdminCode data.Code  `json:"admin_code,omitempty"` // GB/T 2260 (+ GB/T 10114) code
	Layers    []Layer    `json:"layers,omitempty"`
}

// Validate checks the selection: a finite bounding box within lon/lat range
// whose minimum does not exceed its maximum, a well-formed admin code, not
// both, and known layers without repeats. Errors name the field.
func (s Selection) Validate() error {
	if s.BBox != nil && s.AdminCode != "" {
		return data.Invalidf("bbox", "give a bounding box or an admin code, not both")
	}
	if s.BBox != nil {
		if err := checkBBox(*s.BBox); err != nil {
			return err
		}
	}
	if s.AdminCode != "" {
		if _, err := data.ParseCode(string(s.AdminCode)); err != nil {
			return &data.Error{Kind: data.KindInvalid, Field: "admin", Value: string(s.AdminCode),
				Message: "admin code " + strconv.Quote(string(s.AdminCode)) + " is not a division code", Err: err}
		}
	}
	seen := map[Layer]bool{}
	for _, l := range s.Layers {
		if !knownLayer(l) {
			return unknownLayer(string(l))
		}
		if seen[l] {
			return data.Invalidf("layers", "layer %s is listed twice", l)
		}
		seen[l] = true
	}
	return nil
}

// has reports whether the selection takes layer l.
func (s Selection) has(l Layer) bool {
	if len(s.Layers) == 0 {
		return true
	}
	for _, x := range s.Layers {
		if x == l {
			return true
		}
	}
	return false
}

func knownLayer(l Layer) bool {
	for _, x := range Layers {
		if x == l {
			return true
		}
	}
	return false
}

func unknownLayer(name string) error {
	names := make([]string, len(Layers))
	for i, l := range Layers {
		names[i] = string(l)
	}
	return &data.Error{Kind: data.KindInvalid, Field: "layers", Value: name,
		Message: "unknown layer " + strconv.Quote(name) + "; layers are " + strings.Join(names, ", ")}
}

// ParseLayers parses a comma-separated list of layer names.
func ParseLayers(s string) ([]Layer, error) {
	var out []Layer
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, data.Invalidf("layers", "empty layer name in %q", s)
		}
		if !knownLayer(Layer(part)) {
			return nil, unknownLayer(part)
		}
		out = append(out, Layer(part))
	}
	return out, nil
}

// ParseBBox parses "minlon,minlat,maxlon,maxlat" in degrees (EPSG:4490).
func ParseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, data.Invalidf("bbox", "bounding box %q is not minlon,minlat,maxlon,maxlat", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return orb.Bound{}, data.Invalidf("bbox", "bounding box value %d (%q) is not a number", i+1, p)
		}
		v[i] = f
	}
	b := orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	return b, checkBBox(b)
}

func checkBBox(b orb.Bound) error {
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return data.Invalidf("bbox", "bounding box has a NaN or infinite value")
		}
	}
	if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
		return data.Invalidf("bbox", "bounding box %v is outside longitude -180–180, latitude -90–90", bboxText(b))
	}
	if b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return data.Invalidf("bbox", "bounding box %s has its minimum above its maximum", bboxText(b))
	}
	return nil
}

func bboxText(b orb.Bound) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return f(b.Min[0]) + "," + f(b.Min[1]) + "," + f(b.Max[0]) + "," + f(b.Max[1])
}
