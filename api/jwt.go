package api

import (
	"cmp"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/toponym/toponym/data"
)

// OIDCConfig configures bearer JWTs of an identity provider (OIDC access
// or ID tokens signed RS256 or ES256).
type OIDCConfig struct {
	// JWKS is where the provider's signing keys are: a file path or an
	// https:// (or, for tests, http://) URL of a JSON Web Key Set.
	JWKS string
	// Issuer and Audience must match the iss and aud claims.
	Issuer, Audience string
	// Claims naming the role, the inspector's party and the surveyor's
	// team. Defaults: toponym_role, toponym_party, toponym_team.
	RoleClaim, PartyClaim, TeamClaim string
	// Client fetches a JWKS URL. Default: a client with a 10 s timeout.
	Client *http.Client
}

// OIDC validates identity-provider JWTs and maps their claims to a
// data.Principal. A key id it does not know makes it fetch the key set
// again, at most once a minute.
type OIDC struct {
	cfg OIDCConfig

	mu      sync.Mutex
	keys    map[string]crypto.PublicKey
	fetched time.Time
}

// refetchEvery bounds how often an unknown key id refetches the key set.
const refetchEvery = time.Minute

// NewOIDC loads the key set and returns the validator.
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.JWKS == "" || cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("api: OIDC needs a JWKS file or URL, an issuer and an audience")
	}
	cfg.RoleClaim = cmp.Or(cfg.RoleClaim, "toponym_role")
	cfg.PartyClaim = cmp.Or(cfg.PartyClaim, "toponym_party")
	cfg.TeamClaim = cmp.Or(cfg.TeamClaim, "toponym_team")
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 10 * time.Second}
	}
	o := &OIDC{cfg: cfg}
	keys, err := o.load(ctx)
	if err != nil {
		return nil, err
	}
	o.keys, o.fetched = keys, time.Now()
	return o, nil
}

// load reads and parses the key set.
func (o *OIDC) load(ctx context.Context) (map[string]crypto.PublicKey, error) {
	var body []byte
	var err error
	if strings.HasPrefix(o.cfg.JWKS, "https://") || strings.HasPrefix(o.cfg.JWKS, "http://") {
		body, err = o.fetch(ctx)
	} else {
		body, err = os.ReadFile(o.cfg.JWKS)
	}
	if err != nil {
		return nil, fmt.Errorf("api: read JWKS %s: %w", o.cfg.JWKS, err)
	}
	return ParseJWKS(body)
}

func (o *OIDC) fetch(ctx context.Context) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, o.cfg.JWKS, nil)
	if err != nil {
		return nil, err
	}
	resp, err := o.cfg.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

// key returns the public key of kid, refetching the set once if unknown.
func (o *OIDC) key(ctx context.Context, kid string) (crypto.PublicKey, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if k, ok := o.keys[kid]; ok {
		return k, nil
	}
	if time.Since(o.fetched) >= refetchEvery {
		o.fetched = time.Now()
		if keys, err := o.load(ctx); err == nil {
			o.keys = keys
		}
		if k, ok := o.keys[kid]; ok {
			return k, nil
		}
	}
	return nil, fmt.Errorf("signing key %q is unknown", kid)
}

// Principal validates raw (signature, exp, nbf, iss, aud) at now and maps
// its claims to a principal. The error says why it is refused.
func (o *OIDC) Principal(ctx context.Context, raw string, now time.Time) (*data.Principal, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		return o.key(ctx, kid)
	}, jwt.WithValidMethods([]string{"RS256", "ES256"}), jwt.WithIssuer(o.cfg.Issuer),
		jwt.WithAudience(o.cfg.Audience), jwt.WithExpirationRequired(), jwt.WithLeeway(30*time.Second),
		jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		return nil, fmt.Errorf("the identity token is not valid: %w", err)
	}
	return o.claimsPrincipal(claims)
}

func (o *OIDC) claimsPrincipal(c jwt.MapClaims) (*data.Principal, error) {
	str := func(name string) string { s, _ := c[name].(string); return s }
	p := &data.Principal{Subject: str("sub"), Name: str("name"), Role: data.Role(str(o.cfg.RoleClaim)),
		Team: str(o.cfg.TeamClaim), Via: data.ViaOIDC}
	if p.Subject == "" {
		return nil, errors.New("the identity token has no subject")
	}
	if p.Name == "" {
		p.Name = p.Subject
	}
	if !p.Role.Valid() {
		return nil, fmt.Errorf("claim %s %q is not viewer, surveyor, inspector or admin", o.cfg.RoleClaim, p.Role)
	}
	if p.Role == data.RoleInspector {
		code, err := data.ParseCode(str(o.cfg.PartyClaim))
		if err != nil {
			return nil, fmt.Errorf("claim %s of an inspector: %w", o.cfg.PartyClaim, err)
		}
		p.Party = code
	}
	if p.Role != data.RoleSurveyor {
		p.Team = ""
	} else if strings.TrimSpace(p.Team) == "" {
		return nil, fmt.Errorf("a surveyor needs claim %s", o.cfg.TeamClaim)
	}
	return p, nil
}

// ParseJWKS parses a JSON Web Key Set (RFC 7517) into public keys by key
// id: RSA keys and EC keys on P-256. Other keys are skipped; a set without
// a usable key is an error.
func ParseJWKS(b []byte) (map[string]crypto.PublicKey, error) {
	var set struct {
		Keys []struct {
			Kty, Kid, Use, Crv, N, E, X, Y string
		} `json:"keys"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		return nil, fmt.Errorf("api: JWKS: %w", err)
	}
	keys := map[string]crypto.PublicKey{}
	for _, k := range set.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		switch {
		case k.Kty == "RSA":
			n, e := b64int(k.N), b64int(k.E)
			if n == nil || e == nil || !e.IsInt64() || n.BitLen() < 2048 || e.Int64() < 3 || e.Int64() > 1<<31 {
				return nil, fmt.Errorf("api: JWKS: RSA key %q is malformed or shorter than 2048 bits", k.Kid)
			}
			keys[k.Kid] = &rsa.PublicKey{N: n, E: int(e.Int64())}
		case k.Kty == "EC" && k.Crv == "P-256":
			x, y := b64bytes(k.X), b64bytes(k.Y)
			if len(x) != 32 || len(y) != 32 {
				return nil, fmt.Errorf("api: JWKS: EC key %q is malformed", k.Kid)
			}
			pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
			if err != nil {
				return nil, fmt.Errorf("api: JWKS: EC key %q: %w", k.Kid, err)
			}
			keys[k.Kid] = pub
		}
	}
	if len(keys) == 0 {
		return nil, errors.New("api: JWKS has no RSA or P-256 signing key")
	}
	return keys, nil
}

func b64bytes(s string) []byte {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil
	}
	return b
}

func b64int(s string) *big.Int {
	b := b64bytes(s)
	if len(b) == 0 {
		return nil
	}
	return new(big.Int).SetBytes(b)
}
