package inspection

import (
	"encoding/json"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
)

// FindingsGeoJSON returns the findings as a GeoJSON FeatureCollection in
// EPSG:4490 lon/lat: one feature per finding, located where it was found,
// with its rule, severity, measured value, tolerance and messages.
func FindingsGeoJSON(fs []*data.Finding) ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	for _, f := range fs {
		var g orb.Geometry = orb.Collection{}
		if f.Location != nil {
			g = f.Location
		}
		ft := geojson.NewFeature(g)
		ft.ID = f.ID
		v := NewFindingView(f)
		v.Location = nil
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &ft.Properties); err != nil {
			return nil, err
		}
		fc.Append(ft)
	}
	return json.Marshal(fc)
}

// lineGeoJSON returns the agreed line and the given versions as GeoJSON.
func lineGeoJSON(l *data.BoundaryLine, vs []*data.LineVersion) ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	agreed := geojson.NewFeature(l.Geometry)
	agreed.ID = l.ID
	agreed.Properties = geojson.Properties{"source": "agreed", "name": l.Name, "code": l.Code}
	fc.Append(agreed)
	for _, v := range vs {
		f := geojson.NewFeature(v.Geometry)
		f.ID = v.ID
		f.Properties = geojson.Properties{"source": string(v.Source), "party": string(v.Party), "round_id": v.RoundID,
			"source_crs": v.SourceCRS}
		fc.Append(f)
	}
	return json.Marshal(fc)
}

// markersGeoJSON returns the markers at their registered positions.
func markersGeoJSON(ms []*data.Marker) ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	for _, m := range sortedMarkers(ms) {
		f := geojson.NewFeature(m.Position)
		f.ID = m.ID
		f.Properties = geojson.Properties{"number": m.Number, "datum": m.Datum, "sigma_m": m.SigmaM,
			"status": string(m.Status), "references": m.References}
		fc.Append(f)
	}
	return json.Marshal(fc)
}
