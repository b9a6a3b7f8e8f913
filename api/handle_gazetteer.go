package api

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
)

// gazetteerRoutes registers the gazetteer: search, place entry and review,
// division history, protection listings, signs and the Linked Places
// export. Stores without data.Gazetteer answer 503 on the routes that
// need it.
func (s *server) gazetteerRoutes(r chi.Router) {
	r.Get("/search", s.handle(s.search))
	r.Post("/places", s.handle(s.enterPlace))
	r.Get("/places/{placeId}/containment", s.handle(s.placeContainment))
	r.Post("/places/{placeId}/review", s.handle(s.reviewPlace))
	r.Get("/places/{placeId}/reviews", s.handle(s.placeReviews))
	r.Get("/places/{placeId}/lpf", s.handle(s.placeLPF))
	r.Get("/export/lpf", s.handle(s.exportLPF))
	r.Get("/admin-units", s.handle(s.listUnitsAt))
	r.Get("/admin-units/by-id/{unitId}", s.handle(s.unitByID))
	r.Get("/admin-units/{code}", s.handle(s.unitAt))
	r.Get("/admin-units/{code}/versions", s.handle(s.unitVersions))
	r.Get("/admin-units/{code}/chain", s.handle(s.unitChain))
	r.Get("/admin-units/{code}/lpf", s.handle(s.unitLPF))
	r.Get("/division-codes/{code}", s.handle(s.codeHistory))
	r.Get("/protection-listings", s.handle(s.listListings))
	r.Get("/signs", s.handle(s.findSigns))
	r.Post("/signs/{signId}/status", s.handle(s.addSignStatus))
}

// gazetteer returns the store's data.Gazetteer, or a KindUnavailable error.
func (s *server) gazetteer() (data.Gazetteer, error) {
	if s.gaz == nil {
		return nil, &data.Error{Kind: data.KindUnavailable, Message: "this store has no gazetteer"}
	}
	return s.gaz, nil
}

// searchParamNames are the query parameters of /search.
var searchParamNames = []string{"q", "bbox", "near", "radius", "admin_code", "category", "kind", "at", "limit", "offset"}

// parseSearch parses a /search query. The public API searches published
// places only.
func parseSearch(v url.Values) (data.SearchQuery, error) {
	q := data.SearchQuery{Text: v.Get("q"), Review: data.ReviewPublished, Kind: data.PlaceKind(v.Get("kind"))}
	if err := checkParams(v, searchParamNames...); err != nil {
		return q, err
	}
	var err error
	if q.BBox, err = optBBox(v); err != nil {
		return q, err
	}
	if v.Has("near") {
		p, err := parsePoint("near", v.Get("near"))
		if err != nil {
			return q, err
		}
		q.Near = &p
	}
	if v.Has("radius") {
		if q.Near == nil {
			return q, &data.Error{Kind: data.KindInvalid, Field: "radius", Value: v.Get("radius"),
				Message: "radius is the distance from near: give near=lon,lat with it"}
		}
		if q.RadiusM, err = parseMetres("radius", v.Get("radius"), data.MaxRadiusM); err != nil {
			return q, err
		}
	}
	switch q.Kind {
	case "", data.KindPlaceName, data.KindPOI:
	default:
		return q, &data.Error{Kind: data.KindInvalid, Field: "kind", Value: string(q.Kind),
			Message: "kind " + quote(string(q.Kind)) + " is not place_name or poi"}
	}
	q.Code, q.Category = data.Code(v.Get("admin_code")), v.Get("category")
	if q.Code != "" {
		if _, err := data.ParseCode(string(q.Code)); err != nil {
			return q, named("admin_code", string(q.Code), err)
		}
	}
	if q.At, err = optDate("at", v.Get("at")); err != nil {
		return q, err
	}
	if q.Limit, err = parseLimit(v.Get("limit")); err != nil {
		return q, err
	}
	q.Offset, err = parseOffset(v.Get("offset"))
	return q, err
}

