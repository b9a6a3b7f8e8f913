package inspect

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
)

// markerInfo is a marker with its parsed number and its registered
// position in CGCS2000, projected and located on the agreed line.
type markerInfo struct {
	m        *data.Marker
	num      data.MarkerNumber // zero Seq when the number could not be parsed
	numErr   error             // why not (C3)
	reg      orb.Point         // registered position in CGCS2000 lon/lat
	regOK    bool              // false for a legacy datum without a transform, or a bad point
	transfer string            // name of the datum transformation applied, if any
	xy       orb.Point         // reg projected
	loc      location          // on the agreed line
	located  bool
}

// markers returns the information of the markers valid at the round (or
// now), built once per run.
func (p *plane) markers() []*markerInfo {
	p.marksOnce.Do(p.buildMarkers)
	return p.marks
}

func (p *plane) buildMarkers() {
	p.marks = make([]*markerInfo, 0, len(p.in.Markers))
	infos := make([]markerInfo, len(p.in.Markers)) // one allocation for all
	for i, m := range p.in.Markers {
		if !activeAt(m.Valid, p.when()) {
			continue // retired before the round
		}
		mi := &infos[i]
		mi.m = m
		mi.num, mi.numErr = p.parseNumber(m.Number)
		mi.reg, mi.transfer, mi.regOK = p.registered(m)
		if mi.regOK && p.hasZone {
			mi.xy = p.fwd(mi.reg)
			if p.agreed != nil {
				mi.loc, mi.located = p.agreed.locate(mi.xy)
			}
		}
		p.marks = append(p.marks, mi)
	}
}

// isCGCS2000 reports whether a datum name denotes CGCS2000 (or is unset,
// in which case the position is taken as registered in EPSG:4490).
func isCGCS2000(datum string) bool {
	d := strings.ToUpper(strings.ReplaceAll(datum, " ", ""))
	return d == "" || d == "CGCS2000" || d == "CGCS-2000"
}

// registered returns m's registered position in CGCS2000, applying the
// configured transformation for a legacy datum. ok is false when there is
// none or the position is not a finite point in China.
func (p *plane) registered(m *data.Marker) (pt orb.Point, transform string, ok bool) {
	pt = m.Position
	if !isCGCS2000(m.Datum) {
		t, found := p.in.Settings.Transforms[m.Datum]
		if !found || t.Apply == nil {
			return pt, "", false
		}
		pt, transform = t.Apply(pt), t.Name
	}
	return pt, transform, finite(pt) && data.ChinaBound.Contains(pt)
}

// provincial reports whether the line numbers its markers by the national
// 8-character scheme.
func (p *plane) provincial() bool {
	return p.in.Line != nil && p.in.Line.Level == data.LevelProvince
}

// parseNumber parses a marker number: the national scheme on provincial
// lines, Settings.NumberPattern on others. Without a pattern, a county or
// township line's numbers give no sequence and no error.
func (p *plane) parseNumber(s string) (data.MarkerNumber, error) {
	if p.provincial() {
		return data.ParseMarkerNumber(s)
	}
	re := p.in.Settings.NumberPattern
	if re == nil {
		return data.MarkerNumber{}, nil
	}
	sub := re.FindStringSubmatch(s)
	if sub == nil || sub[0] != s {
		return data.MarkerNumber{}, data.Invalidf("number", "marker number %q does not match the line's numbering pattern %s", s, re)
	}
	n := data.MarkerNumber{Type: data.MarkerSingle}
	if i := re.SubexpIndex("seq"); i > 0 {
		n.Seq, _ = strconv.Atoi(sub[i])
	}
	if i := re.SubexpIndex("type"); i > 0 && len(sub[i]) == 1 {
		n.Type = data.MarkerType(sub[i][0])
	}
	return n, nil
}

// station is a group of markers sharing one sequence number (a single
// marker, a pair or a triple), located on the agreed line at the mean
// measure of its located members.
type station struct {
	seq     int
	members []*markerInfo
	measure float64
	located bool
	name    string // label()
}

// stations groups the markers with a parsed sequence, ordered by sequence,
// built once per run; callers only read them.
func (p *plane) stations() []*station {
	p.stsOnce.Do(func() { p.sts = p.buildStations() })
	return p.sts
}

func (p *plane) buildStations() []*station {
	// The numbered markers by sequence, in input order within one sequence
	// (a stable sort), then cut into runs of one sequence each.
	var ms []*markerInfo
	for _, mi := range p.markers() {
		if mi.num.Seq != 0 {
			ms = append(ms, mi)
		}
	}
	slices.SortStableFunc(ms, func(a, b *markerInfo) int { return cmp.Compare(a.num.Seq, b.num.Seq) })
	var out []*station
	slab := make([]station, 0, len(ms)) // the stations, allocated together; never moves
	for lo := 0; lo < len(ms); {
		hi := lo + 1
		for hi < len(ms) && ms[hi].num.Seq == ms[lo].num.Seq {
			hi++
		}
		slab = append(slab, station{seq: ms[lo].num.Seq, members: ms[lo:hi:hi]})
		st := &slab[len(slab)-1]
		var sum float64
		var n int
		for _, mi := range st.members {
			if mi.located {
				sum, n = sum+mi.loc.Measure, n+1
			}
		}
		st.measure, st.located = sum/float64(max(n, 1)), n > 0
		st.name = stationLabel(st.members)
		out = append(out, st)
		lo = hi
	}
	return out
}

// label is a station's name for messages: its members' numbers, sorted,
// joined by "/".
func (st *station) label() string { return st.name }

func stationLabel(members []*markerInfo) string {
	if len(members) == 1 {
		return members[0].m.Number
	}
	names := make([]string, len(members))
	for i, mi := range members {
		names[i] = mi.m.Number
	}
	sort.Strings(names)
	return strings.Join(names, "/")
}

// sideName names a side of the line in Chinese and English.
func sideName(s geo.Side) (string, string) {
	switch s {
	case geo.SideLeft:
		return "左侧", "left"
	case geo.SideRight:
		return "右侧", "right"
	}
	return "线上", "on the line"
}

// MarkerLocation is where a marker's registered position lies on the
// agreed line, in the line's Gauss-Krüger plane.
type MarkerLocation struct {
	MarkerID string
	Number   string
	Measure  float64  // metres along the agreed line from its first point
	Distance float64  // metres from the agreed line
	Side     geo.Side // side of the line in its digitised direction
}

// LocateMarkers returns the location on the agreed line of every marker
// whose registered position can be used (CGCS2000, or a legacy datum with
// a configured transformation), in input order. C4–C7 are judged on these.
func LocateMarkers(in Input, tol Tolerances) ([]MarkerLocation, error) {
	p, err := prepare(in, tol)
	if err != nil {
		return nil, err
	}
	var out []MarkerLocation
	for _, mi := range p.markers() {
		if mi.located {
			out = append(out, MarkerLocation{MarkerID: mi.m.ID, Number: mi.m.Number,
				Measure: mi.loc.Measure, Distance: mi.loc.Distance, Side: mi.loc.Side})
		}
	}
	return out, nil
}
