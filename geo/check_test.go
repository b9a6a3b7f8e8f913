package geo

import (
	"errors"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
)

func TestCheckZone(t *testing.T) {
	tests := []struct {
		name    string
		epsg    int
		easting float64
		lon     float64
		field   string   // "" when valid
		says    []string // substrings the message must hold
	}{
		{"plain zone 36 ok", 4545, 617489.6489, 109.2, "", nil},
		{"prefixed zone 36 ok", 4524, 36617489.6489, 109.2, "", nil},
		{"zone edge east ok", 4545, 650000, 109.5, "", nil},
		{"zone edge west ok", 4545, 350000, 106.5, "", nil},
		{"prefixed zone 25 ok", 4513, 25500000, 75, "", nil},
		{"plain zone 45 ok", 4554, 500000, 135, "", nil},
		{"unknown epsg", 4512, 500000, 108, "epsg", []string{"EPSG:4512", "4513–4533", "4534–4554"}},
		{"wgs84 is not a zone", 4326, 500000, 108, "epsg", []string{"EPSG:4326"}},
		{"prefix missing", 4524, 617489.6489, 109.2, "easting",
			[]string{"no zone prefix", "EPSG:4524", "36000000–36999999", "EPSG:4545"}},
		{"prefix on plain zone", 4545, 36617489.6489, 109.2, "easting",
			[]string{"carries zone prefix 36", "EPSG:4545", "no prefix", "EPSG:4524"}},
		{"wrong prefix", 4524, 37323756.6909, 109.2, "easting",
			[]string{"carries zone prefix 37", "zone 36", "EPSG:4525"}},
		{"prefix not a zone", 4524, 99500000, 108, "easting", []string{"does not start with zone number 36"}},
		{"negative plain easting", 4545, -12, 108, "easting", []string{"out of range", "0–999999"}},
		{"huge plain easting", 4545, 5_000_000, 108, "easting", []string{"out of range"}},
		{"nan easting", 4545, nan(), 108, "easting", []string{"NaN"}},
		{"outside zone east", 4545, 617489.6489, 110.2, "lon",
			[]string{"110.2°", "2.200°", "108°E", "±1.5°", "EPSG:4546", "CM 111°E"}},
		{"outside zone west, prefixed", 4524, 36400000, 105.2, "lon", []string{"EPSG:4523"}},
		{"outside all zones", 4534, 500000, 60, "lon", []string{"60°"}},
		{"nan lon", 4545, 500000, nan(), "lon", []string{"NaN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckZone(tt.epsg, tt.easting, tt.lon)
			assertInvalid(t, err, tt.field, tt.says)
		})
	}
}

// assertInvalid checks that err is nil when field is "", else a
// KindInvalid *data.Error about field whose message holds says.
func assertInvalid(tb testing.TB, err error, field string, says []string) {
	tb.Helper()
	if field == "" {
		if err != nil {
			tb.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var de *data.Error
	if !errors.As(err, &de) {
		tb.Fatalf("error %v (%T) is not a *data.Error", err, err)
	}
	if de.Kind != data.KindInvalid || de.Field != field {
		tb.Errorf("kind %v field %q; want invalid, %q (%v)", de.Kind, de.Field, field, err)
	}
	for _, s := range says {
		if !strings.Contains(de.Message, s) {
			tb.Errorf("message %q does not say %q", de.Message, s)
		}
	}
}

func TestCheckLonLat(t *testing.T) {
	tests := []struct {
		lon, lat float64
		field    string
		says     []string
	}{
		{109.2, 28.5, "", nil},
		{-180, -90, "", nil},
		{180.5, 28, "lon", []string{"180.5"}},
		{28.5, 109.2, "lat", []string{"109.2", "swapped"}},
		{nan(), 28, "lon", []string{"NaN"}},
		{108, inf(), "lat", []string{"+Inf"}},
	}
	for _, tt := range tests {
		assertInvalid(t, CheckLonLat(pt(tt.lon, tt.lat)), tt.field, tt.says)
	}
}

func TestCheckZonePoint(t *testing.T) {
	tests := []struct {
		epsg  int
		p     [2]float64
		field string
		says  []string
	}{
		{4545, [2]float64{617489.6489, 3154440.6231}, "", nil},
		{4524, [2]float64{36617489.6489, 3154440.6231}, "", nil},
		{4524, [2]float64{617489.6489, 3154440.6231}, "easting", []string{"no zone prefix", "EPSG:4545"}},
		{4545, [2]float64{700000, 3154440}, "lon", []string{"±1.5°", "EPSG:4546"}}, // 2.05° east of CM
		{4545, [2]float64{617489, nan()}, "northing", []string{"NaN"}},
		{4000, [2]float64{617489, 3154440}, "epsg", []string{"EPSG:4000"}},
	}
	for _, tt := range tests {
		assertInvalid(t, CheckZonePoint(tt.epsg, pt(tt.p[0], tt.p[1])), tt.field, tt.says)
	}
}
