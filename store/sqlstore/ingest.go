package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

var (
	_ crm.IngestStore = (*DB)(nil)
	_ crm.IngestTx    = (*DB)(nil)
)

// WithIngestTx runs fn in one write transaction with a writeBehind queue
// in its ctx (see the package doc): on its own connection, so that
// PostgreSQL can pipeline the queued writes; inside an outer transaction,
// under a savepoint.
func (db *DB) WithIngestTx(ctx context.Context, fn func(ctx context.Context, tx crm.IngestTx) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		if b := writeBehindOf(ctx); b != nil {
			if err := b.beforeWrite(ctx); err != nil {
				return err
			}
		}
		return db.savepoint(ctx, tx, func(ctx context.Context, tx *sql.Tx) error {
			return db.runIngestTx(ctx, nil, tx, fn)
		})
	}
	return db.onConn(ctx, func(ctx context.Context, conn *sql.Conn, tx *sql.Tx) error {
		return db.runIngestTx(ctx, conn, tx, fn)
	})
}

// onConn runs fn in a write transaction begun on a connection of its own,
// for fn to send statements on in one go (Dialect.ExecAll); it commits when
// fn returns nil. fn's ctx carries the transaction, as WithTx's does.
func (db *DB) onConn(ctx context.Context, fn func(ctx context.Context, conn *sql.Conn, tx *sql.Tx) error) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: connect: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := fn(context.WithValue(ctx, txKey{}, tx), conn, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

func (db *DB) runIngestTx(ctx context.Context, conn *sql.Conn, tx *sql.Tx, fn func(ctx context.Context, tx crm.IngestTx) error) error {
	b := newWriteBehind(db, conn, tx)
	ctx = context.WithValue(context.WithValue(ctx, writeBehindKey{}, b), directKey{}, nil)
	if err := fn(ctx, &ingestTx{db: db, b: b}); err != nil {
		return err
	}
	return b.flush(ctx)
}

// SaveCursor stores an adapter's position.
func (db *DB) SaveCursor(ctx context.Context, c crm.Cursor) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, saveCursorSQL, c.Channel, c.Account, c.Name, c.Value, db.now())
		return db.wrap(err, "save cursor")
	})
}

// Cursor returns an adapter's saved position. ENOTFOUND before the first.
func (db *DB) Cursor(ctx context.Context, channel, account, name string) (c crm.Cursor, err error) {
	c = crm.Cursor{Channel: channel, Account: account, Name: name}
	err = db.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT value FROM cursors WHERE channel = $1 AND account = $2 AND name = $3`,
			channel, account, name).Scan(&c.Value)
		return db.notFound(err, "Cursor", "get cursor")
	})
	return c, err
}

// AddReferences records thread references leading to a conversation. A
// reference already leading elsewhere keeps its first conversation.
func (db *DB) AddReferences(ctx context.Context, channel, account string, conversationID int64, refs []string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, r := range dedupe(refs) {
			if r == "" || len(r) > 998 {
				continue
			}
			_, err := tx.ExecContext(ctx, addRefSQL, channel, account, r, conversationID)
			if err != nil {
				return db.wrap(err, "add reference")
			}
		}
		return nil
	})
}

// ConversationByReference finds the conversation a thread reference leads
// to. ENOTFOUND.
func (db *DB) ConversationByReference(ctx context.Context, channel, account, ref string) (id int64, err error) {
	err = db.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT conversation_id FROM conversation_refs
			WHERE channel = $1 AND account = $2 AND ref = $3`, channel, account, ref).Scan(&id)
		return db.notFound(err, "Conversation", "conversation by reference")
	})
	return id, err
}
