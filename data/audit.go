package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// AuditRecord is one entry of the append-only audit log: who wrote what,
// when, and the SHA-256 of the record before and after the write.
type AuditRecord struct {
	Seq       int64     // assigned by the log, increasing in insertion order
	At        time.Time // set by the writer when zero
	Actor     string    // Principal.Actor(): token:<id>, oidc:<sub>, cli:<name>, anonymous
	Role      Role      // the actor's role then; "" for anonymous
	Action    string    // AuditCreate, AuditUpdate, AuditAdd, AuditRevoke, AuditDelete
	Entity    string    // admin_unit, place, marker_check, …
	EntityID  string    // the record's ID (or its natural key where it has none)
	Before    string    // hex SHA-256 of the record before; "" when new
	After     string    // hex SHA-256 of the record after; for a delete, of what was removed
	RequestID string    // the HTTP request, if any
}

// Audit actions.
const (
	AuditCreate = "create" // a new record
	AuditUpdate = "update" // a record replaced
	AuditAdd    = "add"    // an entry added to a record's history or a round
	AuditRevoke = "revoke" // a token revoked
	AuditDelete = "delete" // a record removed
)

// Validate checks an audit record before it is appended.
func (r *AuditRecord) Validate() error {
	if r.Before != "" {
		if err := checkSHA256("before", r.Before); err != nil {
			return err
		}
	}
	if r.Role != "" && !r.Role.Valid() {
		return Invalidf("role", "role %q is unknown", r.Role)
	}
	return firstErr(required("actor", r.Actor), oneOf("action", r.Action, AuditCreate, AuditUpdate, AuditAdd, AuditRevoke, AuditDelete),
		required("entity", r.Entity), required("entity_id", r.EntityID), checkSHA256("after", r.After))
}

// AuditQuery selects audit records; zero fields do not filter. Records come
// oldest first, from AfterSeq on (exclusive), at most Limit (0 means
// DefaultLimit; at most MaxLimit).
type AuditQuery struct {
	Actor    string
	Entity   string
	EntityID string
	Action   string
	From, To time.Time // At within [From, To)
	AfterSeq int64
	Limit    int
}

// Clamp returns q's limit within the log's bounds.
func (q AuditQuery) Clamp() int {
	return Query{Limit: q.Limit}.clampLimit()
}

func (q Query) clampLimit() int {
	l, _ := q.Clamp()
	return l
}

// AuditLog is the append-only audit log. The PostGIS and GeoPackage stores
// implement it; on a Store bound to a transaction (inside Atomic),
// AppendAudit writes in that transaction, so an audit row commits exactly
// when the write it records does.
type AuditLog interface {
	// AppendAudit appends r, assigning Seq (and At when zero).
	AppendAudit(ctx context.Context, r *AuditRecord) error
	// ListAudit returns the records q selects.
	ListAudit(ctx context.Context, q AuditQuery) ([]*AuditRecord, error)
}

// RecordHash returns the hex SHA-256 of v's JSON encoding: the fingerprint
// of a record in the audit log. Struct fields encode in declaration order
// and map keys sorted, so equal records hash equal.
func RecordHash(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("data: hash record: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// NewAuditRecord returns the audit record of a write to entity id by the
// principal in ctx: the hashes of before (nil for a new record) and after.
func NewAuditRecord(ctx context.Context, action, entity, id string, before, after any) (*AuditRecord, error) {
	p := PrincipalFrom(ctx)
	r := &AuditRecord{Actor: p.Actor(), Action: action, Entity: entity, EntityID: id, RequestID: RequestIDFrom(ctx)}
	if p != nil {
		r.Role = p.Role
	}
	var err error
	if !isNil(before) {
		if r.Before, err = RecordHash(before); err != nil {
			return nil, err
		}
	}
	if r.After, err = RecordHash(after); err != nil {
		return nil, err
	}
	return r, nil
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
		return rv.IsNil()
	}
	return false
}
