package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
)

// auditParams are the query parameters of GET /audit.
var auditParams = []string{"actor", "entity", "entity_id", "action", "from", "to", "after", "limit", "f"}

// parseAuditQuery parses GET /audit's query: exact filters on actor,
// entity, entity_id and action; from and to as RFC 3339 instants (from
// inclusive, to exclusive); after, the seq to continue after; limit.
func parseAuditQuery(v url.Values) (data.AuditQuery, error) {
	if err := checkParams(v, auditParams...); err != nil {
		return data.AuditQuery{}, err
	}
	if _, err := parseFormat(v.Get("f")); err != nil || v.Get("f") == formatHTML {
		return data.AuditQuery{}, &data.Error{Kind: data.KindInvalid, Field: "f", Value: v.Get("f"),
			Message: "the audit log is served as JSON only"}
	}
	q := data.AuditQuery{Actor: v.Get("actor"), Entity: v.Get("entity"), EntityID: v.Get("entity_id"), Action: v.Get("action")}
	var err error
	if q.Limit, err = parseLimit(v.Get("limit")); err != nil {
		return q, err
	}
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"from", &q.From}, {"to", &q.To}} {
		if s := v.Get(t.name); s != "" {
			if *t.dst, err = time.Parse(time.RFC3339Nano, s); err != nil {
				return q, &data.Error{Kind: data.KindInvalid, Field: t.name, Value: s,
					Message: t.name + " " + strconv.Quote(s) + " is not an RFC 3339 instant like 2026-05-01T08:00:00Z"}
			}
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return q, data.Invalidf("to", "to must be after from")
	}
	if s := v.Get("after"); s != "" {
		if q.AfterSeq, err = strconv.ParseInt(s, 10, 64); err != nil || q.AfterSeq < 0 {
			return q, &data.Error{Kind: data.KindInvalid, Field: "after", Value: s,
				Message: "after " + strconv.Quote(s) + " is not a sequence number ≥ 0"}
		}
	}
	return q, nil
}

// listAudit serves GET /audit: the audit log, oldest first, filtered, with
// a next link while a full page came back.
func (s *server) listAudit(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Auth.Audit == nil {
		return data.Errorf(data.KindNotFound, "this service keeps no audit log")
	}
	q, err := parseAuditQuery(r.URL.Query())
	if err != nil {
		return inParam(err)
	}
	recs, err := s.cfg.Auth.Audit.ListAudit(r.Context(), q)
	if err != nil {
		return err
	}
	out := make([]audit.RecordJSON, len(recs))
	for i, rec := range recs {
		out[i] = audit.NewRecordJSON(rec)
	}
	u := *r.URL
	u.Scheme, u.Host = "", ""
	links := []link{{Href: s.baseURL(r) + u.RequestURI(), Rel: "self", Type: mediaJSON}}
	if len(recs) == q.Clamp() && len(recs) > 0 {
		v := r.URL.Query()
		v.Set("after", strconv.FormatInt(recs[len(recs)-1].Seq, 10))
		links = append(links, link{Href: s.baseURL(r) + r.URL.Path + "?" + v.Encode(), Rel: "next", Type: mediaJSON})
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return write(w, formatJSON, mediaJSON, resource{title: "audit log",
		body: map[string]any{"records": out, "links": links}})
}
