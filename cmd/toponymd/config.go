package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// config is toponymd's configuration, parsed once from flags and the
// environment (flags win) and validated before anything starts.
type config struct {
	DatabaseURL      string        // PostGIS; empty means the embedded GeoPackage
	GPKGPath         string        // embedded store file
	Listen           string        // host:port
	CORSOrigins      []string      // exact origins allowed by CORS
	MaxBodyBytes     int64         // request body limit
	RequestTimeout   time.Duration // per request, end to end
	StatementTimeout time.Duration // PostgreSQL statement_timeout
	MaxConns         int           // PostgreSQL pool size
	LogLevel         slog.Level
	LogFormat        string // json or text
	Auth             authConfig
}

// authConfig is the authentication and limits part of config (auth.go).
type authConfig struct {
	JWKS, OIDCIssuer, OIDCAudience string  // optional identity provider
	Rate                           float64 // requests per second per token; 0: no limit
	Burst                          int
	MaxUploadRows                  int // records of one survey upload
	MaxImportRows                  int // records of one bulk import
}

// envVars maps each flag to its environment variable.
var envVars = map[string]string{
	"db":                "TOPONYM_DATABASE_URL",
	"gpkg":              "TOPONYM_GPKG",
	"listen":            "TOPONYM_LISTEN",
	"cors-origins":      "TOPONYM_CORS_ORIGINS",
	"max-body":          "TOPONYM_MAX_BODY",
	"request-timeout":   "TOPONYM_REQUEST_TIMEOUT",
	"statement-timeout": "TOPONYM_STATEMENT_TIMEOUT",
	"max-conns":         "TOPONYM_MAX_CONNS",
	"log-level":         "TOPONYM_LOG_LEVEL",
	"log-format":        "TOPONYM_LOG_FORMAT",
	"jwks":              "TOPONYM_OIDC_JWKS",
	"oidc-issuer":       "TOPONYM_OIDC_ISSUER",
	"oidc-audience":     "TOPONYM_OIDC_AUDIENCE",
	"rate":              "TOPONYM_RATE",
	"burst":             "TOPONYM_BURST",
	"max-upload-rows":   "TOPONYM_MAX_UPLOAD_ROWS",
	"max-import-rows":   "TOPONYM_MAX_IMPORT_ROWS",
}

// parseConfig reads flags from args, then fills unset flags from getenv,
// then validates. Errors name the flag and its environment variable.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("toponymd "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.String("db", "", "PostGIS database URL (postgres://…); empty: the embedded GeoPackage store")
	fs.String("gpkg", "toponym.gpkg", "GeoPackage file of the embedded store, created and seeded when absent")
	fs.String("listen", "127.0.0.1:8080", "address to listen on (host:port)")
	fs.String("cors-origins", "", "comma-separated origins allowed by CORS, e.g. https://map.example.org")
	fs.String("max-body", "32MiB", "largest request body accepted (bytes, or with KiB, MiB, GiB)")
	fs.String("request-timeout", "60s", "time limit of one request")
	fs.String("statement-timeout", "30s", "PostgreSQL statement_timeout")
	fs.String("max-conns", "10", "PostgreSQL connection pool size")
	fs.String("log-level", "info", "log level: debug, info, warn, error")
	fs.String("log-format", "text", "log format: text or json")
	registerAuthFlags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	get := func(name string) (string, string) {
		where := "-" + name
		if !set[name] {
			if v := getenv(envVars[name]); v != "" {
				return v, envVars[name]
			}
		}
		return fs.Lookup(name).Value.String(), where
	}
	return buildConfig(get)
}

func buildConfig(get func(string) (string, string)) (*config, error) {
	c := &config{}
	var errs []error
	bad := func(name, where, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s (%s): %s", name, where, fmt.Sprintf(format, args...)))
	}
	var where string
	c.DatabaseURL, where = get("db")
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			bad("db", where, "want a postgres:// or postgresql:// URL")
		}
	}
	c.GPKGPath, _ = get("gpkg")
	c.Listen, where = get("listen")
	if _, port, err := net.SplitHostPort(c.Listen); err != nil {
		bad("listen", where, "%q is not host:port", c.Listen)
	} else if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		bad("listen", where, "port %q is not 0–65535", port)
	}
	origins, where := get("cors-origins")
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		u, err := url.Parse(o)
		if o != "*" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "") {
			bad("cors-origins", where, "%q is not an origin like https://map.example.org", o)
			continue
		}
		c.CORSOrigins = append(c.CORSOrigins, o)
	}
	size, where := get("max-body")
	if n, err := parseBytes(size); err != nil || n < 1024 {
		bad("max-body", where, "%q is not a size of at least 1KiB (e.g. 32MiB)", size)
	} else {
		c.MaxBodyBytes = n
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{"request-timeout", &c.RequestTimeout}, {"statement-timeout", &c.StatementTimeout}} {
		s, where := get(d.name)
		v, err := time.ParseDuration(s)
		if err != nil || v <= 0 || v > 24*time.Hour {
			bad(d.name, where, "%q is not a duration between 0 and 24h (e.g. 30s)", s)
		}
		*d.dst = v
	}
	conns, where := get("max-conns")
	if n, err := strconv.Atoi(conns); err != nil || n < 1 || n > 1000 {
		bad("max-conns", where, "%q is not a number 1–1000", conns)
	} else {
		c.MaxConns = n
	}
	level, where := get("log-level")
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		bad("log-level", where, "%q is not debug, info, warn or error", level)
	}
	c.LogFormat, where = get("log-format")
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log-format", where, "%q is not text or json", c.LogFormat)
	}
	errs = append(errs, c.Auth.build(get)...)
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid configuration:\n  %w", errors.Join(errs...))
	}
	return c, nil
}

// parseBytes parses a size such as 1048576, 512KiB, 32MiB, 1GiB, 10MB.
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}

func (c *config) logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
