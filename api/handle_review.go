package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// reviewBody is the body of POST /places/{placeId}/review.
type reviewBody struct {
	Status data.ReviewStatus `json:"status"`
	By     string            `json:"by"` // who, when the request carries no authenticated name
	Note   string            `json:"note"`
}

// reviewPlace serves POST /places/{placeId}/review: one step of the
// 复核入库 workflow (draft → reviewed → published, or back to draft). Who
// is the authenticated caller, else the body's "by"; when is now. A
// reviewer cannot publish what they reviewed. The tiles of the place are
// invalidated, since publishing changes what the public tileset shows.
func (s *server) reviewPlace(w http.ResponseWriter, r *http.Request) error {
	g, err := s.gazetteer()
	if err != nil {
		return err
	}
	var b reviewBody
	if err := decodeBody(r, &b); err != nil {
		return err
	}
	if p := data.PrincipalFrom(r.Context()); p != nil && p.Name != "" {
		b.By = p.Name
	}
	id := strings.ToLower(chi.URLParam(r, "placeId"))
	if !data.ValidID(id) {
		return inParam(data.NotFound("place", id))
	}
	p, err := g.SetReview(r.Context(), data.ReviewChange{PlaceID: id, To: b.Status, By: strings.TrimSpace(b.By),
		At: s.cfg.Now().UTC(), Note: b.Note})
	if err != nil {
		return err
	}
	if p.Geometry != nil {
		s.tiles.cache.Invalidate(p.Geometry.Bound())
	}
	s.invalidateSignsOf(r.Context(), g, p.ID)
	return writeJSON(w, mediaGeoJSON, http.StatusOK, placeFeature(p))
}

// invalidateSignsOf drops the cached tiles of a place's signs: the public
// tileset shows the signs of published places only, and a sign may stand
// in another tile than its place. If the signs cannot be listed, the
// change is already stored, so every cached tile goes rather than one
// that may be stale.
func (s *server) invalidateSignsOf(ctx context.Context, g data.Gazetteer, placeID string) {
	for offset := 0; ; offset += data.MaxLimit {
		page, err := g.FindSigns(ctx, data.SignQuery{PlaceID: placeID, Limit: data.MaxLimit, Offset: offset})
		if err != nil {
			s.tiles.cache.InvalidateAll()
			return
		}
		for _, sg := range page.Items {
			s.tiles.cache.Invalidate(sg.Position.Bound())
		}
		if len(page.Items) < data.MaxLimit {
			return
		}
	}
}

// placeReviews serves GET /places/{placeId}/reviews: the review trail.
func (s *server) placeReviews(w http.ResponseWriter, r *http.Request) error {
	g, err := s.gazetteer()
	if err != nil {
		return err
	}
	p, err := s.placeParam(r)
	if err != nil {
		return err
	}
	hist, err := g.ReviewHistory(r.Context(), p.ID)
	if err != nil {
		return err
	}
	steps := []map[string]any{}
	for _, h := range hist {
		steps = append(steps, map[string]any{"from": string(h.From), "to": string(h.To), "by": h.By,
			"at": timestamp(h.At), "note": h.Note})
	}
	return writeJSON(w, mediaJSON, http.StatusOK, map[string]any{"place_id": p.ID, "review": string(p.Review),
		"reviewed_by": nilIfEmpty(p.ReviewedBy), "reviewed_at": timestamp(p.ReviewedAt), "steps": steps})
}

// placeLPF serves GET /places/{placeId}/lpf: a published place as Linked
// Places Format.
func (s *server) placeLPF(w http.ResponseWriter, r *http.Request) error {
	p, err := s.placeParam(r)
	if err != nil {
		return err
	}
	if p.Review != data.ReviewPublished {
		return data.NotFound("place", p.ID)
	}
	return writeJSON(w, mediaLPF, http.StatusOK, gazetteer.LPFCollection([]map[string]any{gazetteer.PlaceLPF(p, s.baseURL(r))}))
}

// mediaLPF is the media type of Linked Places Format documents.
const mediaLPF = "application/ld+json"

// exportLPF serves GET /export/lpf: published places as Linked Places
// Format, one page at a time (admin_code, bbox, limit, offset).
func (s *server) exportLPF(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := checkParams(v, "admin_code", "bbox", "limit", "offset"); err != nil {
		return inParam(err)
	}
	q, err := listQuery(v)
	if err != nil {
		return inParam(err)
	}
	q.Review = data.ReviewPublished
	page, err := s.store.ListPlaces(r.Context(), q)
	if err != nil {
		return inParam(err)
	}
	feats := []map[string]any{}
	for _, p := range page.Items {
		feats = append(feats, gazetteer.PlaceLPF(p, s.baseURL(r)))
	}
	doc := gazetteer.LPFCollection(feats)
	doc["numberMatched"], doc["numberReturned"] = page.Matched, len(feats)
	doc["links"] = s.listLinks(r, q.Offset, q.Limit, len(feats), page.Matched)
	return writeJSON(w, mediaLPF, http.StatusOK, doc)
}

// listQuery parses admin_code, bbox, limit and offset.
func listQuery(v url.Values) (data.Query, error) {
	var q data.Query
	var err error
	if q.BBox, err = optBBox(v); err != nil {
		return q, err
	}
	if c := v.Get("admin_code"); c != "" {
		if q.Code, err = data.ParseCode(c); err != nil {
			return q, named("admin_code", c, err)
		}
	}
	if q.Limit, err = parseLimit(v.Get("limit")); err != nil {
		return q, err
	}
	q.Offset, err = parseOffset(v.Get("offset"))
	return q, err
}
