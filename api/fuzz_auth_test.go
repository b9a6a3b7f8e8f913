package api

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// Fuzz targets for the query and path parameters and headers that have
// none elsewhere: limit, offset, crs, f, the audit query, the glyph range,
// the Authorization header and JWKS documents. Each must refuse bad input
// with a KindInvalid error naming the parameter, never panic, and accept
// only values within its documented range.

func FuzzParseLimitOffset(f *testing.F) {
	for _, s := range []string{"", "1", "10000", "10001", "0", "-1", "+5", "007", "1e3", "９", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := parseLimit(s); err == nil {
			if n < 1 || n > maxLimit {
				t.Fatalf("parseLimit(%q) = %d, outside 1..%d", s, n, maxLimit)
			}
		} else if e := data.AsError(err); e == nil || e.Kind != data.KindInvalid || e.Field != "limit" {
			t.Fatalf("parseLimit(%q): %v", s, err)
		}
		if n, err := parseOffset(s); err == nil {
			if n < 0 || n > maxOffset {
				t.Fatalf("parseOffset(%q) = %d", s, n)
			}
		} else if e := data.AsError(err); e == nil || e.Field != "offset" {
			t.Fatalf("parseOffset(%q): %v", s, err)
		}
	})
}

func FuzzParseCRSAndFormat(f *testing.F) {
	for _, s := range []string{"", CRS84URI, EPSG4490URI, "http://www.opengis.net/def/crs/EPSG/0/4326", "json", "html", "xml", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := parseCRS("crs", s); err == nil {
			if c.URI() == "" {
				t.Fatalf("parseCRS(%q) gave a CRS without a URI", s)
			}
		} else if data.KindOf(err) != data.KindInvalid {
			t.Fatalf("parseCRS(%q): %v", s, err)
		}
		if f, err := parseFormat(s); err == nil && f != formatJSON && f != formatHTML {
			t.Fatalf("parseFormat(%q) = %q", s, f)
		} else if err != nil && data.KindOf(err) != data.KindInvalid {
			t.Fatalf("parseFormat(%q): %v", s, err)
		}
	})
}

func FuzzParseAuditQuery(f *testing.F) {
	for _, s := range []string{"", "actor=token:x&limit=5", "from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z",
		"after=-1", "after=9223372036854775808", "limit=0", "f=html", "x=1", "actor=a&actor=b", "%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseAuditQuery(v)
		if err != nil {
			if data.KindOf(err) != data.KindInvalid {
				t.Fatalf("parseAuditQuery(%q): %v", raw, err)
			}
			return
		}
		if q.AfterSeq < 0 || q.Limit < 1 || q.Limit > maxLimit || (!q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To)) {
			t.Fatalf("parseAuditQuery(%q) = %+v", raw, q)
		}
	})
}

func FuzzParseGlyphRange(f *testing.F) {
	for _, s := range []string{"0-255", "256-511", "65280-65535", "1-256", "-1-254", "0-0", "a-b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start, err := tiles.ParseGlyphRange(s)
		if err != nil {
			return
		}
		if start < 0 || start%256 != 0 || s != strconv.Itoa(start)+"-"+strconv.Itoa(start+255) {
			t.Fatalf("ParseGlyphRange(%q) = %d", s, start)
		}
	})
}

// fuzzTokens is a token store that knows one secret.
type fuzzTokens struct {
	data.TokenStore
	tok *data.Token
}

func (f fuzzTokens) TokenByHash(_ context.Context, hash string) (*data.Token, error) {
	if hash == f.tok.Hash {
		return f.tok, nil
	}
	return nil, &data.Error{Kind: data.KindNotFound, Message: "no such token"}
}

// FuzzAuthorizationHeader: any Authorization value yields the one known
// principal, no principal (absent header), or a 401 authError; never a
// panic, never another error, never a principal for a value that does not
// carry the known secret.
func FuzzAuthorizationHeader(f *testing.F) {
	secret, prefix, hash := data.NewTokenSecret()
	tok := &data.Token{ID: data.NewID(), Name: "t", Role: data.RoleViewer, Prefix: prefix, Hash: hash}
	s := &server{cfg: Config{Auth: AuthConfig{Tokens: fuzzTokens{tok: tok}}}.withDefaults()}
	for _, h := range []string{"Bearer " + secret, "bearer  " + secret + " ", "Bearer", "Basic abc", "Bearer a.b.c",
		"Bearer tpn_", "", " ", "Bearer " + secret + "x"} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		p, err := s.principal(context.Background(), []string{h})
		var ae *authError
		switch {
		case err != nil && !errors.As(err, &ae):
			t.Fatalf("%q: unexpected error %v", h, err)
		case err == nil && (p == nil || p.Subject != tok.ID || !strings.Contains(h, secret)):
			t.Fatalf("%q: principal %+v", h, p)
		}
	})
}

func FuzzParseJWKS(f *testing.F) {
	f.Add([]byte(`{"keys":[{"kty":"EC","crv":"P-256","kid":"a","x":"AAAA","y":"AAAA"}]}`))
	f.Add([]byte(`{"keys":[{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}]}`))
	f.Add([]byte(`{"keys":[]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		keys, err := ParseJWKS(b)
		if err == nil && len(keys) == 0 {
			t.Fatal("ParseJWKS accepted a set without keys")
		}
	})
}
