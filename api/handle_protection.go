package api

import (
	"net/http"
	"strings"

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
	st := data.SignStatus{At: s.cfg.Now().UTC(), Status: b.Status, Note: b.Note}
	if b.At != "" {
		if st.At, err = parseInstant(b.At); err != nil {
			return data.Invalidf("at", "at %q is not a date or an RFC 3339 time", b.At)
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
