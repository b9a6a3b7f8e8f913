package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gpkg"
)

func noEnv(string) string { return "" }

// TestTokenCommands: create prints the secret once and stores only its
// hash; list shows the token by prefix, never the secret; revoke by
// prefix revokes it; each write is in the audit log as the CLI user.
func TestTokenCommands(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tokens.gpkg")
	var out, errb bytes.Buffer
	err := run(ctx, []string{"token", "create", "-gpkg", path, "--role", "inspector", "--party", "500241",
		"--name", "秀山县 联检组", "--expires", "90d"}, &out, &errb, noEnv)
	if err != nil {
		t.Fatalf("token create: %v\n%s", err, errb.String())
	}
	secret := regexp.MustCompile(`tpn_[A-Za-z0-9_-]{43}`).FindString(out.String())
	if !data.LooksLikeTokenSecret(secret) {
		t.Fatalf("no secret in the output:\n%s", out.String())
	}
	st, err := gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := st.TokenByHash(ctx, data.HashTokenSecret(secret))
	st.Close()
	if err != nil || tok.Role != data.RoleInspector || tok.Party != "500241" || tok.Expires.Before(time.Now().AddDate(0, 0, 89)) {
		t.Fatalf("stored token %+v, %v", tok, err)
	}

	out.Reset()
	if err := run(ctx, []string{"token", "list", "-gpkg", path}, &out, &errb, noEnv); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), tok.Prefix) || !strings.Contains(out.String(), "party=500241") ||
		strings.Contains(out.String(), secret) {
		t.Errorf("token list:\n%s", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"token", "revoke", "-gpkg", path, tok.Prefix}, &out, &errb, noEnv); err != nil {
		t.Fatal(err)
	}
	st, err = gpkg.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tok, err = st.TokenByHash(ctx, data.HashTokenSecret(secret))
	if err != nil || tok.Revoked.IsZero() {
		t.Errorf("after revoke: %+v, %v", tok, err)
	}
	recs, err := st.ListAudit(ctx, data.AuditQuery{Entity: "api_token"})
	if err != nil || len(recs) != 2 || !strings.HasPrefix(recs[0].Actor, "cli:") || recs[1].Action != data.AuditRevoke {
		t.Errorf("audit of token writes: %+v, %v", recs, err)
	}
}

func TestTokenCommandErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.gpkg")
	for _, args := range [][]string{
		{"token"},
		{"token", "mint"},
		{"token", "create", "-gpkg", path, "-role", "inspector", "-name", "no party"},
		{"token", "create", "-gpkg", path, "-role", "viewer", "-name", "x", "-party", "500241"},
		{"token", "create", "-gpkg", path, "-role", "surveyor", "-name", "no team"},
		{"token", "create", "-gpkg", path, "-role", "root", "-name", "x"},
		{"token", "create", "-gpkg", path, "-role", "admin", "-name", "x", "-expires", "2001-01-01"},
		{"token", "create", "-gpkg", path, "-role", "inspector", "-name", "x", "-party", "5002"},
		{"token", "revoke", "-gpkg", path},
	} {
		var out, errb bytes.Buffer
		if err := run(context.Background(), args, &out, &errb, noEnv); !errors.Is(err, errUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"token", "revoke", "-gpkg", path, "tpn_nothere"}, &out, &errb, noEnv)
	if err == nil || !strings.Contains(err.Error(), "no token") {
		t.Errorf("revoke unknown: %v", err)
	}
}
