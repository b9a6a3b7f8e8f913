package ingest

import (
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head, file string
		want             Format
	}{
		{"feature collection", fcHeader + featureJSON(109, 28, "a") + "]}", "upload", FormatGeoJSON},
		{"pretty feature collection", "{\n  \"type\": \"FeatureCollection\",\n", "a.json", FormatGeoJSON},
		{"single feature", featureJSON(109, 28, "a"), "", FormatGeoJSON},
		{"RFC 8142", "\x1e" + featureJSON(109, 28, "a"), "a.json", FormatGeoJSONSeq},
		{"ndjson by content", featureJSON(109, 28, "a") + "\n" + featureJSON(109, 28, "b") + "\n", "", FormatGeoJSONSeq},
		{"ndjson by name", featureJSON(109, 28, "a"), "places.geojsonl", FormatGeoJSONSeq},
		{"gpx", `<?xml version="1.0"?><gpx version="1.1">`, "", FormatGPX},
		{"gpx by name", `<?xml version="1.0"?>`, "track.GPX", FormatGPX},
		{"kml", `<?xml version="1.0"?><kml>`, "a.kml", FormatUnknown},
		{"csv with BOM", "\ufeff名称,经度,纬度\n", "", FormatCSV},
		{"tsv", "name\tlon\tlat\n", "", FormatCSV},
		{"csv by name", "lon\n", "a.csv", FormatCSV},
		{"json array", "[1,2]", "a.json", FormatUnknown},
		{"binary", "\x00\x01\x02", "a.bin", FormatUnknown},
		{"empty, named", "", "a.gpx", FormatGPX},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.head), tt.file); got != tt.want {
				t.Errorf("Sniff = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	s, err := Open(strings.NewReader(gbk(t, placesCSV)), "地名.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if recs := mustRead(t, s); s.Format() != FormatCSV || len(recs) != 2 || recs[0].Attrs.Name != "洪安镇" {
		t.Fatalf("format %v, records %+v", s.Format(), recs)
	}
	_, err = Open(strings.NewReader("\x00\x01"), "a.shp", Options{})
	wantInvalid(t, err, 0, "cannot tell the format")
	if _, err := NewReader(FormatUnknown, strings.NewReader(""), Options{}); err == nil {
		t.Error("NewReader accepted FormatUnknown")
	}
	for _, f := range []Format{FormatGeoJSON, FormatGeoJSONSeq, FormatCSV, FormatGPX} {
		if ParseFormat(f.String()) != f {
			t.Errorf("ParseFormat(%q) != %v", f.String(), f)
		}
	}
}
