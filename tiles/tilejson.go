package tiles

import (
	"strings"

	"github.com/toponym/toponym/data"
)

// TileJSONDoc is a TileJSON 3.0.0 document describing one tileset.
type TileJSONDoc struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	Version      string        `json:"version"`
	Attribution  string        `json:"attribution"`
	Scheme       string        `json:"scheme"`
	Tiles        []string      `json:"tiles"`
	MinZoom      uint32        `json:"minzoom"`
	MaxZoom      uint32        `json:"maxzoom"`
	Bounds       [4]float64    `json:"bounds"` // west, south, east, north in degrees
	Center       [3]float64    `json:"center"` // lon, lat, zoom
	VectorLayers []VectorLayer `json:"vector_layers"`
}

// VectorLayer describes one layer in a TileJSON document. Fields maps each
// attribute to its type and description, e.g. "String: 名称 Chinese name".
type VectorLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description"`
	MinZoom     uint32            `json:"minzoom"`
	MaxZoom     uint32            `json:"maxzoom"`
	Fields      map[string]string `json:"fields"`
}

// TileJSONVersion is the TileJSON specification version written.
const TileJSONVersion = "3.0.0"

// Attributions, Chinese with English, per tileset.
const (
	attributionCommon   = "行政区划与地名数据 © 民政部门 Administrative division and place-name data © civil-affairs authorities"
	attributionPublic   = attributionCommon + "；界线以官方公布为准 boundaries as officially published"
	attributionInternal = attributionCommon + "；内部资料 注意保密 internal use only, not for publication"
)

// TileJSON returns the TileJSON 3.0.0 document of a tileset whose tiles are
// served under baseURL as {baseURL}/{tileset}/{z}/{x}/{y}.mvt (baseURL such
// as "https://host/tiles"; a trailing slash is ignored). Bounds are China's
// extent (data.ChinaBound). An unknown tileset gives a KindNotFound error.
func TileJSON(tileset, baseURL string) (*TileJSONDoc, error) {
	if err := CheckTileset(tileset); err != nil {
		return nil, err
	}
	doc := &TileJSONDoc{
		TileJSON:    TileJSONVersion,
		Name:        "toponym " + tileset,
		Description: description(tileset),
		Version:     "1.0.0",
		Attribution: attributionPublic,
		Scheme:      "xyz",
		Tiles:       []string{strings.TrimRight(baseURL, "/") + "/" + tileset + "/{z}/{x}/{y}.mvt"},
		MinZoom:     0,
		MaxZoom:     MaxZoom,
		Bounds: [4]float64{data.ChinaBound.Min[0], data.ChinaBound.Min[1],
			data.ChinaBound.Max[0], data.ChinaBound.Max[1]},
	}
	if tileset == Internal {
		doc.Attribution = attributionInternal
	}
	c := data.ChinaBound.Center()
	doc.Center = [3]float64{c[0], c[1], 4}
	for _, l := range LayersFor(tileset) {
		doc.VectorLayers = append(doc.VectorLayers, vectorLayer(l, tileset))
	}
	return doc, nil
}

func description(tileset string) string {
	if tileset == Internal {
		return "内部版：全部界线（含未协议、争议）、界桩状态、全部地名 Internal: all lines (including not agreed and disputed), marker status, all names"
	}
	return "公开版：协议界线、已发布地名 Public: agreed lines and published names only"
}

func vectorLayer(l Layer, tileset string) VectorLayer {
	v := VectorLayer{ID: l.ID, Description: l.Description, MinZoom: l.MinZoom, MaxZoom: l.MaxZoom,
		Fields: map[string]string{}}
	for _, f := range l.FieldsFor(tileset) {
		v.Fields[f.Name] = f.Type + ": " + f.Description
	}
	return v
}
