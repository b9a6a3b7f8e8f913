package storetest

import (
	"testing"
	"time"

	"github.com/paulmach/orb"
)

func TestDiff(t *testing.T) {
	type rec struct {
		G    orb.Geometry
		L    []string
		T    time.Time
		P    *float64
		F    float64
		Arr  [2]string
		Geom orb.MultiPolygon
	}
	one, two := 1.0, 2.0
	t0 := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	base := rec{G: orb.Point{1, 2}, L: []string{"a"}, T: t0, P: &one, F: 0.1, Arr: [2]string{"x", "y"}}
	for _, c := range []struct {
		name  string
		edit  func(r *rec)
		equal bool
	}{
		{"same", func(r *rec) {}, true},
		{"time in another zone", func(r *rec) { r.T = t0.In(time.FixedZone("CST", 8*3600)) }, true},
		{"nil vs empty list", func(r *rec) { r.Geom = orb.MultiPolygon{} }, true},
		{"other time", func(r *rec) { r.T = t0.Add(time.Microsecond) }, false},
		{"other point", func(r *rec) { r.G = orb.Point{1, 2.0000000000001} }, false},
		{"other geometry type", func(r *rec) { r.G = orb.MultiPoint{{1, 2}} }, false},
		{"nil geometry", func(r *rec) { r.G = nil }, false},
		{"other pointee", func(r *rec) { r.P = &two }, false},
		{"nil pointer", func(r *rec) { r.P = nil }, false},
		{"longer list", func(r *rec) { r.L = append(r.L, "b") }, false},
		{"array element", func(r *rec) { r.Arr[1] = "z" }, false},
		{"float", func(r *rec) { r.F = 0.1 + 1e-17 + 1e-16 }, false},
	} {
		r := base
		r.L = append([]string(nil), base.L...)
		c.edit(&r)
		d := Diff(base, r)
		if (d == "") != c.equal {
			t.Errorf("%s: Diff = %q, want equal=%v", c.name, d, c.equal)
		}
	}
}
