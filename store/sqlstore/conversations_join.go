package sqlstore

import (
	"context"
	"database/sql"
)

// joinSQL moves what belongs to conversation $2 into conversation $1;
// dropSQL then deletes $1, the emptied one (its review candidates and
// left-over labels go with it).
var joinSQL = []string{
	`UPDATE messages SET conversation_id = $1 WHERE conversation_id = $2`,
	`UPDATE conversation_refs SET conversation_id = $1 WHERE conversation_id = $2`,
	`UPDATE conversation_notes SET conversation_id = $1 WHERE conversation_id = $2`,
	`UPDATE outbox SET conversation_id = $1 WHERE conversation_id = $2`,
	`UPDATE sender_threads SET conversation_id = $1 WHERE conversation_id = $2`,
	`INSERT INTO conversation_labels (label, conversation_id)
		SELECT label, CAST($1 AS BIGINT) FROM conversation_labels WHERE conversation_id = $2
		ON CONFLICT DO NOTHING`,
}

const dropSQL = `DELETE FROM conversations WHERE id = $1`

// JoinConversations folds conversation from into into (every table that
// names a conversation is in joinSQL, or is cascaded by dropSQL on
// purpose): one thread that
// mail arriving out of order had split. The caller updates into's own
// fields. Inside an ingest batch it first writes the batch's queue.
func (db *DB) JoinConversations(ctx context.Context, into, from int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, q := range joinSQL {
			if _, err := tx.ExecContext(ctx, q, into, from); err != nil {
				return db.wrap(err, "join conversations")
			}
		}
		_, err := tx.ExecContext(ctx, dropSQL, from)
		return db.wrap(err, "join conversations")
	})
}

// JoinConversations in a batch: the store's, after the queue is written
// (withTx sees the batch) and what the batch read is dropped.
func (t *ingestTx) JoinConversations(ctx context.Context, into, from int64) error {
	return t.db.JoinConversations(ctx, into, from)
}
