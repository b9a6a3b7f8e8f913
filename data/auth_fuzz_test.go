package data

import "testing"

// FuzzLooksLikeTokenSecret: only the form NewTokenSecret makes passes.
func FuzzLooksLikeTokenSecret(f *testing.F) {
	s, _, _ := NewTokenSecret()
	for _, v := range []string{s, "", "tpn_", s + "=", "tpn_" + s} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if LooksLikeTokenSecret(v) && (len(v) != 47 || v[:4] != TokenSecretPrefix) {
			t.Fatalf("LooksLikeTokenSecret(%q) = true", v)
		}
	})
}
