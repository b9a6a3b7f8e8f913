package api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/toponym/toponym/data"
)

// jwtKeys are locally generated signing keys and their JWKS.
type jwtKeys struct {
	ec    *ecdsa.PrivateKey
	rsa   *rsa.PrivateKey
	other *ecdsa.PrivateKey // not in the set
}

func newJWTKeys(t *testing.T) *jwtKeys {
	t.Helper()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return &jwtKeys{ec: ec, rsa: rk, other: other}
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// jwks returns the key set of the EC key (kid "ec1") and, if withRSA, the
// RSA key (kid "rsa1").
func (k *jwtKeys) jwks(t *testing.T, withRSA bool) []byte {
	t.Helper()
	pub, err := k.ec.PublicKey.Bytes() // 0x04 || X || Y
	if err != nil {
		t.Fatal(err)
	}
	keys := []map[string]string{{"kty": "EC", "crv": "P-256", "kid": "ec1", "use": "sig", "x": b64(pub[1:33]), "y": b64(pub[33:])}}
	if withRSA {
		keys = append(keys, map[string]string{"kty": "RSA", "kid": "rsa1", "n": b64(k.rsa.N.Bytes()),
			"e": b64(big.NewInt(int64(k.rsa.E)).Bytes())})
	}
	b, _ := json.Marshal(map[string]any{"keys": keys})
	return b
}

const testIssuer, testAudience = "https://idp.example.org", "toponym"

func sign(t *testing.T, method jwt.SigningMethod, kid string, key any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func claims(mod func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{"iss": testIssuer, "aud": testAudience, "sub": "u-1", "name": "张三",
		"exp": authNow.Add(time.Hour).Unix(), "iat": authNow.Unix(), "toponym_role": "viewer"}
	if mod != nil {
		mod(c)
	}
	return c
}

func newTestOIDC(t *testing.T, k *jwtKeys) *OIDC {
	t.Helper()
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, k.jwks(t, true), 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := NewOIDC(t.Context(), OIDCConfig{JWKS: path, Issuer: testIssuer, Audience: testAudience})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestOIDCTokens(t *testing.T) {
	k := newJWTKeys(t)
	o := newTestOIDC(t, k)
	es := func(mod func(jwt.MapClaims)) string { return sign(t, jwt.SigningMethodES256, "ec1", k.ec, claims(mod)) }
	good := []struct {
		name string
		raw  string
		want data.Principal
	}{
		{"viewer ES256", es(nil), data.Principal{Subject: "u-1", Name: "张三", Role: data.RoleViewer, Via: data.ViaOIDC}},
		{"inspector RS256", sign(t, jwt.SigningMethodRS256, "rsa1", k.rsa, claims(func(c jwt.MapClaims) {
			c["toponym_role"], c["toponym_party"] = "inspector", "520628"
		})), data.Principal{Subject: "u-1", Name: "张三", Role: data.RoleInspector, Party: "520628", Via: data.ViaOIDC}},
		{"surveyor", es(func(c jwt.MapClaims) { c["toponym_role"], c["toponym_team"] = "surveyor", "秀山测绘队" }),
			data.Principal{Subject: "u-1", Name: "张三", Role: data.RoleSurveyor, Team: "秀山测绘队", Via: data.ViaOIDC}},
	}
	for _, c := range good {
		p, err := o.Principal(t.Context(), c.raw, authNow)
		if err != nil || *p != c.want {
			t.Errorf("%s: %+v, %v; want %+v", c.name, p, err, c.want)
		}
	}
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(nil))
	hs.Header["kid"] = "ec1"
	pubBytes, _ := k.ec.PublicKey.Bytes()
	hsRaw, _ := hs.SignedString(pubBytes) // algorithm confusion: HMAC keyed with the public key
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims(nil)).SignedString(jwt.UnsafeAllowNoneSignatureType)
	bad := map[string]string{
		"wrong issuer":       es(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" }),
		"wrong audience":     es(func(c jwt.MapClaims) { c["aud"] = "someone-else" }),
		"expired":            es(func(c jwt.MapClaims) { c["exp"] = authNow.Add(-time.Hour).Unix() }),
		"no expiry":          es(func(c jwt.MapClaims) { delete(c, "exp") }),
		"not yet valid":      es(func(c jwt.MapClaims) { c["nbf"] = authNow.Add(time.Hour).Unix() }),
		"unknown role":       es(func(c jwt.MapClaims) { c["toponym_role"] = "root" }),
		"no role":            es(func(c jwt.MapClaims) { delete(c, "toponym_role") }),
		"inspector no party": es(func(c jwt.MapClaims) { c["toponym_role"] = "inspector" }),
		"surveyor no team":   es(func(c jwt.MapClaims) { c["toponym_role"] = "surveyor" }),
		"no subject":         es(func(c jwt.MapClaims) { delete(c, "sub") }),
		"unknown kid":        sign(t, jwt.SigningMethodES256, "ec9", k.ec, claims(nil)),
		"foreign key":        sign(t, jwt.SigningMethodES256, "ec1", k.other, claims(nil)),
		"HS256 confusion":    hsRaw,
		"alg none":           none,
		"tampered":           es(nil)[:20] + "x" + es(nil)[21:],
	}
	for name, raw := range bad {
		if p, err := o.Principal(t.Context(), raw, authNow); err == nil {
			t.Errorf("%s: accepted as %+v", name, p)
		}
	}
}

// TestOIDCOverHTTP: with an identity provider configured (and no token
// store), a JWT bearer is authenticated and authorized like a token; the
// JWKS comes from a URL and an unknown key id fetches it again.
func TestOIDCOverHTTP(t *testing.T) {
	k := newJWTKeys(t)
	var fetches atomic.Int32
	withRSA := atomic.Bool{}
	idp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		w.Write(k.jwks(t, withRSA.Load()))
	}))
	defer idp.Close()
	o, err := NewOIDC(t.Context(), OIDCConfig{JWKS: idp.URL, Issuer: testIssuer, Audience: testAudience})
	if err != nil {
		t.Fatal(err)
	}
	h := New(Config{Now: func() time.Time { return authNow }, Auth: AuthConfig{OIDC: o, RatePerSecond: -1}}, authStore(t), nil)
	get := func(bearer string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/tiles/internal.json", nil)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := get(sign(t, jwt.SigningMethodES256, "ec1", k.ec, claims(nil))); rec.Code != 200 {
		t.Errorf("viewer JWT: %d %s", rec.Code, rec.Body)
	}
	if rec := get(""); rec.Code != 401 {
		t.Errorf("no credentials: %d", rec.Code)
	}
	expired := sign(t, jwt.SigningMethodES256, "ec1", k.ec, claims(func(c jwt.MapClaims) { c["exp"] = authNow.Add(-time.Hour).Unix() }))
	if rec := get(expired); rec.Code != 401 || !strings.Contains(rec.Header().Get("WWW-Authenticate"), "invalid_token") {
		t.Errorf("expired JWT: %d %q", rec.Code, rec.Header().Get("WWW-Authenticate"))
	}
	// Key rotation: the provider adds rsa1; a token signed with it makes the
	// validator fetch the set again (here at once: the last fetch is aged).
	withRSA.Store(true)
	o.mu.Lock()
	o.fetched = time.Time{}
	o.mu.Unlock()
	before := fetches.Load()
	if rec := get(sign(t, jwt.SigningMethodRS256, "rsa1", k.rsa, claims(nil))); rec.Code != 200 || fetches.Load() != before+1 {
		t.Errorf("rotated key: %d after %d fetches", rec.Code, fetches.Load()-before)
	}
}

func TestParseJWKSRefusals(t *testing.T) {
	for name, doc := range map[string]string{
		"not json":  `{`,
		"no keys":   `{"keys":[]}`,
		"short RSA": `{"keys":[{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}]}`,
		"bad EC":    `{"keys":[{"kty":"EC","crv":"P-256","kid":"e","x":"AAAA","y":"AAAA"}]}`,
		"enc only":  `{"keys":[{"kty":"EC","crv":"P-256","kid":"e","use":"enc","x":"AAAA","y":"AAAA"}]}`,
		"symmetric": `{"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0"}]}`,
		"off curve": `{"keys":[{"kty":"EC","crv":"P-256","kid":"e","x":"` + b64(make([]byte, 32)) + `","y":"` + b64(make([]byte, 32)) + `"}]}`,
	} {
		if keys, err := ParseJWKS([]byte(doc)); err == nil {
			t.Errorf("%s: accepted %v", name, keys)
		}
	}
}
