package ingest

import (
	"strings"

	"github.com/toponym/toponym/data"
)

// csvColumns is the role of each column of a CSV header.
type csvColumns struct {
	header []string
	role   []field
	at     [fSigma + 1]int // column of each role, -1 if none
}

// mapColumns detects the role of each header, then applies the explicit
// mapping, which wins.
func mapColumns(header []string, explicit Columns) (csvColumns, error) {
	c := csvColumns{header: make([]string, len(header)), role: make([]field, len(header))}
	for f := range c.at {
		c.at[f] = -1
	}
	for i, h := range header {
		c.header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		c.role[i] = fieldOf(h)
	}
	for _, e := range explicit.list() {
		if e.name == "" {
			continue
		}
		i := c.find(e.name)
		if i < 0 {
			return c, &data.Error{Kind: data.KindInvalid, Row: 1, Field: "columns", Value: e.name,
				Message: "column " + quote(e.name) + " is not in the header: " + strings.Join(c.header, ", ")}
		}
		for j := range c.role {
			if c.role[j] == e.role {
				c.role[j] = fNone
			}
		}
		c.role[i] = e.role
	}
	for i := len(c.role) - 1; i >= 0; i-- { // the first column of a role wins
		if c.role[i] != fNone {
			if j := c.at[c.role[i]]; j >= 0 && coordinate(c.role[i]) {
				return c, &data.Error{Kind: data.KindInvalid, Row: 1, Field: "columns",
					Value: c.header[i] + ", " + c.header[j], Message: "columns " + quote(c.header[i]) + " and " +
						quote(c.header[j]) + " both look like the " + roleNames[c.role[i]] +
						": name the one to use in the column mapping"}
			}
			c.at[c.role[i]] = i
		}
	}
	return c, nil
}

// coordinate reports whether f is a coordinate: two columns of one are
// never resolved by taking the first.
func coordinate(f field) bool { return f == fLon || f == fLat || f == fNorth || f == fEast }

var roleNames = map[field]string{fLon: "longitude", fLat: "latitude", fNorth: "northing (X)", fEast: "easting (Y)"}

type namedRole struct {
	name string
	role field
}

func (c Columns) list() []namedRole {
	return []namedRole{
		{c.Lon, fLon}, {c.Lat, fLat}, {c.Northing, fNorth}, {c.Easting, fEast},
		{c.Name, fName}, {c.Pinyin, fPinyin}, {c.Category, fCategory}, {c.Kind, fKind},
		{c.MarkerNumber, fMarker}, {c.PointCode, fPointCode}, {c.Elevation, fElevation},
		{c.Time, fTime}, {c.Sigma, fSigma},
	}
}

// find returns the column named name, exactly or once normalised.
func (c csvColumns) find(name string) int {
	for i, h := range c.header {
		if h == name {
			return i
		}
	}
	for i, h := range c.header {
		if normalise(h) == normalise(name) {
			return i
		}
	}
	return -1
}

func (c csvColumns) has(fs ...field) bool {
	for _, f := range fs {
		if c.at[f] < 0 {
			return false
		}
	}
	return true
}

// name returns the header of column i.
func (c csvColumns) name(i int) string {
	if i >= 0 && i < len(c.header) {
		return c.header[i]
	}
	return ""
}

func quote(s string) string { return "\"" + s + "\"" }

// noCoordinates explains a header without a usable pair of columns.
func (c csvColumns) noCoordinates(projected, geographic bool) *data.Error {
	want := "经度/纬度 (lon/lat), 北坐标/东坐标 (northing/easting) or X/Y"
	switch {
	case projected:
		want = "北坐标/东坐标 (northing/easting) or X/Y for a Gauss-Krüger zone"
	case geographic:
		want = "经度/纬度 (lon/lat) or X/Y for geographic coordinates"
	}
	return &data.Error{Kind: data.KindInvalid, Row: 1, Field: "header", Value: strings.Join(c.header, ","),
		Message: "no coordinate columns: the header needs " + want + "; it has " + strings.Join(c.header, ", ")}
}
