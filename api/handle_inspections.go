package api

import (
	"bytes"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/inspection"
)

// PartyHeader names the division code of the party a request acts for.
// An inspector's token carries its party, which the header may repeat but
// never change; partyOf is the one place that decides it.
const PartyHeader = "X-Toponym-Party"

// partyOf returns the party the request acts for: the header's, checked
// against the caller's token when authentication is on (an inspector acts
// only for its own party, an admin for any), or the token's own party when
// the header is absent.
func (s *server) partyOf(r *http.Request) (data.Code, error) {
	v := strings.TrimSpace(r.Header.Get(PartyHeader))
	if v == "" && s.cfg.Auth.enabled() {
		if p := data.PrincipalFrom(r.Context()); p != nil && p.Party != "" {
			v = string(p.Party)
		}
	}
	if v == "" {
		return "", &data.Error{Kind: data.KindForbidden, Field: PartyHeader,
			Message: "say which party you act for in the " + PartyHeader + " header (a division code)"}
	}
	if _, err := data.ParseCode(v); err != nil {
		return "", &data.Error{Kind: data.KindInvalid, Field: PartyHeader, Value: v,
			Message: "party " + v + " is not a division code: " + err.Error()}
	}
	if err := s.actForParty(r, data.Code(v)); err != nil {
		return "", err
	}
	return data.Code(v), nil
}

// inspections serves the inspection routes over svc, or answers 503 when
// the store cannot hold inspection rounds.
type inspections struct {
	*server
	svc *inspection.Service
	err error
}

// inspectionRoutes registers the joint-inspection routes. store is the
// store as given to New: inspection records are not tiled, so they need
// no tile invalidation.
func (s *server) inspectionRoutes(r chi.Router, store data.Store) {
	h := &inspections{server: s}
	h.svc, h.err = inspection.New(store, s.cfg.Now)
	r.Post("/inspections", h.wrap(h.createRound))
	r.Get("/inspections", h.wrap(h.listRounds))
	r.Get("/inspections/overdue", h.wrap(h.overdue))
	r.Get("/inspections/{roundId}", h.wrap(h.getRound))
	r.Post("/inspections/{roundId}/submissions", h.wrap(h.submit))
	r.Post("/inspections/{roundId}/validate", h.wrap(h.validate))
	r.Get("/inspections/{roundId}/findings", h.wrap(h.findings))
	r.Post("/inspections/{roundId}/findings/{findingId}/acceptances", h.wrap(h.accept))
	r.Get("/inspections/{roundId}/report", h.wrap(h.report))
	r.Post("/inspections/{roundId}/signatures", h.wrap(h.sign))
}

func (h *inspections) wrap(fn handlerFunc) http.HandlerFunc {
	return h.handle(func(w http.ResponseWriter, r *http.Request) error {
		if h.err != nil {
			return h.err
		}
		return fn(w, r)
	})
}

// writeRoundJSON writes v as JSON with status 200.
func writeRoundJSON(w http.ResponseWriter, mediaType string, v any) error {
	return writeRoundStatus(w, http.StatusOK, mediaType, v)
}

