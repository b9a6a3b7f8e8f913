package gpkg

import "context"

// ExecForTest runs one statement in a write transaction, as the store's
// own writes do, for tests that try what the store never does.
func ExecForTest(ctx context.Context, s *Store, stmt string) error {
	return s.atomic(ctx, func(t *Store) error {
		_, err := t.exec(ctx, stmt)
		return mapAuthError("test", err)
	})
}
