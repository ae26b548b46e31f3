package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

var (
	_ crm.IngestStore = (*DB)(nil)
	_ crm.IngestTx    = (*DB)(nil)
)

// batchKey marks an ingest batch's ctx: its writes need no savepoints,
// because any failure rolls the whole batch back (and crm.Ingester then
// retries each message alone). Savepoints were half of ingest's time.
type batchKey struct{}

// IngestBatch runs fn in one write transaction. The DB itself is the
// crm.IngestTx: its methods join the transaction through the ctx fn gets.
func (db *DB) IngestBatch(ctx context.Context, fn func(ctx context.Context, tx crm.IngestTx) error) error {
	return db.withTx(ctx, func(ctx context.Context, _ *sql.Tx) error {
		return fn(context.WithValue(ctx, batchKey{}, true), db)
	})
}

// SaveCursor stores an adapter's position.
func (db *DB) SaveCursor(ctx context.Context, c crm.Cursor) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO cursors (channel, account, name, value, updated_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel, account, name)
			DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			c.Channel, c.Account, c.Name, c.Value, db.now())
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
			_, err := tx.ExecContext(ctx, `INSERT INTO conversation_refs (channel, account, ref, conversation_id)
				VALUES ($1, $2, $3, $4) ON CONFLICT (channel, account, ref) DO NOTHING`, channel, account, r, conversationID)
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
