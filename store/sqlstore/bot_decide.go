package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// BotInput reads the message and what its conversation's history says
// about the bot's place in it: two reads, on every inbound message.
func (db *DB) BotInput(ctx context.Context, messageID int64) (in *crm.BotInput, err error) {
	in = &crm.BotInput{}
	err = db.view(ctx, func(q querier) error {
		in.Message, err = scanMessage(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m WHERE m.id = $1`, messageID))
		if err != nil {
			return db.notFound(err, "Message", "bot message")
		}
		cid := in.Message.ConversationID
		var paused, colleague, review int
		err = q.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM users WHERE email = $3),
			(SELECT count(*) FROM messages WHERE conversation_id = $1 AND direction = 'in' AND id < $2),
			(SELECT max(created_at) FROM messages WHERE conversation_id = $1 AND direction = 'out' AND author_id IS NOT NULL),
			(SELECT max(decided_at) FROM bot_decisions WHERE conversation_id = $1 AND action = 'away'),
			(SELECT max(decided_at) FROM bot_decisions WHERE conversation_id = $1 AND action = 'handoff'
				AND (reason LIKE 'person: asked%' OR reason LIKE 'person: complaint%')),
			(SELECT count(*) FROM bot_paused WHERE conversation_id = $1),
			(SELECT count(*) FROM conversations WHERE id = $1 AND needs_review = $4)`, cid, messageID,
			strings.ToLower(in.Message.From.Address), true).
			Scan(&colleague, &in.PriorInbound, ntm{&in.LastRepAt}, ntm{&in.LastAwayAt}, ntm{&in.LastHandoffAt}, &paused, &review)
		in.Paused, in.FromColleague, in.NeedsReview = paused > 0, colleague > 0, review > 0
		return db.wrap(err, "bot history")
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// RecordBotDecision stores d and what it queues in one transaction; a
// message decided already (by a retry or another instance) changes nothing.
func (db *DB) RecordBotDecision(ctx context.Context, d *crm.BotDecision, m *crm.Message, o *crm.Outgoing) (bool, error) {
	done, err := db.RecordBotDecisions(ctx, []crm.BotRecord{{D: d, M: m, O: o}})
	if err != nil {
		return false, err
	}
	return done[0], nil
}

// RecordBotDecisions stores each decision and what it queues, all in one
// transaction.
func (db *DB) RecordBotDecisions(ctx context.Context, rs []crm.BotRecord) ([]bool, error) {
	done := make([]bool, len(rs))
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for i, r := range rs {
			ok, err := db.recordBotDecision(ctx, tx, r.D, r.M, r.O)
			if err != nil {
				return err
			}
			done[i] = ok
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}

func (db *DB) recordBotDecision(ctx context.Context, tx *sql.Tx, d *crm.BotDecision, m *crm.Message, o *crm.Outgoing) (bool, error) {
	d.DecidedAt = utc(d.DecidedAt)
	res, err := tx.ExecContext(ctx, `INSERT INTO bot_decisions (message_id, conversation_id, channel, account,
		action, reason, rule_id, faq_id, score, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (message_id) DO NOTHING`, d.MessageID, d.ConversationID, d.Channel, d.Account,
		d.Action, d.Reason, idArg(d.RuleID), idArg(d.FAQID), d.Score, d.DecidedAt)
	if err != nil {
		return false, db.wrap(err, "record bot decision")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if crm.IsUnsure(d.Action, d.Reason) {
		if err := db.recordUnanswered(ctx, tx, d); err != nil {
			return false, err
		}
	}
	if d.Action == crm.BotHandoff {
		// Waiting for a rep: a pending, snoozed or resolved conversation
		// comes back to the open list.
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = 'open', snoozed_until = NULL
			WHERE id = $1 AND status <> 'open'`, d.ConversationID); err != nil {
			return false, db.wrap(err, "hand off")
		}
		who, err := db.assignHandoff(ctx, tx, d)
		if err != nil {
			return false, err
		}
		if who != "" {
			d.Reason += "; " + who
			if _, err := tx.ExecContext(ctx, `UPDATE bot_decisions SET reason = $1 WHERE message_id = $2`,
				d.Reason, d.MessageID); err != nil {
				return false, db.wrap(err, "hand-off reason")
			}
		}
	}
	if m == nil {
		return true, nil
	}
	if err := db.QueueOutbound(ctx, m, o, m.CreatedAt); err != nil {
		return false, err
	}
	d.ReplyMessageID = &m.ID
	_, err = tx.ExecContext(ctx, `UPDATE bot_decisions SET reply_message_id = $1 WHERE message_id = $2`, m.ID, d.MessageID)
	return true, db.wrap(err, "record bot reply")
}

// UndecidedMessages lists recent inbound messages without a decision, of
// the channels the bot decides about (crm.BotChannels). It walks the newest
// ids only (the primary key), so it stays cheap however large the messages
// table grows.
func (db *DB) UndecidedMessages(ctx context.Context, since time.Time, limit int) (ids []int64, err error) {
	err = db.query(ctx, func(q querier) error {
		ids, err = queryAll(ctx, q, func(r scanner) (id int64, err error) { return id, r.Scan(&id) },
			`SELECT m.id FROM messages m
			WHERE m.id > (SELECT coalesce(max(id), 0) - 20000 FROM messages)
			  AND m.direction = 'in' AND m.created_at >= $1 AND m.channel IN (`+botChannelsSQL()+`)
			  AND NOT EXISTS (SELECT 1 FROM bot_decisions d WHERE d.message_id = m.id)
			ORDER BY m.id LIMIT $2`, utc(since), limit)
		return db.wrap(err, "undecided messages")
	})
	return ids, err
}

func scanBotDecision(r scanner) (*crm.BotDecision, error) {
	d := &crm.BotDecision{}
	err := r.Scan(&d.MessageID, &d.ConversationID, &d.Channel, &d.Account, &d.Action, &d.Reason,
		nid{&d.RuleID}, nid{&d.FAQID}, &d.Score, nid{&d.ReplyMessageID}, tm{&d.DecidedAt})
	return d, err
}

// BotDecisions lists a conversation's decisions, oldest first.
func (db *DB) BotDecisions(ctx context.Context, conversationID int64) (ds []*crm.BotDecision, err error) {
	err = db.query(ctx, func(q querier) error {
		ds, err = queryAll(ctx, q, scanBotDecision, `SELECT message_id, conversation_id, channel, account, action,
			reason, rule_id, faq_id, score, reply_message_id, decided_at FROM bot_decisions
			WHERE conversation_id = $1 ORDER BY decided_at, message_id`, conversationID)
		return db.wrap(err, "bot decisions")
	})
	return ds, err
}

// botChannelsSQL is crm.BotChannels as an SQL list (constants: no quotes
// inside to escape).
func botChannelsSQL() string { return "'" + strings.Join(crm.BotChannels(), "', '") + "'" }
