package postgis_test

import (
	"context"
	"encoding/hex"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// ewkbCases cover every geometry type; want is the WKT PostGIS prints.
var ewkbCases = []struct {
	name string
	g    orb.Geometry
	want string
}{
	{"point", orb.Point{109.2702, 28.5035}, "POINT(109.2702 28.5035)"},
	{"multipoint", orb.MultiPoint{{109.1, 28.1}, {109.2, 28.2}}, "MULTIPOINT((109.1 28.1),(109.2 28.2))"},
	{"linestring", orb.LineString{{109.1, 28.1}, {109.2, 28.2}, {109.3, 28.25}},
		"LINESTRING(109.1 28.1,109.2 28.2,109.3 28.25)"},
	{"polygon with hole", orb.Polygon{
		{{109, 28}, {110, 28}, {110, 29}, {109, 29}, {109, 28}},
		{{109.2, 28.2}, {109.2, 28.4}, {109.4, 28.4}, {109.2, 28.2}}},
		"POLYGON((109 28,110 28,110 29,109 29,109 28),(109.2 28.2,109.2 28.4,109.4 28.4,109.2 28.2))"},
	{"multilinestring", orb.MultiLineString{{{109, 28}, {109.5, 28.5}}, {{108, 27}, {108.5, 27.5}, {108.7, 27.1}}},
		"MULTILINESTRING((109 28,109.5 28.5),(108 27,108.5 27.5,108.7 27.1))"},
	{"multipolygon", orb.MultiPolygon{
		{{{109, 28}, {110, 28}, {110, 29}, {109, 28}}},
		{{{105, 25}, {106, 25}, {106, 26}, {105, 26}, {105, 25}}, {{105.2, 25.2}, {105.4, 25.2}, {105.4, 25.4}, {105.2, 25.2}}}},
		"MULTIPOLYGON(((109 28,110 28,110 29,109 28)),((105 25,106 25,106 26,105 26,105 25),(105.2 25.2,105.4 25.2,105.4 25.4,105.2 25.2)))"},
	{"collection", orb.Collection{orb.Point{109, 28}, orb.LineString{{109, 28}, {110, 29}},
		orb.Collection{orb.MultiPoint{{108, 27}}}},
		"GEOMETRYCOLLECTION(POINT(109 28),LINESTRING(109 28,110 29),GEOMETRYCOLLECTION(MULTIPOINT((108 27))))"},
	{"full precision", orb.Point{109.27021234567891, 28.503512345678912},
		"POINT(109.27021234567891 28.503512345678914)"},
}

// TestEWKBRoundTrip checks both directions against PostGIS: what we encode
// PostGIS reads as the expected WKT with SRID 4490, and what PostGIS
// encodes from that WKT we decode to the original geometry, bit for bit.
func TestEWKBRoundTrip(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.Pool(t)
	for _, c := range ewkbCases {
		t.Run(c.name, func(t *testing.T) {
			b, err := postgis.EncodeEWKB(c.g)
			if err != nil {
				t.Fatal(err)
			}
			var text string
			var srid int
			var back []byte
			err = pool.QueryRow(ctx, `SELECT ST_AsText(g), ST_SRID(g), ST_AsEWKB(ST_GeomFromText(ST_AsText(g, 17), 4490))
				FROM (SELECT ST_GeomFromEWKB($1) AS g) q`, b).Scan(&text, &srid, &back)
			if err != nil {
				t.Fatalf("PostGIS rejects %x: %v", b, err)
			}
			if text != c.want || srid != postgis.SRID {
				t.Errorf("PostGIS reads SRID=%d;%s, want SRID=4490;%s", srid, text, c.want)
			}
			got, err := postgis.DecodeEWKB(back)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.g) {
				t.Errorf("decoded %#v, want %#v", got, c.g)
			}
		})
	}
}

// TestEWKBConversions covers the types orb has and EWKB has not, and NULL.
func TestEWKBConversions(t *testing.T) {
	ring := orb.Ring{{109, 28}, {110, 28}, {110, 29}, {109, 28}}
	bound := orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{110, 29}}
	for _, c := range []struct {
		in   orb.Geometry
		want orb.Geometry
	}{
		{ring, orb.LineString(ring)},
		{bound, bound.ToPolygon()},
		{nil, nil},
		{orb.MultiPolygon(nil), nil},
		{orb.Collection{}, nil},
	} {
		b, err := postgis.EncodeEWKB(c.in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := postgis.DecodeEWKB(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%#v came back as %#v, want %#v", c.in, got, c.want)
		}
	}
}

// TestDecodeEWKBErrors: another SRID, garbage and truncation are errors.
func TestDecodeEWKBErrors(t *testing.T) {
	wgs84, _ := hex.DecodeString("0101000020E6100000000000000000F03F0000000000000040") // SRID=4326;POINT(1 2)
	good, _ := postgis.EncodeEWKB(orb.Point{109, 28})
	for name, b := range map[string][]byte{
		"srid 4326": wgs84,
		"garbage":   []byte("not ewkb"),
		"truncated": good[:len(good)-3],
	} {
		if g, err := postgis.DecodeEWKB(b); err == nil {
			t.Errorf("%s: decoded %v, want an error", name, g)
		}
	}
}

// FuzzDecodeEWKB: any bytes give a geometry or an error, never a panic.
func FuzzDecodeEWKB(f *testing.F) {
	for _, c := range ewkbCases {
		b, _ := postgis.EncodeEWKB(c.g)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := postgis.DecodeEWKB(b)
		if err != nil {
			return
		}
		if _, err := postgis.EncodeEWKB(g); err != nil {
			t.Errorf("decoded %v does not encode: %v", g, err)
		}
	})
}
