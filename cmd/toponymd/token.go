package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/toponym/toponym/data"
)

const tokenUsage = `usage:
  toponymd token create -role viewer|surveyor|inspector|admin -name NAME [-party CODE] [-team TEAM] [-expires 90d|2027-01-01]
  toponymd token revoke ID|PREFIX
  toponymd token list

The store is PostGIS with -db or TOPONYM_DATABASE_URL, else the GeoPackage
of -gpkg or TOPONYM_GPKG (default toponym.gpkg). The secret is printed once,
by create; only its SHA-256 is stored.
`

// tokenCmd runs `toponymd token create|revoke|list`.
func tokenCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: token: give create, revoke or list\n%s", errUsage, tokenUsage)
	}
	sub, rest := args[0], args[1:]
	fs := flag.NewFlagSet("toponymd token "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "PostGIS database URL (default $TOPONYM_DATABASE_URL)")
	gpkgPath := fs.String("gpkg", "", "GeoPackage file when no database URL is set (default $TOPONYM_GPKG or toponym.gpkg)")
	var create tokenFlags
	if sub == "create" {
		create.register(fs)
	}
	if sub != "create" && sub != "revoke" && sub != "list" {
		return fmt.Errorf("%w: token: unknown subcommand %q\n%s", errUsage, sub, tokenUsage)
	}
	pos, err := parseInterspersed(fs, rest)
	if err != nil {
		return err
	}
	cfg := &config{DatabaseURL: cmp.Or(*db, getenv("TOPONYM_DATABASE_URL")),
		GPKGPath: cmp.Or(*gpkgPath, getenv("TOPONYM_GPKG"), "toponym.gpkg"), MaxConns: 2, StatementTimeout: 30 * time.Second}
	var tok *data.Token
	var secret string
	if sub == "create" {
		if tok, secret, err = create.token(time.Now()); err != nil {
			return err
		}
	}
	if want := map[string]int{"create": 0, "list": 0, "revoke": 1}[sub]; len(pos) != want {
		return fmt.Errorf("%w: token %s takes %d argument(s), got %q\n%s", errUsage, sub, want, pos, tokenUsage)
	}
	st, err := openStore(ctx, cfg, slog.New(slog.DiscardHandler), false)
	if err != nil {
		return err
	}
	defer st.Close()
	ts, ok := st.(data.TokenStore)
	if !ok {
		return fmt.Errorf("the store %T keeps no tokens", st)
	}
	ctx = data.WithPrincipal(ctx, cliPrincipal())
	switch sub {
	case "create":
		return createToken(ctx, ts, tok, secret, stdout)
	case "revoke":
		return revokeToken(ctx, ts, pos[0], stdout)
	}
	return listTokens(ctx, ts, stdout)
}

// tokenFlags are the flags of `token create`.
type tokenFlags struct {
	role, name, party, team, expires *string
}

func (f *tokenFlags) register(fs *flag.FlagSet) {
	f.role = fs.String("role", "", "role: viewer, surveyor, inspector or admin")
	f.name = fs.String("name", "", "who holds the token, e.g. 秀山县民政局 联检组")
	f.party = fs.String("party", "", "inspector: the division code of the party it acts for (e.g. 500241)")
	f.team = fs.String("team", "", "surveyor: the team it uploads for")
	f.expires = fs.String("expires", "", "expiry: a duration in days (90d) or hours (12h), or a date (2027-01-01); default never")
}

// token returns the token the flags describe, with a new secret.
func (f *tokenFlags) token(now time.Time) (*data.Token, string, error) {
	t := &data.Token{Name: strings.TrimSpace(*f.name), Role: data.Role(*f.role), Team: strings.TrimSpace(*f.team)}
	if *f.party != "" {
		code, err := data.ParseCode(*f.party)
		if err != nil {
			return nil, "", tokenFlagError("party", "%v", data.AsError(err).Message)
		}
		t.Party = code
	}
	exp, err := parseExpiry(*f.expires, now)
	if err != nil {
		return nil, "", err
	}
	t.Expires = exp
	secret, prefix, hash := data.NewTokenSecret()
	t.Prefix, t.Hash = prefix, hash
	if err := t.Validate(); err != nil {
		e := data.AsError(err)
		return nil, "", tokenFlagError(e.Field, "%s", e.Message)
	}
	return t, secret, nil
}

// parseExpiry parses -expires: "" (never), Nd, a Go duration, or a date.
func parseExpiry(s string, now time.Time) (time.Time, error) {
	switch {
	case s == "":
		return time.Time{}, nil
	case strings.HasSuffix(s, "d"):
		if n, err := strconv.Atoi(strings.TrimSuffix(s, "d")); err == nil && n > 0 && n <= 3650 {
			return now.AddDate(0, 0, n).UTC(), nil
		}
	default:
		if d, err := time.ParseDuration(s); err == nil && d > 0 {
			return now.Add(d).UTC(), nil
		}
		if t, err := time.Parse(time.DateOnly, s); err == nil && t.After(now) {
			return t, nil
		}
	}
	return time.Time{}, tokenFlagError("expires", "%q is not a future date (2027-01-01) or a duration (90d, 12h)", s)
}

// cliPrincipal is who the audit log names for CLI writes: the OS user.
func cliPrincipal() *data.Principal {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return &data.Principal{Subject: name, Name: name, Role: data.RoleAdmin, Via: data.ViaCLI}
}

func createToken(ctx context.Context, ts data.TokenStore, t *data.Token, secret string, stdout io.Writer) error {
	if err := ts.CreateToken(ctx, t); err != nil {
		return fmt.Errorf("create token: %w", err)
	}
	fmt.Fprintf(stdout, "token %s created: %s %s%s\n", t.ID, t.Role, t.Name, scopeText(t))
	fmt.Fprintf(stdout, "secret (shown once; keep it safe, send it as Authorization: Bearer <secret>):\n%s\n", secret)
	return nil
}

func revokeToken(ctx context.Context, ts data.TokenStore, ref string, stdout io.Writer) error {
	all, err := ts.ListTokens(ctx)
	if err != nil {
		return err
	}
	var match []*data.Token
	for _, t := range all {
		if t.ID == ref || t.Prefix == ref {
			match = append(match, t)
		}
	}
	switch len(match) {
	case 0:
		return fmt.Errorf("no token has ID or prefix %q", ref)
	case 1:
	default:
		return errors.New("more than one token has prefix " + ref + "; revoke by ID")
	}
	if err := ts.RevokeToken(ctx, match[0].ID, time.Now()); err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	fmt.Fprintf(stdout, "token %s (%s) revoked\n", match[0].ID, match[0].Prefix)
	return nil
}

func listTokens(ctx context.Context, ts data.TokenStore, stdout io.Writer) error {
	all, err := ts.ListTokens(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPREFIX\tROLE\tSCOPE\tNAME\tCREATED\tEXPIRES\tREVOKED")
	for _, t := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Prefix, t.Role, strings.TrimPrefix(scopeText(t), " "),
			t.Name, stamp(t.Created), stamp(t.Expires), stamp(t.Revoked))
	}
	return tw.Flush()
}

func scopeText(t *data.Token) string {
	switch {
	case t.Party != "":
		return " party=" + string(t.Party)
	case t.Team != "":
		return " team=" + t.Team
	}
	return ""
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02T15:04Z")
}

// tokenFlagError is a usage error about flag name.
func tokenFlagError(name, format string, args ...any) error {
	return fmt.Errorf("%w: token create: -%s: %s", errUsage, name, fmt.Sprintf(format, args...))
}
