package tiles

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"sort"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/toponym/toponym/data"
)

func renderTile(t *testing.T, src Source, tileset string, id TileID) mvt.Layers {
	t.Helper()
	b, err := src.Tile(context.Background(), tileset, id)
	if err != nil {
		t.Fatalf("Tile(%s, %v): %v", tileset, id, err)
	}
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatalf("mvt.Unmarshal: %v", err)
	}
	return layers
}

func layerByName(ls mvt.Layers, name string) *mvt.Layer {
	for _, l := range ls {
		if l.Name == name {
			return l
		}
	}
	return nil
}

func catalogueLayer(t *testing.T, id string) Layer {
	t.Helper()
	for _, l := range Catalogue() {
		if l.ID == id {
			return l
		}
	}
	t.Fatalf("no layer %q in the catalogue", id)
	return Layer{}
}

// featureKey is how the fixture names a decoded feature: markers by
// number (public markers carry no id), others by id.
func featureKey(layer string, f *geojson.Feature) string {
	if layer == LayerMarkers {
		return f.Properties.MustString("number", "")
	}
	return f.Properties.MustString("id", "")
}

// TestStoreSourceLayers decodes the fixture tile of each tileset with orb
// and checks the layers, the features in each, their fields and ids.
func TestStoreSourceLayers(t *testing.T) {
	fx := newFixture()
	for _, ts := range Tilesets() {
		t.Run(ts, func(t *testing.T) {
			layers := renderTile(t, fx.source(), ts, fx.tile)
			want := fx.expected(ts)
			var names []string
			for _, l := range layers {
				names = append(names, l.Name)
				if l.Version != 2 || l.Extent != Extent {
					t.Errorf("layer %s: version %d extent %d", l.Name, l.Version, l.Extent)
				}
				checkLayer(t, ts, l, want[l.Name])
			}
			var wantNames []string
			for k := range want {
				wantNames = append(wantNames, k)
			}
			sort.Strings(names)
			sort.Strings(wantNames)
			if !slices.Equal(names, wantNames) {
				t.Errorf("layers %v, want %v", names, wantNames)
			}
		})
	}
}

func checkLayer(t *testing.T, tileset string, l *mvt.Layer, want []string) {
	t.Helper()
	cat := catalogueLayer(t, l.Name)
	fields := map[string]bool{}
	for _, f := range cat.FieldsFor(tileset) {
		fields[f.Name] = true
	}
	var got []string
	for _, f := range l.Features {
		got = append(got, featureKey(l.Name, f))
		for k := range f.Properties {
			if !fields[k] {
				t.Errorf("%s/%s feature %s has field %q, not in the tileset's catalogue", tileset, l.Name, featureKey(l.Name, f), k)
			}
		}
		if id, ok := f.Properties["id"].(string); ok && f.ID != float64(FeatureID(id)) {
			t.Errorf("%s feature %s: id %v, want %d", l.Name, id, f.ID, FeatureID(id))
		}
		if f.Geometry.GeoJSONType() != "Multi"+cat.Geometry && f.Geometry.GeoJSONType() != cat.Geometry {
			t.Errorf("%s feature %s: geometry %s, want %s", l.Name, featureKey(l.Name, f), f.Geometry.GeoJSONType(), cat.Geometry)
		}
		inside := orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}}
		if !inside.Contains(f.Geometry.Bound().Min) || !inside.Contains(f.Geometry.Bound().Max) {
			t.Errorf("%s feature %s reaches %v, beyond the buffered tile", l.Name, featureKey(l.Name, f), f.Geometry.Bound())
		}
	}
	sort.Strings(got)
	want = slices.Clone(want)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s/%s features %v, want %v", tileset, l.Name, got, want)
	}
}

// TestStoreSourceBufferRing: the marker 32 units east of the tile is in the
// tile's buffer and in the core of its east neighbour, at one place.
func TestStoreSourceBufferRing(t *testing.T) {
	fx := newFixture()
	east := TileID{fx.tile.Z, fx.tile.X + 1, fx.tile.Y}
	var marker = fx.store.markers[1]
	for _, id := range []TileID{fx.tile, east} {
		layers := renderTile(t, fx.source(), Public, id)
		l := layerByName(layers, LayerMarkers)
		if l == nil {
			t.Fatalf("tile %v has no markers layer", id)
		}
		l.ProjectToWGS84(maptile.New(id.X, id.Y, maptile.Zoom(id.Z)))
		found := false
		for _, f := range l.Features {
			if f.Properties.MustString("number", "") == marker.Number {
				found = true
				b := id.Bound()
				tol := (b.Max[0] - b.Min[0]) / Extent
				if p := f.Geometry.(orb.Point); !near(p[0], marker.Position[0], tol) || !near(p[1], marker.Position[1], tol) {
					t.Errorf("tile %v: marker at %v, want %v", id, p, marker.Position)
				}
			}
		}
		if !found {
			t.Errorf("tile %v lacks marker %s", id, marker.Number)
		}
	}
	far := layerByName(renderTile(t, fx.source(), Public, east), LayerMarkers)
	if far == nil || len(far.Features) != 2 {
		t.Errorf("east tile markers %v, want 4350013Q and 4350014Q", far)
	}
}

