package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/toponym/toponym/data"
)

var (
	_ data.TokenStore = (*Store)(nil)
	_ data.AuditLog   = (*Store)(nil)
)

// authVersion is the schema version that adds tokens and the audit log;
// it carries the number of the PostGIS migration that does the same
// (migrations/0006_auth_and_audit.sql).
const authVersion = 6

// authTables are api_tokens (hashes of token secrets, never secrets) and
// audit_log, which triggers keep append-only.
var authTables = []table{
	{name: "api_tokens", identifier: "api_tokens", description: "API tokens: SHA-256 of each secret, its prefix, role and scope",
		columns: `id TEXT NOT NULL UNIQUE, name TEXT NOT NULL CONSTRAINT api_tokens_name_ck CHECK (trim(name) <> ''),
			role TEXT NOT NULL CONSTRAINT api_tokens_role_ck CHECK (role IN ('viewer', 'surveyor', 'inspector', 'admin')),
			party TEXT NOT NULL DEFAULT '', team TEXT NOT NULL DEFAULT '',
			prefix TEXT NOT NULL, hash TEXT NOT NULL UNIQUE CONSTRAINT api_tokens_hash_ck CHECK (length(hash) = 64),
			created DATETIME NOT NULL, expires DATETIME, revoked DATETIME`},
	{name: "audit_log", identifier: "audit_log", description: "append-only log of every write: who, when, what, SHA-256 before and after",
		columns: `at DATETIME NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL DEFAULT '',
			action TEXT NOT NULL CONSTRAINT audit_log_action_ck CHECK (action IN ('create', 'update', 'add', 'revoke', 'delete')),
			entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT NOT NULL DEFAULT '', after TEXT NOT NULL,
			request_id TEXT NOT NULL DEFAULT ''`,
		indexes: []string{`CREATE INDEX audit_log_entity_ix ON audit_log (entity, entity_id, fid)`,
			`CREATE INDEX audit_log_actor_ix ON audit_log (actor, fid)`,
			`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
			BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
			`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
			BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`}},
}

// authSchema returns the statements of schema version authVersion.
func authSchema() []string {
	var stmts []string
	for _, t := range authTables {
		stmts = append(stmts, t.create()...)
	}
	return stmts
}

// mapAuthError maps a trigger's RAISE(ABORT) (the append-only audit log)
// to KindForbidden, everything else as mapError does.
func mapAuthError(op string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_TRIGGER {
		return &data.Error{Kind: data.KindForbidden, Message: "the audit log is append-only", Err: err}
	}
	return mapError(op, err)
}

const tokenCols = `id, name, role, party, team, prefix, hash, created, expires, revoked`

func scanToken(row interface{ Scan(...any) error }) (*data.Token, error) {
	var t data.Token
	err := row.Scan(&t.ID, &t.Name, &t.Role, &t.Party, &t.Team, &t.Prefix, &t.Hash, timeCol{&t.Created},
		timeCol{&t.Expires}, timeCol{&t.Revoked})
	return &t, err
}

// CreateToken stores t and appends its audit record in one transaction.
func (s *Store) CreateToken(ctx context.Context, t *data.Token) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := data.EnsureID(&t.ID); err != nil {
		return err
	}
	if t.Created.IsZero() {
		t.Created = now()
	}
	t.Created = t.Created.UTC().Truncate(time.Millisecond)
	return s.atomic(ctx, func(tx *Store) error {
		_, err := tx.exec(ctx, `INSERT INTO api_tokens (`+tokenCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
			t.ID, t.Name, t.Role, t.Party, t.Team, t.Prefix, t.Hash, timeVal(t.Created), timeVal(t.Expires))
		if err != nil {
			return mapAuthError("create token", err)
		}
		return tx.appendTokenAudit(ctx, data.AuditCreate, nil, t)
	})
}

// TokenByHash returns the token with the given hash.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*data.Token, error) {
	t, err := scanToken(s.queryRow(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &data.Error{Kind: data.KindNotFound, Message: "no such token"}
	}
	if err != nil {
		return nil, mapAuthError("token by hash", err)
	}
	return t, nil
}

// RevokeToken revokes token id at at (keeping an earlier revocation) and
// appends its audit record.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time) error {
	return s.atomic(ctx, func(tx *Store) error {
		before, err := scanToken(tx.queryRow(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE id = ?`, id))
		if err != nil {
			return notFound(err, "token", id)
		}
		if _, err := tx.exec(ctx, `UPDATE api_tokens SET revoked = coalesce(revoked, ?) WHERE id = ?`,
			timeVal(at.UTC().Truncate(time.Millisecond)), id); err != nil {
			return mapAuthError("revoke token", err)
		}
		after, err := scanToken(tx.queryRow(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE id = ?`, id))
		if err != nil {
			return mapAuthError("revoke token", err)
		}
		return tx.appendTokenAudit(ctx, data.AuditRevoke, before, after)
	})
}

// ListTokens returns every token, oldest first.
func (s *Store) ListTokens(ctx context.Context) ([]*data.Token, error) {
	rows, err := s.query(ctx, `SELECT `+tokenCols+` FROM api_tokens ORDER BY created, fid`)
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

func (s *Store) appendTokenAudit(ctx context.Context, action string, before, after *data.Token) error {
	var b any
	if before != nil {
		b = before
	}
	r, err := data.NewAuditRecord(ctx, action, "api_token", after.ID, b, after)
	if err != nil {
		return err
	}
	return s.AppendAudit(ctx, r)
}
