package main

import (
	"testing"
	"time"
)

// FuzzParseBytes: -max-body sizes parse to a non-negative count or fail;
// never a panic or an overflow.
func FuzzParseBytes(f *testing.F) {
	for _, s := range []string{"32MiB", "1KiB", "10MB", "0", "-1", "1125899906842624GiB", " 5 KiB ", "KiB", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseBytes(s)
		if err == nil && (n < 0 || n > 1<<50) {
			t.Fatalf("parseBytes(%q) = %d", s, n)
		}
	})
}

// FuzzParseExpiry: -expires gives a time after now, or a usage error.
func FuzzParseExpiry(f *testing.F) {
	for _, s := range []string{"90d", "12h", "2027-01-01", "0d", "-5d", "3651d", "2001-01-01", "1e9h", "d"} {
		f.Add(s)
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		exp, err := parseExpiry(s, now)
		if err == nil && s != "" && !exp.After(now) {
			t.Fatalf("parseExpiry(%q) = %v, not after now", s, exp)
		}
	})
}
