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
