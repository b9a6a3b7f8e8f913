package data

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// Role is what a principal may do. Admin includes every other role;
// surveyor and inspector each include viewer; the scoped rights of a
// surveyor (its team) and an inspector (its party) apply only within their
// scope, which callers check with MayActForTeam and MayActForParty.
type Role string

// Roles.
const (
	RoleViewer    Role = "viewer"    // officials: read internal data
	RoleSurveyor  Role = "surveyor"  // uploads for its own team
	RoleInspector Role = "inspector" // submits and signs for its own party
	RoleAdmin     Role = "admin"     // everything, including tokens and the audit log
)

// Roles returns every role, least first.
func Roles() []Role { return []Role{RoleViewer, RoleSurveyor, RoleInspector, RoleAdmin} }

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleViewer, RoleSurveyor, RoleInspector, RoleAdmin:
		return true
	}
	return false
}

// Includes reports whether r grants the rights of need.
func (r Role) Includes(need Role) bool {
	switch {
	case !r.Valid() || !need.Valid():
		return false
	case r == need || r == RoleAdmin:
		return true
	default:
		return need == RoleViewer
	}
}

// Token is an API token. The secret itself is never stored: Hash is the
// hex SHA-256 of the secret and Prefix its first characters, shown to tell
// tokens apart.
type Token struct {
	ID      string
	Name    string
	Role    Role
	Party   Code   // inspectors: the one party (province or county) it acts for
	Team    string // surveyors: the one team it uploads for
	Prefix  string
	Hash    string
	Created time.Time
	Expires time.Time // zero: never
	Revoked time.Time // zero: not revoked
}

// TokenSecretPrefix starts every token secret, so that a leaked secret is
// recognisable (by secret scanners, by people).
const TokenSecretPrefix = "tpn_"

// tokenPrefixLen is how many characters of a secret Prefix keeps: the
// marker and 8 of the 43 random characters (48 bits; not enough to guess
// the remaining 210).
const tokenPrefixLen = len(TokenSecretPrefix) + 8

// NewTokenSecret returns a new secret of 256 random bits, its Prefix and
// its Hash.
func NewTokenSecret() (secret, prefix, hash string) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("data: crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	secret = TokenSecretPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return secret, secret[:tokenPrefixLen], HashTokenSecret(secret)
}

