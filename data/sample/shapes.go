package sample

import (
	"sort"

	"github.com/paulmach/orb"
)

func sortStrings(s []string) { sort.Strings(s) }

// shapes holds the synthetic geometry of the sample, derived from one
// partition of the grid.
type shapes struct {
	p        *partition
	counties map[string]region           // by county code
	towns    map[string]region           // by township code
	sub      map[string]region           // 茶峒镇 and 大河坪乡, parts of 边城镇 before 2005
	polys    map[string]orb.MultiPolygon // county polygons, built on demand
	tpolys   map[string]orb.MultiPolygon // township polygons, built on demand
}

// 边城镇's two predecessors: 茶峒镇 near the river, 大河坪乡 to the east.
const (
	codeBiancheng = "433124108"
	codeChadong   = "433124101"
	codeDahepin   = "433124201"
	codeJiujiang  = "520628005" // 九江, transferred from 秀山 to 松桃 in 1952
	codeXiushan   = "500241"
	codeSongtao   = "520628"
	codeHuayuan   = "433124"
)

func buildShapes() *shapes {
	p := buildPartition()
	s := &shapes{p: p, counties: map[string]region{}, towns: map[string]region{}, sub: map[string]region{}}
	for _, l := range labels(p.county) {
		s.counties[l] = regionOf(p.county, func(v string) bool { return v == l })
	}
	for _, l := range labels(p.township) {
		s.towns[l] = regionOf(p.township, func(v string) bool { return v == l })
	}
	s.splitBiancheng()
	return s
}

// splitBiancheng divides 边城镇's cells between its predecessors by nearest
// seed, cleaned like the other levels.
func (s *shapes) splitBiancheng() {
	var seeds []unitRow
	for _, r := range historicalRows {
		if r.Parent == codeHuayuan {
			seeds = append(seeds, r)
		}
	}
	m := map[cell]string{}
	for c := range s.towns[codeBiancheng] {
		best, bd := "", 0.0
		for _, r := range seeds {
			if d := distKm(c.centre(), pointOf(r)); best == "" || d < bd {
				best, bd = r.Code, d
			}
		}
		m[c] = best
	}
	inside := s.towns[codeBiancheng]
	clean(m, s.p.fixed, func(c cell, _ string) bool { return inside[c] })
	for _, r := range seeds {
		s.sub[r.Code] = regionOf(m, func(v string) bool { return v == r.Code })
	}
}

// union returns the cells of all the given regions.
func union(rs ...region) region {
	u := region{}
	for _, r := range rs {
		for c := range r {
			u[c] = true
		}
	}
	return u
}

// minus returns the cells of a not in b.
func minus(a, b region) region {
	d := region{}
	for c := range a {
		if !b[c] {
			d[c] = true
		}
	}
	return d
}

// countiesOf returns the union of the counties whose code starts with prefix.
func (s *shapes) countiesOf(prefix string) region {
	var rs []region
	for code, r := range s.counties {
		if len(code) >= len(prefix) && code[:len(prefix)] == prefix {
			rs = append(rs, r)
		}
	}
	return union(rs...)
}

func (s *shapes) county(code string) orb.MultiPolygon { return s.counties[code].multiPolygon() }

func sortedKeys(m map[string]region) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}
