package sqlstore

import "context"

type batchKey struct{}

// WithBatchTx is WithTx for bulk writes: the store methods called with
// fn's ctx join the transaction without a savepoint each (two round trips
// per write saved), so any error leaves the transaction unusable on
// PostgreSQL and must roll it back whole; the caller then redoes the work
// with WithTx, where each write is undone alone. The import runs each
// chunk of rows this way first.
func (db *DB) WithBatchTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return db.WithTx(context.WithValue(ctx, batchKey{}, true), fn)
}