// HashTokenSecret returns the hex SHA-256 of secret, the form tokens are
// stored and looked up in.
func HashTokenSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// LooksLikeTokenSecret reports whether s has the form NewTokenSecret makes,
// so that malformed bearer values are refused before a lookup.
func LooksLikeTokenSecret(s string) bool {
	rest, ok := strings.CutPrefix(s, TokenSecretPrefix)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// Validate checks a token before it is stored: a known role, a party for
// an inspector and only for one, a team for a surveyor and only for one,
// a name, and the hash and prefix of a secret.
func (t *Token) Validate() error {
	if !t.Role.Valid() {
		return Invalidf("role", "role %q is not viewer, surveyor, inspector or admin", t.Role)
	}
	if t.Role == RoleInspector {
		if err := requiredCode("party", t.Party); err != nil {
			return err
		}
	} else if t.Party != "" {
		return Invalidf("party", "only an inspector token has a party")
	}
	if t.Role == RoleSurveyor {
		if err := required("team", strings.TrimSpace(t.Team)); err != nil {
			return err
		}
	} else if t.Team != "" {
		return Invalidf("team", "only a surveyor token has a team")
	}
	if !strings.HasPrefix(t.Prefix, TokenSecretPrefix) || len(t.Prefix) != tokenPrefixLen {
		return Invalidf("prefix", "token prefix %q is malformed", t.Prefix)
	}
	return firstErr(required("name", strings.TrimSpace(t.Name)), checkSHA256("hash", t.Hash))
}

// Usable reports why t may not be used at now: revoked or expired; nil if
// it may.
func (t *Token) Usable(now time.Time) error {
	switch {
	case !t.Revoked.IsZero() && !now.Before(t.Revoked):
		return Errorf(KindForbidden, "token %s was revoked", t.Prefix)
	case !t.Expires.IsZero() && !now.Before(t.Expires):
		return Errorf(KindForbidden, "token %s expired", t.Prefix)
	}
	return nil
}

// Principal is who makes a request: from an API token or an identity
// provider's bearer token. A nil *Principal is the anonymous public.
type Principal struct {
	Subject string // token ID, or the identity provider's subject
	Name    string
	Role    Role
	Party   Code   // inspectors
	Team    string // surveyors
	Via     string // "token", "oidc" or "cli"
}

// Principal sources.
const (
	ViaToken = "token"
	ViaOIDC  = "oidc"
	ViaCLI   = "cli"
)

// TokenPrincipal returns the principal a token stands for.
func TokenPrincipal(t *Token) *Principal {
	return &Principal{Subject: t.ID, Name: t.Name, Role: t.Role, Party: t.Party, Team: t.Team, Via: ViaToken}
}

// Actor names p in the audit log: "token:<id>", "oidc:<subject>",
// "cli:<name>", or "anonymous" for nil.
func (p *Principal) Actor() string {
	if p == nil {
		return "anonymous"
	}
	return p.Via + ":" + p.Subject
}

// Has reports whether p holds role need (the anonymous public holds none).
func (p *Principal) Has(need Role) bool { return p != nil && p.Role.Includes(need) }

// MayActForParty returns a KindForbidden error unless p may submit and sign
// for party: an admin, or an inspector whose party it is.
func (p *Principal) MayActForParty(party Code) error {
	switch {
	case p.Has(RoleAdmin):
		return nil
	case p != nil && p.Role == RoleInspector && p.Party == party:
		return nil
	case p != nil && p.Role == RoleInspector:
		return &Error{Kind: KindForbidden, Field: "party", Value: string(party),
			Message: "an inspector for " + string(p.Party) + " may not act for party " + string(party)}
	}
	return &Error{Kind: KindForbidden, Field: "party", Value: string(party),
		Message: "only an inspector of party " + string(party) + " or an admin may do this"}
}

// MayActForTeam returns a KindForbidden error unless p may upload for team:
// an admin, or a surveyor of that team.
func (p *Principal) MayActForTeam(team string) error {
	switch {
	case p.Has(RoleAdmin):
		return nil
	case p != nil && p.Role == RoleSurveyor && p.Team == team:
		return nil
	}
	return &Error{Kind: KindForbidden, Field: "team", Value: team,
		Message: "only a surveyor of team " + team + " or an admin may upload for it"}
}

type ctxKey int

const (
	principalKey ctxKey = iota
	requestIDKey
)

// WithPrincipal returns ctx carrying p, the one making the request.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey, p)
}

// PrincipalFrom returns the principal in ctx, nil (anonymous) if none.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey).(*Principal)
	return p
}

// WithRequestID returns ctx carrying the id of the request it serves, for
// the audit log.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestIDFrom returns the request id in ctx, or "".
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// TokenStore keeps API tokens. It is separate from Store: the PostGIS and
// GeoPackage stores implement both.
type TokenStore interface {
	// CreateToken stores t (its Hash, never a secret), assigning ID and
	// Created when empty. A second token with the same hash is a conflict.
	CreateToken(ctx context.Context, t *Token) error
	// TokenByHash returns the token whose Hash is hash, revoked and
	// expired ones included; KindNotFound if none.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	// RevokeToken marks token id revoked at at; a revoked token keeps its
	// first revocation time. KindNotFound for an unknown id.
	RevokeToken(ctx context.Context, id string, at time.Time) error
	// ListTokens returns every token, oldest first.
	ListTokens(ctx context.Context) ([]*Token, error)
}