// writeRoundStatus writes v as JSON with status, not to be cached.
func writeRoundStatus(w http.ResponseWriter, status int, mediaType string, v any) error {
	body, err := encodeJSON(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", mediaType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}

// roundSummary is GET /inspections/{roundId}: the round, its counts and
// signatures, and the links to act on it.
type roundSummary struct {
	inspection.RoundView
	MarkerChecks  int                        `json:"marker_checks"`
	SegmentChecks int                        `json:"segment_checks"`
	Findings      map[data.Severity]int      `json:"findings"`
	Unresolved    int                        `json:"unresolved_errors"`
	Signatures    []inspection.SignatureView `json:"signatures"`
	Links         []link                     `json:"links"`
}

func (h *inspections) summary(r *http.Request, rr *data.RoundRecords) roundSummary {
	base := h.baseURL(r) + "/inspections/" + rr.Round.ID
	sum := roundSummary{RoundView: inspection.NewRoundView(rr.Round), MarkerChecks: len(rr.MarkerChecks),
		SegmentChecks: len(rr.SegmentChecks), Findings: map[data.Severity]int{}, Signatures: []inspection.SignatureView{},
		Unresolved: len(inspection.Unresolved(rr.Round, rr.Findings)),
		Links: []link{{Href: base, Rel: "self", Type: mediaJSON}, {Href: base + "/findings", Rel: "findings", Type: mediaJSON},
			{Href: base + "/report?f=html", Rel: "report", Type: mediaHTML}, {Href: base + "/report?f=zip", Rel: "archive", Type: "application/zip"}}}
	for _, f := range rr.Findings {
		sum.Findings[f.Severity]++
	}
	for _, sg := range rr.Signatures {
		sum.Signatures = append(sum.Signatures, inspection.NewSignatureView(sg))
	}
	return sum
}

func (h *inspections) createRound(w http.ResponseWriter, r *http.Request) error {
	var body roundBody
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	party, err := h.partyOf(r)
	if err != nil {
		return err
	}
	round := body.round()
	if err := h.ownRound(r, round, party); err != nil {
		return err
	}
	if err := h.svc.CreateRound(r.Context(), round); err != nil {
		return err
	}
	w.Header().Set("Location", h.baseURL(r)+"/inspections/"+round.ID)
	return writeRoundStatus(w, http.StatusCreated, mediaJSON, h.summary(r, &data.RoundRecords{Round: round}))
}

func (h *inspections) listRounds(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := checkParams(q, "line_id"); err != nil {
		return inParam(err)
	}
	if id := q.Get("line_id"); id != "" && !data.ValidID(id) {
		return inParam(&data.Error{Kind: data.KindInvalid, Field: "line_id", Value: id, Message: "line_id is not an ID (a lower-case UUID)"})
	}
	rounds, err := h.svc.Rounds(r.Context(), q.Get("line_id"))
	if err != nil {
		return err
	}
	out := []inspection.RoundView{}
	for _, rd := range h.visibleRounds(r, rounds) {
		out = append(out, inspection.NewRoundView(rd))
	}
	return writeRoundJSON(w, mediaJSON, map[string]any{"rounds": out})
}

func (h *inspections) overdue(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return inParam(err)
	}
	lines, err := h.svc.Overdue(r.Context())
	if err != nil {
		return err
	}
	return writeRoundJSON(w, mediaJSON, map[string]any{"lines": lines})
}

// records loads the round named in the path, if the caller may read it.
func (h *inspections) records(r *http.Request) (*data.RoundRecords, error) {
	rr, err := h.svc.Records(r.Context(), chi.URLParam(r, "roundId"))
	if err != nil {
		return nil, err
	}
	return rr, h.seesRound(r, rr.Round)
}

// ownRound fills a new round's parties with its line's two sides when the
// body names none (as CreateRound would) and refuses the round unless the
// party opening it is one of them.
func (h *inspections) ownRound(r *http.Request, round *data.InspectionRound, party data.Code) error {
	if len(round.Parties) == 0 && data.ValidID(round.LineID) {
		line, err := h.store.GetBoundaryLine(r.Context(), round.LineID)
		if err != nil {
			return nil // CreateRound names the unknown line
		}
		round.Parties = []data.Code{line.CodeA, line.CodeB}
	}
	if len(round.Parties) > 0 && !slices.Contains(round.Parties, party) {
		return &data.Error{Kind: data.KindForbidden, Field: "parties", Value: string(party),
			Message: "party " + string(party) + " opens rounds of its own only, and is not one of " + codesList(round.Parties)}
	}
	return nil
}

func codesList(cs []data.Code) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func (h *inspections) getRound(w http.ResponseWriter, r *http.Request) error {
	rr, err := h.records(r)
	if err != nil {
		return err
	}
	return writeRoundJSON(w, mediaJSON, h.summary(r, rr))
}

func (h *inspections) submit(w http.ResponseWriter, r *http.Request) error {
	party, err := h.partyOf(r)
	if err != nil {
		return err
	}
	var body submissionBody
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	sub, err := body.submission()
	if err != nil {
		return err
	}
	res, err := h.svc.Submit(r.Context(), chi.URLParam(r, "roundId"), party, sub)
	if err != nil {
		return err
	}
	return writeRoundJSON(w, mediaJSON, res)
}

// validationResult is the answer of POST …/validate.
type validationResult struct {
	Round           inspection.RoundView     `json:"round"`
	TechnicalStatus data.TechnicalStatus     `json:"technical_status"`
	Counts          map[data.Severity]int    `json:"counts"`
	Findings        []inspection.FindingView `json:"findings"`
}

func (h *inspections) validate(w http.ResponseWriter, r *http.Request) error {
	party, err := h.partyOf(r)
	if err != nil {
		return err
	}
	res, err := h.svc.Validate(r.Context(), chi.URLParam(r, "roundId"), party)
	if err != nil {
		return err
	}
	out := validationResult{Round: inspection.NewRoundView(res.Round), TechnicalStatus: res.TechnicalStatus,
		Counts: res.Counts(), Findings: []inspection.FindingView{}}
	for _, f := range res.Findings {
		out.Findings = append(out.Findings, inspection.NewFindingView(f))
	}
	return writeRoundJSON(w, mediaJSON, out)
}

func (h *inspections) findings(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := checkParams(q, "f"); err != nil {
		return inParam(err)
	}
	f := q.Get("f")
	if f != "" && f != "json" && f != "geojson" {
		return inParam(&data.Error{Kind: data.KindInvalid, Field: "f", Value: f, Message: "format " + f + " is not supported; use json or geojson"})
	}
	rr, err := h.records(r)
	if err != nil {
		return err
	}
	inspection.SortFindings(rr.Findings)
	if f == "geojson" {
		b, err := inspection.FindingsGeoJSON(rr.Findings)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", mediaGeoJSON)
		_, err = w.Write(b)
		return ignoreWriteErr(err)
	}
	out := []inspection.FindingView{}
	for _, f := range rr.Findings {
		out = append(out, inspection.NewFindingView(f))
	}
	return writeRoundJSON(w, mediaJSON, map[string]any{"findings": out})
}

func (h *inspections) accept(w http.ResponseWriter, r *http.Request) error {
	party, err := h.partyOf(r)
	if err != nil {
		return err
	}
	var body acceptanceBody
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	f, err := h.svc.Accept(r.Context(), chi.URLParam(r, "roundId"), chi.URLParam(r, "findingId"), party, body.Reason)
	if err != nil {
		return err
	}
	return writeRoundJSON(w, mediaJSON, inspection.NewFindingView(f))
}

func (h *inspections) sign(w http.ResponseWriter, r *http.Request) error {
	party, err := h.partyOf(r)
	if err != nil {
		return err
	}
	var body signatureBody
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	sig, err := h.svc.Sign(r.Context(), chi.URLParam(r, "roundId"), party, body.Signer)
	if err != nil {
		return err
	}
	return writeRoundJSON(w, mediaJSON, inspection.NewSignatureView(sig))
}

func (h *inspections) report(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := checkParams(q, "f"); err != nil {
		return inParam(err)
	}
	rr, err := h.records(r)
	if err != nil {
		return err
	}
	id := rr.Round.ID
	switch f := q.Get("f"); f {
	case "", "json":
		rep, err := h.svc.Report(r.Context(), id)
		if err != nil {
			return err
		}
		return writeRoundJSON(w, mediaJSON, rep)
	case "html":
		rep, err := h.svc.Report(r.Context(), id)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := rep.WriteHTML(&b); err != nil {
			return err
		}
		w.Header().Set("Content-Type", mediaHTML+"; charset=utf-8")
		_, err = w.Write(b.Bytes())
		return ignoreWriteErr(err)
	case "zip":
		var b bytes.Buffer
		if err := h.svc.Archive(r.Context(), id, &b); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Disposition", `attachment; filename="inspection-`+id+`.zip"`)
		_, err := w.Write(b.Bytes())
		return ignoreWriteErr(err)
	default:
		return inParam(&data.Error{Kind: data.KindInvalid, Field: "f", Value: f,
			Message: "format " + f + " is not supported; use json, html or zip"})
	}
}
