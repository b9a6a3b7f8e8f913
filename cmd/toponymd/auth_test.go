package main

import (
	"io"
	"strings"
	"testing"
)

func TestAuthFlags(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg, err := parseConfig("serve", []string{"-rate", "5", "-burst", "10", "-max-upload-rows", "500", "-max-import-rows", "700"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if a := cfg.Auth; a.Rate != 5 || a.Burst != 10 || a.MaxUploadRows != 500 || a.MaxImportRows != 700 || a.JWKS != "" {
		t.Errorf("auth config %+v", a)
	}
	cfg, err = parseConfig("serve", nil, env(map[string]string{"TOPONYM_RATE": "0", "TOPONYM_OIDC_JWKS": "/etc/jwks.json",
		"TOPONYM_OIDC_ISSUER": "https://idp", "TOPONYM_OIDC_AUDIENCE": "toponym"}), io.Discard)
	if err != nil || cfg.Auth.Rate != 0 || cfg.Auth.JWKS != "/etc/jwks.json" || cfg.Auth.OIDCAudience != "toponym" {
		t.Errorf("from the environment: %+v, %v", cfg, err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-rate", "-1"}, "rate (-rate)"},
		{[]string{"-burst", "0"}, "burst (-burst)"},
		{[]string{"-max-upload-rows", "many"}, "max-upload-rows (-max-upload-rows)"},
		{[]string{"-max-import-rows", "0"}, "max-import-rows (-max-import-rows)"},
		{[]string{"-jwks", "keys.json"}, "-oidc-issuer and -oidc-audience"},
	} {
		_, err := parseConfig("serve", c.args, env(nil), io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want an error naming %s", c.args, err, c.want)
		}
	}
}
