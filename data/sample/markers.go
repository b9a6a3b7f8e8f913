package sample

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/toponym/toponym/data"
)

// markerSpec places markers along a line: pairs at the first distances
// (km from the tri-junction or the line's start), singles at the rest.
type markerSpec struct {
	pairs, singles []float64
}

var markerSpecs = map[string]markerSpec{
	"4350": {pairs: []float64{1.0, 2.5, 4.0, 5.5}, singles: []float64{8.0, 11.0}},
	"4352": {singles: []float64{1.5, 4.0, 6.5, 9.0}},
	"5052": {singles: []float64{1.5, 4.0, 6.5, 9.0}},
}

// group is one marker position: a single, a pair or the tri-junction triple.
type group struct {
	key string    // stable part of the markers' IDs
	on  orb.Point // point on the line, for numbering
	ms  []*data.Marker
}

// markers returns the markers of every line and their status history.
func (s *shapes) markers(lines []*data.BoundaryLine) ([]*data.Marker, []*data.MarkerStatusRecord) {
	var ms []*data.Marker
	for k, d := range lineDefs {
		gs := s.lineGroups(d, lines[k].Geometry)
		sortGroups(gs, d.Direction)
		for i, g := range gs {
			for _, m := range g.ms {
				letter := m.Number // holds the type letter until numbered
				if d.Level == data.LevelProvince {
					m.Number = d.Code + pad3(i+1) + letter
				} else {
					m.Number = d.Prefix + pad3(i+1)
				}
				m.LineID = lineID(d.Key)
				m.Installed = d.Agreed
				m.Valid = data.Period{From: d.Agreed}
				ms = append(ms, m)
			}
		}
	}
	return ms, statusHistory(ms)
}

// lineGroups places the marker groups of one line.
func (s *shapes) lineGroups(d lineDef, g orb.MultiLineString) []group {
	path := s.pathFrom(g)
	var gs []group
	spec, ok := markerSpecs[d.Key]
	if !ok { // county line: three singles along its longest part
		n := lengthKm(path)
		spec.singles = []float64{0.2 * n, 0.5 * n, 0.8 * n}
	}
	for k, km := range spec.pairs {
		p, dir := along(path, km)
		key := d.Key + "/pair/" + strconv.Itoa(k)
		var pair []*data.Marker
		for _, side := range []float64{1, -1} {
			q := offsetM(p, dir, 20*side)
			county := s.countyAt(q)
			letter := "B"
			if hasPrefix(county, d.RegionA) {
				letter = "A"
			}
			pair = append(pair, s.marker(key+"/"+letter, letter, q, county, "花岗岩 granite"))
		}
		gs = append(gs, group{key, p, pair})
	}
	for k, km := range spec.singles {
		p, dir := along(path, km)
		key := d.Key + "/single/" + strconv.Itoa(k)
		side := 3.0
		if k%2 == 1 {
			side = -3
		}
		m := s.marker(key, "Q", p, s.countyAt(offsetM(p, dir, side)), "混凝土 concrete")
		if d.Key == "4350" { // the 湘渝 singles keep a legacy survey: Xi'an 1980, σ 1 m
			m.SourceCRS, m.Datum, m.SigmaM = 2381, "Xian1980", 1.0
		}
		gs = append(gs, group{key, p, []*data.Marker{m}})
	}
	if d.Key == "4350" {
		gs = append(gs, s.tripleGroup())
	}
	return gs
}

// tripleGroup is the triple at the tri-junction: C on the Hunan bank, D on
// the Chongqing bank, E on the Guizhou bank, 25 m from the point.
func (s *shapes) tripleGroup() group {
	var ms []*data.Marker
	for _, t := range []struct {
		letter string
		deg    float64
	}{{"C", 0}, {"D", 135}, {"E", 225}} {
		a := t.deg * math.Pi / 180
		q := orb.Point{round7(TriJunctionPoint[0] + 0.025*math.Cos(a)/kmPerDegLon),
			round7(TriJunctionPoint[1] + 0.025*math.Sin(a)/kmPerDegLat)}
		ms = append(ms, s.marker("4350/tj/"+t.letter, t.letter, q, s.countyAt(q), "花岗岩 granite"))
	}
	return group{"4350/tj", TriJunctionPoint, ms}
}

// marker builds one marker; its Number holds the type letter until the
// line's markers are numbered.
func (s *shapes) marker(key, letter string, p orb.Point, county, physical string) *data.Marker {
	status := data.StatusIntact
	if key == "4350/pair/1/B" {
		status = data.StatusDamaged
	}
	return &data.Marker{
		ID: ID("marker/" + key), Number: letter, PhysicalType: physical,
		ResponsibleParty: data.Code(county), Position: p, SourceCRS: 4545, Datum: "CGCS2000",
		SigmaM: 0.05, References: references(key), Status: status,
	}
}

// references returns three reference objects (方位物) with deterministic
// azimuths and distances.
func references(key string) []data.ReferenceObject {
	names := []string{"电杆 power pole", "大树 tree", "房屋墙角 house corner", "桥墩 bridge pier", "岩石 rock"}
	h := int(math.Abs(noise(key, 0, 0, 0)) * 1000)
	var rs []data.ReferenceObject
	for k := 0; k < 3; k++ {
		az := 120*float64(k) + 60*(noise(key, k, 1, 0)+1)
		dist := 8 + 26*(noise(key, k, 2, 0)+1)
		rs = append(rs, data.ReferenceObject{Name: names[(h+k)%len(names)],
			AzimuthDeg: math.Round(az*10) / 10, DistanceM: math.Round(dist*100) / 100})
	}
	return rs
}

// statusHistory records the third (2014) and fourth (2019) rounds for every
// marker.
func statusHistory(ms []*data.Marker) []*data.MarkerStatusRecord {
	var rs []*data.MarkerStatusRecord
	for _, m := range ms {
		rs = append(rs, &data.MarkerStatusRecord{MarkerID: m.ID, At: data.Date(2014, time.October, 21),
			Status: data.StatusIntact, Note: "第三轮联检 (示例) / third joint inspection (sample)"})
		r := &data.MarkerStatusRecord{MarkerID: m.ID, At: lastInspected, Status: m.Status,
			Note: "第四轮联检 (示例) / fourth joint inspection (sample)"}
		if m.Status == data.StatusDamaged {
			r.Flags = []string{"tilted"}
			r.Note += "; 洪水冲刷致桩体倾斜 / tilted by a flood"
		}
		rs = append(rs, r)
	}
	return rs
}

// sortGroups orders groups for numbering: north to south or west to east.
func sortGroups(gs []group, direction string) {
	sort.SliceStable(gs, func(a, b int) bool {
		if direction == "north_south" {
			return gs[a].on[1] > gs[b].on[1]
		}
		return gs[a].on[0] < gs[b].on[0]
	})
}

func pad3(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// countyAt returns the code of the county whose polygon contains p, or "".
func (s *shapes) countyAt(p orb.Point) string {
	for _, code := range sortedKeys(s.counties) {
		if planar.MultiPolygonContains(s.countyPolys()[code], p) {
			return code
		}
	}
	return ""
}

// countyPolys caches the county polygons.
func (s *shapes) countyPolys() map[string]orb.MultiPolygon {
	if s.polys == nil {
		s.polys = map[string]orb.MultiPolygon{}
		for code := range s.counties {
			s.polys[code] = s.county(code)
		}
	}
	return s.polys
}
