package sqlstore

import (
	"context"
	"database/sql"
)

type (
	batchKey     struct{}
	batchConnKey struct{} // the connection a WithBatchTx runs on
)

// WithBatchTx is WithTx for bulk writes: the store methods called with
// fn's ctx join the transaction without a savepoint each (two round trips
// per write saved), so any error leaves the transaction unusable on
// PostgreSQL and must roll it back whole; the caller then redoes the work
// with WithTx, where each write is undone alone. The import runs each
// chunk of rows this way first.
// It runs on a connection of its own, which the store's bulk writes
// (CreateImported) send their statements on all at once on PostgreSQL.
func (db *DB) WithBatchTx(ctx context.Context, fn func(ctx context.Context) error) error {
	ctx = context.WithValue(ctx, batchKey{}, true)
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return db.WithTx(ctx, fn)
	}
	return db.onConn(ctx, func(ctx context.Context, conn *sql.Conn, _ *sql.Tx) error {
		return fn(context.WithValue(ctx, batchConnKey{}, conn))
	})
}

// batchConn is the connection of the WithBatchTx that ctx is in, or nil.
func batchConn(ctx context.Context) *sql.Conn {
	c, _ := ctx.Value(batchConnKey{}).(*sql.Conn)
	return c
}
