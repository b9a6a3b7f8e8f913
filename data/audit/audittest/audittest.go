// Package audittest is the contract suite of data.TokenStore, data.AuditLog
// and the audit decorator, run against every store that implements them
// (PostGIS and GeoPackage), so that they cannot drift apart.
package audittest

import (
	"context"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

// Store is what the suite needs of a store.
type Store interface {
	data.Store
	data.TokenStore
	data.AuditLog
}

// Run runs the suite; open returns a new, empty store for each subtest.
func Run(t *testing.T, open func(t *testing.T) Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s Store)
	}{
		{"TokenLifecycle", testTokenLifecycle},
		{"TokenRules", testTokenRules},
		{"AuditAppendList", testAuditAppendList},
		{"AuditFilters", testAuditFilters},
		{"DecoratorCreateUpdate", testDecoratorCreateUpdate},
		{"DecoratorFailedWrite", testDecoratorFailedWrite},
		{"DecoratorAtomic", testDecoratorAtomic},
		{"DecoratorEveryWrite", testDecoratorEveryWrite},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// As returns ctx acting as a token principal with role r.
func As(ctx context.Context, id string, r data.Role) context.Context {
	return data.WithPrincipal(ctx, &data.Principal{Subject: id, Name: "test " + string(r), Role: r, Via: data.ViaToken})
}

// NewToken returns a token record with a fresh secret, and the secret.
func NewToken(name string, r data.Role, party data.Code, team string) (*data.Token, string) {
	secret, prefix, hash := data.NewTokenSecret()
	return &data.Token{Name: name, Role: r, Party: party, Team: team, Prefix: prefix, Hash: hash}, secret
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantKind(t *testing.T, what string, err error, k data.Kind) {
	t.Helper()
	if data.KindOf(err) != k {
		t.Errorf("%s: got %v (kind %v), want kind %v", what, err, data.KindOf(err), k)
	}
}

func testTokenLifecycle(t *testing.T, s Store) {
	ctx := As(t.Context(), "00000000-0000-7000-8000-000000000001", data.RoleAdmin)
	tok, secret := NewToken("秀山县民政局 联检", data.RoleInspector, "500241", "")
	must(t, s.CreateToken(ctx, tok))
	if !data.ValidID(tok.ID) || tok.Created.IsZero() {
		t.Fatalf("CreateToken left ID %q, Created %v", tok.ID, tok.Created)
	}
	got, err := s.TokenByHash(ctx, data.HashTokenSecret(secret))
	must(t, err)
	if got.ID != tok.ID || got.Role != data.RoleInspector || got.Party != "500241" || got.Prefix != tok.Prefix ||
		!got.Revoked.IsZero() || !got.Expires.IsZero() || !got.Created.Equal(tok.Created) {
		t.Errorf("TokenByHash = %+v, want %+v", got, tok)
	}
	if err := got.Usable(time.Now()); err != nil {
		t.Errorf("a new token is not usable: %v", err)
	}
	_, err = s.TokenByHash(ctx, data.HashTokenSecret(secret+"x"))
	wantKind(t, "unknown hash", err, data.KindNotFound)

	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	must(t, s.RevokeToken(ctx, tok.ID, at))
	must(t, s.RevokeToken(ctx, tok.ID, at.Add(time.Hour))) // keeps the first time
	got, err = s.TokenByHash(ctx, tok.Hash)
	must(t, err)
	if !got.Revoked.Equal(at) || got.Usable(at) == nil || got.Usable(at.Add(-time.Second)) != nil {
		t.Errorf("revoked token: Revoked %v, want %v", got.Revoked, at)
	}
	wantKind(t, "revoke unknown", s.RevokeToken(ctx, data.NewID(), at), data.KindNotFound)

	recs, err := s.ListAudit(ctx, data.AuditQuery{Entity: "api_token", EntityID: tok.ID})
	must(t, err)
	if len(recs) != 3 || recs[0].Action != data.AuditCreate || recs[1].Action != data.AuditRevoke ||
		recs[0].Before != "" || recs[1].Before != recs[0].After || recs[0].Actor != data.PrincipalFrom(ctx).Actor() {
		t.Errorf("token audit records = %s, want create then two revokes chained by hash", dump(recs))
	}
}

func testTokenRules(t *testing.T, s Store) {
	ctx := t.Context()
	a, _ := NewToken("first", data.RoleViewer, "", "")
	must(t, s.CreateToken(ctx, a))
	b, _ := NewToken("same secret", data.RoleViewer, "", "")
	b.Hash, b.Prefix = a.Hash, a.Prefix
	wantKind(t, "duplicate hash", s.CreateToken(ctx, b), data.KindConflict)
	for _, bad := range []*data.Token{
		{Name: "no party", Role: data.RoleInspector},
		{Name: "party on viewer", Role: data.RoleViewer, Party: "500241"},
		{Name: "no team", Role: data.RoleSurveyor},
		{Name: "", Role: data.RoleAdmin},
		{Name: "bad role", Role: "root"},
	} {
		tok, _ := NewToken(bad.Name, bad.Role, bad.Party, bad.Team)
		wantKind(t, "token "+bad.Name, s.CreateToken(ctx, tok), data.KindInvalid)
	}
	s2, _ := NewToken("surveyor", data.RoleSurveyor, "", "渝东南测绘队")
	s2.Expires = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	must(t, s.CreateToken(ctx, s2))
	all, err := s.ListTokens(ctx)
	must(t, err)
	if len(all) != 2 || all[0].ID != a.ID || all[1].ID != s2.ID || all[1].Team != "渝东南测绘队" ||
		!all[1].Expires.Equal(s2.Expires) {
		t.Errorf("ListTokens = %+v %+v, want the two tokens oldest first", all[0], all[len(all)-1])
	}
}
