// Package inspect is the joint-inspection (联检) check catalogue: checks C1–C19
// of the domain reference (§6) as pure functions from a boundary line, its
// versions, markers, the round's records, townships and places to findings.
// It holds no store and speaks no HTTP.
//
// Input geometry is orb geometry in EPSG:4490, orb.Point{lon, lat} in
// degrees. Every metric check runs in metres in the line's CGCS2000
// Gauss-Krüger zone (geo.ZoneForGeometry of the agreed line, without the
// easting prefix): the input is projected once, and each projected line is
// indexed once by an R-tree over its segment envelopes. Findings carry
// their rule, severity, subject (the marker, segment, unit or place they
// are about), location back in EPSG:4490, the measured value and the
// tolerance in metres (degrees for azimuths, days for dates), and messages
// in Chinese and English.
//
// Run runs every check on one line, its work spread over the cores;
// RunLines runs a round of many lines, the lines spread over the cores;
// both give the same findings as running everything one after another.
// C1Validity … C19PlaceInTownship run one check each.
// C20 (pinyin and protected-name review) is a gazetteer review, not an
// inspection of a line: it is not implemented here (see C20).
package inspect
