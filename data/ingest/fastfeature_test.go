package ingest

import (
	"reflect"
	"strings"
	"testing"
)

// TestFastPathMatchesGeneralPath: the hand-rolled reader of Point features
// gives the same record or the same error as encoding/json, which reads
// the same text once a member the fast path does not know (bbox) sends it
// there.
func TestFastPathMatchesGeneralPath(t *testing.T) {
	for _, f := range []string{
		`{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"名称":"洪安镇","拼音":"Hong'an Zhen","类别":"1210","sigma":"0.02","高程":312.5,"note":true}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5,301.25]},"properties":{"name":"x","kind":null}}`,
		`{"properties":{"名称":"后置"},"geometry":{"coordinates":[108.5e0,2.85E1],"type":"Point"},"type":"Feature","id":"a-1"}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":null}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.85]},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"时间":"not a time"}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109.2,28.5]},"properties":{"σ":"-3"}}`,
		`{ "type" : "Feature" , "geometry" : { "type" : "Point" , "coordinates" : [ -0.0 , 0 ] } , "properties" : { } }`,
	} {
		fast := &featureParser{crs: mustCRS(t, 4490), opts: Options{}.withDefaults()}
		general := &featureParser{crs: mustCRS(t, 4490), opts: Options{}.withDefaults()}
		if _, ok := scanFeature([]byte(f), nil); !ok {
			t.Errorf("fast path declined %s", f)
		}
		slow := strings.Replace(f, `"geometry"`, `"bbox":[0,0,0,0],"geometry"`, 1)
		r1, err1 := fast.parse([]byte(f), 3)
		r2, err2 := general.parse([]byte(slow), 3)
		if !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(err1, err2) {
			t.Errorf("%s\nfast:    %+v, %v\ngeneral: %+v, %v", f, r1, err1, r2, err2)
		}
	}
}

// TestFastPathDeclinesWhatItDoesNotRead: other shapes and anything that
// is not valid JSON go to the general path.
func TestFastPathDeclinesWhatItDoesNotRead(t *testing.T) {
	for _, f := range []string{
		`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[109,28],[109.1,28]]},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,28]},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{"a":"\u6d2a"}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{"a":{"b":1}}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{}} x`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28,1,2]},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[01,28]},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{"a":"` + "\xff" + `"}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{},"geometry":null}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]},"properties":{"a":tru}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[109,28]`,
	} {
		if _, ok := scanFeature([]byte(f), nil); ok {
			t.Errorf("fast path read %s", f)
		}
	}
}

func mustCRS(tb testing.TB, epsg int) crs {
	tb.Helper()
	c, err := newCRS(epsg)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
