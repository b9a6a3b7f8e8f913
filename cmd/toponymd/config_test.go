package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseConfigDefaults(t *testing.T) {
	c, err := parseConfig("serve", nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "" || c.GPKGPath != "toponym.gpkg" || c.Listen != "127.0.0.1:8080" ||
		c.MaxBodyBytes != 32<<20 || c.RequestTimeout != time.Minute || c.StatementTimeout != 30*time.Second {
		t.Errorf("defaults: %+v", c)
	}
}

func TestParseConfigPrecedence(t *testing.T) {
	env := map[string]string{"TOPONYM_LISTEN": "127.0.0.1:9000", "TOPONYM_MAX_BODY": "1MiB",
		"TOPONYM_CORS_ORIGINS": "https://a.example.org, http://127.0.0.1:5173"}
	c, err := parseConfig("serve", []string{"-listen", "127.0.0.1:9100"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:9100" {
		t.Errorf("flag should win over environment: %s", c.Listen)
	}
	if c.MaxBodyBytes != 1<<20 {
		t.Errorf("max body from environment: %d", c.MaxBodyBytes)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "http://127.0.0.1:5173" {
		t.Errorf("origins: %q", c.CORSOrigins)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{args: []string{"-listen", "nowhere"}, want: "listen (-listen)"},
		{args: []string{"-listen", "127.0.0.1:99999"}, want: "port"},
		{env: map[string]string{"TOPONYM_DATABASE_URL": "mysql://x"}, want: "db (TOPONYM_DATABASE_URL)"},
		{args: []string{"-cors-origins", "example.org"}, want: "cors-origins"},
		{args: []string{"-cors-origins", "https://a.org/path"}, want: "cors-origins"},
		{args: []string{"-max-body", "lots"}, want: "max-body"},
		{args: []string{"-max-body", "10"}, want: "at least 1KiB"},
		{args: []string{"-request-timeout", "-1s"}, want: "request-timeout"},
		{env: map[string]string{"TOPONYM_STATEMENT_TIMEOUT": "soon"}, want: "statement-timeout (TOPONYM_STATEMENT_TIMEOUT)"},
		{args: []string{"-max-conns", "0"}, want: "max-conns"},
		{args: []string{"-log-level", "loud"}, want: "log-level"},
		{args: []string{"-log-format", "xml"}, want: "log-format"},
		{args: []string{"extra"}, want: "unexpected argument"},
	}
	for _, tt := range tests {
		_, err := parseConfig("serve", tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("args %q env %v: error %v, want it to mention %q", tt.args, tt.env, err, tt.want)
		}
	}
	// Every problem is reported at once, not only the first.
	_, err := parseConfig("serve", []string{"-listen", "x", "-log-format", "xml"}, func(string) string { return "" }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "listen") || !strings.Contains(err.Error(), "log-format") {
		t.Errorf("want both errors, got %v", err)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"1024": 1024, "512KiB": 512 << 10, "32MiB": 32 << 20, "1GiB": 1 << 30, "10MB": 10e6} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.5MiB", "99999999999999999999", "9999999GiB"} {
		if _, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) accepted", in)
		}
	}
}
