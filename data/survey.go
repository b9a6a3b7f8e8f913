package data

import "time"

// SurveyUpload is one file a survey team uploaded, kept as provenance for
// everything derived from it.
type SurveyUpload struct {
	ID             string
	Team           string
	Device         string
	Method         string // RTK, static GNSS, total station, …
	CRS            int    // declared EPSG code
	AccuracyM      float64
	FileName       string
	MediaType      string
	SHA256         string
	Size           int64
	Status         string // received, stored, rejected
	IdempotencyKey string
	Created        time.Time
}

// Validate checks an upload record before it is stored. An empty Status
// becomes received.
func (u *SurveyUpload) Validate() error {
	if err := checkTexts(u); err != nil {
		return err
	}
	if u.Status == "" {
		u.Status = "received"
	}
	if u.Size < 0 {
		return Invalidf("size", "size %d is negative", u.Size)
	}
	return firstErr(required("file_name", u.FileName), checkSHA256("sha256", u.SHA256),
		checkEPSG("crs", u.CRS), checkMetres("accuracy_m", u.AccuracyM, 1000),
		oneOf("status", u.Status, "received", "stored", "rejected"))
}
