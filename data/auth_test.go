package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestRoleIncludes(t *testing.T) {
	// rows: holder; columns: needed, in Roles order.
	want := map[Role][4]bool{
		RoleViewer:    {true, false, false, false},
		RoleSurveyor:  {true, true, false, false},
		RoleInspector: {true, false, true, false},
		RoleAdmin:     {true, true, true, true},
		"root":        {false, false, false, false},
	}
	for holder, row := range want {
		for i, need := range Roles() {
			if got := holder.Includes(need); got != row[i] {
				t.Errorf("%s.Includes(%s) = %v, want %v", holder, need, got, row[i])
			}
		}
	}
}

func TestTokenSecret(t *testing.T) {
	secret, prefix, hash := NewTokenSecret()
	secret2, _, _ := NewTokenSecret()
	if secret == secret2 || !LooksLikeTokenSecret(secret) || !strings.HasPrefix(secret, prefix) ||
		hash != HashTokenSecret(secret) || len(hash) != 64 || strings.Contains(hash, secret) {
		t.Errorf("secret %q prefix %q hash %q", secret, prefix, hash)
	}
	for _, bad := range []string{"", "tpn_", secret[:len(secret)-1], secret + "A", "xyz_" + secret[4:],
		"tpn_" + strings.Repeat("!", 43)} {
		if LooksLikeTokenSecret(bad) {
			t.Errorf("LooksLikeTokenSecret(%q) = true", bad)
		}
	}
}

func TestTokenUsable(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		tok  Token
		ok   bool
	}{
		{"fresh", Token{}, true},
		{"expires later", Token{Expires: at.Add(time.Second)}, true},
		{"expired now", Token{Expires: at}, false},
		{"revoked earlier", Token{Revoked: at.Add(-time.Hour)}, false},
		{"revocation scheduled later", Token{Revoked: at.Add(time.Hour)}, true},
	} {
		if err := c.tok.Usable(at); (err == nil) != c.ok || (err != nil && KindOf(err) != KindForbidden) {
			t.Errorf("%s: Usable = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

func TestPrincipalScope(t *testing.T) {
	insp := &Principal{Subject: "a", Role: RoleInspector, Party: "500241", Via: ViaToken}
	surv := &Principal{Subject: "b", Role: RoleSurveyor, Team: "秀山测绘队", Via: ViaToken}
	admin := &Principal{Subject: "c", Role: RoleAdmin, Via: ViaOIDC}
	var anon *Principal
	for _, c := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"inspector own party", insp.MayActForParty("500241"), true},
		{"inspector other party", insp.MayActForParty("520628"), false},
		{"inspector province of own county", insp.MayActForParty("500000"), false},
		{"surveyor as party", surv.MayActForParty("500241"), false},
		{"admin any party", admin.MayActForParty("433124"), true},
		{"anonymous party", anon.MayActForParty("500241"), false},
		{"surveyor own team", surv.MayActForTeam("秀山测绘队"), true},
		{"surveyor other team", surv.MayActForTeam("松桃测绘队"), false},
		{"inspector as team", insp.MayActForTeam("秀山测绘队"), false},
		{"admin any team", admin.MayActForTeam("x"), true},
		{"anonymous team", anon.MayActForTeam("x"), false},
	} {
		if (c.err == nil) != c.ok || (c.err != nil && KindOf(c.err) != KindForbidden) {
			t.Errorf("%s: %v, want ok=%v", c.name, c.err, c.ok)
		}
	}
	if anon.Actor() != "anonymous" || admin.Actor() != "oidc:c" || anon.Has(RoleViewer) || !insp.Has(RoleViewer) {
		t.Error("Actor or Has of nil / admin principal")
	}
	ctx := WithRequestID(WithPrincipal(context.Background(), insp), "r1")
	if PrincipalFrom(ctx) != insp || RequestIDFrom(ctx) != "r1" || PrincipalFrom(context.Background()) != nil {
		t.Error("context round trip")
	}
}

func TestNewAuditRecord(t *testing.T) {
	ctx := WithPrincipal(context.Background(), &Principal{Subject: "s", Role: RoleSurveyor, Team: "t", Via: ViaToken})
	var none *Token
	r, err := NewAuditRecord(ctx, AuditCreate, "api_token", "id1", none, &Token{ID: "id1"})
	if err != nil || r.Before != "" || len(r.After) != 64 || r.Actor != "token:s" || r.Role != RoleSurveyor {
		t.Fatalf("NewAuditRecord = %+v, %v", r, err)
	}
	if err := r.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	a, _ := RecordHash(&Token{ID: "id1", Name: "x"})
	b, _ := RecordHash(&Token{ID: "id1", Name: "y"})
	if a == b || a == r.After {
		t.Error("RecordHash does not tell different records apart")
	}
}
