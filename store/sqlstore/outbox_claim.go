package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// ClaimOutbound leases up to limit due entries until leaseUntil and returns
// them. On PostgreSQL, SKIP LOCKED lets several instances claim at once
// without waiting on each other; SQLite has one writer anyway.
func (db *DB) ClaimOutbound(ctx context.Context, now, leaseUntil time.Time, limit int) (out []*crm.Outgoing, err error) {
	lock := ""
	if db.dialect.Name() == "postgres" {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	now, leaseUntil = utc(now), utc(leaseUntil)
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		out, err = queryAll(ctx, tx, scanOutgoing, `UPDATE outbox SET leased_until = $2, attempts = attempts + 1,
			updated_at = $1 WHERE message_id IN (SELECT message_id FROM outbox WHERE state = 'queued'
			AND due_at <= $1 AND (leased_until IS NULL OR leased_until <= $1) ORDER BY due_at LIMIT $3`+lock+`)
			RETURNING payload, attempts`, now, leaseUntil, limit)
		return db.wrap(err, "claim outbound")
	})
	return out, err
}

func scanOutgoing(r scanner) (*crm.Outgoing, error) {
	o := &crm.Outgoing{}
	err := r.Scan(jsonCol{o}, &o.Attempt)
	return o, err
}

// FinishOutbound records the outcome of an attempt on the outbox entry and
// its message. A sent message's reference joins its conversation's, so that
// the customer's answer threads back to it.
func (db *DB) FinishOutbound(ctx context.Context, o *crm.Outgoing, r crm.SendOutcome) error {
	return db.FinishOutbounds(ctx, []crm.Finished{{O: o, R: r}})
}

// FinishOutbounds records several attempts' outcomes in one transaction.
func (db *DB) FinishOutbounds(ctx context.Context, done []crm.Finished) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, f := range done {
			if err := db.finishOne(ctx, tx, f.O, f.R); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) finishOne(ctx context.Context, tx *sql.Tx, o *crm.Outgoing, r crm.SendOutcome) error {
	at := utc(r.At)
	var err error
	switch r.State {
	case crm.DeliverySent:
		_, err = tx.ExecContext(ctx, `UPDATE outbox SET state = 'sent', channel_ref = $2, last_error = '',
			leased_until = NULL, updated_at = $3 WHERE message_id = $1`, o.MessageID, r.ExternalID, at)
	case crm.DeliveryFailed:
		_, err = tx.ExecContext(ctx, `UPDATE outbox SET state = 'failed', last_error = $2,
			leased_until = NULL, updated_at = $3 WHERE message_id = $1`, o.MessageID, r.Reason, at)
	default:
		_, err = tx.ExecContext(ctx, `UPDATE outbox SET due_at = $2, last_error = $3,
			leased_until = NULL, updated_at = $4 WHERE message_id = $1`, o.MessageID, utc(r.RetryAt), r.Reason, at)
	}
	if err != nil {
		return db.wrap(err, "finish outbound")
	}
	_, err = tx.ExecContext(ctx, `UPDATE messages SET delivery = $2, delivery_error = $3,
		message_ref = CASE WHEN $4 <> '' THEN $4 ELSE message_ref END WHERE id = $1`,
		o.MessageID, r.State, r.Reason, r.MessageRef)
	if err != nil {
		return db.wrap(err, "set delivery")
	}
	if r.State != crm.DeliverySent || r.MessageRef == "" {
		return nil
	}
	return db.AddReferences(ctx, o.Channel, o.Account, o.ConversationID, []string{r.MessageRef})
}

// SentMessage finds the outbound message sent under a channel id (an
// email's Message-ID). ENOTFOUND.
func (db *DB) SentMessage(ctx context.Context, channel, account, channelRef string) (m *crm.Message, err error) {
	err = db.view(ctx, func(q querier) error {
		m, err = scanMessage(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM outbox o
			JOIN messages m ON m.id = o.message_id
			WHERE o.channel = $1 AND o.account = $2 AND o.channel_ref = $3 AND o.channel_ref <> ''`,
			channel, account, channelRef))
		return db.notFound(err, "Outbound message", "sent message by channel id")
	})
	return m, err
}

// SetDelivery sets the state of the outbound message the channel knows as
// externalID. ENOTFOUND.
func (db *DB) SetDelivery(ctx context.Context, channel, account, externalID, state, reason string) (m *crm.Message, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT message_id FROM outbox WHERE channel = $1 AND account = $2
			AND channel_ref = $3 AND channel_ref <> ''`, channel, account, externalID).Scan(&id)
		if err != nil {
			return db.notFound(err, "Outbound message", "outbound by channel id")
		}
		_, err = tx.ExecContext(ctx, `UPDATE messages SET delivery = $2, delivery_error = $3 WHERE id = $1`, id, state, reason)
		if err != nil {
			return db.wrap(err, "set delivery")
		}
		m, err = scanMessage(tx.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m WHERE m.id = $1`, id))
		return db.wrap(err, "read message")
	})
	return m, err
}
