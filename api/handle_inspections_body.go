package api

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/inspection"
)

// roundBody is the body of POST /inspections.
type roundBody struct {
	LineID   string                   `json:"line_id"`
	Year     int                      `json:"year"`
	Type     string                   `json:"type"`
	Reason   string                   `json:"reason"`
	Parties  []data.Code              `json:"parties"`
	Phase    string                   `json:"phase"`
	Sections []inspection.SectionView `json:"sections"`
}

func (b roundBody) round() *data.InspectionRound {
	r := &data.InspectionRound{LineID: b.LineID, Year: b.Year, Type: data.RoundType(b.Type), Reason: b.Reason,
		Parties: b.Parties, Phase: b.Phase}
	if r.Type == "" {
		r.Type = data.RoundRegular
	}
	for _, s := range b.Sections {
		r.Sections = append(r.Sections, data.Section(s))
	}
	return r
}

// submissionBody is the body of POST /inspections/{roundId}/submissions.
type submissionBody struct {
	MarkerChecks  []markerCheckBody  `json:"marker_checks"`
	SegmentChecks []segmentCheckBody `json:"segment_checks"`
	LineVersions  []lineVersionBody  `json:"line_versions"`
}

type markerCheckBody struct {
	MarkerID   string                      `json:"marker_id"`
	Party      data.Code                   `json:"party"`
	Observed   *[2]float64                 `json:"observed"` // [lon, lat], EPSG:4490
	Method     string                      `json:"method"`
	AccuracyM  float64                     `json:"accuracy_m"`
	Device     string                      `json:"device"`
	ObservedAt *time.Time                  `json:"observed_at"`
	Surveyor   string                      `json:"surveyor"`
	Status     data.MarkerStatus           `json:"status"`
	Flags      []string                    `json:"flags"`
	Upkeep     []string                    `json:"upkeep"`
	Photos     []inspection.AttachmentView `json:"photos"`
	References []referenceBody             `json:"references"`
}

type referenceBody struct {
	Name       string  `json:"name"`
	AzimuthDeg float64 `json:"azimuth_deg"`
	DistanceM  float64 `json:"distance_m"`
}

type segmentCheckBody struct {
	FromMarker    string          `json:"from_marker"`
	ToMarker      string          `json:"to_marker"`
	Party         data.Code       `json:"party"`
	TerrainChange bool            `json:"terrain_change"`
	Resurveyed    bool            `json:"resurveyed"`
	Construction  string          `json:"construction"`
	Note          string          `json:"note"`
	Geometry      json.RawMessage `json:"geometry"` // GeoJSON LineString, optional
}

type lineVersionBody struct {
	Party     data.Code       `json:"party"`
	Source    string          `json:"source"`
	SourceCRS int             `json:"source_crs"`
	UploadID  string          `json:"upload_id"`
	Geometry  json.RawMessage `json:"geometry"` // GeoJSON LineString or MultiLineString
}

// submission converts the body; geometry that is not the expected GeoJSON
// is a KindInvalid error naming the record.
func (b submissionBody) submission() (inspection.Submission, error) {
	var sub inspection.Submission
	for _, c := range b.MarkerChecks {
		sub.MarkerChecks = append(sub.MarkerChecks, c.check())
	}
	for i, c := range b.SegmentChecks {
		sc := &data.SegmentCheck{FromMarker: c.FromMarker, ToMarker: c.ToMarker, Party: c.Party,
			TerrainChange: c.TerrainChange, Resurveyed: c.Resurveyed, Construction: c.Construction, Note: c.Note}
		if len(c.Geometry) > 0 && string(c.Geometry) != "null" {
			g, err := parseGeometry(fmt.Sprintf("segment_checks[%d].geometry", i), c.Geometry)
			ls, ok := g.(orb.LineString)
			if err == nil && !ok {
				err = data.Invalidf(fmt.Sprintf("segment_checks[%d].geometry", i), "a segment's geometry is a LineString, not a %s", g.GeoJSONType())
			}
			if err != nil {
				return sub, err
			}
			sc.Geometry = ls
		}
		sub.SegmentChecks = append(sub.SegmentChecks, sc)
	}
	for i, v := range b.LineVersions {
		field := fmt.Sprintf("line_versions[%d].geometry", i)
		g, err := parseGeometry(field, v.Geometry)
		if err != nil {
			return sub, err
		}
		lv := &data.LineVersion{Party: v.Party, Source: data.VersionSource(v.Source), SourceCRS: v.SourceCRS, UploadID: v.UploadID}
		switch g := g.(type) {
		case orb.LineString:
			lv.Geometry = orb.MultiLineString{g}
		case orb.MultiLineString:
			lv.Geometry = g
		default:
			return sub, data.Invalidf(field, "a line version is a LineString or MultiLineString, not a %s", g.GeoJSONType())
		}
		sub.LineVersions = append(sub.LineVersions, lv)
	}
	return sub, nil
}

func (c markerCheckBody) check() *data.MarkerCheck {
	mc := &data.MarkerCheck{MarkerID: c.MarkerID, Party: c.Party, Method: c.Method, AccuracyM: c.AccuracyM,
		Device: c.Device, Surveyor: c.Surveyor, Status: c.Status, Flags: c.Flags, Upkeep: c.Upkeep}
	if c.Observed != nil {
		p := orb.Point(*c.Observed)
		mc.Observed = &p
	}
	if c.ObservedAt != nil {
		mc.ObservedAt = c.ObservedAt.UTC()
	}
	for _, p := range c.Photos {
		mc.Photos = append(mc.Photos, data.Attachment(p))
	}
	for _, r := range c.References {
		mc.References = append(mc.References, data.ReferenceObject(r))
	}
	return mc
}

// parseGeometry decodes a GeoJSON geometry object.
func parseGeometry(field string, raw json.RawMessage) (orb.Geometry, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, data.Invalidf(field, "geometry is required")
	}
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil || g.Coordinates == nil {
		return nil, data.Invalidf(field, "geometry is not a GeoJSON geometry object")
	}
	return g.Coordinates, nil
}

// acceptanceBody is the body of POST …/findings/{findingId}/acceptances.
type acceptanceBody struct {
	Reason string `json:"reason"`
}

// signatureBody is the body of POST …/signatures.
type signatureBody struct {
	Signer string `json:"signer"`
}
