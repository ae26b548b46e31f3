package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// querier is what the unexported helpers run their SQL on: a transaction,
// or (for single reads) a pool.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type txKey struct{}

// WithTx runs fn in one write transaction: every store method called with
// the ctx that fn receives joins it, and it commits only when fn returns
// nil. Nested calls reuse the outer transaction. (The ingest pipeline stores
// a message, its links and a new lead this way, all or nothing.)
func (db *DB) WithTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return db.withTx(ctx, func(ctx context.Context, _ *sql.Tx) error { return fn(ctx) })
}

// withTx runs fn in a new transaction that it commits when fn returns nil
// and rolls back otherwise. Inside an outer transaction it runs fn under a
// savepoint instead, so that a failed write is undone whole (no contact
// row without its identities) and, on PostgreSQL, does not abort the outer
// transaction: the caller may handle the error and go on.
func (db *DB) withTx(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		if ctx.Value(writeBehindKey{}) == nil && ctx.Value(batchKey{}) == nil {
			return db.savepoint(ctx, tx, fn)
		}
		if b := writeBehindOf(ctx); b != nil {
			if err := b.beforeWrite(ctx); err != nil {
				return err
			}
		}
		return fn(ctx, tx) // no savepoint: a failure rolls the batch back
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := fn(context.WithValue(ctx, txKey{}, tx), tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

// view runs fn on the transaction in ctx (so a read inside WithTx sees its
// writes), or else in a read transaction on the read pool, so that a record
// and its parts are read from one snapshot.
func (db *DB) view(ctx context.Context, fn func(q querier) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return inTx(ctx, tx, fn)
	}
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin read: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	return fn(tx)
}

func (db *DB) savepoint(ctx context.Context, tx *sql.Tx, fn func(ctx context.Context, tx *sql.Tx) error) error {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT rapport_sp"); err != nil {
		return fmt.Errorf("sqlstore: savepoint: %w", err)
	}
	if err := fn(ctx, tx); err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT rapport_sp"); rerr != nil {
			return fmt.Errorf("sqlstore: rollback to savepoint: %w (after %w)", rerr, err)
		}
		_, _ = tx.ExecContext(ctx, "RELEASE SAVEPOINT rapport_sp")
		return err
	}
	if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT rapport_sp"); err != nil {
		return fmt.Errorf("sqlstore: release savepoint: %w", err)
	}
	return nil
}

// query runs a single-statement read on the transaction in ctx, or straight
// on the read pool: one statement needs no snapshot, and skipping BEGIN and
// ROLLBACK saves two round trips on PostgreSQL.
func (db *DB) query(ctx context.Context, fn func(q querier) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return inTx(ctx, tx, fn)
	}
	return fn(db.read)
}

// inTx runs a read in tx, after an ingest batch's queued writes, which it
// must see.
func inTx(ctx context.Context, tx *sql.Tx, fn func(q querier) error) error {
	if b := writeBehindOf(ctx); b != nil {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	return fn(tx)
}
