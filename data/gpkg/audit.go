package gpkg

import (
	"context"
	"time"

	"github.com/toponym/toponym/data"
)

const auditCols = `fid, at, actor, role, action, entity, entity_id, before, after, request_id`

// AppendAudit appends r to the audit log, in the transaction of a
// transaction-bound Store (the record commits with the write it records),
// else in a transaction of its own.
func (s *Store) AppendAudit(ctx context.Context, r *data.AuditRecord) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.At.IsZero() {
		r.At = now()
	}
	r.At = r.At.UTC().Truncate(time.Millisecond)
	return s.atomic(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `INSERT INTO audit_log (at, actor, role, action, entity, entity_id, before, after,
			request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, timeVal(r.At), r.Actor, string(r.Role), r.Action, r.Entity,
			r.EntityID, r.Before, r.After, r.RequestID)
		if err != nil {
			return mapAuthError("append audit", err)
		}
		r.Seq, err = res.LastInsertId()
		return mapAuthError("append audit", err)
	})
}

// ListAudit returns the audit records q selects, oldest first.
func (s *Store) ListAudit(ctx context.Context, q data.AuditQuery) ([]*data.AuditRecord, error) {
	rows, err := s.query(ctx, `SELECT `+auditCols+` FROM audit_log
		WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR entity_id = ?3)
		  AND (?4 IS NULL OR action = ?4) AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < ?6) AND fid > ?7
		ORDER BY fid LIMIT ?8`, strVal(q.Actor), strVal(q.Entity), strVal(q.EntityID), strVal(q.Action),
		timeVal(q.From), timeVal(q.To), q.AfterSeq, q.Clamp())
	if err != nil {
		return nil, mapAuthError("list audit", err)
	}
	defer rows.Close()
	var out []*data.AuditRecord
	for rows.Next() {
		var r data.AuditRecord
		if err := rows.Scan(&r.Seq, timeCol{&r.At}, &r.Actor, &r.Role, &r.Action, &r.Entity, &r.EntityID, &r.Before,
			&r.After, &r.RequestID); err != nil {
			return nil, mapAuthError("list audit", err)
		}
		out = append(out, &r)
	}
	return out, mapAuthError("list audit", rows.Err())
}
