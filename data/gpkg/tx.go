package gpkg

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/toponym/toponym/data"
)

// txState is the state of one open transaction on the writer connection.
type txState struct {
	conn    *sql.Conn
	depth   int          // savepoints open inside it
	pending []pendingRef // references checked at commit
}

// pendingRef is a reference that may be satisfied later in the same
// transaction (a version's events, an event's versions), so it is checked
// at commit, as PostgreSQL checks a deferred foreign key.
type pendingRef struct {
	field, what, table, column, value string
}

// Atomic runs fn in one transaction and commits if fn returns nil. A nested
// call joins the outer transaction inside a savepoint: if the inner fn
// fails, its writes are undone and the outer transaction may go on.
func (s *Store) Atomic(ctx context.Context, fn func(tx data.Store) error) error {
	return s.atomic(ctx, func(t *Store) error { return fn(t) })
}

// atomic runs fn in a transaction (outermost) or a savepoint (nested).
// Every write method runs in it, so a write that fails half-way leaves
// nothing behind.
func (s *Store) atomic(ctx context.Context, fn func(t *Store) error) (err error) {
	if s.tx != nil {
		return s.savepoint(ctx, fn)
	}
	if err := s.lockWriter(ctx); err != nil {
		return err
	}
	defer func() { <-s.writer }()
	if _, err := s.wconn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return mapError("begin", err)
	}
	t := &Store{path: s.path, tx: &txState{conn: s.wconn}}
	defer func() {
		if p := recover(); p != nil {
			s.rollback(ctx)
			panic(p)
		}
		if err != nil {
			s.rollback(ctx)
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	if err := t.checkPending(ctx); err != nil {
		return err
	}
	if _, err := s.wconn.ExecContext(ctx, "COMMIT"); err != nil {
		return mapError("commit", err)
	}
	return nil
}

// lockWriter waits for the writer connection; the caller releases it with
// <-s.writer.
func (s *Store) lockWriter(ctx context.Context) error {
	select {
	case s.writer <- struct{}{}:
		return nil
	case <-ctx.Done():
		return &data.Error{Kind: data.KindUnavailable, Message: "gave up waiting for the writer", Err: ctx.Err()}
	}
}

func (s *Store) rollback(ctx context.Context) {
	// ROLLBACK fails harmlessly when SQLite already rolled back.
	_, _ = s.wconn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
}

func (s *Store) savepoint(ctx context.Context, fn func(t *Store) error) (err error) {
	s.tx.depth++
	name := fmt.Sprintf("sp%d", s.tx.depth)
	mark := len(s.tx.pending)
	defer func() { s.tx.depth-- }()
	if _, err := s.tx.conn.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return mapError("savepoint", err)
	}
	undo := func() {
		c := context.WithoutCancel(ctx)
		_, _ = s.tx.conn.ExecContext(c, "ROLLBACK TO "+name)
		_, _ = s.tx.conn.ExecContext(c, "RELEASE "+name)
		s.tx.pending = s.tx.pending[:mark]
	}
	defer func() {
		if p := recover(); p != nil {
			undo()
			panic(p)
		}
	}()
	if err := fn(s); err != nil {
		undo()
		return err
	}
	if _, err := s.tx.conn.ExecContext(ctx, "RELEASE "+name); err != nil {
		undo()
		return mapError("release", err)
	}
	return nil
}

// defer registers a reference to check at commit.
func (s *Store) deferRef(field, what, table, column, value string) {
	if value != "" {
		s.tx.pending = append(s.tx.pending, pendingRef{field, what, table, column, value})
	}
}

func (s *Store) checkPending(ctx context.Context) error {
	for _, r := range s.tx.pending {
		if err := s.mustExist(ctx, r.field, r.what, r.table, r.column, r.value); err != nil {
			return err
		}
	}
	return nil
}

// mustExist returns a KindInvalid error about field unless table has a row
// whose column equals value. Table and column are constants of this package.
func (s *Store) mustExist(ctx context.Context, field, what, table, column, value string) error {
	if value == "" {
		return nil
	}
	var one int
	err := s.queryRow(ctx, "SELECT 1 FROM "+table+" WHERE "+column+" = ? LIMIT 1", value).Scan(&one)
	if err == sql.ErrNoRows {
		return &data.Error{Kind: data.KindInvalid, Field: field, Value: value,
			Message: fmt.Sprintf("%s %q does not exist", what, value)}
	}
	return mapError("check "+field, err)
}

// exists reports whether table has a row with the given id.
func (s *Store) exists(ctx context.Context, table, id string) (bool, error) {
	var one int
	err := s.queryRow(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, mapError("exists", err)
}
