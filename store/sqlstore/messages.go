package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const messageCols = `m.id, m.conversation_id, m.channel, m.account, m.direction, m.external_id, m.from_name,
	m.from_address, m.to_addrs, m.cc_addrs, m.subject, m.text, m.html, m.automated, m.sent_at, m.created_at,
	m.message_ref, m.delivery, m.delivery_error, m.author_id, m.automated_reason`

func scanMessage(r scanner) (*crm.Message, error) {
	m := &crm.Message{}
	err := r.Scan(&m.ID, &m.ConversationID, &m.Channel, &m.Account, &m.Direction, &m.ExternalID, &m.From.Name,
		&m.From.Address, jsonCol{&m.To}, jsonCol{&m.Cc}, &m.Subject, &m.Text, &m.HTML,
		&m.Automated, tm{&m.SentAt}, tm{&m.CreatedAt}, &m.MessageRef, &m.Delivery, &m.DeliveryError, nid{&m.AuthorID},
		&m.AutomatedReason)
	return m, err
}

// CreateMessage stores m with its raw bytes, links and attachments.
// ECONFLICT when its dedupe key (channel, account, external id) exists.
func (db *DB) CreateMessage(ctx context.Context, m *crm.Message, raw []byte) error {
	m.SentAt, m.CreatedAt = utc(m.SentAt), utc(m.CreatedAt)
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, insertMessageSQL, withoutID(messageArgs(m))...).Scan(&m.ID)
		if err != nil {
			return db.conflict(err, "create message", "This message is stored already.")
		}
		if len(raw) > 0 {
			if _, err := tx.ExecContext(ctx, insertRawSQL, m.ID, raw); err != nil {
				return db.wrap(err, "store raw message")
			}
		}
		if err := db.insertLinks(ctx, tx, m.ID, m.Links); err != nil {
			return err
		}
		return db.attachToMessage(ctx, tx, m)
	})
}

func (db *DB) insertLinks(ctx context.Context, tx *sql.Tx, messageID int64, links []crm.Link) error {
	for _, l := range links {
		_, err := tx.ExecContext(ctx, insertLinkSQL, messageID, l.Kind, l.TargetID, l.Rule, l.Value)
		if err != nil {
			return db.wrap(err, "link message")
		}
	}
	return nil
}

// attachToMessage stores the metadata of attachments not stored yet and ties
// each to the message.
func (db *DB) attachToMessage(ctx context.Context, tx *sql.Tx, m *crm.Message) error {
	for i := range m.Attachments {
		a := &m.Attachments[i]
		if a.ID == 0 {
			if err := db.CreateAttachment(ctx, a); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, attachSQL, a.ID, crm.RefMessage, m.ID)
		if err != nil {
			return db.wrap(err, "attach to message")
		}
	}
	return nil
}

// MessageByExternalID finds a message by its dedupe key. ENOTFOUND.
func (db *DB) MessageByExternalID(ctx context.Context, channel, account, externalID string) (m *crm.Message, err error) {
	err = db.view(ctx, func(q querier) error {
		m, err = scanMessage(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m
			WHERE m.channel = $1 AND m.account = $2 AND m.external_id = $3`, channel, account, externalID))
		if err != nil {
			return db.notFound(err, "Message", "message by external id")
		}
		return db.loadParts(ctx, q, []*crm.Message{m})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Messages returns a page of a conversation's messages, oldest first
// (after: the id to continue from). The conversation must be visible to v.
func (db *DB) Messages(ctx context.Context, v crm.Viewer, conversationID int64, pg crm.Page) (l crm.List[*crm.Message], err error) {
	if _, err := db.Conversation(ctx, v, conversationID); err != nil {
		return l, err
	}
	pg = pg.Clamp()
	err = db.view(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanMessage, `SELECT `+messageCols+` FROM messages m
			WHERE m.conversation_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3`, conversationID, pg.After, pg.Limit+1)
		if err != nil {
			return db.wrap(err, "list messages")
		}
		l = crm.NewList(items, pg.Limit, func(m *crm.Message) int64 { return m.ID })
		return db.loadParts(ctx, q, l.Items)
	})
	return l, err
}

// RawMessage returns the bytes a message arrived as. ENOTFOUND.
func (db *DB) RawMessage(ctx context.Context, messageID int64) (raw []byte, err error) {
	err = db.view(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, `SELECT raw FROM message_raw WHERE message_id = $1`, messageID).Scan(&raw)
		return db.notFound(err, "Raw message", "raw message")
	})
	return raw, err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
