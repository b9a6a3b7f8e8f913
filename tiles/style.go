package tiles

import (
	"strings"
)

// FontStack is the font stack the styles name for labels. The service
// serves its glyph ranges at /fonts/{fontstack}/{range}.pbf (Glyphs): the
// Latin ranges, pinyin included, as signed distance fields rendered from
// DejaVu Sans; CJK ideographs are drawn by the browser from a local font
// (MapLibre's localIdeographFontFamily), so those ranges carry no glyphs.
const FontStack = "Toponym Sans"

// Style returns the MapLibre style (version 8) of a tileset: one source,
// the tileset's TileJSON under baseURL (the service's root URL, such as
// "https://host/toponym"), glyphs from baseURL/fonts, and at least one
// style layer per catalogue layer, whose id starts with the catalogue
// layer's id. Labels show the Chinese name with pinyin beside. The style's
// name is the tileset's; an unknown one gives a KindNotFound error.
func Style(name, baseURL string) (map[string]any, error) {
	if err := CheckTileset(name); err != nil {
		return nil, err
	}
	base := strings.TrimRight(baseURL, "/")
	layers := []any{map[string]any{"id": "background", "type": "background",
		"paint": map[string]any{"background-color": "#f4f1ea"}}}
	for _, l := range LayersFor(name) {
		layers = append(layers, styleLayers(l)...)
	}
	c := chinaCenter()
	return map[string]any{
		"version": 8,
		"name":    "toponym " + name,
		"metadata": map[string]any{
			"toponym:tileset": name,
			"toponym:note":    "中文注记，拼音在旁 Chinese labels with pinyin beside",
		},
		"center":  []float64{c[0], c[1]},
		"zoom":    4,
		"sources": map[string]any{"toponym": map[string]any{"type": "vector", "url": base + "/tiles/" + name + ".json"}},
		"glyphs":  base + "/fonts/{fontstack}/{range}.pbf",
		"layers":  layers,
	}, nil
}

func chinaCenter() [2]float64 {
	doc, _ := TileJSON(Public, "")
	return [2]float64{doc.Center[0], doc.Center[1]}
}

// Colours of the style, by layer.
var styleColour = map[string]string{
	LayerProvinces: "#c9b18a", LayerCounties: "#d8c7a4", LayerTownships: "#e9dfc8",
	LayerProvinceLines: "#7b2d8b", LayerCountyLines: "#a2478f", LayerTownshipLines: "#b07aa1",
	LayerMarkers: "#d7263d", LayerTriJunctions: "#1b998b", LayerPlaceNames: "#222222",
	LayerPOIs: "#2e86ab", LayerSigns: "#f18f01",
}

var lineWidth = map[string]float64{LayerProvinceLines: 2.5, LayerCountyLines: 1.6, LayerTownshipLines: 1}

func base(l Layer, kind string) map[string]any {
	return map[string]any{"id": l.ID, "type": kind, "source": "toponym", "source-layer": l.ID,
		"minzoom": l.MinZoom, "metadata": map[string]any{"toponym:layer": l.ID, "toponym:description": l.Description}}
}

// labelText is the label: the Chinese name, then the pinyin smaller.
func labelText(nameField string) []any {
	return []any{"format", []any{"get", nameField}, map[string]any{},
		[]any{"case", []any{"has", "pinyin"}, " ", ""}, map[string]any{},
		[]any{"coalesce", []any{"get", "pinyin"}, ""}, map[string]any{"font-scale": 0.8}}
}

func symbol(l Layer, id string, size float64, offset []float64) map[string]any {
	s := base(l, "symbol")
	s["id"] = id
	s["layout"] = map[string]any{"text-field": labelText("name"), "text-font": []string{FontStack},
		"text-size": size, "text-offset": offset, "text-anchor": "top", "text-max-width": 12}
	s["paint"] = map[string]any{"text-color": styleColour[l.ID], "text-halo-color": "#ffffff", "text-halo-width": 1.5}
	return s
}

func circle(l Layer, radius float64) map[string]any {
	c := base(l, "circle")
	c["paint"] = map[string]any{"circle-radius": radius, "circle-color": styleColour[l.ID],
		"circle-stroke-color": "#ffffff", "circle-stroke-width": 1}
	return c
}

// styleLayers returns the style layers drawing one catalogue layer.
func styleLayers(l Layer) []any {
	switch l.ID {
	case LayerProvinces, LayerCounties, LayerTownships:
		f := base(l, "fill")
		f["paint"] = map[string]any{"fill-color": styleColour[l.ID], "fill-opacity": 0.35, "fill-outline-color": "#8c7b5c"}
		label := symbol(l, l.ID+"-label", 13, []float64{0, 0})
		label["layout"].(map[string]any)["text-anchor"] = "center"
		label["layout"].(map[string]any)["symbol-placement"] = "point"
		label["paint"].(map[string]any)["text-color"] = "#5a4a2f"
		label["minzoom"] = l.MinZoom + 2
		return []any{f, label}
	case LayerProvinceLines, LayerCountyLines, LayerTownshipLines:
		ln := base(l, "line")
		ln["layout"] = map[string]any{"line-join": "round", "line-cap": "round"}
		ln["paint"] = map[string]any{"line-color": styleColour[l.ID], "line-width": lineWidth[l.ID],
			"line-dasharray": []any{"case", []any{"==", []any{"get", "legal_status"}, "agreed"},
				[]any{"literal", []float64{1, 0}}, []any{"literal", []float64{3, 2}}}}
		return []any{ln}
	case LayerMarkers:
		c := circle(l, 4)
		c["paint"].(map[string]any)["circle-color"] = []any{"match", []any{"coalesce", []any{"get", "status"}, ""},
			"damaged", "#f4a261", "moved", "#9b5de5", "missing", "#000000", styleColour[l.ID]}
		return []any{c, numberLabel(l)}
	case LayerTriJunctions:
		return []any{circle(l, 6), symbol(l, l.ID+"-label", 12, []float64{0, 0.8})}
	case LayerPlaceNames:
		s := symbol(l, l.ID, 14, []float64{0, 0})
		s["layout"].(map[string]any)["text-anchor"] = "center"
		return []any{s}
	case LayerPOIs:
		return []any{circle(l, 3.5), symbol(l, l.ID+"-label", 11, []float64{0, 0.6})}
	}
	c := circle(l, 3.5) // signs
	return []any{c}
}

func numberLabel(l Layer) map[string]any {
	s := base(l, "symbol")
	s["id"] = l.ID + "-label"
	s["minzoom"] = l.MinZoom + 2
	s["layout"] = map[string]any{"text-field": []any{"get", "number"}, "text-font": []string{FontStack},
		"text-size": 10, "text-offset": []float64{0, 0.8}, "text-anchor": "top"}
	s["paint"] = map[string]any{"text-color": styleColour[l.ID], "text-halo-color": "#ffffff", "text-halo-width": 1}
	return s
}
