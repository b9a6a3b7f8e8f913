package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/toponym/toponym/api"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
)

// registerAuthFlags adds the flags of authentication and limits.
func registerAuthFlags(fs *flag.FlagSet) {
	fs.String("jwks", "", "identity provider's JSON Web Key Set (file or URL): also accept its JWT bearer tokens")
	fs.String("oidc-issuer", "", "required iss of identity-provider tokens (with -jwks)")
	fs.String("oidc-audience", "", "required aud of identity-provider tokens (with -jwks)")
	fs.String("rate", strconv.Itoa(api.DefaultRatePerSecond), "requests per second per token (per IP for anonymous requests); 0: no limit")
	fs.String("burst", strconv.Itoa(api.DefaultBurst), "requests a client may make at once above the rate")
	fs.String("max-upload-rows", strconv.Itoa(api.DefaultMaxUploadRows), "most records one survey upload may hold")
	fs.String("max-import-rows", strconv.Itoa(api.DefaultMaxImportRows), "most records one bulk import (POST /imports) may hold")
}

// build reads the auth flags through get; errors name flag and source.
func (a *authConfig) build(get func(string) (string, string)) []error {
	var errs []error
	bad := func(name, where, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s (%s): %s", name, where, fmt.Sprintf(format, args...)))
	}
	a.JWKS, _ = get("jwks")
	a.OIDCIssuer, _ = get("oidc-issuer")
	a.OIDCAudience, _ = get("oidc-audience")
	if a.JWKS != "" && (a.OIDCIssuer == "" || a.OIDCAudience == "") {
		bad("jwks", "-jwks", "an identity provider also needs -oidc-issuer and -oidc-audience")
	}
	rate, where := get("rate")
	if v, err := strconv.ParseFloat(rate, 64); err != nil || v < 0 || v > 1e6 {
		bad("rate", where, "%q is not a number of requests per second 0–1000000", rate)
	} else {
		a.Rate = v
	}
	burst, where := get("burst")
	if n, err := strconv.Atoi(burst); err != nil || n < 1 || n > 1e6 {
		bad("burst", where, "%q is not a number 1–1000000", burst)
	} else {
		a.Burst = n
	}
	rows, where := get("max-upload-rows")
	if n, err := strconv.Atoi(rows); err != nil || n < 1 || n > 1e8 {
		bad("max-upload-rows", where, "%q is not a number 1–100000000", rows)
	} else {
		a.MaxUploadRows = n
	}
	rows, where = get("max-import-rows")
	if n, err := strconv.Atoi(rows); err != nil || n < 1 || n > 1e9 {
		bad("max-import-rows", where, "%q is not a number 1–1000000000", rows)
	} else {
		a.MaxImportRows = n
	}
	return errs
}

// withAuth wraps store with the audit decorator and returns it with the
// API's auth configuration: tokens and the audit log from the store, the
// identity provider if configured, and the limits.
func withAuth(ctx context.Context, cfg *config, store data.Store, log *slog.Logger) (data.Store, api.AuthConfig, error) {
	tokens, ok := store.(data.TokenStore)
	if !ok {
		return nil, api.AuthConfig{}, fmt.Errorf("the store %T keeps no tokens", store)
	}
	audited, err := audit.Wrap(store)
	if err != nil {
		return nil, api.AuthConfig{}, err
	}
	ac := api.AuthConfig{Tokens: tokens, Audit: audited.Log(), RatePerSecond: cfg.Auth.Rate,
		Burst: cfg.Auth.Burst, MaxUploadRows: cfg.Auth.MaxUploadRows, MaxImportRows: cfg.Auth.MaxImportRows}
	if cfg.Auth.JWKS != "" {
		ac.OIDC, err = api.NewOIDC(ctx, api.OIDCConfig{JWKS: cfg.Auth.JWKS, Issuer: cfg.Auth.OIDCIssuer,
			Audience: cfg.Auth.OIDCAudience})
		if err != nil {
			return nil, api.AuthConfig{}, err
		}
		log.Info("identity provider", "jwks", cfg.Auth.JWKS, "issuer", cfg.Auth.OIDCIssuer)
	}
	return audited, ac, nil
}

// auditedCLI wraps store with the audit decorator, as serve does for the
// API, and returns ctx with the CLI's principal ("cli:<OS user>"), so that
// the command's writes land with their audit records naming who ran it.
func auditedCLI(ctx context.Context, store data.Store) (context.Context, *audit.Store, error) {
	audited, err := audit.Wrap(store)
	if err != nil {
		return nil, nil, err
	}
	return data.WithPrincipal(ctx, cliPrincipal()), audited, nil
}