// search serves GET /search: published places by name, ranked and paged,
// as a GeoJSON feature collection. Each feature is the place with the
// matched name, how it matched, the similarity and the distance.
func (s *server) search(w http.ResponseWriter, r *http.Request) error {
	g, err := s.gazetteer()
	if err != nil {
		return err
	}
	q, err := parseSearch(r.URL.Query())
	if err != nil {
		return inParam(err)
	}
	page, err := g.Search(r.Context(), q)
	if err != nil {
		return inParam(err)
	}
	fc := geojson.NewFeatureCollection()
	for _, h := range page.Items {
		f := placeFeature(h.Place)
		f.Properties["matched_name"] = h.Name.Text
		f.Properties["matched_pinyin"] = h.Name.Pinyin
		f.Properties["matched_status"] = string(h.Name.Status)
		f.Properties["match"] = h.Match.String()
		f.Properties["similarity"] = round(h.Similarity, 4)
		if q.Near != nil {
			f.Properties["distance_m"] = round(h.DistanceM, 2)
		}
		fc.Append(f)
	}
	limit, _ := q.Clamp()
	fc.ExtraMembers = geojson.Properties{
		"numberMatched": page.Matched, "numberReturned": len(page.Items),
		"links":     s.listLinks(r, q.Offset, limit, len(page.Items), page.Matched),
		"timeStamp": s.cfg.Now().UTC().Format(time.RFC3339),
	}
	return writeJSON(w, mediaGeoJSON, http.StatusOK, fc)
}

// listLinks returns the self, next and prev links of a paged list.
func (s *server) listLinks(r *http.Request, offset, limit, returned, matched int) []link {
	self := s.selfURL(r)
	at := func(off int) string {
		v := self.Query()
		v.Set("offset", strconv.Itoa(off))
		v.Set("limit", strconv.Itoa(limit))
		u := *self
		u.RawQuery = v.Encode()
		return u.String()
	}
	links := []link{{Href: self.String(), Rel: "self", Type: mediaJSON, Title: "this document"}}
	if next := offset + returned; returned > 0 && next < matched {
		links = append(links, link{Href: at(next), Rel: "next", Type: mediaJSON, Title: "next page"})
	}
	if offset > 0 {
		links = append(links, link{Href: at(max(0, offset-limit)), Rel: "prev", Type: mediaJSON, Title: "previous page"})
	}
	return links
}

// writeJSON writes v as JSON with a status.
func writeJSON(w http.ResponseWriter, mediaType string, status int, v any) error {
	body, err := encodeJSON(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", mediaType)
	w.WriteHeader(status)
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

// optBBox parses an optional bbox parameter in CRS84.
func optBBox(v url.Values) (*orb.Bound, error) {
	if !v.Has("bbox") {
		return nil, nil
	}
	b, err := parseBBox(v.Get("bbox"), crs84)
	return &b, err
}

// parsePoint parses "lon,lat" in degrees.
func parsePoint(param, s string) (orb.Point, error) {
	parts := strings.Split(s, ",")
	bad := &data.Error{Kind: data.KindInvalid, Field: param, Value: s,
		Message: param + " " + strconv.Quote(s) + " is not lon,lat in degrees (-180..180, -90..90)"}
	if len(parts) != 2 {
		return orb.Point{}, bad
	}
	var p orb.Point
	for i, part := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return orb.Point{}, bad
		}
		p[i] = f
	}
	if math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
		return orb.Point{}, bad
	}
	return p, nil
}

// parseMetres parses a non-negative distance in metres up to max.
func parseMetres(param, s string, max float64) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > max {
		return 0, &data.Error{Kind: data.KindInvalid, Field: param, Value: s,
			Message: param + " " + strconv.Quote(s) + " is not a distance in metres from 0 to " + strconv.FormatFloat(max, 'f', -1, 64)}
	}
	return f, nil
}

// optDate parses an optional civil date parameter (YYYY-MM-DD).
func optDate(param, s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := data.ParseDate(s)
	if err != nil || t.Year() < 1 {
		return nil, &data.Error{Kind: data.KindInvalid, Field: param, Value: s,
			Message: param + " " + strconv.Quote(s) + " is not a date YYYY-MM-DD"}
	}
	return &t, nil
}

// optPeriod parses an optional date interval "a/b" (either end may be
// ".." or empty; b is included) into a half-open period.
func optPeriod(param, s string) (*data.Period, error) {
	if s == "" {
		return nil, nil
	}
	a, b, ok := strings.Cut(s, "/")
	bad := &data.Error{Kind: data.KindInvalid, Field: param, Value: s,
		Message: param + " " + strconv.Quote(s) + " is not an interval YYYY-MM-DD/YYYY-MM-DD (an end may be ..)"}
	if !ok {
		return nil, bad
	}
	var p data.Period
	for i, end := range []string{a, b} {
		if end == "" || end == ".." {
			continue
		}
		t, err := optDate(param, end)
		if err != nil {
			return nil, bad
		}
		if i == 0 {
			p.From = *t
		} else {
			p.To = t.AddDate(0, 0, 1)
		}
	}
	if err := p.Validate(param); err != nil {
		return nil, err
	}
	return &p, nil
}
