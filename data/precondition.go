package data

import (
	"context"
	"time"
)

// ErrChanged is the error of a conditional write (IfUpdated) whose record
// has changed since it was read: nothing was written. It is a conflict;
// the API answers it 412 Precondition Failed.
var ErrChanged = &Error{Kind: KindConflict, Field: "If-Match",
	Message: "the record has changed since it was read: read it again and retry"}

type ifUpdatedKey struct{}

// IfUpdated returns ctx with a precondition for the replace or delete of a
// place or sign made with it (FeatureEditor and UpdatePlace): the write
// happens only if the record's Updated is still t, checked by the store in
// the write's own statement, so that it holds across processes; otherwise
// the write returns ErrChanged.
func IfUpdated(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, ifUpdatedKey{}, t)
}

// UpdatedPrecondition returns the precondition IfUpdated set on ctx.
func UpdatedPrecondition(ctx context.Context) (time.Time, bool) {
	t, ok := ctx.Value(ifUpdatedKey{}).(time.Time)
	return t, ok
}
