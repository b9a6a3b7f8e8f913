package tiles

import (
	"encoding/json"
	"testing"

	"github.com/toponym/toponym/data"
)

func TestTileJSON(t *testing.T) {
	for _, ts := range Tilesets() {
		doc, err := TileJSON(ts, "https://example.test/tiles/")
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		// Required by TileJSON 3.0.0: tilejson, tiles, vector_layers with id and fields.
		if m["tilejson"] != "3.0.0" {
			t.Errorf("%s: tilejson %v", ts, m["tilejson"])
		}
		tiles, _ := m["tiles"].([]any)
		if len(tiles) != 1 || tiles[0] != "https://example.test/tiles/"+ts+"/{z}/{x}/{y}.mvt" {
			t.Errorf("%s: tiles %v", ts, m["tiles"])
		}
		layers, _ := m["vector_layers"].([]any)
		if len(layers) != len(LayersFor(ts)) || len(layers) == 0 {
			t.Fatalf("%s: %d vector layers", ts, len(layers))
		}
		for i, l := range LayersFor(ts) {
			vl := layers[i].(map[string]any)
			fields, _ := vl["fields"].(map[string]any)
			if vl["id"] != l.ID || len(fields) != len(l.FieldsFor(ts)) || vl["description"] == "" ||
				vl["minzoom"].(float64) != float64(l.MinZoom) || vl["maxzoom"].(float64) != float64(l.MaxZoom) {
				t.Errorf("%s: vector layer %v does not match %+v", ts, vl, l)
			}
			for _, f := range l.Fields {
				if _, ok := fields[f.Name]; ok == (f.Internal && ts == Public) {
					t.Errorf("%s/%s: field %s present=%v", ts, l.ID, f.Name, ok)
				}
			}
		}
		bounds, _ := m["bounds"].([]any)
		if len(bounds) != 4 || bounds[0].(float64) >= bounds[2].(float64) || bounds[1].(float64) >= bounds[3].(float64) {
			t.Errorf("%s: bounds %v", ts, m["bounds"])
		}
		if m["minzoom"].(float64) != 0 || m["maxzoom"].(float64) != MaxZoom || m["attribution"] == "" {
			t.Errorf("%s: zooms %v–%v attribution %q", ts, m["minzoom"], m["maxzoom"], m["attribution"])
		}
	}
	if _, err := TileJSON("secret", "http://x"); data.KindOf(err) != data.KindNotFound {
		t.Errorf("unknown tileset: %v", err)
	}
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range Catalogue() {
		if seen[l.ID] {
			t.Errorf("layer %s twice", l.ID)
		}
		seen[l.ID] = true
		if _, err := builderFor(l.ID); err != nil {
			t.Error(err)
		}
		if l.MinZoom > l.MaxZoom || l.MaxZoom > MaxZoom || l.Description == "" || len(l.Tilesets) == 0 {
			t.Errorf("layer %+v", l)
		}
		names := map[string]bool{}
		for _, f := range l.Fields {
			if names[f.Name] || f.Description == "" || (f.Type != "String" && f.Type != "Number" && f.Type != "Boolean") {
				t.Errorf("layer %s field %+v", l.ID, f)
			}
			names[f.Name] = true
		}
		for _, ts := range l.Tilesets {
			if CheckTileset(ts) != nil {
				t.Errorf("layer %s in unknown tileset %s", l.ID, ts)
			}
		}
	}
	// Public markers carry nothing internal: no status, party, datum or σ.
	for _, l := range LayersFor(Public) {
		if l.ID != LayerMarkers {
			continue
		}
		for _, f := range l.FieldsFor(Public) {
			if f.Name != "number" && f.Name != "marker_type" {
				t.Errorf("public markers carry %s", f.Name)
			}
		}
	}
}

func TestPlaceZooms(t *testing.T) {
	tests := []struct {
		name       string
		p          data.NamedPlace
		minZ, maxZ uint32
	}{
		{"division by class", data.NamedPlace{LegalClass: 2}, 6, MaxZoom},
		{"village seat by class", data.NamedPlace{LegalClass: 3}, 11, MaxZoom},
		{"POI by class", data.NamedPlace{LegalClass: 0}, 15, MaxZoom},
		{"own range", data.NamedPlace{LegalClass: 3, MinZoom: 9, MaxZoom: 14}, 9, 14},
		{"own minimum only", data.NamedPlace{LegalClass: 3, MinZoom: 16}, 16, MaxZoom},
		{"own maximum only", data.NamedPlace{LegalClass: 6, MaxZoom: 12}, 0, 12},
		{"maximum beyond tiles", data.NamedPlace{MinZoom: 3, MaxZoom: 24}, 3, MaxZoom},
		{"bad class", data.NamedPlace{LegalClass: 42}, 15, MaxZoom},
	}
	for _, tt := range tests {
		lo, hi := PlaceZooms(&tt.p)
		if lo != tt.minZ || hi != tt.maxZ {
			t.Errorf("%s: %d–%d, want %d–%d", tt.name, lo, hi, tt.minZ, tt.maxZ)
		}
	}
}
