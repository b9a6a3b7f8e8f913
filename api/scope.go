package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/toponym/toponym/data"
)

// Scoped rights beyond the policy table: the team a surveyor uploads for,
// the rounds an inspector may read, and who may publish a name. The policy
// middleware (policy.go) has already checked the caller's role; these
// check the request's content, which only the handler knows.

// TeamHeader names the survey team a bulk import or a feature created
// through OGC API – Features is made for, as UTF-8 or percent-encoded
// UTF-8 (browsers send header values in Latin-1 only). A surveyor's token
// carries its team, which the header may repeat but never change; teamOf
// decides.
const TeamHeader = "X-Toponym-Team"

// teamOf returns the team the request acts for: the header's, or the
// caller's own when the header is absent, checked with actForTeam (a
// surveyor uploads only for its own team, an admin for any). With
// authentication off it is the header's, possibly empty.
func (s *server) teamOf(r *http.Request) (string, error) {
	team := strings.TrimSpace(r.Header.Get(TeamHeader))
	if strings.Contains(team, "%") {
		dec, err := url.PathUnescape(team)
		if err != nil || !utf8.ValidString(dec) {
			return "", &data.Error{Kind: data.KindInvalid, Field: TeamHeader, Value: team,
				Message: TeamHeader + " is not percent-encoded UTF-8"}
		}
		team = strings.TrimSpace(dec)
	}
	if team == "" {
		if p := data.PrincipalFrom(r.Context()); p != nil {
			team = p.Team
		}
	}
	if len(team) > 200 {
		return "", &data.Error{Kind: data.KindInvalid, Field: TeamHeader, Message: "a team name is at most 200 bytes"}
	}
	return team, s.actForTeam(r, team)
}

// seesRound returns a KindForbidden error unless the caller may read the
// records of round rd: its findings, report and archive. Staff who see
// internal data read every round; an inspector reads the rounds of its own
// party (or of a party under it: a province inspector reads its counties'
// rounds) and every signed round; the records of another party's unsigned
// round are not shown to it.
//
// The unit is the round, not the record: the parties of a round validate
// it jointly, and the one report they each sign, whose digest covers every
// party's records, must be readable by each of them before signing.
func (s *server) seesRound(r *http.Request, rd *data.InspectionRound) error {
	if s.seesInternal(r) || rd.Status == data.RoundSigned {
		return nil
	}
	p := data.PrincipalFrom(r.Context())
	if p != nil && p.Role == data.RoleInspector && coversAny(p.Party, rd.Parties) {
		return nil
	}
	who := "this caller"
	if p != nil && p.Party != "" {
		who = "an inspector for " + string(p.Party)
	}
	return &data.Error{Kind: data.KindForbidden, Field: "roundId", Value: rd.ID,
		Message: fmt.Sprintf("inspection round %s of parties %v is not signed yet: %s may not read its records",
			rd.ID, rd.Parties, who)}
}

// coversAny reports whether party is, or lies above, one of parties in
// the code hierarchy.
func coversAny(party data.Code, parties []data.Code) bool {
	if _, err := data.ParseCode(string(party)); err != nil {
		return false
	}
	return slices.ContainsFunc(parties, func(q data.Code) bool {
		_, err := data.ParseCode(string(q))
		return err == nil && party.Contains(q)
	})
}

// visibleRounds returns the rounds of rounds the caller may read.
func (s *server) visibleRounds(r *http.Request, rounds []*data.InspectionRound) []*data.InspectionRound {
	return slices.DeleteFunc(rounds, func(rd *data.InspectionRound) bool { return s.seesRound(r, rd) != nil })
}

// mayPublish reports whether the caller may store a place as reviewed or
// published directly, outside the review workflow: an admin, or anyone
// when authentication is off. A surveyor's places are drafts until an
// admin reviews them (POST /places/{placeId}/review).
func (s *server) mayPublish(r *http.Request) bool {
	return !s.cfg.Auth.enabled() || data.PrincipalFrom(r.Context()).Has(data.RoleAdmin)
}

// draftOnly returns the review status a caller's new place gets: review
// itself if the caller may publish; otherwise draft, when review is empty
// or draft, and a KindForbidden error naming field when it is not.
func (s *server) draftOnly(r *http.Request, field string, review data.ReviewStatus) (data.ReviewStatus, error) {
	switch {
	case s.mayPublish(r):
		return review, nil
	case review == "" || review == data.ReviewDraft:
		return data.ReviewDraft, nil
	}
	return "", &data.Error{Kind: data.KindForbidden, Field: field, Value: string(review),
		Message: "only an admin stores a place as " + string(review) + ": new places are drafts until reviewed " +
			"(POST /places/{placeId}/review)"}
}

// withDraftReview returns a feature's properties with review set to what
// draftOnly allows the caller, so that a surveyor's feature in a published
// collection is stored as a draft. Properties that are not a JSON object
// are returned as they are, for the writer to refuse.
func (s *server) withDraftReview(r *http.Request, props json.RawMessage) (json.RawMessage, error) {
	if s.mayPublish(r) {
		return props, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(props, &m); err != nil || m == nil {
		return props, nil
	}
	// encoding/json matches keys without regard to case, so "Review" is
	// the review too: every spelling is checked, and only "review" is kept.
	var review data.ReviewStatus
	for k, raw := range m {
		if !strings.EqualFold(k, "review") || bytes.Equal(raw, []byte("null")) {
			continue
		}
		var v data.ReviewStatus
		if err := json.Unmarshal(raw, &v); err != nil {
			return props, nil // not a string: the writer names the field
		}
		if _, err := s.draftOnly(r, "properties.review", v); err != nil {
			return nil, err
		}
		delete(m, k)
		review = v
	}
	review, err := s.draftOnly(r, "properties.review", review)
	if err != nil {
		return nil, err
	}
	m["review"], _ = json.Marshal(review)
	return json.Marshal(m)
}
