package postgis

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/toponym/toponym/data"
)

var (
	_ data.TokenStore = (*Store)(nil)
	_ data.AuditLog   = (*Store)(nil)
)

const (
	tokenCols      = `id::text, name, role, party, team, prefix, hash, created, expires, revoked`
	sqlInsertToken = `INSERT INTO api_token (id, name, role, party, team, prefix, hash, created, expires)
VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, coalesce($8, now()), $9) RETURNING created`
	sqlTokenByHash = `SELECT ` + tokenCols + ` FROM api_token WHERE hash = $1`
	sqlTokenByID   = `SELECT ` + tokenCols + ` FROM api_token WHERE id = $1::uuid`
	sqlListTokens  = `SELECT ` + tokenCols + ` FROM api_token ORDER BY created, id`
	sqlRevokeToken = `UPDATE api_token SET revoked = coalesce(revoked, $2) WHERE id = $1::uuid
RETURNING ` + tokenCols
)

// authConstraints are the constraints of migration 0006, mapped as
// errors.go maps the others.
var authConstraints = map[string]constraintInfo{
	"api_token_pk":          {"id", "a token with this ID already exists"},
	"api_token_hash_uq":     {"hash", "a token with this secret already exists"},
	"api_token_name_ck":     {"name", "name is required"},
	"api_token_role_ck":     {"role", "role must be viewer, surveyor, inspector or admin"},
	"api_token_prefix_ck":   {"prefix", "token prefix is malformed"},
	"api_token_hash_ck":     {"hash", "hash must be 64 lower-case hex digits (SHA-256)"},
	"api_token_scope_ck":    {"party", "an inspector token needs a party and a surveyor token a team; no other role has either"},
	"audit_log_append_only": {"", "the audit log is append-only"},
}

// mapAuthError maps errors of the auth and audit tables: the append-only
// trigger to KindForbidden, known constraints to their fields, the rest as
// mapError does.
func mapAuthError(op string, err error) error {
	var pe *pgconn.PgError
	if err == nil || !errors.As(err, &pe) {
		return mapError(op, err)
	}
	info, ok := authConstraints[pe.ConstraintName]
	if !ok {
		return mapError(op, err)
	}
	e := data.AsError(mapPgError(pe, err))
	e.Field, e.Message = info.field, info.message
	if pe.ConstraintName == "audit_log_append_only" {
		e.Kind = data.KindForbidden
	}
	return e
}

func scanToken(row pgx.Row) (*data.Token, error) {
	var t data.Token
	var expires, revoked *time.Time
	if err := row.Scan(&t.ID, &t.Name, &t.Role, &t.Party, &t.Team, &t.Prefix, &t.Hash, &t.Created,
		&expires, &revoked); err != nil {
		return nil, err
	}
	t.Created, t.Expires, t.Revoked = t.Created.UTC(), ptrTime(expires), ptrTime(revoked)
	return &t, nil
}

// CreateToken stores t and appends its audit record in one transaction.
func (s *Store) CreateToken(ctx context.Context, t *data.Token) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&t.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(tx *Store) error {
		err := tx.q.QueryRow(ctx, sqlInsertToken, t.ID, t.Name, t.Role, t.Party, t.Team, t.Prefix, t.Hash,
			tsArg(t.Created), tsArg(t.Expires)).Scan(&t.Created)
		if err != nil {
			return mapAuthError("create token", err)
		}
		t.Created = t.Created.UTC()
		return tx.appendTokenAudit(ctx, data.AuditCreate, nil, t)
	})
}

// TokenByHash returns the token with the given hash.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*data.Token, error) {
	t, err := scanToken(s.q.QueryRow(ctx, sqlTokenByHash, hash))
	if errNoRows(err) {
		return nil, &data.Error{Kind: data.KindNotFound, Message: "no such token"}
	}
	return t, mapAuthError("token by hash", err)
}

// RevokeToken revokes token id at at and appends its audit record.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time) error {
	if !data.ValidID(id) {
		return data.Invalidf("id", "token id %q is not a UUID", id)
	}
	return s.atomic(ctx, func(tx *Store) error {
		before, err := scanToken(tx.q.QueryRow(ctx, sqlTokenByID, id))
		if errNoRows(err) {
			return data.NotFound("token", id)
		}
		if err != nil {
			return mapAuthError("revoke token", err)
		}
		after, err := scanToken(tx.q.QueryRow(ctx, sqlRevokeToken, id, at))
		if err != nil {
			return mapAuthError("revoke token", err)
		}
		return tx.appendTokenAudit(ctx, data.AuditRevoke, before, after)
	})
}

// ListTokens returns every token, oldest first.
func (s *Store) ListTokens(ctx context.Context) ([]*data.Token, error) {
	rows, err := s.q.Query(ctx, sqlListTokens)
	if err != nil {
		return nil, mapAuthError("list tokens", err)
	}
	defer rows.Close()
	var out []*data.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, mapAuthError("list tokens", err)
		}
		out = append(out, t)
	}
	return out, mapAuthError("list tokens", rows.Err())
}

// appendTokenAudit appends the audit record of a token write by the
// principal in ctx.
func (s *Store) appendTokenAudit(ctx context.Context, action string, before, after *data.Token) error {
	r, err := data.NewAuditRecord(ctx, action, "api_token", after.ID, before, after)
	if err != nil {
		return err
	}
	return s.AppendAudit(ctx, r)
}
