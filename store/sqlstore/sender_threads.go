package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const (
	// lockSenderThreadSQL reads a thread through a no-op UPDATE: on
	// PostgreSQL that holds the row until the transaction ends, so another
	// instance's transaction on the same sender waits and then reads what
	// this one wrote (SQLite's one writer takes turns anyway).
	lockSenderThreadSQL = `UPDATE sender_threads SET updated_at = updated_at
		WHERE channel = $1 AND account = $2 AND sender = $3 RETURNING conversation_id, COALESCE(lead_id, 0)`
	// insertSenderThreadSQL has no ON CONFLICT: a sender's first thread
	// stored by another transaction makes this one fail (ECONFLICT), and
	// its retry joins that thread.
	insertSenderThreadSQL = `INSERT INTO sender_threads (channel, account, sender, conversation_id, lead_id, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)`
	updateSenderThreadSQL = `UPDATE sender_threads SET conversation_id = $4, lead_id = $5, updated_at = $6
		WHERE channel = $1 AND account = $2 AND sender = $3`
)

const senderThreadTaken = "This sender's conversation was just started by another writer."

var (
	_ crm.SenderThreadStore = (*DB)(nil)
	_ crm.SenderThreadStore = (*ingestTx)(nil)
)

// SenderThread returns the sender's thread, held until the transaction
// ends. ENOTFOUND.
func (db *DB) SenderThread(ctx context.Context, channel, account, sender string) (*crm.SenderThread, error) {
	t := &crm.SenderThread{Channel: channel, Account: account, Sender: sender}
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, lockSenderThreadSQL, channel, account, sender).Scan(&t.ConversationID, &t.LeadID)
		return db.notFound(err, "Sender thread", "sender thread")
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// SaveSenderThread stores a new thread (ECONFLICT when the sender has one)
// or the change to one.
func (db *DB) SaveSenderThread(ctx context.Context, t *crm.SenderThread, isNew bool) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if isNew {
			_, err := tx.ExecContext(ctx, insertSenderThreadSQL, senderThreadArgs(t, db.now())...)
			return db.conflict(err, "create sender thread", senderThreadTaken)
		}
		_, err := tx.ExecContext(ctx, updateSenderThreadSQL, senderThreadArgs(t, db.now())...)
		return db.wrap(err, "update sender thread")
	})
}

func senderThreadArgs(t *crm.SenderThread, now time.Time) []any {
	return []any{t.Channel, t.Account, t.Sender, t.ConversationID, idArg(optionalID(t.LeadID)), now}
}

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// SenderThread answers from the batch's overlay: a thread it read or
// queued; else it reads (and holds) the stored one.
func (t *ingestTx) SenderThread(ctx context.Context, channel, account, sender string) (*crm.SenderThread, error) {
	key := tripleKey{channel, account, sender}
	st, ok := t.b.threads[key]
	if !ok {
		var err error
		st, err = t.db.SenderThread(direct(ctx), channel, account, sender)
		if err != nil && !crm.IsNotFound(err) {
			return nil, err
		}
		t.b.threads[key] = st
	}
	if st == nil {
		return nil, crm.Errorf(crm.ENOTFOUND, "Sender thread not found.")
	}
	c := *st
	return &c, nil
}

// SaveSenderThread queues the write; the overlay answers later reads.
func (t *ingestTx) SaveSenderThread(ctx context.Context, st *crm.SenderThread, isNew bool) error {
	kind := threadUpdate
	if isNew {
		kind = threadRow
	}
	t.b.queue(kind, senderThreadArgs(st, t.db.now())...)
	c := *st
	t.b.threads[tripleKey{st.Channel, st.Account, st.Sender}] = &c
	return nil
}
