package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
)

// itemsParams is a parsed /items query.
type itemsParams struct {
	query  data.Query
	crs    crsID // of the response
	format string
}

// itemsParamNames are the query parameters /items accepts.
var itemsParamNames = []string{"bbox", "bbox-crs", "crs", "datetime", "limit", "offset", "f"}

// parseItemsParams validates an /items query, with the collection's own
// queryables if c is not nil; errors name the parameter.
func parseItemsParams(q url.Values, c *collection) (itemsParams, error) {
	var p itemsParams
	allowed := itemsParamNames
	if c != nil {
		allowed = slices.Clone(allowed)
		for _, qa := range c.queryables {
			allowed = append(allowed, qa.Name)
		}
	}
	if err := checkParams(q, allowed...); err != nil {
		return p, err
	}
	if c != nil {
		for _, qa := range c.queryables {
			if q.Has(qa.Name) {
				if err := qa.apply(q.Get(qa.Name), &p.query); err != nil {
					return p, err
				}
			}
		}
	}
	var err error
	if p.format, err = parseFormat(q.Get("f")); err != nil {
		return p, err
	}
	if p.crs, err = parseCRS("crs", q.Get("crs")); err != nil {
		return p, err
	}
	bboxCRS, err := parseCRS("bbox-crs", q.Get("bbox-crs"))
	if err != nil {
		return p, err
	}
	if q.Has("bbox") {
		b, err := parseBBox(q.Get("bbox"), bboxCRS)
		if err != nil {
			return p, err
		}
		p.query.BBox = &b
	}
	tf, err := parseDatetime(q.Get("datetime"))
	if err != nil {
		return p, err
	}
	p.query.At, p.query.Interval = tf.At, tf.Interval
	if p.query.Limit, err = parseLimit(q.Get("limit")); err != nil {
		return p, err
	}
	p.query.Offset, err = parseOffset(q.Get("offset"))
	return p, err
}

// listItems serves /collections/{collectionId}/items: one page of features
// as a GeoJSON feature collection with paging links.
func (s *server) listItems(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionFor(r)
	if err != nil {
		return err
	}
	p, err := parseItemsParams(r.URL.Query(), c)
	if err != nil {
		return inParam(err)
	}
	feats, matched, err := c.list(r.Context(), s.store, p.query)
	if err != nil {
		return inParam(err) // a store's KindInvalid is about the query
	}
	toCRS(feats, p.crs)
	fc := geojson.NewFeatureCollection()
	fc.Features = feats
	links := s.pageLinks(r, c, p, len(feats), matched)
	fc.ExtraMembers = geojson.Properties{
		"links":          links,
		"numberMatched":  matched,
		"numberReturned": len(feats),
		"timeStamp":      s.cfg.Now().UTC().Format(time.RFC3339),
	}
	w.Header().Set("Content-Crs", "<"+p.crs.URI()+">")
	return write(w, p.format, mediaGeoJSON, resource{title: c.Title, links: links, body: fc})
}

// pageLinks returns self, alternate, next (when more features follow),
// prev (when some precede) and collection links of an /items page.
func (s *server) pageLinks(r *http.Request, c *collection, p itemsParams, returned, matched int) []link {
	self := s.selfURL(r)
	links := formatLinks(self, p.format, mediaGeoJSON)
	at := func(offset int) string {
		v := self.Query()
		v.Set("offset", strconv.Itoa(offset))
		v.Set("limit", strconv.Itoa(p.query.Limit))
		v.Set("f", p.format)
		u := *self
		u.RawQuery = v.Encode()
		return u.String()
	}
	typ := mediaGeoJSON
	if p.format == formatHTML {
		typ = mediaHTML
	}
	if next := p.query.Offset + returned; returned > 0 && next < matched {
		links = append(links, link{Href: at(next), Rel: "next", Type: typ, Title: "next page"})
	}
	if p.query.Offset > 0 {
		links = append(links, link{Href: at(max(0, p.query.Offset-p.query.Limit)), Rel: "prev", Type: typ, Title: "previous page"})
	}
	return append(links, link{Href: s.baseURL(r) + "/collections/" + c.ID, Rel: "collection", Type: mediaJSON, Title: c.Title})
}

// getItem serves /collections/{collectionId}/items/{featureId}.
func (s *server) getItem(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionFor(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if err := checkParams(q, "crs", "f"); err != nil {
		return inParam(err)
	}
	format, err := parseFormat(q.Get("f"))
	if err != nil {
		return inParam(err)
	}
	crs, err := parseCRS("crs", q.Get("crs"))
	if err != nil {
		return inParam(err)
	}
	fid := strings.ToLower(chi.URLParam(r, "featureId"))
	if !data.ValidID(fid) {
		return inParam(&data.Error{Kind: data.KindNotFound, Field: "featureId", Value: chi.URLParam(r, "featureId"),
			Message: "feature " + quote(chi.URLParam(r, "featureId")) + " does not exist in collection " + c.ID})
	}
	f, err := c.get(r.Context(), s.store, fid)
	if err != nil {
		return err
	}
	tag, err := featureETag(f)
	if err != nil {
		return err
	}
	if notModified(w, r, tag) {
		return nil
	}
	w.Header().Set("ETag", tag)
	toCRS([]*geojson.Feature{f}, crs)
	links := append(formatLinks(s.selfURL(r), format, mediaGeoJSON),
		link{Href: s.baseURL(r) + "/collections/" + c.ID, Rel: "collection", Type: mediaJSON, Title: c.Title})
	f.ExtraMembers = geojson.Properties{"links": links}
	w.Header().Set("Content-Crs", "<"+crs.URI()+">")
	return write(w, format, mediaGeoJSON, resource{title: c.Title, links: links, body: f})
}

// toCRS rewrites the features' geometries from lon/lat into crs.
func toCRS(fs []*geojson.Feature, crs crsID) {
	if !crs.latLon() {
		return
	}
	for _, f := range fs {
		f.Geometry = swapAxes(f.Geometry)
	}
}

func quote(s string) string { return strconv.Quote(s) }
