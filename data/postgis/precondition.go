package postgis

import (
	"context"
	"fmt"
	"strings"

	"github.com/toponym/toponym/data"
)

// Conditional writes (data.IfUpdated): the statement that replaces or
// deletes a record carries the precondition on its updated column, so the
// check and the write are one step whatever other process writes too.

// unchanged returns stmt, an UPDATE or DELETE … WHERE id = $1 (with or
// without RETURNING), with the condition that updated is still $n when
// $n is not NULL.
func unchanged(stmt string, n int) string {
	cond := fmt.Sprintf(" AND ($%[1]d::timestamptz IS NULL OR updated = $%[1]d::timestamptz)", n)
	if i := strings.Index(stmt, "\nRETURNING"); i >= 0 {
		return stmt[:i] + cond + stmt[i:]
	}
	return stmt + cond
}

// preconditionArg is the argument of unchanged's condition: the time
// data.IfUpdated set on ctx, or nil for none.
func preconditionArg(ctx context.Context) any {
	if t, ok := data.UpdatedPrecondition(ctx); ok {
		return t
	}
	return nil
}

// missedWrite explains a conditional write that touched no row: the record
// changed (it still exists, under a precondition) or is not there.
func (s *Store) missedWrite(ctx context.Context, table, what, id string) error {
	if _, ok := data.UpdatedPrecondition(ctx); ok {
		var exists bool
		err := s.q.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM "+table+" WHERE id = $1::uuid)", id).Scan(&exists)
		if err != nil {
			return mapError(what, err)
		}
		if exists {
			return data.ErrChanged
		}
	}
	return data.NotFound(what, id)
}