// TestStoreSourceWinding: the county's exterior ring has positive area in
// tile coordinates and its hole negative (MVT 2.1, 4.3.4.4).
func TestStoreSourceWinding(t *testing.T) {
	fx := newFixture()
	l := layerByName(renderTile(t, fx.source(), Internal, fx.tile), LayerCounties)
	if l == nil || len(l.Features) != 1 {
		t.Fatalf("counties layer %v", l)
	}
	p, ok := l.Features[0].Geometry.(orb.Polygon)
	if !ok || len(p) != 2 {
		t.Fatalf("county geometry %#v, want a polygon with one hole", l.Features[0].Geometry)
	}
	if a := surveyorArea(p[0]); a <= 0 {
		t.Errorf("exterior ring area %g, want > 0", a)
	}
	if a := surveyorArea(p[1]); a >= 0 {
		t.Errorf("hole area %g, want < 0", a)
	}
}

// TestStoreSourceZoomRanges renders the corner at every zoom and checks
// that each layer shows only within its zoom range and that place names
// follow their own range.
func TestStoreSourceZoomRanges(t *testing.T) {
	fx := newFixture()
	for z := uint32(0); z <= MaxZoom; z++ {
		layers := renderTile(t, fx.source(), Internal, TileAt(corner, z))
		for _, l := range layers {
			if !catalogueLayer(t, l.Name).AtZoom(z) {
				t.Errorf("zoom %d has layer %s outside its range", z, l.Name)
			}
		}
		for _, tc := range []struct {
			place   *data.NamedPlace
			minZoom uint32
		}{{fx.store.places[0], 11}, {fx.store.places[2], 16}} {
			id := TileAt(tc.place.Geometry.(orb.Point), z)
			shown := false
			if l := layerByName(renderTile(t, fx.source(), Internal, id), LayerPlaceNames); l != nil {
				for _, f := range l.Features {
					shown = shown || featureKey(l.Name, f) == tc.place.ID
				}
			}
			if want := z >= tc.minZoom; shown != want {
				t.Errorf("zoom %d: %s shown %v, want %v", z, tc.place.ID, shown, want)
			}
		}
	}
}

// TestStoreSourceQueries: every list call asks for the buffered tile, and
// versioned entities as of today in China.
func TestStoreSourceQueries(t *testing.T) {
	fx := newFixture()
	renderTile(t, fx.source(), Internal, fx.tile)
	want := fx.tile.BufferedBound(Buffer)
	today := data.Date(2025, 6, 1)
	if len(fx.store.queries) == 0 {
		t.Fatal("no queries")
	}
	for _, q := range fx.store.queries {
		if q.BBox == nil || *q.BBox != want {
			t.Errorf("query bbox %v, want %v", q.BBox, want)
		}
		if q.At != nil && !q.At.Equal(today) {
			t.Errorf("query at %v, want %v", q.At, today)
		}
	}
}

func TestStoreSourceDeterministic(t *testing.T) {
	fx := newFixture()
	a, err1 := fx.source().Tile(context.Background(), Internal, fx.tile)
	b, err2 := fx.source().Tile(context.Background(), Internal, fx.tile)
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) || len(a) == 0 {
		t.Errorf("two renders differ or fail: %d/%d bytes, %v %v", len(a), len(b), err1, err2)
	}
}

func TestStoreSourceErrors(t *testing.T) {
	fx := newFixture()
	src := fx.source()
	if _, err := src.Tile(context.Background(), "secret", fx.tile); data.KindOf(err) != data.KindNotFound {
		t.Errorf("unknown tileset: %v", err)
	}
	if _, err := src.Tile(context.Background(), Public, TileID{3, 8, 0}); data.KindOf(err) != data.KindInvalid {
		t.Errorf("tile outside its zoom: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.Tile(ctx, Public, fx.tile); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	empty := (&StoreSource{Store: &fakeStore{}}).Tile
	if b, err := empty(context.Background(), Public, TileID{5, 3, 3}); err != nil || b == nil || len(b) != 0 {
		t.Errorf("empty tile: %v, %v", b, err)
	}
}

func TestFeatureIDStable(t *testing.T) {
	id := data.NewID()
	if FeatureID(id) != FeatureID(id) || FeatureID(id) >= 1<<53 {
		t.Errorf("FeatureID(%s) = %d", id, FeatureID(id))
	}
	if FeatureID("a") == FeatureID("b") {
		t.Error("FeatureID collides on a, b")
	}
}
