package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
)

const (
	auditCols      = `seq, at, actor, role, action, entity, entity_id, before, after, request_id`
	sqlInsertAudit = `INSERT INTO audit_log (at, actor, role, action, entity, entity_id, before, after, request_id)
VALUES (coalesce($1, clock_timestamp()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq, at`
	// sqlListAudit filters by each argument unless it is empty (NULL).
	sqlListAudit = `SELECT ` + auditCols + ` FROM audit_log
WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR entity = $2)
  AND ($3::text IS NULL OR entity_id = $3) AND ($4::text IS NULL OR action = $4)
  AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
  AND seq > $7
ORDER BY seq LIMIT $8`
)

// AppendAudit appends r to the audit log. On a Store bound to a
// transaction it writes in that transaction: the record commits with the
// write it records, or not at all.
func (s *Store) AppendAudit(ctx context.Context, r *data.AuditRecord) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlInsertAudit, tsArg(r.At), r.Actor, string(r.Role), r.Action, r.Entity,
			r.EntityID, r.Before, r.After, r.RequestID).Scan(&r.Seq, &r.At)
		r.At = r.At.UTC()
		return mapAuthError("append audit", err)
	})
}

// ListAudit returns the audit records q selects, oldest first.
func (s *Store) ListAudit(ctx context.Context, q data.AuditQuery) ([]*data.AuditRecord, error) {
	rows, err := s.q.Query(ctx, sqlListAudit, nullStr(q.Actor), nullStr(q.Entity), nullStr(q.EntityID),
		nullStr(q.Action), tsArg(q.From), tsArg(q.To), q.AfterSeq, q.Clamp())
	if err != nil {
		return nil, mapAuthError("list audit", err)
	}
	defer rows.Close()
	var out []*data.AuditRecord
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return nil, mapAuthError("list audit", err)
		}
		out = append(out, r)
	}
	return out, mapAuthError("list audit", rows.Err())
}

func scanAudit(row pgx.Row) (*data.AuditRecord, error) {
	var r data.AuditRecord
	if err := row.Scan(&r.Seq, &r.At, &r.Actor, &r.Role, &r.Action, &r.Entity, &r.EntityID, &r.Before, &r.After,
		&r.RequestID); err != nil {
		return nil, err
	}
	r.At = r.At.UTC()
	return &r, nil
}
