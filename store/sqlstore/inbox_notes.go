package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// AddNote stores a private note by v on a conversation v may see.
func (db *DB) AddNote(ctx context.Context, v crm.Viewer, n *crm.Note) error {
	n.Text = strings.TrimSpace(n.Text)
	p := crm.Problems{}
	p.Require("text", n.Text)
	p.MaxLen("text", n.Text, 10000)
	if err := p.Err(); err != nil {
		return err
	}
	n.AuthorID, n.CreatedAt = v.UserID, db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := db.Conversation(ctx, v, n.ConversationID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO conversation_notes (conversation_id, author_id, text, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, n.ConversationID, n.AuthorID, n.Text, n.CreatedAt).Scan(&n.ID)
		if err != nil {
			return db.wrap(err, "add note")
		}
		return tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, n.AuthorID).Scan(&n.AuthorName)
	})
}

// Notes returns a visible conversation's notes, oldest first.
func (db *DB) Notes(ctx context.Context, v crm.Viewer, conversationID int64) (ns []*crm.Note, err error) {
	err = db.view(ctx, func(q querier) error {
		if _, err := db.Conversation(ctx, v, conversationID); err != nil {
			return err
		}
		ns, err = queryAll(ctx, q, func(r scanner) (*crm.Note, error) {
			n := &crm.Note{}
			return n, r.Scan(&n.ID, &n.ConversationID, &n.AuthorID, &n.AuthorName, &n.Text, tm{&n.CreatedAt})
		}, `SELECT n.id, n.conversation_id, n.author_id, u.name, n.text, n.created_at FROM conversation_notes n
			JOIN users u ON u.id = n.author_id WHERE n.conversation_id = $1 ORDER BY n.id`, conversationID)
		return db.wrap(err, "notes")
	})
	return ns, err
}

// CannedReplies returns the saved answers, by title.
func (db *DB) CannedReplies(ctx context.Context) (cs []*crm.CannedReply, err error) {
	err = db.query(ctx, func(q querier) error {
		cs, err = queryAll(ctx, q, func(r scanner) (*crm.CannedReply, error) {
			c := &crm.CannedReply{}
			return c, r.Scan(&c.ID, &c.Title, &c.Text, nid{&c.CreatedBy}, tm{&c.CreatedAt})
		}, `SELECT id, title, text, created_by, created_at FROM canned_replies ORDER BY title, id`)
		return db.wrap(err, "canned replies")
	})
	return cs, err
}

// CreateCannedReply stores c and sets its ID.
func (db *DB) CreateCannedReply(ctx context.Context, c *crm.CannedReply) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.CreatedAt = db.now()
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO canned_replies (title, text, created_by, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, c.Title, c.Text, idArg(c.CreatedBy), c.CreatedAt).Scan(&c.ID)
		return db.wrap(err, "create canned reply")
	})
}

// DeleteCannedReply removes a canned reply.
func (db *DB) DeleteCannedReply(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM canned_replies WHERE id = $1`, id)
		if err != nil {
			return db.wrap(err, "delete canned reply")
		}
		return db.oneRow(res, "Canned reply", "delete canned reply")
	})
}

// MessageAttachment returns an attachment of a message in a conversation v
// may see: the download checks visibility through the conversation.
func (db *DB) MessageAttachment(ctx context.Context, v crm.Viewer, id int64) (a *crm.Attachment, err error) {
	w := &where{}
	w.and("a.id = " + w.arg(id))
	w.visible(v, "v.assignee_id")
	err = db.query(ctx, func(q querier) error {
		a, err = scanAttachment(q.QueryRowContext(ctx, `SELECT `+attachmentCols+` FROM attachments a
			JOIN attachment_refs x ON x.attachment_id = a.id AND x.kind = 'message'
			JOIN messages m ON m.id = x.ref_id JOIN conversations v ON v.id = m.conversation_id`+
			w.String()+` LIMIT 1`, w.args...))
		return db.notFound(err, "Attachment", "message attachment")
	})
	return a, err
}

// InboxMessage returns a message, with its parts, of a conversation v may see.
func (db *DB) InboxMessage(ctx context.Context, v crm.Viewer, id int64) (m *crm.Message, err error) {
	w := &where{}
	w.and("m.id = " + w.arg(id))
	w.visible(v, "v.assignee_id")
	err = db.view(ctx, func(q querier) error {
		m, err = scanMessage(q.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m
			JOIN conversations v ON v.id = m.conversation_id`+w.String(), w.args...))
		if err != nil {
			return db.notFound(err, "Message", "inbox message")
		}
		return db.loadParts(ctx, q, []*crm.Message{m})
	})
	return m, err
}
