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
	// The bot's decisions go with their messages: dropped with from, the
	// catch-up sweep would find its messages undecided and answer again.
	`UPDATE bot_decisions SET conversation_id = $1 WHERE conversation_id = $2`,
	`UPDATE satisfaction_surveys SET conversation_id = $1 WHERE conversation_id = $2`,
	// A rep's pause in either holds in the joined one.
	`INSERT INTO bot_paused (conversation_id, paused_by, paused_at)
		SELECT CAST($1 AS BIGINT), paused_by, paused_at FROM bot_paused WHERE conversation_id = $2
		ON CONFLICT DO NOTHING`,
	`INSERT INTO conversation_labels (label_id, conversation_id)
		SELECT label_id, CAST($1 AS BIGINT) FROM conversation_labels WHERE conversation_id = $2
		ON CONFLICT DO NOTHING`,
}

const dropSQL = `DELETE FROM conversations WHERE id = $1`

// foldSQL leaves the dropped id's forwarding address ($2 folded into $1),
// and moves on the addresses that named $2, so that each names a
// conversation that exists.
var foldSQL = []string{
	`UPDATE conversation_folds SET into_id = $1 WHERE into_id = $2`,
	`INSERT INTO conversation_folds (from_id, into_id, folded_at) VALUES ($2, $1, $3)
		ON CONFLICT (from_id) DO UPDATE SET into_id = excluded.into_id`,
}

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
		// The addresses naming from move on before it goes: its deletion
		// would cascade them away.
		if _, err := tx.ExecContext(ctx, foldSQL[0], into, from); err != nil {
			return db.wrap(err, "join conversations")
		}
		if _, err := tx.ExecContext(ctx, dropSQL, from); err != nil {
			return db.wrap(err, "join conversations")
		}
		_, err := tx.ExecContext(ctx, foldSQL[1], into, from, db.now())
		return db.wrap(err, "join conversations")
	})
}

// FoldedInto returns the conversation that id was folded into, or
// ENOTFOUND when id was never folded. It says nothing of whether the
// caller may see that one: ask Conversation.
func (db *DB) FoldedInto(ctx context.Context, id int64) (into int64, err error) {
	err = db.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT into_id FROM conversation_folds WHERE from_id = $1`, id).Scan(&into)
		return db.notFound(err, "Conversation", "folded conversation")
	})
	return into, err
}

// JoinConversations in a batch: the store's, after the queue is written
// (withTx sees the batch) and what the batch read is dropped.
func (t *ingestTx) JoinConversations(ctx context.Context, into, from int64) error {
	return t.db.JoinConversations(ctx, into, from)
}
