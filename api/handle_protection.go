package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
)

// Protection listings (地名保护名录) and signs (地名标志) by area (bbox or
// admin_code), category and period. The public sees those of published
// places only.

// listListings serves GET /protection-listings.
func (s *server) listListings(w http.ResponseWriter, r *http.Request) error {
	g, err := s.gazetteer()
	if err != nil {
		return err
	}
	v := r.URL.Query()
	if err := checkParams(v, "bbox", "admin_code", "category", "period", "batch", "listed", "limit", "offset"); err != nil {
		return inParam(err)
	}
	lq, err := listQuery(v)
	if err != nil {
		return inParam(err)
	}
	q := data.ListingQuery{BBox: lq.BBox, Code: lq.Code, Category: v.Get("category"), Period: v.Get("period"),
		Batch: v.Get("batch"), Review: data.ReviewPublished, Limit: lq.Limit, Offset: lq.Offset}
	if q.Listed, err = optPeriod("listed", v.Get("listed")); err != nil {
		return inParam(err)
	}
	page, err := g.ListListings(r.Context(), q)
	if err != nil {
		return inParam(err)
	}
	items := []map[string]any{}
	for _, l := range page.Items {
		items = append(items, map[string]any{"id": l.ID, "place_id": l.PlaceID, "batch": l.Batch,
			"category": l.Category, "period": l.Period, "listed": date(l.Listed), "authority": l.Authority,
			"document": l.Document, "place": s.baseURL(r) + "/collections/place-names/items/" + l.PlaceID})
	}
	return writeJSON(w, mediaJSON, http.StatusOK, map[string]any{"listings": items, "numberMatched": page.Matched,
		"numberReturned": len(items), "links": s.listLinks(r, q.Offset, lq.Limit, len(items), page.Matched)})
}

// findSigns serves GET /signs: signs (with their condition history) as
// GeoJSON.
func (s *server) findSigns(w http.ResponseWriter, r *http.Request) error {
	g, err := s.gazetteer()
	if err != nil {
		return err
	}
	v := r.URL.Query()
	if err := checkParams(v, "bbox", "admin_code", "kind", "status", "category", "period", "installed", "limit", "offset"); err != nil {
		return inParam(err)
	}
	lq, err := listQuery(v)
	if err != nil {
		return inParam(err)
	}
	q := data.SignQuery{BBox: lq.BBox, Code: lq.Code, Kind: v.Get("kind"), Status: v.Get("status"),
		Category: v.Get("category"), Period: v.Get("period"), Review: data.ReviewPublished, Limit: lq.Limit, Offset: lq.Offset}
	if q.Installed, err = optPeriod("installed", v.Get("installed")); err != nil {
		return inParam(err)
	}
	page, err := g.FindSigns(r.Context(), q)
	if err != nil {
		return inParam(err)
	}
	fc := geojson.NewFeatureCollection()
	for _, sg := range page.Items {
		fc.Append(signWithHistory(sg))
	}
	fc.ExtraMembers = geojson.Properties{"numberMatched": page.Matched, "numberReturned": len(page.Items),
		"links": s.listLinks(r, q.Offset, lq.Limit, len(page.Items), page.Matched)}
	return writeJSON(w, mediaGeoJSON, http.StatusOK, fc)
}

func signWithHistory(sg *data.Sign) *geojson.Feature {
	f := signFeature(sg)
	hist := []map[string]any{}
	for _, h := range sg.History {
		hist = append(hist, map[string]any{"at": timestamp(h.At), "status": h.Status, "note": h.Note})
	}
	f.Properties["history"] = hist
	return f
}

// signStatusBody is the body of POST /signs/{signId}/status.
type signStatusBody struct {
	At     string `json:"at"` // YYYY-MM-DD or RFC 3339; now when absent
	Status string `json:"status"`
	Note   string `json:"note"`
}

// maxStatusLead is how far in the future a condition record may be dated:
// the leeway for a surveyor's clock running ahead of the server's.
const maxStatusLead = 5 * time.Minute

// statusInstant parses the at of a condition record: a date is that day's
// UTC midnight, an RFC 3339 time the instant it names, in UTC. An instant
// more than maxStatusLead after now is refused, since a record dated in the
// future would stay the sign's current status until then.
func statusInstant(s string, now time.Time) (time.Time, error) {
	t, err := parseDateOrTime(s)
	if err != nil || t.Year() < 1 || t.Year() > 9999 {
		return time.Time{}, &data.Error{Kind: data.KindInvalid, Field: "at", Value: s,
			Message: "at " + quote(s) + " is not a date (2024-05-01) or an RFC 3339 time (2024-05-01T10:30:00+08:00)"}
	}
	if t.After(now.Add(maxStatusLead)) {
		return time.Time{}, &data.Error{Kind: data.KindInvalid, Field: "at", Value: s,
			Message: "at " + quote(s) + " lies in the future: a condition record is dated when it was observed, " +
				"at most 5 minutes ahead of the server's clock (" + now.Format(time.RFC3339) + ")"}
	}
	return t, nil
}

// addSignStatus serves POST /signs/{signId}/status: a condition record
// (good, damaged, missing, removed) added to the sign's history.
func (s *server) addSignStatus(w http.ResponseWriter, r *http.Request) error {
	g, err := s.gazetteer()
	if err != nil {
		return err
	}
	var b signStatusBody
	if err := decodeBody(r, &b); err != nil {
		return err
	}
	now := s.cfg.Now().UTC()
	st := data.SignStatus{At: now, Status: b.Status, Note: b.Note}
	if b.At != "" {
		if st.At, err = statusInstant(b.At, now); err != nil {
			return err
		}
	}
	id := strings.ToLower(chi.URLParam(r, "signId"))
	sg, err := g.AddSignStatus(r.Context(), id, st)
	if err != nil {
		return err
	}
	s.tiles.cache.Invalidate(sg.Position.Bound())
	return writeJSON(w, mediaGeoJSON, http.StatusOK, signWithHistory(sg))
}
