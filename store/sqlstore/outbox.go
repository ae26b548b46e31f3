package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// ReplyContext returns the conversation's latest inbound message and its
// thread references, oldest first. A conversation without inbound
// messages gives an empty context.
func (db *DB) ReplyContext(ctx context.Context, conversationID int64) (rc *crm.ReplyContext, err error) {
	rc = &crm.ReplyContext{}
	err = db.view(ctx, func(q querier) error {
		m, err := scanMessage(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m
			WHERE m.conversation_id = $1 AND m.direction = 'in' ORDER BY m.id DESC LIMIT 1`, conversationID))
		switch {
		case err == sql.ErrNoRows:
		case err != nil:
			return db.wrap(err, "last inbound message")
		default:
			rc.LastInbound = m
		}
		// The newest 20 references are plenty to thread on; a long thread's
		// full chain would only bloat the headers.
		refs, err := queryAll(ctx, q, scanString, `SELECT message_ref FROM messages
			WHERE conversation_id = $1 AND message_ref <> '' ORDER BY id DESC LIMIT 20`, conversationID)
		if err != nil {
			return db.wrap(err, "thread references")
		}
		for i := len(refs) - 1; i >= 0; i-- {
			rc.References = append(rc.References, refs[i])
		}
		return nil
	})
	return rc, err
}

func scanString(r scanner) (s string, err error) {
	err = r.Scan(&s)
	return s, err
}

// QueueOutbound stores m as a queued outbound message with o as its outbox
// entry, and moves the conversation's last message time.
func (db *DB) QueueOutbound(ctx context.Context, m *crm.Message, o *crm.Outgoing, due time.Time) error {
	m.CreatedAt, due = utc(m.CreatedAt), utc(due)
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.CreateMessage(ctx, m, nil); err != nil {
			return err
		}
		o.MessageID = m.ID
		to := ""
		if len(o.To) > 0 {
			to = o.To[0].Address
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox (message_id, conversation_id, channel, account, kind,
			to_address, payload, state, due_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $9, $9)`,
			m.ID, o.ConversationID, o.Channel, o.Account, o.Kind, to, jsonArg(o), due, m.CreatedAt)
		if err != nil {
			return db.wrap(err, "queue outbound")
		}
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET last_message_at = $1 WHERE id = $2`, m.CreatedAt, m.ConversationID)
		if err != nil || m.AuthorID == nil {
			return db.wrap(err, "touch conversation")
		}
		return db.touchReplied(ctx, tx, m.ConversationID, m.CreatedAt)
	})
}

// CountAutoSent counts automatic messages queued to address since a time.
func (db *DB) CountAutoSent(ctx context.Context, channel, address string, since time.Time) (n int, err error) {
	err = db.view(ctx, func(q querier) error {
		return db.wrap(q.QueryRowContext(ctx, `SELECT count(*) FROM outbox
			WHERE kind = 'auto' AND channel = $1 AND to_address = $2 AND created_at >= $3`,
			channel, address, utc(since)).Scan(&n), "count automatic answers")
	})
	return n, err
}

// NextOutboundDue returns when the earliest queued entry is due.
func (db *DB) NextOutboundDue(ctx context.Context) (due time.Time, err error) {
	err = db.view(ctx, func(q querier) error {
		var t *time.Time
		if err := q.QueryRowContext(ctx, `SELECT min(due_at) FROM outbox WHERE state = 'queued'`).Scan(ntm{&t}); err != nil {
			return db.wrap(err, "next outbound due")
		}
		if t != nil {
			due = *t
		}
		return nil
	})
	return due, err
}
