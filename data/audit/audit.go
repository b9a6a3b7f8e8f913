// Package audit records every write to a data.Store in the store's
// append-only audit log (data.AuditLog): who (the data.Principal in the
// context), when, which entity and id, and the SHA-256 of the record
// before and after.
//
// Wrap returns a data.Store decorator. Each write runs in one transaction
// (a savepoint when the caller is already in one) together with its audit
// row, so a write that is acknowledged always has its audit row and an
// audit row always describes a write that landed. Reads pass through.
//
// The "after" hash is of the record as stored, read back in the same
// transaction where the store has a getter for it, so that the "before"
// hash of the next update of the record matches it.
package audit

import (
	"context"
	"fmt"

	"github.com/toponym/toponym/data"
)

// Store is the auditing decorator of a data.Store whose transactions
// (the Store that Atomic passes on) implement data.AuditLog, as the PostGIS
// and GeoPackage stores do.
type Store struct {
	data.Store // reads pass through; every write method is overridden below
}

var _ data.Store = (*Store)(nil)

// Wrap returns s with every write audited. s must implement data.AuditLog.
func Wrap(s data.Store) (*Store, error) {
	if _, ok := s.(data.AuditLog); !ok {
		return nil, fmt.Errorf("audit: store %T has no audit log", s)
	}
	return &Store{Store: s}, nil
}

// Unwrap returns the wrapped store, for the adapters' own extensions
// (the PostGIS pool of the tile source). Writes through it are not audited.
func (s *Store) Unwrap() data.Store { return s.Store }

// Log returns the audit log of the wrapped store.
func (s *Store) Log() data.AuditLog { return s.Store.(data.AuditLog) }

// Atomic runs fn in one transaction of the wrapped store, with the
// transaction's writes audited.
func (s *Store) Atomic(ctx context.Context, fn func(tx data.Store) error) error {
	return s.Store.Atomic(ctx, func(tx data.Store) error { return fn(&Store{Store: tx}) })
}

// write is one audited write: it runs do in a transaction (a savepoint
// inside one), then appends the audit record with the hashes of before
// (nil for a new record) and after, both read in the transaction.
type write struct {
	action, entity string
	id             func() string                    // the entity id, read after do (Create assigns it)
	before         func(tx data.Store) (any, error) // nil: no record before
	after          func(tx data.Store) (any, error)
	do             func(tx data.Store) error
}

func (s *Store) write(ctx context.Context, w write) error {
	return s.Store.Atomic(ctx, func(tx data.Store) error {
		log, ok := tx.(data.AuditLog)
		if !ok {
			return fmt.Errorf("audit: transaction %T has no audit log", tx)
		}
		var before any
		if w.before != nil {
			b, err := w.before(tx)
			if err != nil {
				return err
			}
			before = b
		}
		if err := w.do(tx); err != nil {
			return err
		}
		after, err := w.after(tx)
		if err != nil {
			return fmt.Errorf("audit: read back %s %s: %w", w.entity, w.id(), err)
		}
		r, err := data.NewAuditRecord(ctx, w.action, w.entity, w.id(), before, after)
		if err != nil {
			return err
		}
		return log.AppendAudit(ctx, r)
	})
}

// value returns a reader of v itself, for records the store has no getter
// for (their stored form is what was written).
func value[T any](v T) func(data.Store) (any, error) {
	return func(data.Store) (any, error) { return v, nil }
}

// getter returns a reader of the record id through get.
func getter[T any](ctx context.Context, id *string, get func(data.Store, context.Context, string) (T, error)) func(data.Store) (any, error) {
	return func(tx data.Store) (any, error) { return get(tx, ctx, *id) }
}

// create is the audited write of a new record.
func create[T any](s *Store, ctx context.Context, entity string, id *string, v T,
	get func(data.Store, context.Context, string) (T, error), do func(data.Store) error) error {
	after := value(v)
	if get != nil {
		after = getter(ctx, id, get)
	}
	return s.write(ctx, write{action: data.AuditCreate, entity: entity, id: func() string { return *id },
		after: after, do: do})
}

// update is the audited replacement of a record that has a getter.
func update[T any](s *Store, ctx context.Context, entity string, id *string,
	get func(data.Store, context.Context, string) (T, error), do func(data.Store) error) error {
	return s.write(ctx, write{action: data.AuditUpdate, entity: entity, id: func() string { return *id },
		before: getter(ctx, id, get), after: getter(ctx, id, get), do: do})
}

// add is the audited addition of an entry without a getter, keyed by key.
func add[T any](s *Store, ctx context.Context, entity string, key func() string, v T, do func(data.Store) error) error {
	return s.write(ctx, write{action: data.AuditAdd, entity: entity, id: key, after: value(v), do: do})
}
